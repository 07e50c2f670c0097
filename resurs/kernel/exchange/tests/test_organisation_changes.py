"""ORG-1 / X-4: a row whose ИНН is already in the directory is shown as a change, field by
field, before the save; moving an organisation to another territory needs the directory
editor's role, because the territory decides who sees the organisation's records."""

import pytest
from django.urls import reverse

from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, Role
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.exchange import services
from resurs.kernel.exchange.importers import register, unregister
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import inn, org_row, xlsx
from resurs.kernel.organisations.importers import OrganisationImporter
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.organisations.permissions import can_change_territory
from tests.factories import OrganisationFactory, member, territory

pytestmark = pytest.mark.django_db

LIST = reverse("exchange:import_list")


def stored(n: int) -> Organisation:
    """The organisation of org_row(n) as the directory holds it, in Сургут."""
    organisation = OrganisationFactory(
        inn=inn(n),
        name=f"БУ «Тестовый центр социального обслуживания № {n}»",
        short_name=f"Тестовый центр № {n}",
        address="г. Сургут, ул. Ленина, 1",
        phone="+7 3462 00-00-00",
        email=f"centre{n}@example.ru",
        head_name="Петрова Анна Ивановна",
        territory=territory("Сургут"),
    )
    organisation.directions.set(Direction.objects.filter(number__in=[1, 3]))
    return organisation


def test_an_update_is_shown_field_by_field_before_the_save(login):
    client = login(member(Role.DEPARTMENT))
    organisation = stored(7)
    row = org_row(7, territory="Нижневартовск", phone="+7 3466 11-11-11", directions="1, 5")

    client.post(LIST, {"importer": "organisations", "file": xlsx([row, org_row(8)])})

    batch = ImportBatch.objects.latest("id")
    assert batch.state == ImportState.VALID
    update, create = batch.rows
    assert update["action"] == "update"
    assert update["changes"] == [
        ["Территория", "Сургут", "Нижневартовск"],
        ["Направления", "1, 3", "1, 5"],
        ["Телефон", "+7 3462 00-00-00", "+7 3466 11-11-11"],
    ]
    assert create["changes"] == []  # a new organisation has nothing to compare with
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Сургут → Нижневартовск" in page
    assert "+7 3462 00-00-00 → +7 3466 11-11-11" in page
    organisation.refresh_from_db()
    assert organisation.territory.name == "Сургут"  # nothing is written before the save

    client.post(reverse("exchange:import_confirm", args=[batch.pk]))

    organisation.refresh_from_db()
    assert organisation.territory.name == "Нижневартовск"
    assert organisation.phone == "+7 3466 11-11-11"


def test_a_row_equal_to_the_stored_organisation_has_no_changes(login):
    client = login(member(Role.DEPARTMENT))
    stored(7)

    client.post(LIST, {"importer": "organisations", "file": xlsx([org_row(7)])})

    [row] = ImportBatch.objects.latest("id").rows
    assert (row["action"], row["changes"]) == ("unchanged", [])


def test_only_the_directory_editors_may_change_a_territory():
    assert {role for role in Role if can_change_territory(_scope(role))} == DIRECTORY_EDITOR_ROLES


def _scope(role) -> Scope:
    return Scope(
        role=role, user_id=1, membership_id=1, organisation_id=1, territory_id=None,
        direction_id=None,
    )  # fmt: skip


class WiderOrganisationImporter(OrganisationImporter):
    """The directory's importer opened to the methodological centre, which does not keep
    the directory: the territory rule must hold per row, whoever may run the importer."""

    name = "test-organisations-wider"
    roles = DIRECTORY_EDITOR_ROLES | {Role.METHODICAL_CENTRE}


@pytest.fixture
def wider_importer():
    register(WiderOrganisationImporter)
    yield WiderOrganisationImporter
    unregister(WiderOrganisationImporter.name)


def test_a_territory_change_by_a_role_that_does_not_keep_the_directory_is_refused(
    login, wider_importer
):
    centre = member(Role.METHODICAL_CENTRE)
    client = login(centre)
    moved, kept = stored(7), stored(8)
    rows = [org_row(7, territory="Нижневартовск"), org_row(8, phone="+7 3462 99-99-99")]

    batch = services.import_start(by=centre, importer=wider_importer.name, file=xlsx(rows))

    batch.refresh_from_db()
    assert batch.state == ImportState.INVALID
    refused, fine = batch.rows
    assert refused["action"] == ""
    assert refused["errors"] == [
        [
            "Территория",
            f"Организация «{moved.name}» относится к территории «Сургут», в файле — "
            "«Нижневартовск». Перенести организацию на другую территорию может только "
            "Департамент или администратор: от территории зависит, кто видит её записи. "
            "Исправьте территорию в файле.",
        ]
    ]
    assert (fine["action"], fine["errors"]) == ("update", [])
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Перенести организацию на другую территорию может только Департамент" in page
    assert reverse("exchange:import_confirm", args=[batch.pk]) not in page

    client.post(reverse("exchange:import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    moved.refresh_from_db()
    kept.refresh_from_db()
    assert batch.state == ImportState.INVALID
    assert moved.territory.name == "Сургут" and moved.version == 1
    assert kept.phone == "+7 3462 00-00-00" and kept.version == 1


def test_the_same_role_may_load_rows_that_keep_the_territory(login, wider_importer):
    centre = member(Role.METHODICAL_CENTRE)
    stored(7)

    batch = services.import_start(
        by=centre, importer=wider_importer.name, file=xlsx([org_row(7, territory="сургут")])
    )

    batch.refresh_from_db()
    assert batch.state == ImportState.VALID
    assert batch.rows[0]["action"] == "unchanged"
