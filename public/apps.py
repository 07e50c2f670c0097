from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Открытый раздел ресурсных центров"
    default_auto_field = "django.db.models.BigAutoField"
