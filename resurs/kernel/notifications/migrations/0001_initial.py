"""The inbox and the reminder ledger move here from roadmaps and reporting (issue 10, X-5).
Their tables stay where they are (``db_table``): this migration only tells Django's state that
the models are now this app's, and renames their content types so that permissions granted
on them stay granted."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = {"notification": "roadmaps", "remindersent": "reporting"}


def _relabel(apps, schema_editor, moves):
    content_type = apps.get_model("contenttypes", "ContentType")
    types = content_type.objects.using(schema_editor.connection.alias)
    for model, (old, new) in moves.items():
        if not types.filter(app_label=new, model=model).exists():
            types.filter(app_label=old, model=model).update(app_label=new)


def content_types_forward(apps, schema_editor):
    _relabel(apps, schema_editor, {m: (app, "notifications") for m, app in MOVED.items()})


def content_types_backward(apps, schema_editor):
    _relabel(apps, schema_editor, {m: ("notifications", app) for m, app in MOVED.items()})


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        # The tables were created by these; on a new database they create them still.
        ("roadmaps", "0001_initial"),
        ("reporting", "0002_shipped_forms"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ReminderSent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=200, verbose_name='о чём')),
                        ('stage', models.CharField(max_length=16, verbose_name='этап')),
                        ('recipients', models.PositiveIntegerField(default=0, verbose_name='получателей')),
                        ('sent_at', models.DateTimeField(auto_now_add=True, verbose_name='отправлено')),
                    ],
                    options={
                        'verbose_name': 'отправленное напоминание',
                        'verbose_name_plural': 'отправленные напоминания',
                        'db_table': 'reporting_remindersent',
                        'constraints': [models.UniqueConstraint(fields=('key', 'stage'), name='remindersent_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=500, verbose_name='заголовок')),
                        ('text', models.TextField(blank=True, verbose_name='текст')),
                        ('link', models.CharField(blank=True, max_length=500, verbose_name='ссылка')),
                        ('is_read', models.BooleanField(default=False, verbose_name='прочитано')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='создано')),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='получатель')),
                    ],
                    options={
                        'verbose_name': 'уведомление',
                        'verbose_name_plural': 'уведомления',
                        'db_table': 'roadmaps_notification',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['recipient', 'is_read'], name='notification_unread')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
