"""The ReminderSent model moved to the notifications app (issue 10, X-5); its table stays and is
now that app's (``db_table``), so only Django's state forgets it here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_shipped_forms"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="ReminderSent")],
        ),
    ]
