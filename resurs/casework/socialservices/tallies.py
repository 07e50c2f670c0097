"""The month's numbers kept in step with the facts (SOC-10; issue 14, item 10):
`StatisticsTally` rows, written in the same transaction as every write of a fact
(``services.fact_record``, ``fact_update``, ``fact_delete``, ``fact_reverse``).

A region's month of 10,000,000 facts holds some 280,000 facts; counting its distinct
recipients by three dimensions from the facts takes seconds, from the tally milliseconds
(bench/results/socialservices.md). The numbers mean what ``statistics.totals`` and
``statistics.breakdown`` say of one month of one institution; a test holds the two equal over
random sequences of records, reversals, corrections and closures.

Services and cost change by the written facts' own quantities. A recipient changes where the
person starts or stops having a fact that stands in the cell: the person's other standing
facts of the month are read once (the index ``fact_person_day``) after the institution's
month is locked — its totals row, ``select_for_update`` — so two writers of one month take
turns and the second sees the first one's facts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, FilteredRelation, Q

from resurs.casework.socialservices.models import ServiceFact, StatisticsTally

TOTAL = "total"
# The tallied dimensions (statistics.DIMENSIONS but the month) and the fact's field of each.
FIELDS = {
    "unit": "unit_id",
    "specialist": "specialist_id",
    "district": "district_id",
    "kind": "service_kind",
    "form": "service_form",
    "payment": "payment",
    "service": "service_id",
}

type Cell = tuple[int, datetime.date, str, str]


def key_of(value) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class State:
    """What the tally reads of a fact, before or after a write."""

    pk: int
    organisation_id: int
    period: datetime.date
    person_id: int | None
    quantity: int
    price: Decimal
    stands: bool
    keys: tuple[tuple[str, str], ...] = field(default=())

    @classmethod
    def of(cls, fact: ServiceFact, *, reversed_: bool = False) -> State:
        return cls(
            pk=fact.pk,
            organisation_id=fact.organisation_id,
            period=fact.period,
            person_id=fact.person_id,
            quantity=fact.quantity,
            price=fact.price,
            stands=fact.quantity > 0 and fact.person_id is not None and not reversed_,
            keys=((TOTAL, ""),)
            + tuple((d, key_of(getattr(fact, name))) for d, name in FIELDS.items()),
        )

    def cells(self) -> list[Cell]:
        return [(self.organisation_id, self.period, d, k) for d, k in self.keys]


def apply(*, before: Iterable[State] = (), after: Iterable[State] = ()) -> None:
    """The tally changed from the facts' states ``before`` a write to ``after`` it (a fact
    created has no state before, one deleted none after)."""
    before, after = list(before), list(after)
    months = sorted({(s.organisation_id, s.period) for s in before + after})
    for organisation_id, period in months:
        _lock(organisation_id, period)
    delta: dict[Cell, list] = defaultdict(lambda: [0, 0, Decimal("0")])
    for sign, states in ((-1, before), (1, after)):
        for state in states:
            for cell in state.cells():
                delta[cell][1] += sign * state.quantity
                delta[cell][2] += sign * state.quantity * state.price
    touched = {s.pk for s in before + after}
    for organisation_id, period, person_id in sorted(
        {(s.organisation_id, s.period, s.person_id) for s in before + after if s.person_id}
    ):
        others = _standing_cells(organisation_id, period, person_id, touched)

        def stands(states, o=organisation_id, p=period, who=person_id):
            return {
                cell
                for s in states
                if s.stands and (s.organisation_id, s.period, s.person_id) == (o, p, who)
                for cell in s.cells()
            }

        was, now = others | stands(before), others | stands(after)
        for cell in now - was:
            delta[cell][0] += 1
        for cell in was - now:
            delta[cell][0] -= 1
    _write({cell: d for cell, d in delta.items() if any(d)})


def _lock(organisation_id: int, period: datetime.date) -> None:
    StatisticsTally.objects.bulk_create(
        [StatisticsTally(organisation_id=organisation_id, period=period, dimension=TOTAL)],
        ignore_conflicts=True,
    )
    StatisticsTally.objects.select_for_update().get(
        organisation_id=organisation_id, period=period, dimension=TOTAL, key=""
    )


def _standing_cells(organisation_id, period, person_id, touched: set[int]) -> set[Cell]:
    """The cells where the person has a standing fact of the month, the touched ones aside."""
    rows = (
        ServiceFact.all_records.alias(
            reversal=FilteredRelation(
                "reversed_by",
                condition=Q(reversed_by__reverses__isnull=False, reversed_by__period=F("period")),
            )
        )
        .filter(
            person_id=person_id,
            organisation_id=organisation_id,
            period=period,
            quantity__gt=0,
            reversal__reverses__isnull=True,
        )
        .exclude(pk__in=touched)
        .order_by()
        .values_list(*FIELDS.values())
        .distinct()
    )
    cells: set[Cell] = set()
    for row in rows:
        cells.add((organisation_id, period, TOTAL, ""))
        for dimension, value in zip(FIELDS, row, strict=True):
            cells.add((organisation_id, period, dimension, key_of(value)))
    return cells


def _write(delta: dict[Cell, list]) -> None:
    if not delta:
        return
    StatisticsTally.objects.bulk_create(
        [
            StatisticsTally(organisation_id=o, period=p, dimension=d, key=k)
            for (o, p, d, k) in delta
        ],
        ignore_conflicts=True,
    )
    for (organisation_id, period, dimension, key), (recipients, services, cost) in sorted(
        delta.items()
    ):
        StatisticsTally.objects.filter(
            organisation_id=organisation_id, period=period, dimension=dimension, key=key
        ).update(
            recipients=F("recipients") + recipients,
            services=F("services") + services,
            cost=F("cost") + cost,
        )


def rebuild(facts=None, tally_model=StatisticsTally) -> int:
    """The tally built again from the facts (all, or the queryset's institutions' months):
    after a bulk load, in the migration that created it, or to check it. Returns the rows
    written."""
    from resurs.casework.socialservices import statistics

    if facts is None:
        facts = ServiceFact.all_records.all()
    months = facts.order_by().values("organisation_id", "period").distinct()
    for month in months.iterator():
        tally_model.objects.filter(**month).delete()
    rows = [
        tally_model(
            organisation_id=item["organisation_id"],
            period=item["period"],
            dimension=dimension,
            key=key_of(item[name]) if name else "",
            recipients=item["recipients"] or 0,
            services=item["services"] or 0,
            cost=item["cost"] or Decimal("0"),
        )
        for dimension, name in ((TOTAL, None), *FIELDS.items())
        for item in statistics.grouped(
            facts, ["organisation_id", "period"] + ([name] if name else [])
        )
    ]
    tally_model.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
