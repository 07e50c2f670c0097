"""X-4: the roadmap endpoints; every query goes through the selectors' scope."""

from ninja import Router

router = Router(tags=["Дорожные карты"])
