"""What the journals app adds: «Журналы отделения» in the case-work menu section (declared
by the cases app) for the staff who keep them and the УСЗН that reads the cases."""

from resurs.casework.journals.permissions import JOURNAL_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Журналы отделения", "journals:index", JOURNAL_ROLES, section="casework", position=70
        ),
    ),
)
