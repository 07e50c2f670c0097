"""Target groups of 002 §1.3.

Reference data: loaded by a data migration, and again by the demo (a transactional test
flushes the tables and the migration does not run again). Idempotent.
"""

from django.apps import apps as django_apps

GROUPS = [
    ("family_danger", "Семья, находящаяся в социально опасном положении", "family", False, 10),
    (
        "family_foster",
        "Семья, воспитывающая детей, оставшихся без попечения родителей",
        "family",
        False,
        20,
    ),
    ("family_disabled_child", "Семья с детьми-инвалидами", "family", False, 30),
    (
        "minor_at_risk",
        "Социально-дезадаптированный несовершеннолетний, входящий в группу риска",
        "person",
        False,
        40,
    ),
    (
        "older_citizen",
        "Гражданин пожилого возраста (женщины старше 55 лет, мужчины старше 60 лет)",
        "person",
        True,
        50,
    ),
    ("disabled", "Инвалид", "person", False, 60),
    ("family_disabled_member", "Семья, в состав которой входят инвалиды", "family", False, 70),
    ("homeless", "Лицо без определённого места жительства", "person", False, 80),
    ("released", "Лицо, освободившееся из мест лишения свободы", "person", False, 90),
    ("addicted", "Наркозависимое лицо или член его семьи", "person", False, 100),
    ("hardship", "Гражданин (семья) в трудной жизненной ситуации", "person", False, 110),
]


def ensure(apps=django_apps) -> None:
    TargetGroup = apps.get_model("citizens", "TargetGroup")
    for code, name, applies, derived, order in GROUPS:
        TargetGroup.objects.update_or_create(
            code=code,
            defaults={"name": name, "applies_to": applies, "derived": derived, "order": order},
        )


def remove(apps=django_apps) -> None:
    apps.get_model("citizens", "TargetGroup").objects.filter(
        code__in=[g[0] for g in GROUPS]
    ).delete()
