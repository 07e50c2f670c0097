from django.apps import AppConfig


class MethodologyConfig(AppConfig):
    name = "resurs.coordination.methodology"
    label = "methodology"
    verbose_name = "Методические продукты и лучшие практики"
    default_auto_field = "django.db.models.BigAutoField"
