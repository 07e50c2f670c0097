from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "resurs.kernel.exchange"
    label = "exchange"
    verbose_name = "Импорт и экспорт"

    def ready(self):
        from resurs.kernel.contributions import contributions
        from resurs.kernel.exchange.importers import register

        # Each app names its importers in its contribution module (resurs.kernel.contributions).
        for contribution in contributions():
            for importer in contribution.importers:
                register(importer)
