"""The tally of the facts recorded before it existed (tallies.rebuild)."""

from django.db import migrations


def fill(apps, schema_editor):
    from resurs.casework.socialservices import tallies

    facts = apps.get_model("socialservices", "ServiceFact")._default_manager.all()
    tallies.rebuild(facts, apps.get_model("socialservices", "StatisticsTally"))


def empty(apps, schema_editor):
    apps.get_model("socialservices", "StatisticsTally")._default_manager.all().delete()


class Migration(migrations.Migration):
    dependencies = [("socialservices", "0003_statistics_tally")]
    operations = [migrations.RunPython(fill, empty)]
