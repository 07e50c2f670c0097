"""Who sees a registry record (SPEC §0, REG-*): the keeper's scope rule, through the UI and
the API, for every registry; and the records that are about another organisation."""

import pytest
from django.urls import reverse

from resurs.coordination.registries.catalogue import REGISTRIES
from resurs.coordination.registries.models import Participant
from resurs.coordination.registries.tests import records
from resurs.coordination.registries.tests.conftest import INSIDERS, OUTSIDERS
from tests.factories import OrganisationFactory, member, territory

pytestmark = pytest.mark.django_db

MAKERS = {
    "participants": records.participant,
    "acts": lambda owner: records.act(owner, direction_number=2),
    "technologies": records.technology,
    "articles": records.article,
    "practices": records.practice,
}


def _record(registry, world):
    return MAKERS[registry.slug](world["owner"])


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.slug)
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_gets_404_in_the_ui_and_the_api(
    world, login, client, bearer, registry, outsider
):
    record = _record(registry, world)
    ui = login(world[outsider])
    assert ui.get(record.get_absolute_url()).status_code == 404
    assert ui.get(reverse(f"registries:{registry.slug}_edit", args=[record.pk])).status_code == 404
    listed = ui.get(reverse(f"registries:{registry.slug}_list")).content.decode()
    assert record.get_absolute_url() not in listed
    headers = bearer(world[outsider])
    response = client.get(f"/api/v1/registries/{registry.slug}/{record.pk}", headers=headers)
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}
    items = client.get(f"/api/v1/registries/{registry.slug}", headers=headers).json()["items"]
    assert record.pk not in {item["id"] for item in items}


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.slug)
@pytest.mark.parametrize("insider", INSIDERS)
def test_those_in_scope_see_it(world, login, client, bearer, registry, insider):
    record = _record(registry, world)
    assert login(world[insider]).get(record.get_absolute_url()).status_code == 200
    response = client.get(
        f"/api/v1/registries/{registry.slug}/{record.pk}", headers=bearer(world[insider])
    )
    assert response.status_code == 200
    assert response.json()["id"] == record.pk


def test_an_act_for_all_directions_is_not_shown_to_another_directions_rc(world, login):
    act = records.act(world["owner"], direction_number=None)
    assert login(world["rc"]).get(act.get_absolute_url()).status_code == 200
    assert login(world["other_rc_2"]).get(act.get_absolute_url()).status_code == 404
    assert login(world["rc_8"]).get(act.get_absolute_url()).status_code == 404


def test_a_participant_sees_its_own_participation_and_its_territorys_uszn_too(world, login):
    provider_org = OrganisationFactory(territory=territory("Урай"))
    row = records.participant(world["owner"], organisation=provider_org)
    provider = member("provider", provider_org)
    assert login(provider).get(row.get_absolute_url()).status_code == 200
    assert login(world["uszn_uray"]).get(row.get_absolute_url()).status_code == 200
    # …but not the other participants of the registry.
    other = records.participant(world["owner"])
    assert login(provider).get(other.get_absolute_url()).status_code == 404
    assert login(world["uszn_uray"]).get(other.get_absolute_url()).status_code == 404
    assert set(Participant.objects.visible_to(provider)) == {row}


def test_an_institution_sees_the_practice_it_implements_and_only_its_own_cells(world, login):
    practice = records.practice(world["owner"])
    mine = OrganisationFactory(territory=territory("Урай"))
    theirs = OrganisationFactory(territory=territory("Урай"))
    records.cell(practice, mine)
    records.cell(practice, theirs)
    provider = member("provider", mine)
    client = login(provider)
    assert client.get(practice.get_absolute_url()).status_code == 200
    page = client.get(reverse("registries:matrix")).content.decode()
    assert str(mine) in page
    assert str(theirs) not in page
    exported = _sheet_text(client.get(reverse("registries:practices_export")).content)
    assert mine.name in exported
    assert theirs.name not in exported


def _sheet_text(content: bytes) -> str:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
