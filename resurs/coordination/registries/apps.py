from django.apps import AppConfig


class RegistriesConfig(AppConfig):
    name = "resurs.coordination.registries"
    label = "registries"
    verbose_name = "Реестры"
    default_auto_field = "django.db.models.BigAutoField"
