"""X-4 for TSR-7: the annual demand requests of the rental points (seed 002 app. 1 §5.1,
app. 3), read-only.

Counts per kind, no personal data: a request is visible with its institution
(``DemandRequest.objects.visible_to``), and one outside the scope is 404, exactly like one
that does not exist. The Department (region-wide roles) sees every institution's request and
the region's total per kind. Lists are paginated (?page, ?page_size).
"""

import datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from resurs.casework.rental import demand
from resurs.casework.rental.models import DemandState
from resurs.casework.rental.models.demand import FIRST_YEAR, LAST_YEAR
from resurs.kernel.organisations.api import Page

router = Router(tags=["Прокат ТСР: заявки о потребности"])


class DemandFilterIn(Schema):
    year: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="Год потребности; пусто — все годы"
    )
    state: DemandState | None = Field(
        None, description="``draft`` — черновик, ``sent`` — направлена в Департамент"
    )


class DemandRequestOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(alias="organisation.name")
    year: int = Field(description="Год, на который заявлена потребность")
    state: DemandState = Field(description="``draft`` или ``sent``")
    computed_on: datetime.date = Field(description="Дата, на которую рассчитана потребность")
    due_on: datetime.date = Field(description="Срок направления (п. 5.1): 01.05 предыдущего года")
    sent_at: datetime.datetime | None
    sent_late: bool = Field(description="``true`` — направлена после ``due_on``")
    late_note: str
    total: int = Field(description="Заявлено всего, ед. (сумма ``quantity`` строк)")
    version: int

    @staticmethod
    def resolve_total(obj) -> int:
        return getattr(obj, "total", None) or 0


class DemandLineOut(Schema):
    kind_id: int
    kind_name: str = Field(alias="kind.name")
    waiting: int = Field(description="Заявления в очереди (``waiting`` и ``offered``)")
    refusals: int = Field(
        description="Заявления, отозванные без предложения ТСР (``withdrawn``), за 12 месяцев"
    )
    replacements: int = Field(
        description="Несписанные предметы, срок службы которых истекает до 31.12 года потребности"
    )
    computed: int = Field(description="``waiting`` + ``refusals`` + ``replacements``")
    quantity: int = Field(description="Заявленное количество")
    adjustment_reason: str = Field(description="Причина, если ``quantity`` ≠ ``computed``")
    price: Decimal | None = Field(description="Цена (тариф) за 1 ед. изм., руб.")


class DemandDetailOut(DemandRequestOut):
    lines: list[DemandLineOut] = Field(alias="lines_list")


class DemandTotalOut(Schema):
    kind_id: int
    kind_name: str
    quantity: int = Field(description="Заявлено учреждениями, ед.")
    computed: int = Field(description="По расчёту, ед.")
    requests: int = Field(description="Заявок, в которых вид заявлен (``quantity`` > 0)")


class DemandTotalsIn(Schema):
    year: int = Field(..., ge=FIRST_YEAR, le=LAST_YEAR, description="Год потребности")
    state: DemandState | None = Field(None, description="``sent`` — только направленные")


@router.get("", response=list[DemandRequestOut], summary="Заявки о потребности в ТСР")
@paginate(Page)
def demand_request_list(request, filters: Query[DemandFilterIn]):
    return demand.requests_visible_to(request, year=filters.year, state=filters.state or "")


@router.get(
    "/totals",
    response=list[DemandTotalOut],
    summary="Итог потребности по видам ТСР",
    description="Департаменту — итог по региону по заявкам года; другим ролям — итог по "
    "заявкам, которые им доступны.",
)
def demand_totals(request, query: Query[DemandTotalsIn]):
    return [
        {
            "kind_id": total.kind.pk,
            "kind_name": total.kind.name,
            "quantity": total.quantity,
            "computed": total.computed,
            "requests": total.requests,
        }
        for total in demand.totals(request, year=query.year, state=query.state or "")
    ]


@router.get("/{int:pk}", response=DemandDetailOut, summary="Заявка о потребности со строками")
def demand_request_detail(request, pk: int):
    record = demand.request_for(request, pk)
    lines = demand.lines_of(record)
    record.lines_list = lines  # type: ignore[attr-defined]
    record.total = sum(line.quantity for line in lines)  # type: ignore[attr-defined]
    return record
