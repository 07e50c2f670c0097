"""What units and social districts add: their items of the section «Работа с гражданами»
(declared by the cases app), the head's home-page items (a district outside its norm, an
outdated passport) and the demo of the case-work apps."""

from resurs.casework.units.attention import items_for
from resurs.casework.units.demo import load_demo_data
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem

READERS = frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER, Role.USZN})

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Участки отделения",
            "units:board",
            frozenset({Role.HEAD, Role.PROVIDER}),
            section="casework",
            position=40,
        ),
        MenuItem("Отделения", "units:list", READERS, section="casework", position=60),
        MenuItem("Социальные участки", "units:districts", READERS, section="casework", position=70),
    ),
    attention=items_for,
    demo=load_demo_data,
)
