"""Who sees a unit and a social district (the organisation rule: visible with their
institution): the other institution's users get 404 through the UI and the API, the
institution's own staff, its provider and the УСЗН of its territory see them."""

import pytest
from django.urls import reverse

from resurs.casework.units.models import DistrictAssignment, UnitStaff

pytestmark = pytest.mark.django_db

OUTSIDERS = ("other_head", "other_specialist", "other_provider", "other_uszn")
INSIDERS = ("head", "specialist", "specialist2", "psychologist", "provider", "uszn", "department")


def _urls(world):
    unit = world.a.support
    district = world.a.districts[0]
    staff = UnitStaff.objects.get(membership=world.specialist)
    assignment = DistrictAssignment.objects.get(membership=world.specialist)
    ui = [
        reverse("units:detail", args=[unit.pk]),
        reverse("units:edit", args=[unit.pk]),
        reverse("units:staff_add", args=[unit.pk]),
        reverse("units:district_create", args=[unit.pk]),
        reverse("units:staff_end", args=[staff.pk]),
        reverse("units:district", args=[district.pk]),
        reverse("units:district_edit", args=[district.pk]),
        reverse("units:assign", args=[district.pk]),
        reverse("units:passport_create", args=[district.pk]),
        reverse("units:assignment_end", args=[assignment.pk]),
    ]
    api = [
        f"/api/v1/units/{unit.pk}",
        f"/api/v1/units/districts/{district.pk}",
        f"/api/v1/units/districts/{district.pk}/assignments",
    ]
    return ui, api


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_another_institutions_user_gets_404_in_the_ui_and_the_api(
    casework, login, client, bearer, outsider
):
    who = getattr(casework, outsider)
    ui, api = _urls(casework)
    browser = login(who)
    for url in ui:
        assert browser.get(url).status_code == 404, url
    for listing in (reverse("units:list"), reverse("units:districts")):
        page = browser.get(listing).content.decode()
        assert reverse("units:detail", args=[casework.a.support.pk]) not in page
        assert reverse("units:district", args=[casework.a.districts[0].pk]) not in page
    headers = bearer(who)
    for url in api:
        response = client.get(url, headers=headers)
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Не найдено."}
    for url, hidden in (
        ("/api/v1/units", casework.a.support.pk),
        ("/api/v1/units/districts", casework.a.districts[0].pk),
    ):
        items = client.get(url, headers=headers).json()["items"]
        assert hidden not in {item["id"] for item in items}


@pytest.mark.parametrize("insider", INSIDERS)
def test_the_institution_and_its_territorys_uszn_see_them(casework, login, client, bearer, insider):
    who = getattr(casework, insider)
    browser = login(who)
    district = casework.a.districts[0]
    assert browser.get(reverse("units:detail", args=[casework.a.support.pk])).status_code == 200
    page = browser.get(reverse("units:district", args=[district.pk]))
    assert page.status_code == 200
    assert "№ 174-п" in page.content.decode()
    response = client.get(f"/api/v1/units/districts/{district.pk}", headers=bearer(who))
    assert response.status_code == 200
    body = response.json()
    assert body["norm"]["status"] == "within" and body["norm"]["minimum"] == 5000
    assert [a["membership_id"] for a in body["assignments"]] == [casework.specialist.pk]


def test_readers_cannot_open_the_forms(casework, login):
    for who in (casework.specialist, casework.uszn, casework.psychologist):
        browser = login(who)
        assert browser.get(reverse("units:edit", args=[casework.a.support.pk])).status_code == 403
        district = casework.a.districts[0]
        assert browser.get(reverse("units:assign", args=[district.pk])).status_code == 403
