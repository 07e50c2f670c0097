from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "resurs.kernel.backup"
    label = "backup"
    verbose_name = "Резервное копирование"
