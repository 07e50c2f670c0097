"""What social services add: the catalogue in the menu «Справочник» (SOC-11) and its import
from Excel; the facts, the day's grid and the months in the case-work menu; the head's
reminder to close a month; the demo's catalogue and year of services."""

from resurs.casework.socialservices.attention import items_for
from resurs.casework.socialservices.demo import load_demo_data
from resurs.casework.socialservices.importers import ServiceImporter
from resurs.casework.socialservices.permissions import (
    CATALOGUE_READ_ROLES,
    STATISTICS_ROLES,
    WRITE_ROLES,
)
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Перечень социальных услуг",
            "socialservices:catalogue",
            CATALOGUE_READ_ROLES,
            section="directory",
            position=60,
        ),
        MenuItem(
            "Оказанные услуги",
            "socialservices:fact_list",
            STATISTICS_ROLES,
            section="casework",
            position=45,
        ),
        MenuItem(
            "Услуги за день", "socialservices:day", WRITE_ROLES, section="casework", position=46
        ),
    ),
    attention=items_for,
    importers=(ServiceImporter,),
    demo=load_demo_data,
    demo_after=("units", "cases", "plans"),
)
