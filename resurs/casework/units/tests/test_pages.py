"""The pages of units and districts: forms write through the services, the head's page
«Участки отделения» shows what needs action with a fixed number of queries, the home page
lists a district outside its norm and an outdated passport."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.casework.conftest import make_person
from resurs.casework.units import services
from resurs.casework.units.models import DistrictKind, SocialDistrict, UnitKind
from resurs.kernel.organisations.models import Territory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _district(world, number, population):
    return SocialDistrict.objects.create(
        unit=world.a.support,
        name=f"Участок № {number}",
        territory=Territory.objects.get(name="Пыть-Ях"),
        kind=DistrictKind.URBAN_OKRUG,
        population=population,
        population_as_of=datetime.date(2026, 1, 1),
    )


def _open_case(world, specialist, number):
    from django.apps import apps

    case_model = apps.get_model("cases", "Case")
    person = make_person(
        world.a.support, world.a.districts[0], specialist.user, last_name=f"Иванова{number}"
    )
    return case_model.all_records.create(
        organisation=world.a.organisation,
        unit=world.a.support,
        district=world.a.districts[0],
        specialist=specialist.user,
        year=2026,
        number=number,
        person=person,
        problem="Задолженность по оплате жилья",
        detected_on=timezone.localdate(),
    )


def test_the_provider_adds_a_unit_and_the_head_a_district_through_the_forms(casework, login):
    provider = login(casework.provider)
    response = provider.post(
        reverse("units:create"),
        {
            "kind": UnitKind.objects.get(code="minors").pk,
            "name": "Отделение для несовершеннолетних",
            "daily_capacity": 20,
            "caseload_limit": 30,
        },
    )
    assert response.status_code == 302
    head = login(casework.head)
    response = head.post(
        reverse("units:district_create", args=[casework.a.support.pk]),
        {
            "name": "Участок № 3",
            "territory": Territory.objects.get(name="Пыть-Ях").pk,
            "kind": DistrictKind.URBAN_OKRUG,
            "population": 7450,
            "population_as_of": "2026-01-01",
        },
    )
    assert response.status_code == 302
    page = head.get(response["Location"]).content.decode()
    assert "выше норматива" in page and "норматив 5\u00a0000–7\u00a0000 чел." in page
    # the same name again: the error is on the form, nothing is lost
    again = head.post(
        reverse("units:district_create", args=[casework.a.support.pk]),
        {
            "name": "Участок № 3",
            "territory": Territory.objects.get(name="Пыть-Ях").pk,
            "kind": DistrictKind.URBAN_OKRUG,
            "population": 7450,
            "population_as_of": "2026-01-01",
        },
    )
    assert again.status_code == 400


def _overloaded(response) -> dict:
    return {row.membership_id: row.open_cases for row in response.context["board"].overloaded}


def test_the_head_page_shows_districts_passports_and_caseload(
    casework, login, django_assert_max_num_queries
):
    today = timezone.localdate()
    services.passport_create(
        by=casework.head,
        district=casework.a.districts[0],
        compiled_on=today - 30 * DAY,
        infrastructure="Школа",
    )
    _district(casework, 3, 7450)
    services.unit_update(
        by=casework.head, unit=casework.a.support, expected_version=1, caseload_limit=1
    )
    for number in (1, 2):
        _open_case(casework, casework.specialist, number)
    head = login(casework.head)
    head.get(reverse("units:board"))  # warm the session and the menu
    with django_assert_max_num_queries(16) as captured:
        response = head.get(reverse("units:board"))
    few = len(captured)
    page = response.content.decode()
    assert "Участок № 3" in page and "выше норматива" in page
    assert "паспорта нет" in page  # districts 2 and 3
    assert "Нагрузка специалистов выше установленной" in page
    # two open cases, the limit is one
    assert _overloaded(response) == {casework.specialist.pk: 2}

    for number in range(4, 10):
        _district(casework, number, 4000)
    for number in range(3, 12):
        _open_case(casework, casework.specialist2, number)
    with django_assert_max_num_queries(few):
        response = head.get(reverse("units:board"))
    assert _overloaded(response) == {casework.specialist.pk: 2, casework.specialist2.pk: 9}
    assert "Участок № 9" in response.content.decode()


def test_the_head_page_counts_only_cases_the_head_sees(casework, login):
    services.unit_update(
        by=casework.head, unit=casework.a.support, expected_version=1, caseload_limit=0
    )
    _open_case(casework, casework.specialist, 1)
    assert _overloaded(login(casework.head).get(reverse("units:board"))) == {
        casework.specialist.pk: 1
    }
    # a case of district 1 is not counted for the other district's specialist, who cannot see it
    from resurs.casework.units import selectors

    rows = selectors.open_caseload(casework.specialist2, [casework.a.support])
    assert {row.membership_id: row.open_cases for row in rows}[casework.specialist.pk] == 0


def test_the_board_is_for_heads_and_providers(casework, login):
    assert login(casework.specialist).get(reverse("units:board")).status_code == 403
    assert login(casework.provider).get(reverse("units:board")).status_code == 200


def test_the_head_sees_the_districts_needing_action_on_the_home_page(casework, login):
    _district(casework, 3, 7450)
    page = login(casework.head).get(reverse("home")).content.decode()
    assert "Участок № 3: численность выше норматива" in page
    assert "паспорт участка не составлен" in page
    other = login(casework.other_head).get(reverse("home")).content.decode()
    assert "Участок № 3: численность" not in other


@pytest.mark.parametrize("url_name", ["units:list", "units:districts"])
def test_list_pages_keep_their_query_count(
    casework, login, django_assert_max_num_queries, url_name
):
    browser = login(casework.uszn)
    browser.get(reverse(url_name))
    with django_assert_max_num_queries(14) as captured:
        browser.get(reverse(url_name))
    few = len(captured)
    for number in range(3, 15):
        _district(casework, number, 6000)
    with django_assert_max_num_queries(few):
        assert browser.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/units", "/api/v1/units/districts"])
def test_api_lists_keep_their_query_count(
    casework, client, bearer, django_assert_max_num_queries, url
):
    headers = bearer(casework.uszn)
    client.get(url, headers=headers)
    with django_assert_max_num_queries(12) as captured:
        first = client.get(url, headers=headers).json()
    few = len(captured)
    for number in range(3, 15):
        _district(casework, number, 8000)
    with django_assert_max_num_queries(few):
        body = client.get(url, headers=headers).json()
    assert body["count"] >= first["count"]
    if url.endswith("districts"):
        above = [item for item in body["items"] if item["population"] == 8000]
        assert above and all(item["norm"]["status"] == "above" for item in above)
        assert all(item["passport_outdated"] for item in above)


def test_the_head_assigns_ends_and_adds_a_passport_through_the_forms(casework, login):
    from resurs.casework.units.models import DistrictAssignment, DistrictPassport

    head = login(casework.head)
    district = casework.a.districts[1]
    today = timezone.localdate().isoformat()
    response = head.post(
        reverse("units:assign", args=[district.pk]),
        {"membership": casework.specialist.pk, "starts_on": today},
    )
    assert response.status_code == 302
    row = DistrictAssignment.objects.get(district=district, membership=casework.specialist)
    response = head.post(reverse("units:assignment_end", args=[row.pk]), {"ends_on": today})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.ends_on == timezone.localdate()
    response = head.post(
        reverse("units:passport_create", args=[district.pk]),
        {
            "compiled_on": today,
            "infrastructure": "Школа № 4, детский сад «Солнышко»",
            "partners": [casework.uszn.organisation_id],
        },
    )
    assert response.status_code == 302
    passport = DistrictPassport.objects.get(district=district)
    assert list(passport.partners.all()) == [casework.uszn.organisation]
    page = head.get(reverse("units:district", args=[district.pk])).content.decode()
    assert "Редакция 1" in page and "устарел" not in page
    # a partner outside the directory the head sees is not offered
    refused = head.post(
        reverse("units:passport_create", args=[district.pk]),
        {"compiled_on": today, "infrastructure": "Школа", "partners": [casework.b.organisation.pk]},
    )
    assert refused.status_code == 400


def test_the_provider_adds_and_ends_a_staff_place_through_the_forms(casework, login):
    from resurs.casework.units.models import UnitStaff
    from resurs.kernel.accounts.roles import Role
    from tests.factories import member

    newcomer = member(Role.SPECIALIST, casework.a.organisation)
    provider = login(casework.provider)
    today = timezone.localdate().isoformat()
    response = provider.post(
        reverse("units:staff_add", args=[casework.a.psychology.pk]),
        {"membership": newcomer.pk, "position": "psychologist", "starts_on": today},
    )
    assert response.status_code == 302
    row = UnitStaff.objects.get(membership=newcomer)
    assert row.unit == casework.a.psychology
    again = provider.post(
        reverse("units:staff_add", args=[casework.a.support.pk]),
        {"membership": newcomer.pk, "position": "lawyer", "starts_on": today},
    )
    assert again.status_code == 400 and "уже работает" in again.content.decode()
    response = provider.post(reverse("units:staff_end", args=[row.pk]), {"ends_on": today})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.ends_on == timezone.localdate()
