"""X-4: the events endpoints; every query goes through the selectors' scope."""

from ninja import Router

router = Router(tags=["Мероприятия и публикации"])
