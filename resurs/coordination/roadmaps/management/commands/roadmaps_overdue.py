"""Queues the daily check of overdue roadmap checkpoints (run it from cron once a day)."""

from django.core.management.base import BaseCommand

from resurs.coordination.roadmaps.tasks import notify_overdue


class Command(BaseCommand):
    help = "Поставить в очередь рассылку о просроченных контрольных точках дорожных карт."

    def handle(self, *args, **options):
        result = notify_overdue.enqueue()
        self.stdout.write(f"Задача поставлена в очередь: {result.id}")
