"""X-4: the public endpoints; every query goes through the selectors' scope."""

from ninja import Router

router = Router(tags=["Открытый раздел"])
