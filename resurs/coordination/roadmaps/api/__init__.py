"""X-4: the roadmap endpoints; every query goes through the selectors' scope."""

from resurs.coordination.roadmaps.api import items, marks, plans, proposals  # noqa: F401 -- registers the routes
from resurs.coordination.roadmaps.api.common import router

__all__ = ["router"]
