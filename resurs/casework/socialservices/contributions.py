"""What the social services add: the catalogue in the menu «Справочник» (SOC-11)
and its import from Excel (X-4)."""

from resurs.casework.socialservices.importers import ServiceImporter
from resurs.casework.socialservices.permissions import CATALOGUE_READ_ROLES
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
    ),
    importers=(ServiceImporter,),
)
