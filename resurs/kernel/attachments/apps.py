from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    name = "resurs.kernel.attachments"
    label = "attachments"
    verbose_name = "Файлы"
    default_auto_field = "django.db.models.BigAutoField"
