"""Home page attention items, directions, territories, RC statuses and the audit log pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.organisations.models import Direction, Territory
from resurs.kernel.organisations.regions import load_region
from tests.factories import OrganisationFactory, appointment, direction, member, rc_status

pytestmark = pytest.mark.django_db


def test_region_is_loaded_as_data():
    assert Territory.objects.filter(kind="city_okrug").count() == 13
    assert Territory.objects.filter(kind="municipal_district").count() == 9
    assert list(Direction.objects.values_list("number", flat=True)) == list(range(1, 10))
    # Loading again changes nothing.
    load_region("86")
    assert Territory.objects.count() == 22 and Direction.objects.count() == 9


def test_department_home_lists_rc_without_responsibles_and_expiring_status(login):
    department = member(Role.DEPARTMENT)
    centre = OrganisationFactory(short_name="Центр без руководителя")
    rc_status(centre, valid_to=timezone.localdate() + timedelta(days=30))
    page = login(department).get("/").content.decode()
    assert "Не назначены ответственные: Центр без руководителя" in page
    assert "Истекает статус ресурсного центра: Центр без руководителя" in page


def test_provider_home_asks_for_an_interaction_responsible_until_appointed(login):
    provider = member(Role.PROVIDER)
    client = login(provider)
    assert "Не назначен ответственный за взаимодействие" in client.get("/").content.decode()
    appointment(provider.organisation, valid_from=date(2024, 1, 1))
    page = client.get("/").content.decode()
    assert "Не назначен ответственный за взаимодействие" not in page
    assert "Сейчас ничего не требует вашего внимания" in page


def test_menu_differs_by_role(login):
    department_page = login(member(Role.DEPARTMENT)).get("/").content.decode()
    provider_page = login(member(Role.PROVIDER)).get("/").content.decode()
    assert "Журнал изменений" in department_page
    assert "Журнал изменений" not in provider_page
    assert "Территории" not in provider_page


def test_department_edits_a_direction_and_it_is_audited(login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    response = client.post(
        reverse("organisations:direction_create"),
        {
            "number": 10,
            "short_name": "Снижение бедности",
            "name": "Сокращение бедности семей с детьми",
            "source": "региональное решение",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("organisations:directions")).content.decode()
    assert "Снижение бедности" in page
    created = Direction.objects.get(number=10)
    assert AuditEntry.objects.for_object(created).get().actor == department.user


def test_provider_reads_directions_but_cannot_edit(login):
    client = login(member(Role.PROVIDER))
    assert client.get(reverse("organisations:directions")).status_code == 200
    assert client.get(reverse("organisations:direction_create")).status_code == 403
    assert client.get(reverse("organisations:territory_create")).status_code == 403


def test_territories_page_groups_the_region(login):
    page = login(member(Role.USZN)).get(reverse("organisations:territories")).content.decode()
    assert "Ханты-Мансийский автономный округ – Югра" in page
    assert "Пыть-Ях" in page and "муниципальный район" in page


def test_rc_status_list_shows_what_the_user_may_see(login):
    centre = OrganisationFactory(short_name="Центр ранней помощи")
    rc_status(centre, number=8, order_number="177-р")
    page = login(member(Role.PROVIDER)).get(reverse("organisations:rc_statuses")).content.decode()
    assert "Центр ранней помощи" in page and "177-р" in page
    assert direction(8).short_name in page


def test_audit_log_is_for_the_department_and_filters(login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    client.post(
        reverse("organisations:direction_create"),
        {"number": 11, "short_name": "Проверка журнала", "name": "Проверка", "is_active": "on"},
    )
    page = client.get(reverse("audit:list"), {"action": "create"}).content.decode()
    assert "Проверка журнала" in page
    assert (
        client.get(reverse("audit:list"), {"action": "delete"})
        .content.decode()
        .count("Проверка журнала")
        == 0
    )
    assert login(member(Role.PROVIDER)).get(reverse("audit:list")).status_code == 403
