"""X-4 for SOC-10: the department's statistics of services through the API — the numbers of
the statistics page (`statistics_selectors.statistics_for`, the same scope: the institution's
staff and the УСЗН their facts with links to them, region-wide roles the region's numbers
without links, anybody else 404)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from resurs.casework.socialservices.models import Payment, ServiceForm, ServiceKind
from resurs.casework.socialservices.statistics import DIMENSIONS
from resurs.casework.socialservices.statistics_selectors import (
    StatisticsQuery,
    dimensions_for,
    statistics_for,
)
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Социальные услуги"])


class StatisticsIn(Schema):
    period_from: date = Field(description="Первый учётный месяц (любой день месяца)")
    period_to: date = Field(description="Последний учётный месяц (любой день месяца)")
    dimension: str = Field(
        "unit",
        description="Разрез: "
        + "; ".join(f"``{key}`` — {d.title.lower()}" for key, d in DIMENSIONS.items()),
    )
    unit_id: int | None = None
    district_id: int | None = None
    kind: ServiceKind | None = None
    form: ServiceForm | None = None
    payment: Payment | None = None


class StatisticsRowOut(Schema):
    key: str | None
    label: str
    recipients: int
    services: int
    cost: Decimal
    facts_url: str = Field("", description="Список фактов за числом (пусто, если недоступен)")


class StatisticsOut(Schema):
    period_from: date
    period_to: date
    dimension: str
    coverage: str = Field(description="Чьи факты учтены")
    recipients: int
    services: int
    cost: Decimal
    rows: list[StatisticsRowOut]


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


@router.get("", response=StatisticsOut, summary="Статистика услуг")
def statistics(request, params: Query[StatisticsIn]):
    start, end = params.period_from.replace(day=1), _month_end(params.period_to)
    if end < start:
        raise DomainError("Последний месяц периода раньше первого.")
    if params.dimension not in dimensions_for(request):
        raise DomainError(f"Разрез «{params.dimension}» недоступен.")
    stats = statistics_for(
        request,
        StatisticsQuery(
            start=start,
            end=end,
            dimension=params.dimension,
            unit_id=params.unit_id,
            district_id=params.district_id,
            kind=params.kind or "",
            form=params.form or "",
            payment=params.payment or "",
        ),
    )
    if stats is None:
        raise Http404
    return StatisticsOut(
        period_from=start,
        period_to=end,
        dimension=params.dimension,
        coverage=stats.coverage,
        recipients=stats.totals.recipients,
        services=stats.totals.services,
        cost=stats.totals.cost,
        rows=[
            StatisticsRowOut(
                key=None if item.row.key is None else str(item.row.key),
                label=item.row.label,
                recipients=item.row.recipients,
                services=item.row.services,
                cost=item.row.cost,
                facts_url=item.url,
            )
            for item in stats.rows
        ],
    )
