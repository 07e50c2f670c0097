from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "resurs.coordination.public"
    label = "public"
    verbose_name = "Открытый раздел ресурсных центров"
    default_auto_field = "django.db.models.BigAutoField"
