"""The rental point's reference data (norms.py: the kinds of seed 002 app. 1, app. 3, with
their tariffs), loaded by the data migration and again after every migrate and flush (a
transactional test empties the tables), like ``units.reference``. A kind or tariff already
there is left as it is: the service-life norm is the institution's setting."""

from __future__ import annotations

from django.apps import apps as django_apps

from resurs.casework.rental import norms


def ensure(apps=django_apps) -> None:
    ItemKind = apps.get_model("rental", "ItemKind")
    Tariff = apps.get_model("rental", "Tariff")
    for shipped in norms.KINDS:
        kind, _ = ItemKind.objects.get_or_create(
            name=shipped.name,
            defaults={
                "service_life_months": shipped.service_life_months,
                "service_code": shipped.service_code,
                "position": shipped.number,
            },
        )
        Tariff.objects.get_or_create(
            kind=kind,
            valid_from=norms.TARIFFS_SINCE,
            defaults={"price": shipped.price, "time_unit": "day", "order_ref": norms.TARIFF_ORDER},
        )


def remove(apps=django_apps) -> None:
    ItemKind = apps.get_model("rental", "ItemKind")
    Tariff = apps.get_model("rental", "Tariff")
    names = [shipped.name for shipped in norms.KINDS]
    Tariff.objects.filter(kind__name__in=names, valid_from=norms.TARIFFS_SINCE).delete()
    ItemKind.objects.filter(name__in=names, items__isnull=True).delete()
