from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "resurs.casework.units"
    label = "units"
    verbose_name = "Отделения и социальные участки"
    default_auto_field = "django.db.models.BigAutoField"
