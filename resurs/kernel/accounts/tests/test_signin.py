"""§0, issue 11 item 1: one sign-in rule for every entrance (main login, admin login, issuing
an API token), locking a name per source address, without telling which names exist."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from resurs.kernel.accounts.models import ApiToken, SignInThrottle
from resurs.kernel.accounts.roles import Role
from tests.factories import member

pytestmark = pytest.mark.django_db
PASSWORD = "пароль-для-тестов-1"
HOME = "203.0.113.10"
STRANGER = "198.51.100.66"


def client_from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def admin_sign_in(client, username, password=PASSWORD):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
    )


def errors_of(response) -> str:
    """The form's error text without the echoed username."""
    form = response.context["form"]
    return " ".join(str(e) for e in form.non_field_errors())


def test_ten_wrong_passwords_at_the_admin_login_then_the_right_one_open_no_admin_session():
    administrator = member(Role.ADMINISTRATOR)
    client = client_from(HOME)
    for _ in range(10):
        assert admin_sign_in(client, administrator.user.username, "неверный").status_code == 200
    response = admin_sign_in(client, administrator.user.username)
    assert response.status_code == 200
    assert "приостановлен" in errors_of(response)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_user_locked_at_the_main_login_cannot_sign_in_at_the_admin_login():
    administrator = member(Role.ADMINISTRATOR)
    client = client_from(HOME)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(client, administrator.user.username, "неверный")
    response = admin_sign_in(client, administrator.user.username)
    assert response.status_code == 200
    assert "приостановлен" in errors_of(response)
    assert "_auth_user_id" not in client.session


def test_admin_login_failures_count_towards_the_main_login_lockout():
    membership = member(Role.PROVIDER)
    client = client_from(HOME)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        admin_sign_in(client, membership.user.username, "неверный")
    response = sign_in(client, membership.user.username)
    assert response.status_code == 200
    assert "приостановлен" in errors_of(response)


def test_a_user_locked_at_the_main_login_cannot_issue_an_api_token():
    membership = member(Role.DEPARTMENT)
    # Signed in earlier (another tab, the same address); then the name gets locked.
    ui = client_from(HOME)
    assert sign_in(ui, membership.user.username).status_code == 302
    attacker = client_from(HOME)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(attacker, membership.user.username, "неверный")
    page = ui.post(reverse("accounts:tokens"), {"name": "Интеграция", "password": PASSWORD})
    assert page.status_code == 200
    assert "приостановлен" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_issuing_a_token_needs_the_password_and_wrong_ones_count_towards_the_lockout():
    membership = member(Role.DEPARTMENT)
    ui = client_from(HOME)
    sign_in(ui, membership.user.username)
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        page = ui.post(reverse("accounts:tokens"), {"name": "Интеграция", "password": "неверный"})
        assert "Неверный пароль" in page.content.decode()
    assert not ApiToken.objects.exists()
    ui.post(reverse("accounts:tokens"), {"name": "Интеграция", "password": "неверный"})
    response = sign_in(client_from(HOME), membership.user.username)
    assert "приостановлен" in errors_of(response)
    # From another address the owner issues the token as usual.
    other = client_from(STRANGER)
    sign_in(other, membership.user.username)
    page = other.post(reverse("accounts:tokens"), {"name": "Интеграция", "password": PASSWORD})
    assert re.search(r'id="new-token">rsr_', page.content.decode())


@pytest.mark.parametrize("entrance", [sign_in, admin_sign_in])
def test_an_unknown_name_gets_the_same_answers_as_a_known_one(entrance):
    known = member(Role.ADMINISTRATOR).user.username
    unknown = "никто-" + known
    answers = {}
    for username in (known, unknown):
        client = client_from(HOME)
        answers[username] = [
            errors_of(entrance(client, username, "неверный"))
            for _ in range(settings.LOGIN_FAILURE_LIMIT + 1)
        ]
    assert answers[known] == answers[unknown]
    assert "Неверное имя пользователя или пароль" in answers[known][0]
    assert "приостановлен" in answers[known][-1]
    # Both names are counted the same way: one row each, both suspended.
    assert SignInThrottle.objects.count() == 2
    assert all(throttle.is_locked() for throttle in SignInThrottle.objects.all())


def test_a_lockout_from_one_address_does_not_lock_the_owner_out_from_another():
    membership = member(Role.ADMINISTRATOR)
    stranger = client_from(STRANGER)
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 5):
        sign_in(stranger, membership.user.username, "неверный")
    assert "приостановлен" in errors_of(sign_in(stranger, membership.user.username))
    owner = client_from(HOME)
    assert sign_in(owner, membership.user.username).status_code == 302
    assert admin_sign_in(client_from(HOME), membership.user.username).status_code == 302


def test_a_right_password_ends_the_streak_of_failures():
    membership = member(Role.PROVIDER)
    client = client_from(HOME)
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, membership.user.username, "неверный")
    assert sign_in(client, membership.user.username).status_code == 302
    client.logout()
    sign_in(client, membership.user.username, "неверный")
    assert sign_in(client, membership.user.username).status_code == 302


def test_the_lockout_key_ignores_letter_case_and_stores_no_name():
    membership = member(Role.PROVIDER)
    client = client_from(HOME)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(client, membership.user.username.upper(), "неверный")
    assert "приостановлен" in errors_of(sign_in(client, membership.user.username))
    throttle = SignInThrottle.objects.get()
    assert membership.user.username not in throttle.username_hash
    assert throttle.source == HOME


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(settings):
    settings.LOGIN_SOURCE_FROM_PROXY = True
    membership = member(Role.PROVIDER)
    proxy = "10.0.0.1"
    # The client may put anything first in X-Forwarded-For; the proxy appends the real one.
    stranger = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"{HOME}, {STRANGER}")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(stranger, membership.user.username, "неверный")
    assert SignInThrottle.objects.get().source == STRANGER
    owner = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert sign_in(owner, membership.user.username).status_code == 302


def test_wrong_old_passwords_at_the_password_change_count_towards_the_lockout():
    membership = member(Role.PROVIDER)
    ui = client_from(HOME)
    sign_in(ui, membership.user.username)
    change = {"new_password1": "Новый-пароль-2026", "new_password2": "Новый-пароль-2026"}
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        page = ui.post(reverse("accounts:password_change"), {"old_password": "неверный", **change})
        assert page.status_code == 200
    page = ui.post(reverse("accounts:password_change"), {"old_password": PASSWORD, **change})
    assert "приостановлен" in page.content.decode()
    membership.user.refresh_from_db()
    assert membership.user.check_password(PASSWORD)


def test_an_ipv6_client_is_counted_by_its_64_network():
    membership = member(Role.PROVIDER)
    for host in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(client_from(f"2001:db8:5:7::{host + 1}"), membership.user.username, "неверный")
    refused = sign_in(client_from("2001:db8:5:7::ffff"), membership.user.username)
    assert "приостановлен" in errors_of(refused)
    assert SignInThrottle.objects.get().source == "2001:db8:5:7::/64"
    assert sign_in(client_from("2001:db8:5:8::1"), membership.user.username).status_code == 302


def test_the_administrator_finds_and_lifts_a_suspension_by_the_login_name(login):
    membership = member(Role.PROVIDER)
    stranger = client_from(STRANGER)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(stranger, membership.user.username, "неверный")
    admin = login(member(Role.ADMINISTRATOR))
    listing = admin.get(
        "/admin/accounts/signinthrottle/", {"q": membership.user.username}
    ).content.decode()
    assert STRANGER in listing
    assert (
        STRANGER
        not in admin.get("/admin/accounts/signinthrottle/", {"q": "другое-имя"}).content.decode()
    )
    throttle = SignInThrottle.objects.get()
    admin.post(f"/admin/accounts/signinthrottle/{throttle.pk}/delete/", {"post": "yes"})
    assert sign_in(client_from(STRANGER), membership.user.username).status_code == 302


def test_sign_in_and_password_forms_are_styled_like_the_other_forms(login):
    body = Client().get(reverse("accounts:login")).content.decode()
    for name in ("username", "password"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', body).group(0)
        assert 'class="form-control"' in tag, tag
    signed_in = login(member(Role.PROVIDER))
    for url in (reverse("accounts:password_change"), reverse("accounts:tokens")):
        page = signed_in.get(url).content.decode()
        tag = re.search(r'<input[^>]*type="password"[^>]*>', page).group(0)
        assert "form-control" in tag, (url, tag)
