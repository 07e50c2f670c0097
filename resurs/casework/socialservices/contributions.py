"""What the social services add: «Статистика услуг» in the case-work menu section (declared by
the cases app), and the reporting chain's counters of recipients and services (REP-4): the
``reporting_counters`` extension point that coordination's reporting reads — plain data and
functions, so case work imports nothing of coordination."""

from resurs.casework.socialservices.permissions import STATISTICS_ROLES
from resurs.casework.socialservices.statistics_selectors import (
    organisation_facts_url,
    organisation_numbers,
)
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Статистика услуг",
            "socialservices:statistics",
            STATISTICS_ROLES | REGION_WIDE_ROLES,
            section="casework",
            position=80,
        ),
    ),
    extensions={
        "reporting_counters": (
            {
                "key": "services_recipients",
                "label": "Получатели социальных услуг, чел.",
                "numbers": organisation_numbers,
                "value": "recipients",
                "records": organisation_facts_url,
            },
            {
                "key": "services_given",
                "label": "Оказано социальных услуг, ед.",
                "numbers": organisation_numbers,
                "value": "services",
                "records": organisation_facts_url,
            },
        )
    },
)
