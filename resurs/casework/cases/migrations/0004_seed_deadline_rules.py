"""The working-day deadlines of a case (002 §3.2.3, §3.2.7, §3.2.8)."""

from django.db import migrations

BASIS = (
    "Положение об отделении социального сопровождения граждан БУ «Пыть-Яхский комплексный "
    "центр социального обслуживания населения»"
)
RULES = [
    ("information", "Сбор и анализ информации", "problem_detected", 3, "information_collected", "п. 3.2.3"),
    ("proposals", "Предложения в проект ИППСУ, включая раздел «Социальное сопровождение»", "appeal", 5, "proposals_drafted", "п. 3.2.7"),
    ("implementation", "Начало реализации мероприятий ИППСУ", "ippsu_approved", 15, "implementation_started", "п. 3.2.8"),
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    for code, title, start, days, met_by, paragraph in RULES:
        DeadlineRule.objects.update_or_create(
            code=code,
            defaults={
                "title": title, "counted_from": start, "working_days": days,
                "met_by": met_by, "paragraph": paragraph, "basis": BASIS,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("cases", "DeadlineRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_initial")]
    operations = [migrations.RunPython(seed, unseed)]
