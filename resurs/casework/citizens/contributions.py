"""What the data bank of citizens and families adds: its menu entries in «Работа с
гражданами». The section is declared here while no other case-work app declares it."""

from resurs.casework.citizens.permissions import (
    ACCESS_LOG_ROLES,
    DUPLICATE_ROLES,
    READ_ROLES,
)
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection

SECTION = "casework"

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection(SECTION, "Работа с гражданами", order=15),),
    menu=(
        MenuItem("Граждане", "citizens:persons", READ_ROLES, section=SECTION, position=20),
        MenuItem("Семьи", "citizens:families", READ_ROLES, section=SECTION, position=21),
        MenuItem("Дубликаты", "citizens:duplicates", DUPLICATE_ROLES, section=SECTION, position=22),
        MenuItem(
            "Журнал доступа", "citizens:access_log", ACCESS_LOG_ROLES, section=SECTION, position=80
        ),
        MenuItem(
            "Доступ по основанию",
            "citizens:reasoned_access",
            REGION_WIDE_ROLES,
            section=SECTION,
            position=81,
        ),
        MenuItem(
            "Численность по целевым группам",
            "citizens:statistics",
            REGION_WIDE_ROLES,
            section=SECTION,
            position=82,
        ),
    ),
)
