"""X-4: the events endpoints; every query goes through the selectors' scope."""

from resurs.coordination.events.api import consultations, events, media, training  # noqa: F401 -- registers the routes
from resurs.coordination.events.api.common import router

__all__ = ["router"]
