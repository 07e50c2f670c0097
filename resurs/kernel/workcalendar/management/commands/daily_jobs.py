"""Runs the daily jobs every app declares in its contribution module (run it from cron once a
day; ``make run`` runs it hourly, which is harmless: every job is idempotent)."""

from django.core.management.base import BaseCommand

from resurs.kernel.contributions import contributions


class Command(BaseCommand):
    help = "Выполнить ежедневные задачи всех разделов (каждая ставится в очередь фоновых задач)."

    def handle(self, *args, **options):
        for contribution in contributions():
            for job in contribution.daily_jobs:
                result = job.run()
                task_id = getattr(result, "id", result)
                self.stdout.write(f"{job.title}: задача поставлена в очередь ({task_id}).")
