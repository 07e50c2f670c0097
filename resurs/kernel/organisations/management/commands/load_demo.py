from django.core.management.base import BaseCommand
from django.db import transaction

from resurs.kernel.contributions import contributions
from resurs.kernel.organisations.demo import DEMO_PASSWORD, LOGINS, load_demo


class Command(BaseCommand):
    help = "Загрузить демонстрационные данные (один раз; повторный запуск ничего не меняет)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = load_demo()
        # Every other app adds its demo records on top through ``demo`` in its contribution
        # module (resurs.kernel.contributions); each is idempotent by itself.
        for contribution in contributions():
            if contribution.demo is not None:
                contribution.demo()
        self.stdout.write(
            "Демонстрационные данные загружены."
            if created
            else "Демонстрационные данные уже загружены."
        )
        self.stdout.write(f"Входы (пароль у всех: {DEMO_PASSWORD}):")
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<11} — {login.role.label}")
