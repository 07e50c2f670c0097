from django.apps import AppConfig


class InstructionsConfig(AppConfig):
    name = "resurs.coordination.instructions"
    label = "instructions"
    verbose_name = "Запросы и поручения"
    default_auto_field = "django.db.models.BigAutoField"
