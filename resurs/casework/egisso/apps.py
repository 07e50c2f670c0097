from django.apps import AppConfig


class EgissoConfig(AppConfig):
    name = "resurs.casework.egisso"
    label = "egisso"
    verbose_name = "Выгрузка в ЕГИССО"
    default_auto_field = "django.db.models.BigAutoField"
