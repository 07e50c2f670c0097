"""Unit kinds of 002 §VI and the population norms of a social district (002 §1.2 footnote).

Reference data: loaded by a data migration, and again by the demo (a transactional test
flushes the tables and the migration does not run again). Idempotent.
"""

import datetime

from django.apps import apps as django_apps

KINDS = [
    ("social_support", "Отделение социального сопровождения граждан", True, 10),
    ("psychological", "Отделение психологической помощи гражданам", False, 20),
    (
        "home_service",
        "Отделение социального обслуживания на дому граждан пожилого возраста и инвалидов",
        False,
        30,
    ),
    ("minors", "Отделение для несовершеннолетних", False, 40),
    ("rehabilitation", "Отделение социальной реабилитации и абилитации", False, 50),
    ("information", "Отделение информационно-аналитической работы", False, 60),
]

BASIS = (
    "постановление Правительства Ханты-Мансийского автономного округа – Югры от 20.08.2008 "
    "№ 174-п «Об организации работы по участковому принципу в Ханты-Мансийском автономном "
    "округе – Югре»"
)
NORMS = [
    ("urban_okrug", 5000, 7000),
    ("municipal_district", 1500, 5000),
    ("urban_settlement", 3000, 5000),
    ("seasonal_isolation", 1500, 3000),
]


def ensure(apps=django_apps) -> None:
    UnitKind = apps.get_model("units", "UnitKind")
    PopulationNorm = apps.get_model("units", "PopulationNorm")
    for code, name, districts, order in KINDS:
        UnitKind.objects.update_or_create(
            code=code, defaults={"name": name, "works_with_districts": districts, "order": order}
        )
    for kind, low, high in NORMS:
        PopulationNorm.objects.get_or_create(
            kind=kind,
            valid_from=datetime.date(2008, 8, 20),
            defaults={"minimum": low, "maximum": high, "basis": BASIS},
        )


def remove(apps=django_apps) -> None:
    apps.get_model("units", "PopulationNorm").objects.filter(basis=BASIS).delete()
    apps.get_model("units", "UnitKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()
