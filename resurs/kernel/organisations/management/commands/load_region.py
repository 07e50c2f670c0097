from django.core.management.base import BaseCommand, CommandError

from resurs.kernel.organisations.regions import load_region


class Command(BaseCommand):
    help = (
        "Загрузить (или обновить) территории и направления региона из organisations/data/regions."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="код региона, например 86")

    def handle(self, *args, code, **options):
        try:
            counts = load_region(code)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Регион {code}: территорий {counts['territories']}, "
            f"направлений {counts['directions']}."
        )
