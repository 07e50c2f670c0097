"""The menu of each role, in one place. Later issues add their sections here."""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.roles import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class MenuItem:
    title: str
    url_name: str
    # The roles that see the item, or a function returning them (computed when asked).
    roles: frozenset | Callable[[], frozenset] = ALL_ROLES
    section: str = ""

    def shown_to(self, role: str) -> bool:
        roles = self.roles() if callable(self.roles) else self.roles
        return role in roles


def _importer_roles() -> frozenset:
    from exchange.importers import importer_roles

    return importer_roles()


MENU = (
    MenuItem("Главная", "home"),
    MenuItem("Организации", "organisations:list", section="organisations"),
    MenuItem("Ресурсные центры", "organisations:rc_statuses", section="organisations"),
    MenuItem("Направления", "organisations:directions", section="organisations"),
    MenuItem(
        "Территории",
        "organisations:territories",
        frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.USZN, Role.ADMINISTRATOR}),
        section="organisations",
    ),
    MenuItem(
        "Загрузка из Excel",
        "exchange:import_list",
        _importer_roles,
        section="exchange",
    ),
    MenuItem("Методические продукты", "methodology:product_list", section="methodology"),
    MenuItem("Лучшие практики", "methodology:practice_list", section="methodology"),
    MenuItem(
        "Экспертный совет",
        "methodology:council_list",
        frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR}),
        section="methodology",
    ),
    MenuItem("Производственный календарь", "workcalendar:year", section="calendar"),
    MenuItem(
        "Журнал изменений",
        "audit:list",
        frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR}),
        section="audit",
    ),
    MenuItem("API-токены", "accounts:tokens", section="accounts"),
)


def menu_for(role: str | None) -> list[MenuItem]:
    if role is None:
        return [MENU[0]]
    return [item for item in MENU if item.shown_to(role)]
