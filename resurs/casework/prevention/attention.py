"""What preventive work asks of the user on the home page (see kernel.contributions):
002 §3.7 — the department holds an open day every quarter; a head (for the units they
work in) and the institution's provider role (for its units that work by social
districts) are told when the current quarter has none yet. One query."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from resurs.casework.prevention import selectors
from resurs.casework.prevention.models import EventKind
from resurs.casework.units.models import Unit, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.contributions import AttentionItem


def _units(scope: Scope):
    units = Unit.objects.filter(organisation_id=scope.organisation_id, closed_on__isnull=True)
    if scope.role == Role.HEAD:
        return units.filter(pk__in=staff_units(scope))
    if scope.role == Role.PROVIDER:
        return units.filter(kind__works_with_districts=True)
    return Unit.objects.none()


def items_for(scope: Scope) -> list[AttentionItem]:
    today = timezone.localdate()
    quarter = selectors.quarter_of(today)
    missing = list(selectors.open_day_missing(_units(scope), today).order_by("name"))
    url = f"{reverse('prevention:create')}?kind={EventKind.OPEN_DAY}"
    return [
        AttentionItem(
            title=f"В {quarter} квартале не проведён день открытых дверей",
            detail=f"{unit.name}: день открытых дверей для родителей, СМИ и общественных "
            "организаций проводится ежеквартально (п. 3.7 положения об отделении).",
            url=url,
        )
        for unit in missing
    ]
