"""Issue 11, item 6: two organisations created with one ИНН at once. Both writers pass the
duplicate check before either commits; the second one's save then meets the unique
constraint — it must be told «already in the directory» (the form again with the message,
API 422),
never a 500."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from resurs.kernel.organisations import selectors, services
from resurs.kernel.organisations.models import LegalForm, Organisation, OrganisationKind
from resurs.kernel.organisations.regions import load_region
from resurs.kernel.organisations.validators import complete_inn
from resurs.kernel.writes.errors import DomainError
from tests.factories import OrganisationFactory, member, territory

INN = complete_inn("860000777")
DUPLICATE = f"Организация с ИНН {INN} уже есть в справочнике"


def _fields(name: str) -> dict:
    return {
        "name": name,
        "kind": OrganisationKind.STATE_INSTITUTION,
        "legal_form": LegalForm.BUDGET,
        "territory": territory("Сургут"),
        "inn": INN,
    }


@pytest.fixture
def twin_after_the_check(monkeypatch):
    """Another writer's twin is saved just after this writer's last duplicate check (the
    service's) found nothing; the form's own checks, earlier still, found nothing either."""
    real = services._check_unique_inn

    def racing(organisation):
        real(organisation)
        OrganisationFactory(name="БУ «Первый»", inn=INN)

    monkeypatch.setattr(services, "_check_unique_inn", racing)


@pytest.mark.django_db
def test_a_twin_saved_after_the_check_is_told_as_a_duplicate(twin_after_the_check):
    department = member(Role.DEPARTMENT)
    with pytest.raises(DomainError, match=DUPLICATE):
        services.organisation_create(by=department, **_fields("БУ «Второй»"))
    # (the emulated twin was saved inside the refused write and rolled back with it)
    assert not Organisation.objects.filter(name="БУ «Второй»").exists()


@pytest.mark.django_db
def test_through_the_api_the_race_is_422_in_russian(twin_after_the_check, client):
    department = member(Role.DEPARTMENT)
    raw = api_token_create(membership=department, name="проверка")[1]
    response = client.post(
        "/api/v1/organisations",
        {
            "name": "БУ «Второй»",
            "kind": OrganisationKind.STATE_INSTITUTION,
            "legal_form": LegalForm.BUDGET,
            "territory_id": territory("Сургут").pk,
            "inn": INN,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith(DUPLICATE)
    assert not Organisation.objects.filter(name="БУ «Второй»").exists()


@pytest.mark.django_db
def test_in_the_form_the_race_is_the_duplicate_message(twin_after_the_check, login):
    department = member(Role.DEPARTMENT)
    response = login(department).post(
        reverse("organisations:create"),
        {
            "name": "БУ «Второй»",
            "kind": OrganisationKind.STATE_INSTITUTION,
            "legal_form": LegalForm.BUDGET,
            "sector": "social",
            "territory": territory("Сургут").pk,
            "inn": INN,
            "is_active": "on",
        },
    )
    assert response.status_code == 400, response.context["form"].errors  # the form again
    assert DUPLICATE in str(response.context["form"].errors), response.context["form"].errors
    assert not Organisation.objects.filter(name="БУ «Второй»").exists()


@pytest.mark.django_db(transaction=True)
def test_two_creations_with_one_inn_at_once_save_one_and_tell_the_other():
    """On PostgreSQL, two real transactions: the first has saved and not committed; the
    second checks (nothing committed yet), saves, waits on the unique index and fails when
    the first commits. SQLite has one writer at a time: there the second save meets the
    committed twin through the same path, the check having run before it."""
    load_region("86")  # an earlier transactional test may have flushed the region
    department = member(Role.DEPARTMENT)
    if connection.vendor != "postgresql":
        real = selectors.organisation_with_inn
        selectors.organisation_with_inn = lambda inn, exclude_pk=None: None
        try:
            services.organisation_create(by=department, **_fields("БУ «Первый»"))
        finally:
            selectors.organisation_with_inn = real
        with pytest.raises(DomainError, match=DUPLICATE):
            _create_after_a_check_that_saw_nothing(department)
    else:
        saved, commit = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def first():
            try:
                with transaction.atomic():
                    services.organisation_create(by=department, **_fields("БУ «Первый»"))
                    saved.set()
                    commit.wait(timeout=30)
            except BaseException as exc:  # noqa: BLE001 -- handed to the test's thread
                errors.append(exc)
            finally:
                connections.close_all()

        writer = threading.Thread(target=first)
        writer.start()
        assert saved.wait(timeout=30)
        threading.Thread(target=lambda: (time.sleep(0.5), commit.set())).start()
        with pytest.raises(DomainError, match=DUPLICATE):
            services.organisation_create(by=department, **_fields("БУ «Второй»"))
        writer.join(timeout=30)
        assert errors == []
    assert list(Organisation.objects.filter(inn=INN).values_list("name", flat=True)) == [
        "БУ «Первый»"
    ]


def _create_after_a_check_that_saw_nothing(department):
    real = selectors.organisation_with_inn
    calls = []

    def racing(inn, exclude_pk=None):
        calls.append(inn)
        return None if len(calls) == 1 else real(inn, exclude_pk=exclude_pk)

    selectors.organisation_with_inn = racing
    try:
        services.organisation_create(by=department, **_fields("БУ «Второй»"))
    finally:
        selectors.organisation_with_inn = real
