"""The department's statistics of services (SOC-10; seed 002 §5.1.11): numbers of
recipients (distinct persons) and of services, and their cost, over a period, broken down by
one dimension. The one definition the statistics page, its exports, the reporting chain's
counters and the benchmark read.

Facts count in their accounting month (``ServiceFact.period``): a reversal lowers the
services of the month it was entered in. A recipient is a person with at least one fact of
the period that was not reversed in that same period — so a reversal entered after a month
was closed changes neither that month's services nor its recipients. Anonymous services
count as services, not recipients.

By target group (002 §1.3) a fact counts in every group its recipient is put in
(``citizens.TargetGroupMembership`` of the person, as the facts list's ``target_group_id``
filter reads it), so a person of two groups is a recipient of each and the rows add up to
more than the total; anonymous facts and persons of no group make the row «не отнесены».
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum

from resurs.casework.citizens.models import TargetGroup, TargetGroupMembership
from resurs.casework.socialservices.models import (
    Payment,
    Service,
    ServiceFact,
    ServiceForm,
    ServiceKind,
    StatisticsTally,
)
from resurs.casework.units.models import SocialDistrict, Unit


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    # the field of ServiceFact grouped by, and the field naming its value
    field: str
    label_field: str | None = None
    # the drill-down's query parameter: a field name of selectors.FactFilter ("" — none;
    # a month's row opens its month through period_from and period_to)
    param: str = ""


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in (
        Dimension("unit", "Отделение", "unit_id", "unit__name", "unit_id"),
        Dimension(
            "specialist", "Специалист", "specialist_id", "specialist__last_name", "specialist_id"
        ),
        Dimension("district", "Социальный участок", "district_id", "district__name", "district_id"),
        Dimension("target_group", "Целевая группа", "", None, "target_group_id"),
        Dimension("kind", "Вид услуг", "service_kind", None, "kind"),
        Dimension("form", "Форма обслуживания", "service_form", None, "form"),
        Dimension("payment", "Оплата", "payment", None, "payment"),
        Dimension("service", "Услуга", "service_id", "service_code", "service_id"),
        Dimension("month", "Месяц", "period", None, ""),
        Dimension("organisation", "Учреждение", "organisation_id", "organisation__short_name"),
    )
}
NO_GROUP = "не отнесены к целевой группе"
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


# The reversal of a fact entered in the fact's own accounting month, if any: the join reads
# the reversals only (``reverses_id IS NOT NULL`` in the join's condition, answered by the
# reversals' end of the unique index of ``reverses``), so PostgreSQL hashes or merges a few
# tens of thousands of reversals with the month's facts. A plain LEFT JOIN of the table to
# itself had it merge the month with the whole index (0.9 s for an institution's month of
# 10,000,000 facts, bench/); a ``NOT EXISTS`` in the count's filter probed the index once
# per fact (the region's month: 278,000 probes). A reversal entered in a later month (after
# the closure) does not take the person out of the closed month's recipients.
REVERSAL = FilteredRelation(
    "reversed_by",
    condition=Q(reversed_by__reverses__isnull=False, reversed_by__period=F("period")),
)


def _with_reversal(facts: QuerySet[ServiceFact]) -> QuerySet[ServiceFact]:
    return facts.alias(reversal=REVERSAL)


def _recipients(condition: Q | None = None) -> Count:
    """Distinct persons of the period's facts not reversed within the period. The facts
    must come through ``_with_reversal``."""
    stands = Q(quantity__gt=0, person__isnull=False, reversal__reverses__isnull=True)
    return Count(
        "person_id", distinct=True, filter=stands if condition is None else condition & stands
    )


def _numbers(condition: Q | None = None) -> dict:
    """The aggregates of recipients, services and cost (of the facts meeting ``condition``)."""
    return {
        "recipients": _recipients(condition),
        "services": Sum("quantity", filter=condition),
        "cost": Sum(F("quantity") * F("price"), filter=condition),
    }


def totals(facts: QuerySet[ServiceFact]) -> Totals:
    row = _with_reversal(facts).order_by().aggregate(**_numbers())
    return Totals(row["recipients"] or 0, row["services"] or 0, row["cost"] or Decimal("0"))


def by_target_group(facts: QuerySet[ServiceFact]) -> list[Row]:
    """The facts' numbers by the target groups of their recipients (module docstring): one
    query for the groups, one for the numbers of every group (an aggregate per group)."""
    members = TargetGroupMembership.all_records.filter(person__isnull=False)
    groups = list(TargetGroup.objects.order_by("order", "name").values_list("pk", "name"))
    aggregates: dict = {}
    for pk, _name in groups:
        for name, expression in _numbers(
            Q(person_id__in=members.filter(group_id=pk).values("person_id"))
        ).items():
            aggregates[f"{name}_{pk}"] = expression
    for name, expression in _numbers(
        Q(person__isnull=True) | ~Q(person_id__in=members.values("person_id"))
    ).items():
        aggregates[f"{name}_none"] = expression
    numbers = _with_reversal(facts).order_by().aggregate(**aggregates)
    rows = []
    for key, label in [*groups, (None, NO_GROUP)]:
        suffix = "none" if key is None else key
        row = Row(
            key=key,
            label=label,
            recipients=numbers[f"recipients_{suffix}"] or 0,
            services=numbers[f"services_{suffix}"] or 0,
            cost=numbers[f"cost_{suffix}"] or Decimal("0"),
        )
        if row.services or row.recipients:
            rows.append(row)
    rows.sort(key=lambda row: (row.key is None, -row.services, row.label))
    return rows


def grouped(facts: QuerySet[ServiceFact], fields: list[str]):
    """The facts' recipients, services and cost grouped by the fields (dicts)."""
    return _with_reversal(facts).order_by().values(*fields).annotate(**_numbers())


def breakdown(facts: QuerySet[ServiceFact], dimension: str) -> list[Row]:
    """The facts' numbers by one dimension, largest first (months in order)."""
    if dimension == "target_group":
        return by_target_group(facts)
    dim = DIMENSIONS[dimension]
    fields = [dim.field] + ([dim.label_field] if dim.label_field else [])
    if dimension == "specialist":
        fields += ["specialist__first_name"]
    if dimension == "organisation":
        fields += ["organisation__name"]
    rows = []
    for item in grouped(facts, fields):
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
    if dimension == "organisation":
        return item["organisation__short_name"] or item["organisation__name"]
    if dimension in CHOICE_LABELS:
        return str(CHOICE_LABELS[dimension].get(key, key))
    if dimension == "month":
        return f"{key:%m.%Y}"
    if dimension == "specialist":
        return f"{item['specialist__last_name']} {item['specialist__first_name']}".strip()
    return str(item[dim.label_field]) if dim.label_field else str(key)


# --- one month, from the tally kept in step with the facts (tallies.py) ---------------------


def _tally(month: datetime.date, organisation_ids: list[int] | None):
    rows = StatisticsTally.objects.filter(period=month.replace(day=1))
    if organisation_ids is not None:
        rows = rows.filter(organisation_id__in=organisation_ids)
    return rows.order_by()


def month_totals(month: datetime.date, organisation_ids: list[int] | None = None) -> Totals:
    """``totals`` of one month's facts of the institutions (None: the region), from the
    tally: the same numbers in one small query (issue 14, item 10)."""
    row = (
        _tally(month, organisation_ids)
        .filter(dimension="total")
        .aggregate(recipients=Sum("recipients"), services=Sum("services"), cost=Sum("cost"))
    )
    return Totals(row["recipients"] or 0, row["services"] or 0, row["cost"] or Decimal("0"))


def month_breakdown(
    month: datetime.date, dimension: str, organisation_ids: list[int] | None = None
) -> list[Row]:
    """``breakdown`` of one month's facts of the institutions (None: the region) by a
    dimension but the month, from the tally; the names of units, specialists, districts and
    services in one more query."""
    dim = DIMENSIONS[dimension]
    found = (
        _tally(month, organisation_ids)
        .filter(dimension=dimension)
        .values("key")
        .annotate(recipients=Sum("recipients"), services=Sum("services"), cost=Sum("cost"))
    )
    items = [item for item in found if item["recipients"] or item["services"] or item["cost"]]
    labels = _labels(dimension, [item["key"] for item in items if item["key"]])
    rows = []
    for item in items:
        key: object = item["key"] or None
        if key is not None and dimension in LABELLED and item["key"].isdigit():
            key = int(item["key"])  # an id (anything else the tally never writes: kept as is)
        if key in labels:
            label = str(labels[key])
        elif key is not None and dimension in LABELLED:
            label = str(key)  # a record removed since: its number
        else:
            label = _label(dimension, dim, {}, key)
        rows.append(Row(key, label, item["recipients"], item["services"], item["cost"]))
    rows.sort(key=lambda row: (-row.services, row.label))
    return rows


LABELLED = {"unit", "specialist", "district", "service"}


def _labels(dimension: str, keys: list[str]) -> dict:
    if dimension not in LABELLED or not keys:
        return {}
    ids = [int(k) for k in keys if k.isdigit()]
    if dimension == "unit":
        return dict(Unit.objects.filter(pk__in=ids).order_by().values_list("pk", "name"))
    if dimension == "district":
        return dict(SocialDistrict.objects.filter(pk__in=ids).order_by().values_list("pk", "name"))
    if dimension == "service":
        return dict(Service.objects.filter(pk__in=ids).order_by().values_list("pk", "code"))
    users = get_user_model().objects.filter(pk__in=ids).order_by()
    return {
        pk: f"{last} {first}".strip()
        for pk, last, first in users.values_list("pk", "last_name", "first_name")
    }
