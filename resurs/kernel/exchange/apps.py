from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExchangeConfig(AppConfig):
    name = "resurs.kernel.exchange"
    label = "exchange"
    verbose_name = "Импорт и экспорт"

    def ready(self):
        # Each app describes its Excel tables in <app>/importers.py, as admin.py for the admin.
        autodiscover_modules("importers")
