"""The checklist of measures of social support under an ИППСУ (002 §IV).

Reference data: loaded by a data migration, and again by the demo (a transactional test
flushes the tables and the migration does not run again). Idempotent.
"""

from django.apps import apps as django_apps

BASIS = "Положение 002, раздел IV"
MEASURES = [
    ("employment", "Содействие в трудоустройстве (помощь в оформлении документов)", "assistance"),
    ("rights", "Содействие в защите прав и законных интересов", "assistance"),
    ("legal_aid", "Содействие в получении юридических услуг, в том числе бесплатно", "assistance"),
    ("mse", "Содействие в прохождении медико-социальной экспертизы", "assistance"),
    (
        "relatives_training",
        "Содействие в обучении родственников навыкам общего ухода",
        "assistance",
    ),
    (
        "tsr",
        "Содействие в обеспечении техническими средствами реабилитации и средствами ухода",
        "assistance",
    ),
    ("rights_help", "Помощь в защите прав и законных интересов", "help"),
    ("documents", "Помощь в подготовке запросов, оформлении и восстановлении документов", "help"),
    (
        "disabled_child_skills",
        "Помощь родителям детей-инвалидов в обучении навыкам самообслуживания, общения и контроля",
        "help",
    ),
    (
        "education",
        "Помощь в получении образования и (или) квалификации инвалидами (детьми-инвалидами)",
        "help",
    ),
    ("coordination", "Координация деятельности по социальному сопровождению", "coordination"),
    ("psychological", "Социально-психологическая помощь", "help"),
    ("other", "Иные помощь и содействие", "other"),
]


def ensure(apps=django_apps) -> None:
    Measure = apps.get_model("plans", "Measure")
    for order, (code, name, group) in enumerate(MEASURES, start=1):
        Measure.objects.update_or_create(
            plan_kind="support",
            code=code,
            defaults={"name": name, "group": group, "basis": BASIS, "order": order * 10},
        )


def remove(apps=django_apps) -> None:
    apps.get_model("plans", "Measure").objects.filter(plan_kind="support", basis=BASIS).delete()
