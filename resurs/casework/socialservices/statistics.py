"""The department's statistics of services (SOC-10; seed 002 §5.1.11): numbers of
recipients (distinct persons) and of services, and their cost, over a period, broken down by
one dimension. The one definition the statistics page, its exports, the reporting chain's
counters and the benchmark read.

Facts count in their accounting month (``ServiceFact.period``): a reversal lowers the
services of the month it was entered in. A recipient is a person with at least one fact of
the period that was not reversed in that same period — so a reversal entered after a month
was closed changes neither that month's services nor its recipients. Anonymous services
count as services, not recipients.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from resurs.casework.socialservices.models import (
    Payment,
    ServiceFact,
    ServiceForm,
    ServiceKind,
)


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    # the field of ServiceFact grouped by, and the field naming its value
    field: str
    label_field: str | None = None
    # the drill-down's query parameter (see selectors.FactFilter)
    param: str = ""


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("unit", "Отделение", "unit_id", "unit__name", "unit"),
        Dimension(
            "specialist", "Специалист", "specialist_id", "specialist__last_name", "specialist"
        ),
        Dimension("district", "Социальный участок", "district_id", "district__name", "district"),
        Dimension("kind", "Вид услуг", "service_kind", None, "kind"),
        Dimension("form", "Форма обслуживания", "service_form", None, "form"),
        Dimension("payment", "Оплата", "payment", None, "payment"),
        Dimension("service", "Услуга", "service_id", "service_code", "service"),
        Dimension("month", "Месяц", "period", None, "month"),
    )
}
CHOICE_LABELS = {
    "kind": dict(ServiceKind.choices),
    "form": dict(ServiceForm.choices),
    "payment": dict(Payment.choices),
}


@dataclass(frozen=True)
class Row:
    key: object
    label: str
    recipients: int
    services: int
    cost: Decimal


@dataclass(frozen=True)
class Totals:
    recipients: int
    services: int
    cost: Decimal


def in_period(facts: QuerySet[ServiceFact], start: datetime.date, end: datetime.date):
    """Facts counted in the months from ``start`` to ``end`` (the accounting months)."""
    return facts.filter(period__gte=start.replace(day=1), period__lte=end)


def _recipients():
    """Distinct persons of the period's facts not reversed within the period."""
    return Count(
        "person_id",
        distinct=True,
        filter=Q(quantity__gt=0, person__isnull=False)
        & (Q(reversed_by__isnull=True) | ~Q(reversed_by__period=F("period"))),
    )


def totals(facts: QuerySet[ServiceFact]) -> Totals:
    row = facts.aggregate(
        recipients=_recipients(),
        services=Sum("quantity"),
        cost=Sum(F("quantity") * F("price")),
    )
    return Totals(row["recipients"] or 0, row["services"] or 0, row["cost"] or Decimal("0"))


def breakdown(facts: QuerySet[ServiceFact], dimension: str) -> list[Row]:
    """The facts' numbers by one dimension, largest first (months in order)."""
    dim = DIMENSIONS[dimension]
    fields = [dim.field] + ([dim.label_field] if dim.label_field else [])
    if dimension == "specialist":
        fields += ["specialist__first_name"]
    grouped = (
        facts.order_by()
        .values(*fields)
        .annotate(
            recipients=_recipients(),
            services=Sum("quantity"),
            cost=Sum(F("quantity") * F("price")),
        )
    )
    rows = []
    for item in grouped:
        key = item[dim.field]
        rows.append(
            Row(
                key=key,
                label=_label(dimension, dim, item, key),
                recipients=item["recipients"] or 0,
                services=item["services"] or 0,
                cost=item["cost"] or Decimal("0"),
            )
        )
    if dimension == "month":
        rows.sort(key=lambda row: str(row.key))
    else:
        rows.sort(key=lambda row: (-row.services, row.label))
    return rows


def _label(dimension: str, dim: Dimension, item: dict, key) -> str:
    if key is None:
        return "анонимно / не указан" if dimension in {"district", "specialist"} else "—"
    if dimension in CHOICE_LABELS:
        return str(CHOICE_LABELS[dimension].get(key, key))
    if dimension == "month":
        return f"{key:%m.%Y}"
    if dimension == "specialist":
        return f"{item['specialist__last_name']} {item['specialist__first_name']}".strip()
    return str(item[dim.label_field]) if dim.label_field else str(key)
