"""What the rental point adds (SPEC §9): its section in the case-work menu — the point, the
fund, the applications and the waiting list, the contracts — the overdue returns on the home
page and in the daily reminders."""

from resurs.casework.citizens.permissions import WRITE_ROLES
from resurs.casework.rental.demo import load_demo_data
from resurs.casework.rental.reminders import attention_for
from resurs.casework.rental.tasks import send_overdue_reminders
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES
from resurs.kernel.contributions import Contribution, DailyJob, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Пункт проката ТСР",
            "rental:home",
            WRITE_ROLES | REGION_WIDE_ROLES,
            section="casework",
            position=90,
        ),
        MenuItem(
            "Прокат ТСР: заявления",
            "rental:application_list",
            WRITE_ROLES,
            section="casework",
            position=91,
        ),
        MenuItem(
            "Прокат ТСР: договоры",
            "rental:contract_list",
            WRITE_ROLES,
            section="casework",
            position=92,
        ),
        MenuItem(
            "Прокат ТСР: журналы учёта",
            "rental:journal_issue",
            WRITE_ROLES,
            section="casework",
            position=93,
        ),
        MenuItem(
            "Потребность в ТСР (заявки до 1 мая)",
            "rental:demand_list",
            WRITE_ROLES | REGION_WIDE_ROLES,
            section="casework",
            position=94,
        ),
    ),
    attention=attention_for,
    demo=load_demo_data,
    demo_after=("units", "cases", "plans", "socialservices"),
    daily_jobs=(
        DailyJob("Напоминания о просроченном возврате ТСР", send_overdue_reminders.enqueue),
    ),
)
