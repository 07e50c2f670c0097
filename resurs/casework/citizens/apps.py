from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "resurs.casework.citizens"
    label = "citizens"
    verbose_name = "Банк данных граждан и семей"
    default_auto_field = "django.db.models.BigAutoField"
