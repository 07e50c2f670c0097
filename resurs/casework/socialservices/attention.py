"""What service facts ask of the head on the home page (see kernel.contributions): the
previous month of a unit the head works in, with services recorded in it and not yet closed
once the month's statistics are due (the 5th — the report goes up by the 5th working day at
the latest, 002 §5.1.11). Two queries."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from resurs.casework.socialservices.models import MonthClosure, ServiceFact, month_start
from resurs.casework.units.models import Unit, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.contributions import AttentionItem

DUE_DAY = 5


def items_for(scope: Scope) -> list[AttentionItem]:
    if scope.role != Role.HEAD:
        return []
    today = timezone.localdate()
    if today.day < DUE_DAY:
        return []
    previous = month_start(month_start(today) - datetime.timedelta(days=1))
    units = Unit.objects.filter(
        organisation_id=scope.organisation_id, closed_on__isnull=True, pk__in=staff_units(scope)
    )
    closed = MonthClosure.objects.filter(month=previous).values("unit_id")
    with_facts = ServiceFact.objects.visible_to(scope).filter(period=previous).values("unit_id")
    open_units = units.exclude(pk__in=closed).filter(pk__in=with_facts).order_by("name")
    return [
        AttentionItem(
            title=f"Не закрыт {previous:%m.%Y}: оказанные услуги",
            detail=f"{unit.name}: проверьте услуги месяца и закройте его — после этого они "
            "исправляются только сторно, а статистика месяца не меняется.",
            url=reverse("socialservices:months"),
        )
        for unit in open_units
    ]
