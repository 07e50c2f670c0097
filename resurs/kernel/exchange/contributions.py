"""What the exchange adds: the imports page, shown to whoever may run an importer."""

from resurs.kernel.contributions import Contribution, MenuItem
from resurs.kernel.exchange.importers import importer_roles

CONTRIBUTION = Contribution(
    menu=(
        MenuItem(
            "Загрузка из файлов",
            "exchange:import_list",
            importer_roles,
            section="service",
            position=10,
        ),
    ),
)
