from django.apps import AppConfig


class InstructionsConfig(AppConfig):
    name = "instructions"
    verbose_name = "Запросы и поручения"
    default_auto_field = "django.db.models.BigAutoField"
