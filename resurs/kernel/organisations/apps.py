from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "resurs.kernel.organisations"
    label = "organisations"
    verbose_name = "Справочник организаций"
