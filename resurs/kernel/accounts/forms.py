from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm

from resurs.kernel.accounts.services import (
    AccountLocked,
    login_check_not_locked,
    login_failed,
    login_succeeded,
)


class LoginForm(AuthenticationForm):
    """Russian sign-in with lockout after repeated failures."""

    error_messages = {
        "invalid_login": "Неверное имя пользователя или пароль. Учтите регистр букв.",
        "inactive": "Учётная запись отключена.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Имя пользователя"
        self.fields["password"].label = "Пароль"

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            try:
                login_check_not_locked(username=username)
            except AccountLocked as exc:
                raise forms.ValidationError(str(exc), code="locked") from exc
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                login_failed(username=username)
                try:
                    login_check_not_locked(username=username)
                except AccountLocked as exc:
                    raise forms.ValidationError(str(exc), code="locked") from exc
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
            login_succeeded(user=self.user_cache)
        return self.cleaned_data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Назначение токена",
        max_length=120,
        help_text="Например: «Выгрузка в региональную систему учёта».",
    )
