"""What the appeals journal and the cases add: the menu section «Работа с гражданами» (other
case-work apps add their items to it), overdue deadlines among «Требует внимания», and the
home-page blocks of deadlines (the specialist's own, the head's by specialist)."""

from resurs.casework.cases.attention import items_for
from resurs.casework.cases.home import panels_for
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection

STAFF = frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER})

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("casework", "Работа с гражданами", order=15),),
    menu=(
        MenuItem("Журнал обращений", "cases:appeals", STAFF, section="casework", position=10),
        MenuItem("Случаи", "cases:list", STAFF | {Role.USZN}, section="casework", position=20),
        MenuItem(
            "Сроки отделения",
            "cases:board",
            frozenset({Role.HEAD}),
            section="casework",
            position=30,
        ),
    ),
    attention=items_for,
    home=panels_for,
)
