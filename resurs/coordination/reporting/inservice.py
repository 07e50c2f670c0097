"""REP-2 inside one institution (004 app. 2 §5.3–5.4): who is who in the in-service chain.

A specialist of a unit reports to the head of the unit by the 1st of the month after the
quarter; the head reports for the unit to the director (or the deputy) of the institution by
the 3rd. These reports are the chain's ordinary reports (``Report``) — the same forms as data,
periods, due dates, timeliness, reminders and board — whose sender and receiver are the
institution itself and which name the unit (``Report.unit``) and, for a specialist's report,
the specialist's membership (``Report.sender_membership``). The people are read from the
units' staff (``casework.units``): the head is whoever holds the head's position in the unit,
the director is the institution's provider role.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from resurs.casework.units.models import Position, UnitStaff
from resurs.kernel.accounts.roles import Role


def _working_in(start: datetime.date, end: datetime.date) -> QuerySet[UnitStaff]:
    """Staff who worked in their unit at some time between ``start`` and ``end``, in an open
    unit of an active institution, through an active membership."""
    return UnitStaff.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start),
        Q(unit__closed_on__isnull=True) | Q(unit__closed_on__gt=start),
        starts_on__lte=end,
        membership__is_active=True,
        unit__organisation__is_active=True,
    )


def specialists_in(start: datetime.date, end: datetime.date) -> list[tuple[int, int, int]]:
    """(organisation_id, unit_id, membership_id) of every specialist who owes a report for
    the period: the specialist role's staff of a unit that has a head to receive it."""
    headed = heads_in(start, end).values("unit_id")
    rows = (
        _working_in(start, end)
        .filter(membership__role=Role.SPECIALIST, unit_id__in=headed)
        .exclude(position=Position.HEAD)
        .values_list("unit__organisation_id", "unit_id", "membership_id")
    )
    return sorted(set(rows))


def heads_in(start: datetime.date, end: datetime.date) -> QuerySet[UnitStaff]:
    """The heads' places in the period: the head role holding the head's position."""
    return _working_in(start, end).filter(position=Position.HEAD, membership__role=Role.HEAD)


def headed_units_in(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    """(organisation_id, unit_id) of every unit that owes its head's report for the period."""
    return sorted(set(heads_in(start, end).values_list("unit__organisation_id", "unit_id")))


def units_headed_by(membership_id: int, on: datetime.date | None = None):
    """Ids of the units the membership heads now (a subquery)."""
    on = on or timezone.localdate()
    return (
        UnitStaff.objects.current(on)
        .filter(membership_id=membership_id, position=Position.HEAD)
        .values("unit_id")
    )


def heads(membership_id: int, unit_id: int | None, on: datetime.date | None = None) -> bool:
    return bool(unit_id) and units_headed_by(membership_id, on).filter(unit_id=unit_id).exists()


def head_user_ids(unit_id: int, on: datetime.date) -> list[int]:
    """The users who head the unit on the day (whom a head's report reminds)."""
    return list(
        UnitStaff.objects.current(on)
        .filter(
            unit_id=unit_id,
            position=Position.HEAD,
            membership__role=Role.HEAD,
            membership__is_active=True,
        )
        .values_list("membership__user_id", flat=True)
    )
