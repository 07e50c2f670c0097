"""What the directory adds: its menu, its home-page items and its importer (its demo is
the base every other app's demo builds on: manage.py load_demo loads it first)."""

from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection
from resurs.kernel.organisations.attention import items_for
from resurs.kernel.organisations.importers import OrganisationImporter

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("directory", "Справочник", order=10),),
    menu=(
        MenuItem("Организации", "organisations:list", section="directory"),
        MenuItem("Ресурсные центры", "organisations:rc_statuses", section="directory"),
        MenuItem("Направления", "organisations:directions", section="directory"),
        MenuItem(
            "Территории",
            "organisations:territories",
            frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.USZN, Role.ADMINISTRATOR}),
            section="directory",
        ),
    ),
    attention=items_for,
    importers=(OrganisationImporter,),
)
