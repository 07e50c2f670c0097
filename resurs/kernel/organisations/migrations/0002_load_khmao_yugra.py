from django.db import migrations

from resurs.kernel.organisations.regions import load_region, unload_region


def forwards(apps, schema_editor):
    load_region("86", apps)


def backwards(apps, schema_editor):
    unload_region("86", apps)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
