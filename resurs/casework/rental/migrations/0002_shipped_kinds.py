"""The rental point's kinds with their tariffs (seed 002 app. 1, app. 3), as data."""

from django.db import migrations

from resurs.casework.rental import reference


def seed(apps, schema_editor):
    reference.ensure(apps)


def unseed(apps, schema_editor):
    reference.remove(apps)


class Migration(migrations.Migration):
    dependencies = [("rental", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
