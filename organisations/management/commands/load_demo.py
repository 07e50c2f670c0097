from django.core.management.base import BaseCommand

from organisations.demo import DEMO_PASSWORD, LOGINS, load_demo


class Command(BaseCommand):
    help = "Загрузить демонстрационные данные (один раз; повторный запуск ничего не меняет)."

    def handle(self, *args, **options):
        if load_demo():
            self.stdout.write("Демонстрационные данные загружены.")
        else:
            self.stdout.write("Демонстрационные данные уже загружены.")
        self.stdout.write(f"Входы (пароль у всех: {DEMO_PASSWORD}):")
        for login in LOGINS:
            self.stdout.write(f"  {login.username:<11} — {login.role.label}")
