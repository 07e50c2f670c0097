"""What individual plans add: «Входящие направления» in the case-work menu, the home-page
item of incoming referrals (SOC-7) and the demo plans with their referrals."""

from resurs.casework.plans.attention import items_for
from resurs.casework.plans.demo import load_demo_data
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Входящие направления",
            "plans:incoming",
            frozenset({Role.HEAD, Role.SPECIALIST}),
            section="casework",
            position=40,
        ),
    ),
    attention=items_for,
    demo=load_demo_data,
)
