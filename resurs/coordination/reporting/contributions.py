"""What reporting adds: reports, the board, forms, dashboards and the coefficient in the
menu, home-page items, demo, and the daily work of the chain (periods, reminders, KPIs)."""

from resurs.coordination.reporting.attention import items_for
from resurs.coordination.reporting.demo import load_demo_data
from resurs.coordination.reporting.tasks import daily
from resurs.kernel.accounts.roles import REPORTING_ROLES, Role
from resurs.kernel.contributions import Contribution, DailyJob, MenuItem, MenuSection

REGION = frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR})

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("reporting", "Отчётность", order=60),),
    menu=(
        MenuItem("Мои отчёты", "reporting:mine", REPORTING_ROLES, section="reporting"),
        # A specialist reports to the head of the unit (in-service chain, REP-2).
        MenuItem("Мои отчёты", "reporting:mine", frozenset({Role.SPECIALIST}), section="reporting"),
        MenuItem("Контроль представления", "reporting:board", REPORTING_ROLES, section="reporting"),
        MenuItem("Формы отчётности", "reporting:form_list", REPORTING_ROLES, section="reporting"),
        MenuItem("Панель Департамента", "reporting:dashboard", REGION, section="reporting"),
        MenuItem(
            "Территория",
            "reporting:dashboard_territory",
            frozenset({Role.USZN}),
            section="reporting",
        ),
        MenuItem(
            "Моё направление",
            "reporting:dashboard_direction",
            frozenset({Role.RESOURCE_CENTRE}),
            section="reporting",
        ),
        MenuItem(
            "Коэффициент эффективности",
            "reporting:coefficient",
            REPORTING_ROLES,
            section="reporting",
        ),
    ),
    attention=items_for,
    demo=load_demo_data,
    # The in-service reports of the demo are owed by the units' staff (casework.units).
    demo_after=("units",),
    daily_jobs=(
        DailyJob("Отчётность: периоды, напоминания о сроках, пересчёт показателей", daily.enqueue),
    ),
)
