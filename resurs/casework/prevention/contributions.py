"""What preventive work adds: «Профилактические мероприятия» in the case-work menu, the
home-page warning of a quarter without an open day (002 §3.7) and the demo events."""

from resurs.casework.prevention.attention import items_for
from resurs.casework.prevention.demo import load_demo_data
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Профилактические мероприятия",
            "prevention:list",
            frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER}),
            section="casework",
            position=60,
        ),
    ),
    attention=items_for,
    demo=load_demo_data,
)
