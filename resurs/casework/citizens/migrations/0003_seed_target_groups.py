"""Target groups of 002 §1.3."""

from django.db import migrations

from resurs.casework.citizens import reference


def seed(apps, schema_editor):
    reference.ensure(apps)


def unseed(apps, schema_editor):
    reference.remove(apps)


class Migration(migrations.Migration):
    dependencies = [("citizens", "0002_initial")]
    operations = [migrations.RunPython(seed, unseed)]
