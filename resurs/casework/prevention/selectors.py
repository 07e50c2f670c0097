"""Reads of preventive events and open days (SOC-12). Events are seen with their
institution; the persons of the data bank who took part are shown only through the persons'
own scope (`citizens.access`): a user sees whom they may see and a count of the others."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.shortcuts import get_object_or_404

from resurs.casework.citizens.models import Person
from resurs.casework.prevention.models import EventKind, PreventiveEvent
from resurs.casework.units.models import Unit, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Organisation

EDIT_ROLES = frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER})
# How many persons the picker offers for one search.
PICKER_LIMIT = 20


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    after = (
        datetime.date(year + 1, 1, 1)
        if last_month == 12
        else datetime.date(year, last_month + 1, 1)
    )
    return first, after - datetime.timedelta(days=1)


@dataclass(frozen=True)
class EventFilter:
    kind: str = ""
    year: int | None = None
    quarter: int | None = None
    unit_id: int | None = None


def events_visible_to(who, filters: EventFilter | None = None):
    """SOC-12: the events the user sees, filtered, with the counts a list shows."""
    filters = filters or EventFilter()
    queryset = PreventiveEvent.objects.visible_to(who)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.year and filters.quarter:
        first, last = quarter_bounds(filters.year, filters.quarter)
        queryset = queryset.filter(held_on__range=(first, last))
    elif filters.year:
        queryset = queryset.filter(held_on__year=filters.year)
    if filters.unit_id:
        queryset = queryset.filter(unit_id=filters.unit_id)
    return (
        queryset.select_related("unit__organisation")
        .annotate(
            persons_count=Count("participants", distinct=True),
            organisations_count=Count("organisations", distinct=True),
        )
        .order_by("-held_on", "-id")
    )


def event_for(who, pk) -> PreventiveEvent:
    queryset = PreventiveEvent.objects.visible_to(who).select_related(
        "unit__organisation", "created_by"
    )
    return get_object_or_404(queryset, pk=pk)


def unit_filter_choices(who):
    return (
        Unit.objects.visible_to(who)
        .select_related("organisation")
        .order_by("organisation__name", "kind__order", "name")
    )


def unit_choices(who):
    """The units a user holds events in: a head's or specialist's own units, the provider's
    every unit of the institution; nobody else's."""
    scope = scope_of(who)
    if scope is None or scope.role not in EDIT_ROLES:
        return Unit.objects.none()
    units = Unit.objects.filter(organisation_id=scope.organisation_id, closed_on__isnull=True)
    if scope.role != Role.PROVIDER:
        units = units.filter(pk__in=staff_units(scope))
    return units.select_related("kind").order_by("kind__order", "name")


def can_edit(who, event: PreventiveEvent | None = None) -> bool:
    units = unit_choices(who)
    if event is None:
        return units.exists()
    return units.filter(pk=event.unit_id).exists()


def organisation_choices(who):
    """Organisations that took part: the directory as the user sees it."""
    return (
        Organisation.objects.visible_to(who)
        .in_region_of(who)
        .filter(is_active=True)
        .only("id", "name", "short_name")
        .order_by("name", "id")
    )


def persons_visible(who):
    return Person.objects.visible_to(who)


def person_search(who, text: str) -> list[Person]:
    """The persons of the data bank the user sees whose surname starts with ``text``."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    return list(persons_visible(who).by_name_start(text)[:PICKER_LIMIT])


def participants_of(who, event: PreventiveEvent) -> tuple[list[Person], int]:
    """The participants from the data bank the user may see, and how many others took part."""
    ids = list(
        PreventiveEvent.participants.through.objects.filter(
            preventiveevent_id=event.pk
        ).values_list("person_id", flat=True)
    )
    visible = list(persons_visible(who).filter(pk__in=ids))
    return visible, len(ids) - len(visible)


def open_day_missing(units, today: datetime.date):
    """The units among ``units`` without an open day in the quarter of ``today`` (002 §3.7)."""
    first, last = quarter_bounds(today.year, quarter_of(today))
    held = PreventiveEvent.objects.filter(
        kind=EventKind.OPEN_DAY, held_on__range=(first, last), unit__in=units
    ).values("unit_id")
    return units.exclude(pk__in=held)
