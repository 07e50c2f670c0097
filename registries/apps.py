from django.apps import AppConfig


class RegistriesConfig(AppConfig):
    name = "registries"
    verbose_name = "Реестры"
    default_auto_field = "django.db.models.BigAutoField"
