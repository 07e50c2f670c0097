"""The menu of each role, in one place. Later issues add their sections here."""

from dataclasses import dataclass

from accounts.roles import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class MenuItem:
    title: str
    url_name: str
    roles: frozenset = ALL_ROLES
    section: str = ""


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
        frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR}),
        section="organisations",
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
    return [item for item in MENU if role in item.roles]
