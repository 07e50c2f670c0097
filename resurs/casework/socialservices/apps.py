from django.apps import AppConfig


class SocialServicesConfig(AppConfig):
    name = "resurs.casework.socialservices"
    label = "socialservices"
    verbose_name = "Социальные услуги"
    default_auto_field = "django.db.models.BigAutoField"
