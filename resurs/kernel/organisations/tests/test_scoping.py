"""One provider cannot read another's records, in the UI or the API (STYLE "Access scoping")."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from resurs.kernel.organisations.models import (
    LocalDocument,
    LocalDocumentVersion,
    OrganisationKind,
    RCStatusState,
)
from tests.factories import (
    OrganisationFactory,
    appointment,
    direction,
    member,
    rc_status,
    territory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Provider A in Surgut; provider B in Uray with a repealed RC status, an appointment
    and a document; the USZN of Uray and of Surgut; an RC of direction 2."""
    provider_a = member(Role.PROVIDER, org={"territory": territory("Сургут")})
    org_b = OrganisationFactory(territory=territory("Урай"))
    org_b.directions.add(direction(2))
    status_b = rc_status(
        org_b,
        number=5,
        state=RCStatusState.REPEALED,
        ended_on=date(2024, 6, 1),
        order_file=ContentFile(b"%PDF-1.4 order", name="order.pdf"),
    )
    appointment_b = appointment(org_b)
    document_b = LocalDocument.objects.create(organisation=org_b, kind="order", title="Приказ")
    version_b = LocalDocumentVersion.objects.create(
        document=document_b,
        number=1,
        approved_on=date(2024, 1, 1),
        file=ContentFile(b"%PDF-1.4 doc", name="doc.pdf"),
    )
    rc_org = OrganisationFactory(territory=territory("Нягань"))
    rc_status(rc_org, number=2)
    return {
        "provider_a": provider_a,
        "specialist_a": member(Role.SPECIALIST, provider_a.organisation),
        "uszn_uray": member(Role.USZN, org={"territory": territory("Урай")}),
        "uszn_surgut": member(Role.USZN, org={"territory": territory("Сургут")}),
        "rc_direction_2": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        "rc_direction_8": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(8)),
        "department": member(Role.DEPARTMENT),
        "org_b": org_b,
        "status_b": status_b,
        "appointment_b": appointment_b,
        "document_b": document_b,
        "version_b": version_b,
    }


OUTSIDERS = ["provider_a", "specialist_a", "uszn_surgut", "rc_direction_8"]


def _ui_urls(w):
    return {
        "organisation card": reverse("organisations:detail", args=[w["org_b"].pk]),
        "organisation edit": reverse("organisations:edit", args=[w["org_b"].pk]),
        "RC status order file": reverse("organisations:rc_status_file", args=[w["status_b"].pk]),
        "RC status replace": reverse("organisations:rc_status_replace", args=[w["status_b"].pk]),
        "appointment edit": reverse("organisations:appointment_edit", args=[w["appointment_b"].pk]),
        "document new version": reverse(
            "organisations:document_version_add", args=[w["document_b"].pk]
        ),
        "document file": reverse("organisations:document_version_file", args=[w["version_b"].pk]),
    }


def _api_urls(w):
    return {
        "organisation": f"/api/v1/organisations/{w['org_b'].pk}",
        "RC status": f"/api/v1/rc-statuses/{w['status_b'].pk}",
        "appointment": f"/api/v1/appointments/{w['appointment_b'].pk}",
    }


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsider_gets_404_in_the_ui(world, login, outsider):
    client = login(world[outsider])
    for name, url in _ui_urls(world).items():
        assert client.get(url).status_code == 404, name


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsider_gets_404_through_the_api(world, client, outsider):
    _token, raw = api_token_create(membership=world[outsider], name="test")
    headers = {"Authorization": f"Bearer {raw}"}
    for name, url in _api_urls(world).items():
        response = client.get(url, headers=headers)
        assert response.status_code == 404, name
        assert response.json() == {"detail": "Не найдено."}
    listed = client.get("/api/v1/organisations?page_size=200", headers=headers).json()
    assert world["org_b"].pk not in {item["id"] for item in listed["items"]}
    statuses = client.get("/api/v1/rc-statuses?page_size=200", headers=headers).json()
    assert world["status_b"].pk not in {item["id"] for item in statuses["items"]}
    appointments = client.get("/api/v1/appointments?page_size=200", headers=headers).json()
    assert world["appointment_b"].pk not in {item["id"] for item in appointments["items"]}


def test_outsider_does_not_find_it_in_the_list_or_export(world, login):
    client = login(world["provider_a"])
    page = client.get(reverse("organisations:list"), {"q": world["org_b"].name}).content.decode()
    assert world["org_b"].get_absolute_url() not in page
    export = client.get(reverse("organisations:export"))
    assert world["org_b"].name.encode() not in export.content


@pytest.mark.parametrize("insider", ["uszn_uray", "rc_direction_2", "department"])
def test_those_in_scope_see_it(world, login, client, insider):
    ui = login(world[insider])
    assert ui.get(reverse("organisations:detail", args=[world["org_b"].pk])).status_code == 200
    assert (
        ui.get(
            reverse("organisations:document_version_file", args=[world["version_b"].pk])
        ).status_code
        == 200
    )
    _token, raw = api_token_create(membership=world[insider], name="test")
    for name, url in _api_urls(world).items():
        response = client.get(url, headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code == 200, name


def test_everybody_sees_the_coordination_bodies(world, login):
    """The Department, the methodological centre and active RCs are visible to every role."""
    department_org = world["department"].organisation
    client = login(world["provider_a"])
    assert client.get(department_org.get_absolute_url()).status_code == 200
    rc_org = world["rc_direction_2"].organisation
    assert client.get(rc_org.get_absolute_url()).status_code == 200


def test_staff_see_the_uszn_of_their_territory_but_not_other_providers(world, login):
    uszn_surgut = world["uszn_surgut"].organisation
    neighbour = OrganisationFactory(territory=territory("Сургут"))
    client = login(world["specialist_a"])
    assert client.get(uszn_surgut.get_absolute_url()).status_code == 200
    assert client.get(neighbour.get_absolute_url()).status_code == 404
    assert neighbour.kind == OrganisationKind.STATE_INSTITUTION


def test_staff_see_the_agencies_and_partners_of_their_territory_only(world, login):
    """The addressees of a referral (police, guardianship …) and the partners of a district's
    passport: those of the institution's own territory, not of another."""
    from resurs.kernel.organisations.models import LegalForm

    def agency(kind, town):
        return OrganisationFactory(
            kind=kind,
            legal_form=LegalForm.GOVERNMENT_BODY
            if kind == OrganisationKind.INTERAGENCY
            else LegalForm.NKO,
            territory=territory(town),
        )

    police_here = agency(OrganisationKind.INTERAGENCY, "Сургут")
    partner_here = agency(OrganisationKind.SOCIAL_PARTNER, "Сургут")
    volunteers_here = agency(OrganisationKind.VOLUNTEER, "Сургут")
    police_elsewhere = agency(OrganisationKind.INTERAGENCY, "Урай")
    for who in ("specialist_a", "provider_a"):
        client = login(world[who])
        for seen in (police_here, partner_here, volunteers_here):
            assert client.get(seen.get_absolute_url()).status_code == 200, (who, seen.kind)
        assert client.get(police_elsewhere.get_absolute_url()).status_code == 404, who


def test_a_user_without_a_role_sees_nothing(world, client):
    from tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    assert client.get(world["org_b"].get_absolute_url()).status_code == 404
    response = client.get("/api/v1/organisations")
    assert response.status_code == 401
