from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "resurs.casework.prevention"
    label = "prevention"
    verbose_name = "Профилактические мероприятия"
    default_auto_field = "django.db.models.BigAutoField"
