"""What social services add: «Регистр получателей услуг» in the case-work menu."""

from resurs.casework.socialservices.permissions import REGISTER_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Регистр получателей услуг",
            "socialservices:register",
            REGISTER_ROLES,
            section="casework",
            position=70,
        ),
    ),
)
