"""What requests and instructions add: the sender's board, the incoming list, home-page
items, demo and the daily reminders of deadlines (REP-7)."""

from resurs.coordination.instructions.attention import items_for
from resurs.coordination.instructions.demo import load_demo_data
from resurs.coordination.instructions.tasks import send_due_reminders
from resurs.kernel.accounts.roles import ALL_ROLES, Role
from resurs.kernel.contributions import Contribution, DailyJob, MenuItem, MenuSection

CONTRIBUTION = Contribution(
    menu_sections=(MenuSection("instructions", "Запросы и поручения", order=70),),
    menu=(
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
    ),
    attention=items_for,
    demo=load_demo_data,
    daily_jobs=(DailyJob("Напоминания о сроках запросов и поручений", send_due_reminders.enqueue),),
)
