"""Whose facts the department's statistics count, and where their numbers lead (SOC-10; seed
002 §5.1.11). The numbers themselves are defined once, in `statistics`.

Who sees which numbers:

* the institution's staff — the numbers of the facts they see by the data bank's rule
  (`ServiceFact.objects.visible_to`): a specialist those of their districts and those they
  gave, a head those of their units, the provider role the whole institution's;
* the УСЗН — the facts of the institutions of its territory;
* those numbers open the facts list behind them (the drill-down), which reads through the
  same rule, so a number never opens a fact its reader could not see;
* region-wide roles (Департамент, методический центр, администратор) — the numbers of the
  whole region and **only the numbers**: they never see a fact or a person here, so their
  numbers link nowhere. This is the one place (besides the reporting chain's counters below)
  that reads the facts past the scope, with `ServiceFact.objects.unscoped(reason=…)`;
* anyone else (a resource centre, no active role) — nothing: the page answers 404.

The reporting chain's counters (REP-4, ``reporting_counters`` in contributions) count the
facts of the report's sender organisation, whoever opens the report (its sender, its
receiver, the Department's board): only the two numbers leave, with a link to the facts list
that shows each reader what their own scope allows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from resurs.casework.socialservices import permissions, tallies
from resurs.casework.socialservices.models import ServiceFact, ServiceKind, month_start
from resurs.casework.socialservices.statistics import (
    DIMENSIONS,
    Row,
    Totals,
    breakdown,
    in_period,
    month_breakdown,
    month_totals,
    totals,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Organisation

REGION_REASON = (
    "SOC-10: статистика услуг по региону для региональной роли — только числа, без фактов"
)
COUNTER_REASON = (
    "REP-4: счётчики отчёта учреждения — число получателей и услуг по его фактам за период"
)
FACT_LIST = "socialservices:fact_list"


@dataclass(frozen=True)
class StatisticsQuery:
    """What the statistics page asks: the accounting months from ``start`` to ``end``, the
    dimension and the filters (each one a FactFilter field of the drill-down)."""

    start: datetime.date
    end: datetime.date
    dimension: str = "unit"
    unit_id: int | None = None
    district_id: int | None = None
    kind: str = ""
    form: str = ""
    payment: str = ""

    def fact_params(self) -> dict[str, str]:
        """The query as the facts list's parameters (selectors.FactFilter names)."""
        params = {
            "period_from": month_start(self.start).isoformat(),
            "period_to": month_start(self.end).isoformat(),
        }
        for name, value in (
            ("unit_id", self.unit_id),
            ("district_id", self.district_id),
            ("kind", self.kind),
            ("form", self.form),
            ("payment", self.payment),
        ):
            if value:
                params[name] = str(value)
        return params


@dataclass(frozen=True)
class LinkedRow:
    row: Row
    url: str = ""


@dataclass(frozen=True)
class Statistics:
    query: StatisticsQuery
    totals: Totals
    rows: list[LinkedRow]
    # whether the numbers open the facts behind them (never for region-wide roles)
    drilldown: bool
    # whose facts: the institution, the territory or the whole region
    coverage: str
    total_url: str = ""
    dimensions: list[str] = field(default_factory=list)


def facts_list_url(params: dict[str, str]) -> str:
    path = reverse(FACT_LIST)
    return f"{path}?{urlencode(params)}" if params else path


def dimensions_for(who) -> list[str]:
    """The dimensions offered: by institution only to those who see more than one."""
    scope = scope_of(who)
    many = scope is not None and (scope.region_wide or scope.role == Role.USZN)
    return [key for key in DIMENSIONS if many or key != "organisation"]


def _counted_facts(who) -> tuple[QuerySet[ServiceFact], bool, str] | None:
    """The facts the statistics count for ``who``, whether they open, and whose they are
    (the module docstring's rule)."""
    scope = scope_of(who)
    if scope is None or not permissions.can_see_statistics(scope):
        return None
    if scope.region_wide:
        return ServiceFact.objects.unscoped(reason=REGION_REASON), False, "все учреждения региона"
    coverage = {
        Role.USZN: "учреждения территории",
        Role.PROVIDER: "учреждение",
        Role.HEAD: "ваши отделения",
        Role.SPECIALIST: "ваши участки и оказанные вами услуги",
    }[Role(scope.role)]
    return ServiceFact.objects.visible_to(who), True, coverage


def _tallied_institutions(scope) -> tuple[list[int] | None] | None:
    """Whose tally a user's statistics may read: a region-wide role's — every institution
    (None); the institution's provider role's — its own; the УСЗН's — its territory's; the
    same facts ``visible_to`` gives them. A head's or a specialist's numbers are of some units
    or districts only: from the facts."""
    if scope.region_wide:
        return (None,)
    if scope.role == Role.PROVIDER:
        return ([scope.organisation_id],)
    if scope.role == Role.USZN and scope.territory_id:
        return (
            list(
                Organisation.objects.filter(territory_id=scope.territory_id).values_list(
                    "pk", flat=True
                )
            ),
        )
    return None


def _from_tally(who, query: StatisticsQuery):
    """A month without filters, by a tallied dimension, of whole institutions (the region,
    the territory, one institution): read from the month's tally kept in step with the facts
    (tallies.py) — the same numbers as from the facts (test_statistics_oracle), in
    milliseconds rather than seconds at a region's size (bench/results/socialservices.md)."""
    scope = scope_of(who)
    single_month = month_start(query.start) == month_start(query.end)
    filtered = any((query.unit_id, query.district_id, query.kind, query.form, query.payment))
    if scope is None or not single_month or filtered or query.dimension not in tallies.FIELDS:
        return None
    institutions = _tallied_institutions(scope)
    if institutions is None:
        return None
    month = month_start(query.start)
    (ids,) = institutions
    return month_totals(month, ids), month_breakdown(month, query.dimension, ids)


def _linked(rows, query: StatisticsQuery, drilldown: bool) -> list[LinkedRow]:
    dimension = DIMENSIONS[query.dimension]
    base = query.fact_params()
    linked = []
    for row in rows:
        url = ""
        if drilldown and row.key is not None:
            if isinstance(row.key, datetime.date):  # a month's row: that accounting month
                month = row.key.isoformat()
                url = facts_list_url({**base, "period_from": month, "period_to": month})
            elif dimension.param:
                url = facts_list_url({**base, dimension.param: str(row.key)})
        linked.append(LinkedRow(row, url))
    return linked


def statistics_for(who, query: StatisticsQuery) -> Statistics | None:
    """SOC-10: the totals and the breakdown of the facts ``who`` may count over the query's
    months; None for a user who sees no statistics (the page answers 404)."""
    counted = _counted_facts(who)
    if counted is None:
        return None
    facts, drilldown, coverage = counted
    base = query.fact_params()
    tallied = _from_tally(who, query)
    if tallied is not None:
        numbers, found = tallied
        return Statistics(
            query=query,
            totals=numbers,
            rows=_linked(found, query, drilldown),
            drilldown=drilldown,
            coverage=coverage,
            total_url=facts_list_url(base) if drilldown else "",
            dimensions=dimensions_for(who),
        )
    facts = in_period(facts, query.start, query.end)
    for name, value in (
        ("unit_id", query.unit_id),
        ("district_id", query.district_id),
        ("service_kind", query.kind),
        ("service_form", query.form),
        ("payment", query.payment),
    ):
        if value:
            facts = facts.filter(**{name: value})
    rows = _linked(breakdown(facts, query.dimension), query, drilldown)
    return Statistics(
        query=query,
        totals=totals(facts),
        rows=rows,
        drilldown=drilldown,
        coverage=coverage,
        total_url=facts_list_url(base) if drilldown else "",
        dimensions=dimensions_for(who),
    )


# --- REP-4: the reporting chain's counters ---------------------------------------------------


def organisation_numbers(
    *,
    organisation,
    direction=None,
    start: datetime.date,
    end: datetime.date,
    unit=None,
    specialist=None,
) -> dict[str, int | Decimal]:
    """The numbers of one organisation's facts — of one unit and one specialist (a user)
    when an in-service report names them — over the accounting months from ``start`` to
    ``end`` (a reporting period's dates): recipients, services, cost and the services of
    the legal and labour kinds. Services are not counted by priority direction, so
    ``direction`` changes nothing."""
    facts = ServiceFact.objects.unscoped(reason=COUNTER_REASON).filter(
        organisation_id=organisation.pk
    )
    if unit is not None:
        facts = facts.filter(unit_id=unit.pk)
    if specialist is not None:
        facts = facts.filter(specialist_id=specialist.pk)
    facts = in_period(facts, start, end)
    numbers = totals(facts)
    by_kind = {str(row.key): row.services for row in breakdown(facts, "kind")}
    return {
        "recipients": numbers.recipients,
        "services": numbers.services,
        "cost": numbers.cost,
        "services_legal": by_kind.get(ServiceKind.LEGAL, 0),
        "services_labour": by_kind.get(ServiceKind.LABOUR, 0),
    }


def organisation_facts_url(
    *,
    organisation,
    direction=None,
    start: datetime.date,
    end: datetime.date,
    unit=None,
    specialist=None,
) -> str:
    """The facts list of the period (of the unit and the specialist counted): the sender
    sees exactly the facts counted."""
    params = {
        "period_from": month_start(start).isoformat(),
        "period_to": month_start(end).isoformat(),
    }
    if unit is not None:
        params["unit_id"] = str(unit.pk)
    if specialist is not None:
        params["specialist_id"] = str(specialist.pk)
    return facts_list_url(params)
