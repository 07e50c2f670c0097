"""The checklist of measures of social support under an ИППСУ (002 §IV)."""

from django.db import migrations

from resurs.casework.plans import reference


def seed(apps, schema_editor):
    reference.ensure(apps)


def unseed(apps, schema_editor):
    reference.remove(apps)


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_initial")]
    operations = [migrations.RunPython(seed, unseed)]
