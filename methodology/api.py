"""X-4: the methodology endpoints; every query goes through the selectors' scope."""

from ninja import Router

router = Router(tags=["Методические продукты и практики"])
