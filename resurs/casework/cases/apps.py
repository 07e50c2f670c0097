from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "resurs.casework.cases"
    label = "cases"
    verbose_name = "Обращения и случаи"
    default_auto_field = "django.db.models.BigAutoField"
