"""Unit kinds of 002 §VI and the population norms of a social district (002 §1.2 footnote)."""

from django.db import migrations

from resurs.casework.units import reference


def seed(apps, schema_editor):
    reference.ensure(apps)


def unseed(apps, schema_editor):
    reference.remove(apps)


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
