"""The one base of the importers whose rows name organisations: an organisation is looked up
among those the importing user sees, so one outside the scope is an error of its row."""

import pytest

from resurs.kernel.accounts.roles import Role
from resurs.kernel.exchange import cells
from resurs.kernel.exchange.importers import Action, Column, RowVerdict, Table
from resurs.kernel.organisations.importing import OrganisationRowImporter
from tests.factories import OrganisationFactory, member, territory

pytestmark = pytest.mark.django_db


class PartnerImporter(OrganisationRowImporter):
    name = "test-partners"
    title = "Партнёры"
    roles = frozenset({Role.PROVIDER, Role.DEPARTMENT})
    columns = (
        Column("organisation", "Организация", required=True),
        Column("public", "Публикуется"),
    )

    def check_row(self, verdict: RowVerdict) -> None:
        verdict.data = {
            "organisation": self.organisation(verdict, "organisation"),
            "public": cells.yes_no(verdict, "public"),
        }
        verdict.action = Action.CREATE

    def apply_row(self, verdict):
        raise AssertionError("not applied in these tests")


def check(by, *names):
    table = Table(
        header_row=1,
        present=["organisation", "public"],
        ignored=[],
        rows=[(n, {"organisation": name, "public": "да"}) for n, name in enumerate(names, 2)],
    )
    return PartnerImporter(by=by).check(table)


def test_an_organisation_outside_the_importers_scope_is_an_error():
    provider = member(Role.PROVIDER)
    neighbour = OrganisationFactory(name="АНО «Соседи»", territory=territory("Нягань"))
    verdicts = check(provider, provider.organisation.name, neighbour.name, str(neighbour.inn))
    assert verdicts[0].ok and verdicts[0].data["organisation"] == provider.organisation
    assert verdicts[1].errors == [
        (
            "organisation",
            "Организация «АНО «Соседи»» не найдена в справочнике организаций: добавьте её в "
            "справочник или укажите ИНН.",
        )
    ]
    assert verdicts[2].errors == [
        ("organisation", f"Организации с ИНН {neighbour.inn} нет в справочнике.")
    ]


def test_a_region_wide_importer_finds_every_organisation():
    neighbour = OrganisationFactory(name="АНО «Соседи»", territory=territory("Нягань"))
    verdicts = check(member(Role.DEPARTMENT), neighbour.name)
    assert verdicts[0].ok and verdicts[0].data["organisation"] == neighbour
    assert verdicts[0].data["public"] is True
