from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from resurs.kernel.organisations.demo import DEMO_PASSWORD, LOGINS, load_demo


class Command(BaseCommand):
    help = "Загрузить демонстрационные данные (один раз; повторный запуск ничего не меняет)."

    @transaction.atomic
    def handle(self, *args, **options):
        created = load_demo()
        # Every other app adds its demo records on top: <app>.demo.load_demo_data(),
        # which is idempotent by itself.
        for config in apps.get_app_configs():
            if config.label == "organisations" or not module_has_submodule(config.module, "demo"):
                continue
            import_module(f"{config.name}.demo").load_demo_data()
        self.stdout.write(
            "Демонстрационные данные загружены."
            if created
            else "Демонстрационные данные уже загружены."
        )
        self.stdout.write(f"Входы (пароль у всех: {DEMO_PASSWORD}):")
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<11} — {login.role.label}")
