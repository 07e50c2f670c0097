"""What social services add: the facts, the day's grid and the months in the case-work
menu, and the demo's year of services."""

from resurs.casework.socialservices.attention import items_for
from resurs.casework.socialservices.demo import load_demo_data
from resurs.casework.socialservices.permissions import STATISTICS_ROLES, WRITE_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
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
    demo=load_demo_data,
    demo_after=("units", "cases", "plans"),
)
