from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from resurs.kernel.accounts.services import (
    SignInSuspended,
    signin_check_not_suspended,
    signin_source,
)
from resurs.kernel.ui.forms import StyledFormMixin

INVALID_LOGIN = "Неверное имя пользователя или пароль. Учтите регистр букв."


def suspension_error(request, username: str) -> forms.ValidationError | None:
    """The suspension message, if authenticate() refused because the pair is suspended."""
    try:
        signin_check_not_suspended(username=username, source=signin_source(request))
    except SignInSuspended as exc:
        return forms.ValidationError(str(exc), code="locked")
    return None


class SignInRule(AuthenticationForm):
    """Shared by the main and the admin login form: the password check itself is the
    authentication backend (accounts.backends.LockoutBackend); this shows its refusal."""

    def get_invalid_login_error(self):
        username = self.cleaned_data.get("username") or ""
        return suspension_error(self.request, username) or super().get_invalid_login_error()


class LoginForm(StyledFormMixin, SignInRule):
    """Russian sign-in with lockout after repeated failures."""

    error_messages = {
        "invalid_login": INVALID_LOGIN,
        "inactive": "Учётная запись отключена.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Имя пользователя"
        self.fields["password"].label = "Пароль"


class AdminLoginForm(SignInRule, AdminAuthenticationForm):
    """The admin site's login (admin.site.login_form): the same rule and the same messages."""

    error_messages = {
        # Also for a right password of someone who is not staff: nothing more is told.
        "invalid_login": INVALID_LOGIN,
        "inactive": "Учётная запись отключена.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Имя пользователя"
        self.fields["password"].label = "Пароль"


def confirm_password(request, password: str) -> None:
    """The signed-in user's own password, checked under the sign-in rule (a stolen session
    must not become an unthrottled way to guess it)."""
    username = request.user.get_username()
    if authenticate(request, username=username, password=password) is None:
        raise suspension_error(request, username) or forms.ValidationError(
            "Неверный пароль.", code="invalid_password"
        )


class SignInRulePasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    """The old password is checked like a sign-in: wrong ones count towards the lockout."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        confirm_password(self.request, old_password)
        return old_password


class ApiTokenForm(StyledFormMixin, forms.Form):
    """Issuing a token is an entrance too: the password is checked under the sign-in rule."""

    name = forms.CharField(
        label="Назначение токена",
        max_length=120,
        help_text="Например: «Выгрузка в региональную систему учёта».",
    )
    password = forms.CharField(
        label="Ваш пароль",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Токен действует как вы, поэтому его выпуск подтверждается паролем.",
    )

    def __init__(self, request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        confirm_password(self.request, password)
        return password
