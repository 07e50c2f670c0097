"""X-4: the events endpoints; every query goes through the selectors' scope.

Events (with their participants), the training plan's nominations, consultations, media
plans with their items, and publications (SPEC §5 EVT-1..EVT-4). Lists are paginated
(?page, ?page_size); writes go through `events.services`, so the rules and the audit are
the same as in the UI. Date-times without an offset are the organiser's local time.
"""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router

from resurs.coordination.events import selectors
from resurs.kernel.organisations import selectors as directory

router = Router(tags=["Мероприятия и публикации"])


def _scope(request):
    return request.scope


def _organisation(request, organisation_id):
    """The organisation named by an id, among those the caller sees; the caller's own if
    none is named. Whether the caller may write for it is the service's decision."""
    if organisation_id is None:
        return request.membership.organisation
    return directory.organisation_for(_scope(request), organisation_id)


def _direction(direction_id):
    if direction_id is None:
        return None
    return get_object_or_404(directory.directions(), pk=direction_id)


def _resolve(request, data: dict) -> dict:
    """Turns the ``*_id`` keys of a payload into the objects the services take."""
    scope = _scope(request)
    if "direction_id" in data:
        data["direction"] = _direction(data.pop("direction_id"))
    if "organisation_id" in data:
        data["organisation"] = _organisation(request, data.pop("organisation_id"))
    if "plan_item_id" in data:
        item_id = data.pop("plan_item_id")
        data["plan_item"] = selectors.media_plan_item_for(scope, item_id) if item_id else None
    if "event_id" in data:
        event_id = data.pop("event_id")
        data["event"] = selectors.event_for(scope, event_id) if event_id else None
    if "responsible_appointment_id" in data:
        appointment_id = data.pop("responsible_appointment_id")
        data["responsible_appointment"] = (
            get_object_or_404(directory.appointments_visible_to(scope), pk=appointment_id)
            if appointment_id
            else None
        )
    return data


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)
