"""The working-day deadlines of a case (002 §3.2.3, §3.2.7, §3.2.8)."""

from django.db import migrations

from resurs.casework.cases import reference


def seed(apps, schema_editor):
    reference.ensure(apps)


def unseed(apps, schema_editor):
    reference.remove(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_initial")]
    operations = [migrations.RunPython(seed, unseed)]
