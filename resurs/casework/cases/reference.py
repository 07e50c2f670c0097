"""The working-day deadlines of a case (002 §3.2.3, §3.2.7, §3.2.8).

Reference data: loaded by a data migration, and again by the demo (a transactional test
flushes the tables and the migration does not run again). Idempotent.
"""

from django.apps import apps as django_apps

BASIS = (
    "Положение об отделении социального сопровождения граждан БУ «Пыть-Яхский комплексный "
    "центр социального обслуживания населения»"
)
RULES = [
    (
        "information",
        "Сбор и анализ информации",
        "problem_detected",
        3,
        "information_collected",
        "п. 3.2.3",
    ),
    (
        "proposals",
        "Предложения в проект ИППСУ, включая раздел «Социальное сопровождение»",
        "appeal",
        5,
        "proposals_drafted",
        "п. 3.2.7",
    ),
    (
        "implementation",
        "Начало реализации мероприятий ИППСУ",
        "ippsu_approved",
        15,
        "implementation_started",
        "п. 3.2.8",
    ),
]


def ensure(apps=django_apps) -> None:
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for code, title, start, days, met_by, paragraph in RULES:
        DeadlineRule.objects.update_or_create(
            code=code,
            defaults={
                "title": title,
                "counted_from": start,
                "working_days": days,
                "met_by": met_by,
                "paragraph": paragraph,
                "basis": BASIS,
            },
        )


def remove(apps=django_apps) -> None:
    apps.get_model("cases", "DeadlineRule").objects.filter(code__in=[r[0] for r in RULES]).delete()
