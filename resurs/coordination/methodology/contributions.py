"""What methodology adds: products, best practices and the expert council in the menu,
home-page items, demo, importers, and products as evidence of a roadmap checkpoint."""

from resurs.coordination.methodology.attention import items_for
from resurs.coordination.methodology.demo import load_demo_data
from resurs.coordination.methodology.importers import PracticeImporter, ProductImporter
from resurs.coordination.methodology.models import Product
from resurs.coordination.methodology.selectors import products_visible_to
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem("Методические продукты", "methodology:product_list", section="registries"),
        MenuItem("Лучшие практики", "methodology:practice_list", section="registries"),
        MenuItem(
            "Экспертный совет",
            "methodology:council_list",
            frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR}),
            section="registries",
        ),
    ),
    attention=items_for,
    demo=load_demo_data,
    importers=(ProductImporter, PracticeImporter),
    extensions={
        "roadmap_evidence": (
            {
                "key": "product",
                "label": "Методический продукт",
                "model": Product,
                "owner_field": "organisation",
                "visible": products_visible_to,
            },
        )
    },
)
