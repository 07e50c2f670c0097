"""Queues the reporting chain's daily work: opening the current periods' reports, the
reminders of REP-7 and the KPI recount (run it from cron once a day; ``make run`` runs it
hourly, which is harmless: every step is idempotent and each reminder goes once)."""

from django.core.management.base import BaseCommand

from resurs.coordination.reporting.tasks import daily


class Command(BaseCommand):
    help = "Поставить в очередь ежедневную работу отчётности: периоды, напоминания, показатели."

    def handle(self, *args, **options):
        result = daily.enqueue()
        self.stdout.write(f"Задача поставлена в очередь: {result.id}")
