"""X-4 for TSR-1..5: the rental point's inventory, applications with the waiting list and
its positions, contracts and returns.

The inventory is the institution's: whoever sees the institution sees its fund (the
Department the region's). Applications and contracts are a citizen's personal data, scoped
as the data bank (``visible_to``): one outside the scope is 404, like one that does not
exist, and each read is written in the access log with channel «API». Writes go through the
same services as the pages. Lists are paginated (``page``, ``page_size``)."""

from datetime import date, datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import AccessChannel, Person
from resurs.casework.rental import selectors, services
from resurs.casework.rental.eligibility import eligibility
from resurs.casework.rental.models import (
    ApplicationState,
    Category,
    ChargeKind,
    ContractState,
    ItemKind,
    ItemSource,
    ItemState,
    Priority,
    ReturnCondition,
    ReturnReason,
)
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Пункт проката ТСР"])


class RentalTariffOut(Schema):
    valid_from: date
    price: Decimal
    time_unit: str
    order_ref: str


class RentalKindOut(Schema):
    id: int
    name: str
    position: int
    service_life_months: int
    service_code: str
    tariffs: list[RentalTariffOut] = Field(alias="tariff_rows")


class RentalItemOut(Schema):
    id: int
    organisation_id: int
    unit_id: int
    mark: str
    kind_id: int
    characteristics: str
    book_value: Decimal
    market_value: Decimal
    condition: str
    source: ItemSource
    transfer_note_number: str
    transfer_note_date: date | None
    in_service_on: date
    service_life_ends_on: date
    location: str
    state: ItemState
    version: int


class RentalItemFilterIn(Schema):
    mark: str = Field("", max_length=40, description="Часть клейма")
    kind_id: int | None = None
    state: ItemState | None = None


@router.get("/kinds", response=list[RentalKindOut], summary="Виды ТСР с тарифами")
def kind_list(request):
    kinds = list(ItemKind.objects.prefetch_related("tariffs"))
    for kind in kinds:
        kind.tariff_rows = list(kind.tariffs.all())  # type: ignore[attr-defined]
    return kinds


@router.get("/items", response=list[RentalItemOut], summary="Прокатный фонд")
@paginate(Page)
def item_list(request, filters: Query[RentalItemFilterIn]):
    return selectors.items_filtered(
        request, {"text": filters.mark, "kind": filters.kind_id, "state": filters.state}
    )


@router.get("/items/{int:pk}", response=RentalItemOut, summary="Предмет проката")
def item_detail(request, pk: int):
    return selectors.item_for(request, pk)


# --- applications and the waiting list ------------------------------------------------------


class RentalDecisionOut(Schema):
    kind_id: int
    free: bool
    reason: str = Field(description="Основание: бесплатно или платно, с пунктом положения")


def _entry(application, context):
    """The place in the list, each kind's list read once per request (a page of rows)."""
    request = context["request"]
    if not hasattr(request, "rental_waiting_lists"):
        request.rental_waiting_lists = {}
    return selectors.position_of(application, request.rental_waiting_lists)


class RentalApplicationOut(Schema):
    id: int
    person_id: int
    unit_id: int
    applied_at: datetime
    category: Category
    requested_kind_id: int
    ipra_kind_ids: list[int]
    priority: str
    state: ApplicationState
    offered_item_id: int | None
    refusal_ground: str
    missing_documents: list[str]
    position: int | None = Field(description="Место в очереди, если заявление ждёт")
    position_explanation: str = ""
    decisions: list[RentalDecisionOut]
    version: int

    @staticmethod
    def resolve_ipra_kind_ids(obj):
        return [kind.pk for kind in obj.ipra_kinds.all()]

    @staticmethod
    def resolve_missing_documents(obj):
        return obj.missing_documents()

    @staticmethod
    def resolve_position(obj, context):
        entry = _entry(obj, context)
        return entry.position if entry else None

    @staticmethod
    def resolve_position_explanation(obj, context):
        entry = _entry(obj, context)
        return entry.explanation if entry else ""

    @staticmethod
    def resolve_decisions(obj):
        kinds = [obj.requested_kind, *obj.ipra_kinds.all()]
        return [
            {"kind_id": kind.pk, "free": decision.free, "reason": decision.reason}
            for kind in dict.fromkeys(kinds)
            for decision in [eligibility(obj, kind)]
        ]


class RentalApplicationIn(Schema):
    person_id: int
    unit_id: int
    category: Category
    requested_kind_id: int
    ipra_kind_ids: list[int] = []
    priority: Priority = Priority.NONE
    documents: list[str] = Field([], description="Имена документов: ``doc_identity`` и др.")
    disability_group: str = ""
    cannot_self_care: bool = False
    no_able_relatives: bool = False
    needed_until: date | None = None


class RentalApplicationFilterIn(Schema):
    kind_id: int | None = None
    state: ApplicationState | None = None
    category: Category | None = None


class RentalEntryOut(Schema):
    position: int
    application_id: int
    explanation: str


@router.get("/applications", response=list[RentalApplicationOut], summary="Заявления на прокат")
@paginate(Page)
def application_list(request, filters: Query[RentalApplicationFilterIn]):
    rows = selectors.applications_filtered(
        request,
        {"kind": filters.kind_id, "state": filters.state, "category": filters.category},
    ).prefetch_related("ipra_kinds")
    return rows


@router.get("/applications/{int:pk}", response=RentalApplicationOut, summary="Заявление на прокат")
def application_detail(request, pk: int):
    application = selectors.application_for(request, pk)
    log_access(request, application, channel=AccessChannel.API)
    return application


@router.post("/applications", response={201: RentalApplicationOut}, summary="Принять заявление")
def application_create(request, payload: RentalApplicationIn):
    person = Person.objects.visible_to(request).filter(pk=payload.person_id).first()
    if person is None:
        raise DomainError("Гражданин не найден в вашей зоне доступа.")
    unit = selectors.point_units(request).filter(pk=payload.unit_id).first()
    if unit is None:
        raise DomainError("Пункт проката не найден среди отделений, в которых вы работаете.")
    kind = ItemKind.objects.filter(pk=payload.requested_kind_id).first()
    if kind is None:
        raise DomainError("Вид ТСР не найден.")
    application = services.application_create(
        by=request.membership,
        person=person,
        unit=unit,
        category=payload.category,
        requested_kind=kind,
        ipra_kinds=ItemKind.objects.filter(pk__in=payload.ipra_kind_ids),
        priority=payload.priority,
        documents=[name for name in payload.documents if name.startswith("doc_")],
        disability_group=payload.disability_group,
        cannot_self_care=payload.cannot_self_care,
        no_able_relatives=payload.no_able_relatives,
        needed_until=payload.needed_until,
    )
    return Status(201, selectors.application_for(request, application.pk))


@router.get("/queue/{int:kind_pk}", response=list[RentalEntryOut], summary="Очередь по виду ТСР")
def waiting_list(request, kind_pk: int):
    kind = get_object_or_404(ItemKind, pk=kind_pk)
    return [
        {"position": e.position, "application_id": e.application.pk, "explanation": e.explanation}
        for e in selectors.waiting_list_for(request, kind)
    ]


# --- contracts and returns ------------------------------------------------------------------


class RentalLoanOut(Schema):
    item_id: int
    free: bool
    reason: str
    price: Decimal
    days: int
    amount: Decimal
    returned_on: date | None
    return_condition: str
    service_fact_id: int | None


class RentalChargeOut(Schema):
    kind: ChargeKind
    amount: Decimal
    basis: str
    recorded_on: date
    loan_id: int


class RentalContractOut(Schema):
    id: int
    number: str
    application_id: int
    person_id: int
    concluded_on: date
    starts_on: date
    ends_on: date
    extended_until: date | None
    delivery: bool
    delivery_reason: str
    state: ContractState
    overdue: bool
    loans: list[RentalLoanOut]
    charges: list[RentalChargeOut]
    version: int

    @staticmethod
    def resolve_overdue(obj):
        return selectors.is_overdue(obj)

    @staticmethod
    def resolve_loans(obj):
        return list(obj.loans.all())

    @staticmethod
    def resolve_charges(obj):
        return list(obj.charges.all())


class RentalIssueIn(Schema):
    item_ids: list[int] = Field(min_length=1)
    starts_on: date
    ends_on: date
    delivery: bool = False
    representative_name: str = Field("", max_length=255)
    representative_document: str = Field("", max_length=255)


class RentalReturnedItemIn(Schema):
    item_id: int
    condition: ReturnCondition = ReturnCondition.GOOD
    repair_cost: Decimal | None = Field(None, max_digits=12, decimal_places=2, ge=0)


class RentalReturnIn(Schema):
    returned_on: date
    reason: ReturnReason = ReturnReason.TERM_ENDED
    items: list[RentalReturnedItemIn] = Field(min_length=1)
    notice_given_on: date | None = None
    note: str = Field("", max_length=500)


class RentalContractFilterIn(Schema):
    state: ContractState | None = None
    overdue: bool = False


@router.get("/contracts", response=list[RentalContractOut], summary="Договоры проката")
@paginate(Page)
def contract_list(request, filters: Query[RentalContractFilterIn]):
    rows = selectors.contracts_filtered(
        request, {"state": filters.state, "overdue": filters.overdue}
    ).prefetch_related("loans", "charges")
    return rows


@router.get("/contracts/{int:pk}", response=RentalContractOut, summary="Договор проката")
def contract_detail(request, pk: int):
    contract = selectors.contract_for(request, pk)
    log_access(request, contract, channel=AccessChannel.API)
    return contract


@router.post(
    "/applications/{int:pk}/contract",
    response={201: RentalContractOut},
    summary="Заключить договор",
)
def contract_issue(request, pk: int, payload: RentalIssueIn):
    application = selectors.application_for(request, pk)
    items = list(selectors.items_visible_to(request).filter(pk__in=payload.item_ids))
    if len(items) != len(set(payload.item_ids)):
        raise DomainError("Среди предметов есть отсутствующий в вашем прокатном фонде.")
    contract = services.issue(
        by=request.membership,
        application=application,
        items=items,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        delivery=payload.delivery,
        representative_name=payload.representative_name,
        representative_document=payload.representative_document,
    )
    return Status(201, selectors.contract_for(request, contract.pk))


@router.post(
    "/contracts/{int:pk}/return", response={201: RentalContractOut}, summary="Принять возврат ТСР"
)
def contract_return(request, pk: int, payload: RentalReturnIn):
    contract = selectors.contract_for(request, pk)
    services.return_items(
        by=request.membership,
        contract=contract,
        returned_on=payload.returned_on,
        reason=payload.reason,
        conditions={row.item_id: row.condition for row in payload.items},
        repair_costs={
            row.item_id: row.repair_cost for row in payload.items if row.repair_cost is not None
        },
        notice_given_on=payload.notice_given_on,
        note=payload.note,
    )
    return Status(201, selectors.contract_for(request, contract.pk))
