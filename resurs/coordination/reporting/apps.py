from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "resurs.coordination.reporting"
    label = "reporting"
    verbose_name = "Отчётность и показатели"
    default_auto_field = "django.db.models.BigAutoField"
