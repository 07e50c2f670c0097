"""SOC-13: the calendar and long-term work plans of a unit are roadmaps of their own kinds
that name the unit (002 §5.1.10)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roadmaps', '0002_notification_moved'),
        ('units', '0002_seed_kinds_and_norms'),
    ]

    operations = [
        migrations.AddField(
            model_name='roadmap',
            name='unit',
            field=models.ForeignKey(blank=True, help_text='Для плана работы отделения (002 п. 5.1.10).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='work_plans', to='units.unit', verbose_name='отделение'),
        ),
        migrations.AlterField(
            model_name='roadmap',
            name='kind',
            field=models.CharField(choices=[('rc_roadmap', 'План мероприятий ресурсного центра'), ('media_plan', 'Медиаплан программы Департамента'), ('unit_calendar', 'Календарный план работы отделения'), ('unit_long_term', 'Перспективный план работы отделения')], default='rc_roadmap', max_length=16, verbose_name='вид плана'),
        ),
        migrations.AddConstraint(
            model_name='roadmap',
            constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', False)), fields=('unit', 'kind', 'year'), name='roadmap_one_per_unit_kind_year', violation_error_message='У отделения уже есть такой план на этот год.'),
        ),
    ]
