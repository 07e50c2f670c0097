from django.apps import AppConfig


class RentalConfig(AppConfig):
    name = "resurs.casework.rental"
    label = "rental"
    verbose_name = "Пункт проката ТСР"
    default_auto_field = "django.db.models.BigAutoField"
