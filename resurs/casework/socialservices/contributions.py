"""What social services add: the catalogue in the menu «Справочник» (SOC-11) and its import
from Excel; the facts, the day's grid, the months, the register of recipients (442-FZ
art. 25) and «Статистика услуг» in the case-work menu; the head's reminder to close a
month; the demo's catalogue and year of services; and the reporting chain's counters of
recipients and services (REP-4) — the ``reporting_counters`` extension point that
coordination's reporting reads: plain data and functions, so case work imports nothing of
coordination."""

from resurs.casework.socialservices.attention import items_for
from resurs.casework.socialservices.demo import load_demo_data
from resurs.casework.socialservices.importers import ServiceImporter
from resurs.casework.socialservices.permissions import (
    CATALOGUE_READ_ROLES,
    REGISTER_ROLES,
    STATISTICS_ROLES,
    WRITE_ROLES,
)
from resurs.casework.socialservices.statistics_selectors import (
    organisation_facts_url,
    organisation_numbers,
)
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Перечень социальных услуг",
            "socialservices:catalogue",
            CATALOGUE_READ_ROLES,
            section="directory",
            position=60,
        ),
        MenuItem(
            "Оказанные услуги",
            "socialservices:fact_list",
            STATISTICS_ROLES,
            section="casework",
            position=45,
        ),
        MenuItem(
            "Услуги за день", "socialservices:day", WRITE_ROLES, section="casework", position=46
        ),
        MenuItem(
            "Регистр получателей услуг",
            "socialservices:register",
            REGISTER_ROLES,
            section="casework",
            position=70,
        ),
        MenuItem(
            "Статистика услуг",
            "socialservices:statistics",
            STATISTICS_ROLES | REGION_WIDE_ROLES,
            section="casework",
            position=80,
        ),
    ),
    attention=items_for,
    importers=(ServiceImporter,),
    demo=load_demo_data,
    demo_after=("units", "cases", "plans"),
    extensions={
        "reporting_counters": (
            {
                "key": "service_recipients",
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
            {
                "key": "services_legal",
                "label": "Оказано социально-правовых услуг, ед.",
                "numbers": organisation_numbers,
                "value": "services_legal",
                "records": organisation_facts_url,
            },
            {
                "key": "services_labour",
                "label": "Оказано социально-трудовых услуг, ед.",
                "numbers": organisation_numbers,
                "value": "services_labour",
                "records": organisation_facts_url,
            },
        )
    },
)
