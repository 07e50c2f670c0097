from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resurs.kernel.backup.archive import BackupError, backup_restore, read_manifest


class Command(BaseCommand):
    help = (
        "Восстановление из резервной копии (manage.py backup): база данных и загруженные файлы "
        "заменяются содержимым архива. Остановите веб-процессы и обработчики задач до запуска."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="архив, записанный командой backup")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="не спрашивать подтверждения",
        )

    def handle(self, *args, **options):
        source = Path(options["archive"])
        try:
            manifest = read_manifest(source)
            if options["interactive"]:
                answer = input(
                    f"Копия от {manifest.created_at}: таблиц {len(manifest.tables)}, "
                    f"строк {manifest.rows}, файлов {manifest.files}.\n"
                    "Все текущие данные и файлы будут заменены. Введите «да», чтобы продолжить: "
                )
                if answer.strip().lower() != "да":
                    raise CommandError("Восстановление отменено.")
            manifest = backup_restore(source=source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Восстановлено из {source}: таблиц {len(manifest.tables)}, строк {manifest.rows} "
            f"(число строк каждой таблицы сверено с копией); файлов {manifest.files}.\n"
            "Если система новее копии, выполните manage.py migrate."
        )
