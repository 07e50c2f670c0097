from django.apps import AppConfig


class JournalsConfig(AppConfig):
    name = "resurs.casework.journals"
    label = "journals"
    verbose_name = "Журналы и акты отделения"
    default_auto_field = "django.db.models.BigAutoField"
