"""The menu of each role, in one place. Later issues add their sections here."""

from collections.abc import Callable
from dataclasses import dataclass

from resurs.kernel.accounts.roles import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class MenuItem:
    title: str
    url_name: str
    # The roles that see the item, or a function returning them (computed when asked).
    roles: frozenset | Callable[[], frozenset] = ALL_ROLES
    section: str = "home"

    def shown_to(self, role: str) -> bool:
        roles = self.roles() if callable(self.roles) else self.roles
        return role in roles


def _importer_roles() -> frozenset:
    from resurs.kernel.exchange.importers import importer_roles

    return importer_roles()


# Everyone but a department's staff, whose work is with citizens (SOC-*), not registries.
COORDINATION_ROLES = ALL_ROLES - {Role.HEAD, Role.SPECIALIST}
# The reporting chain (SPEC §4): everyone who sends or receives reports.
REPORTING_ROLES = ALL_ROLES - {Role.SPECIALIST}
PUBLIC_SECTION_ROLES = frozenset({Role.RESOURCE_CENTRE, Role.DEPARTMENT, Role.ADMINISTRATOR})

# Menu sections in display order: a section with one item is a link, more make a dropdown.
SECTIONS = {
    "home": "Главная",
    "directory": "Справочник",
    "registries": "Реестры",
    "roadmaps": "Дорожные карты",
    "events": "Мероприятия",
    "public": "Открытый раздел",
    "reporting": "Отчётность",
    "instructions": "Запросы и поручения",
    "service": "Сервис",
}

MENU = (
    MenuItem("Главная", "home", section="home"),
    MenuItem("Организации", "organisations:list", section="directory"),
    MenuItem("Ресурсные центры", "organisations:rc_statuses", section="directory"),
    MenuItem("Направления", "organisations:directions", section="directory"),
    MenuItem(
        "Территории",
        "organisations:territories",
        frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.USZN, Role.ADMINISTRATOR}),
        section="directory",
    ),
    MenuItem("Реестры РЦ", "registries:index", COORDINATION_ROLES, section="registries"),
    MenuItem(
        "Матрица социальных практик", "registries:matrix", COORDINATION_ROLES, section="registries"
    ),
    MenuItem("Методические продукты", "methodology:product_list", section="registries"),
    MenuItem("Лучшие практики", "methodology:practice_list", section="registries"),
    MenuItem(
        "Экспертный совет",
        "methodology:council_list",
        frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR}),
        section="registries",
    ),
    MenuItem("Дорожные карты", "roadmaps:list", ALL_ROLES - {Role.SPECIALIST}, section="roadmaps"),
    MenuItem("Уведомления", "roadmaps:notifications", section="roadmaps"),
    MenuItem("Мероприятия", "events:list", section="events"),
    MenuItem("Календарь мероприятий", "events:calendar", section="events"),
    MenuItem("План обучения", "events:training", ALL_ROLES - {Role.SPECIALIST}, section="events"),
    MenuItem("Консультации", "events:consultation_list", section="events"),
    MenuItem(
        "Медиапланы", "events:media_plan_list", ALL_ROLES - {Role.SPECIALIST}, section="events"
    ),
    MenuItem("Публикации", "events:publication_list", section="events"),
    MenuItem("Страница центра", "public:manage", PUBLIC_SECTION_ROLES, section="public"),
    MenuItem("Вопросы посетителей", "public:inbox", PUBLIC_SECTION_ROLES, section="public"),
    MenuItem("Мои отчёты", "reporting:mine", REPORTING_ROLES, section="reporting"),
    MenuItem("Контроль представления", "reporting:board", REPORTING_ROLES, section="reporting"),
    MenuItem("Формы отчётности", "reporting:form_list", REPORTING_ROLES, section="reporting"),
    MenuItem(
        "Панель Департамента",
        "reporting:dashboard",
        frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR}),
        section="reporting",
    ),
    MenuItem(
        "Территория", "reporting:dashboard_territory", frozenset({Role.USZN}), section="reporting"
    ),
    MenuItem(
        "Моё направление",
        "reporting:dashboard_direction",
        frozenset({Role.RESOURCE_CENTRE}),
        section="reporting",
    ),
    MenuItem(
        "Коэффициент эффективности", "reporting:coefficient", REPORTING_ROLES, section="reporting"
    ),
    MenuItem(
        "Запросы и поручения",
        "instructions:board",
        frozenset(
            {Role.RESOURCE_CENTRE, Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR}
        ),
        section="instructions",
    ),
    MenuItem(
        "Входящие поручения",
        "instructions:incoming",
        ALL_ROLES - {Role.SPECIALIST},
        section="instructions",
    ),
    MenuItem("Загрузка из файлов", "exchange:import_list", _importer_roles, section="service"),
    MenuItem("Производственный календарь", "workcalendar:year", section="service"),
    MenuItem(
        "Журнал изменений",
        "audit:list",
        frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR}),
        section="service",
    ),
    MenuItem("API-токены", "accounts:tokens", section="service"),
)


def menu_for(role: str | None) -> list[MenuItem]:
    """The role's menu items, grouped by section in SECTIONS order."""
    if role is None:
        return [MENU[0]]
    shown = [item for item in MENU if item.shown_to(role)]
    order = list(SECTIONS)
    return sorted(shown, key=lambda item: order.index(item.section))
