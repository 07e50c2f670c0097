"""What the public section adds: the centre's page and visitors' questions."""

from resurs.coordination.public.attention import items_for
from resurs.coordination.public.demo import load_demo_data
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection

PUBLIC_SECTION_ROLES = frozenset({Role.RESOURCE_CENTRE, Role.DEPARTMENT, Role.ADMINISTRATOR})

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("public", "Открытый раздел", order=50),),
    menu=(
        MenuItem("Страница центра", "public:manage", PUBLIC_SECTION_ROLES, section="public"),
        MenuItem("Вопросы посетителей", "public:inbox", PUBLIC_SECTION_ROLES, section="public"),
    ),
    attention=items_for,
    demo=load_demo_data,
)
