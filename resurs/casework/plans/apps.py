from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "resurs.casework.plans"
    label = "plans"
    verbose_name = "Индивидуальные планы"
    default_auto_field = "django.db.models.BigAutoField"
