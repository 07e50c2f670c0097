"""The one sign-in rule: every entrance that checks a password goes through this backend."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from resurs.kernel.accounts.models import User
from resurs.kernel.accounts.services import (
    SignInSuspended,
    signin_check_not_suspended,
    signin_failed,
    signin_source,
    signin_succeeded,
)


class LockoutBackend(ModelBackend):
    """§0: the main login, the admin login and the password check before issuing an API token
    all call ``authenticate()``, and this is the only backend (AUTHENTICATION_BACKENDS).

    A suspended (name, address) pair is refused before the password is looked at; a wrong
    password, for a real or an unknown name alike, counts towards the suspension.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        source = signin_source(request)
        try:
            signin_check_not_suspended(username=username, source=source)
        except SignInSuspended as exc:
            # PermissionDenied stops django.contrib.auth.authenticate() from trying further.
            raise PermissionDenied(str(exc)) from exc
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            signin_failed(username=username, source=source)
        else:
            signin_succeeded(username=username, source=source)
        return user
