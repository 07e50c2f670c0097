"""What the data bank of citizens and families adds: its menu entries in «Работа с
гражданами» (the section is declared by the cases app)."""

from resurs.casework.citizens.permissions import (
    ACCESS_LOG_ROLES,
    DUPLICATE_ROLES,
    READ_ROLES,
)
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

SECTION = "casework"

CONTRIBUTION = Contribution(
    menu=(
        MenuItem("Граждане", "citizens:persons", READ_ROLES, section=SECTION, position=30),
        MenuItem("Семьи", "citizens:families", READ_ROLES, section=SECTION, position=31),
        MenuItem("Дубликаты", "citizens:duplicates", DUPLICATE_ROLES, section=SECTION, position=32),
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
