"""SPEC §0 accounts: login, lockout, sessions, roles, admin access, personal API tokens."""

import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import PRODUCTION_PASSWORD_HASHERS
from resurs.kernel.accounts.middleware import SEEN_KEY, SESSION_KEY
from resurs.kernel.accounts.models import ApiToken, Membership, SignInThrottle
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction, AuditEntry
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db
PASSWORD = "пароль-для-тестов-1"


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_is_russian_and_signs_in():
    membership = member(Role.PROVIDER)
    client = Client()
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Имя пользователя" in page and "Пароль" in page
    response = sign_in(client, membership.user.username)
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_PASSWORD_HASHERS
    membership = member(Role.PROVIDER)
    assert membership.user.password.startswith("argon2$")
    assert membership.user.check_password(PASSWORD)


def test_five_failures_lock_the_account_for_fifteen_minutes(caplog):
    membership = member(Role.PROVIDER)
    user = membership.user
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        response = sign_in(client, user.username, "неверный")
        assert "Неверное имя пользователя или пароль" in response.content.decode()
    locked = sign_in(client, user.username, "неверный")
    assert "приостановлен" in locked.content.decode()
    # Even the right password is refused while locked.
    refused = sign_in(client, user.username)
    assert refused.status_code == 200
    assert "приостановлен" in refused.content.decode()
    throttle = SignInThrottle.objects.get()
    assert throttle.locked_until - timezone.now() > timedelta(minutes=14)
    actions = list(
        AuditEntry.objects.for_object(user).values_list("action", flat=True).order_by("id")
    )
    assert actions.count(AuditAction.LOGIN_FAILED) == settings.LOGIN_FAILURE_LIMIT
    assert AuditAction.LOCKED in actions
    # The log names the account by id only: no login names or passwords.
    assert user.username not in caplog.text and "неверный" not in caplog.text
    # Fifteen minutes later the right password works again.
    SignInThrottle.objects.update(locked_until=timezone.now() - timedelta(seconds=1))
    assert sign_in(client, user.username).status_code == 302


def test_session_expires_after_idle_minutes_and_is_renewed_by_activity(login):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 30 * 60
    client = login(member(Role.PROVIDER))
    session = client.session
    session[SEEN_KEY] = int(time.time()) - 120
    session.save()
    client.get("/")
    renewed = client.session
    assert renewed[SEEN_KEY] >= int(time.time()) - 5
    assert renewed.get_expiry_age() == 30 * 60


def test_an_expired_session_sends_the_user_to_login(login):
    client = login(member(Role.PROVIDER))
    from django.contrib.sessions.models import Session

    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_user_switches_between_own_memberships_only(login):
    first = member(Role.PROVIDER)
    uszn = OrganisationFactory(kind="uszn", legal_form="government_body")
    second = Membership.objects.create(user=first.user, organisation=uszn, role=Role.USZN)
    foreign = member(Role.DEPARTMENT)
    client = login(first)
    assert "Поставщик" in client.get("/").content.decode()
    client.post(reverse("accounts:switch"), {"membership": second.pk, "next": "/"})
    assert client.session[SESSION_KEY] == second.pk
    assert "УСЗН" in client.get("/").content.decode()
    client.post(reverse("accounts:switch"), {"membership": foreign.pk, "next": "/"})
    assert client.session[SESSION_KEY] == second.pk
    unsafe = client.post(
        reverse("accounts:switch"), {"membership": first.pk, "next": "https://evil.example/"}
    )
    assert unsafe["Location"] == "/"


def test_password_change_in_russian(login):
    membership = member(Role.PROVIDER)
    client = login(membership)
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "Старый пароль" in page or "Текущий пароль" in page
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Новый-пароль-2026",
            "new_password2": "Новый-пароль-2026",
        },
    )
    assert response.status_code == 302
    membership.user.refresh_from_db()
    assert membership.user.check_password("Новый-пароль-2026")


def test_admin_is_only_for_the_administrator_role(login):
    administrator = member(Role.ADMINISTRATOR)
    assert login(administrator).get("/admin/").status_code == 200
    # Staff flags alone are not enough: the active role must be Администратор.
    department = member(Role.DEPARTMENT)
    department.user.is_staff = department.user.is_superuser = True
    department.user.save()
    response = login(department).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_edits_are_audited(login):
    administrator = member(Role.ADMINISTRATOR)
    organisation = OrganisationFactory(phone="")
    client = login(administrator)
    page = client.get(f"/admin/organisations/organisation/{organisation.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["directions"] = []
    data["phone"] = "+7 (3462) 00-00-00"
    data["is_active"] = "on"
    response = client.post(f"/admin/organisations/organisation/{organisation.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.for_object(organisation).get(action=AuditAction.UPDATE)
    assert entry.actor == administrator.user
    assert entry.changes["phone"] == ["", "+7 (3462) 00-00-00"]


def test_personal_token_is_shown_once_stored_hashed_and_revocable(login, client):
    membership = member(Role.DEPARTMENT)
    ui = login(membership)
    page = ui.post(
        reverse("accounts:tokens"), {"name": "Региональная система", "password": PASSWORD}
    ).content.decode()
    raw = re.search(r'id="new-token">([^<]+)<', page).group(1)
    token = ApiToken.objects.get()
    assert raw.startswith("rsr_")
    assert raw not in (token.key_hash, token.key_prefix)
    assert token.key_hash == ApiToken.hash_key(raw)
    assert raw not in ui.get(reverse("accounts:tokens")).content.decode()
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/organisations", headers=headers).status_code == 200
    ui.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert client.get("/api/v1/organisations", headers=headers).status_code == 401


def test_a_token_acts_in_its_own_role(client):
    from resurs.kernel.accounts.services import api_token_create

    provider = member(Role.PROVIDER)
    _token, raw = api_token_create(membership=provider, name="x")
    response = client.post(
        "/api/v1/directions",
        {"number": 10, "name": "Снижение бедности семей с детьми", "short_name": "Бедность"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403


def test_nobody_revokes_a_token_of_another_user(login):
    from resurs.kernel.accounts.services import api_token_create

    owner = member(Role.DEPARTMENT)
    token, _raw = api_token_create(membership=owner, name="x")
    stranger = login(member(Role.DEPARTMENT))
    assert stranger.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
