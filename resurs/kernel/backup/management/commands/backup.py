from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resurs.kernel.backup.archive import BackupError, backup_create, default_target


class Command(BaseCommand):
    help = (
        "Резервная копия: база данных и загруженные файлы (MEDIA_ROOT) в один архив "
        "(по умолчанию var/backups/resurs-<дата>-<время>.tar.gz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="куда записать архив (.tar.gz)")

    def handle(self, *args, **options):
        target = Path(options["archive"]) if options["archive"] else default_target()
        try:
            manifest = backup_create(target=target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Резервная копия записана: {target}\n"
            f"База {manifest.engine}: таблиц {len(manifest.tables)}, строк {manifest.rows}; "
            f"файлов {manifest.files} ({manifest.file_bytes} байт)."
        )
