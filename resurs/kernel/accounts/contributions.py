"""What accounts adds: the home page, the change log and the personal API tokens."""

from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem, MenuSection

CONTRIBUTION = Contribution(
    menu_sections=(
        MenuSection("home", "Главная", order=0),
        MenuSection("service", "Сервис", order=90),
    ),
    menu=(
        MenuItem("Главная", "home", section="home", position=0),
        MenuItem(
            "Журнал изменений",
            "audit:list",
            frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR}),
            section="service",
            position=30,
        ),
        MenuItem("API-токены", "accounts:tokens", section="service", position=40),
        # The Django admin (users, groups, reference data) — the administrator's only.
        MenuItem(
            "Администрирование",
            "admin:index",
            frozenset({Role.ADMINISTRATOR}),
            section="service",
            position=50,
        ),
    ),
)
