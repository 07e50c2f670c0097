"""The rental point's kinds with their tariffs (seed 002 app. 1, app. 3), as data (norms.py)."""

from django.db import migrations

from resurs.casework.rental import norms


def install(apps, schema_editor):
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


def remove(apps, schema_editor):
    ItemKind = apps.get_model("rental", "ItemKind")
    Tariff = apps.get_model("rental", "Tariff")
    names = [shipped.name for shipped in norms.KINDS]
    Tariff.objects.filter(kind__name__in=names, valid_from=norms.TARIFFS_SINCE).delete()
    ItemKind.objects.filter(name__in=names, items__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("rental", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
