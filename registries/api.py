"""X-4: the registries endpoints; every query goes through the selectors' scope."""

from ninja import Router

router = Router(tags=["Реестры"])
