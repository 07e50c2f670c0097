"""X-4 for SOC-10, SOC-11: the catalogue of social services (read) and the service facts
(create, list, read, reversal).

The catalogue is the region's list: whoever reads it on the pages reads it here. Facts are
personal data and are scoped as the data bank (`ServiceFact.objects.visible_to`): a fact
outside the scope is 404, exactly like one that does not exist; each read of a fact that
names a person is written in the access log with channel «API». Facts are written through
`services.fact_record` and `services.fact_reverse` — the same rules and audit as the pages,
whose trail never names the recipient. Lists are paginated (?page, ?page_size).
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.casework.cases.models import Case
from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import AccessChannel, Person
from resurs.casework.plans.models import PlanLine
from resurs.casework.socialservices import permissions, selectors, services
from resurs.casework.socialservices.models import (
    Basis,
    Payment,
    Service,
    ServiceForm,
    ServiceKind,
)
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Социальные услуги"])


# --- the catalogue ---------------------------------------------------------------------------


class TariffOut(Schema):
    valid_from: date
    price: Decimal
    order_ref: str


class ServiceOut(Schema):
    id: int
    code: str
    name: str
    kind: ServiceKind
    form: ServiceForm
    measure_unit: str
    is_paid: bool
    allows_anonymous: bool
    egisso_code: str
    order_ref: str
    is_active: bool
    version: int


class ServiceDetailOut(ServiceOut):
    tariffs: list[TariffOut] = Field(
        alias="tariffs_list", description="Тарифы по датам, новые первыми"
    )


class CatalogueFilterIn(Schema):
    q: str = Field("", max_length=100, description="Начало кода или часть наименования")
    kind: ServiceKind | None = None
    form: ServiceForm | None = None
    paid: bool | None = Field(None, description="``true`` — платные, ``false`` — бесплатные")
    active: bool | None = Field(None, description="``true`` — действующие, ``false`` — исключённые")


def _require_catalogue(request) -> None:
    if not permissions.can_read_catalogue(request.scope):
        raise PermissionDenied("Перечень социальных услуг недоступен вашей роли.")


@router.get("/catalogue", response=list[ServiceOut], summary="Перечень социальных услуг")
@paginate(Page)
def catalogue_list(request, filters: Query[CatalogueFilterIn]):
    _require_catalogue(request)
    return selectors.catalogue(
        filters=selectors.CatalogueFilter(
            text=filters.q,
            kind=filters.kind or "",
            form=filters.form or "",
            paid=filters.paid,
            active=filters.active,
        )
    )


@router.get("/catalogue/{int:pk}", response=ServiceDetailOut, summary="Услуга с тарифами")
def catalogue_detail(request, pk: int):
    _require_catalogue(request)
    service = selectors.service_for(pk)
    service.tariffs_list = selectors.tariffs_of(service)  # type: ignore[attr-defined]
    return service


# --- the facts -------------------------------------------------------------------------------


class FactOut(Schema):
    id: int
    person_id: int | None
    service_id: int
    service_code: str
    service_kind: ServiceKind
    service_form: ServiceForm
    price: Decimal
    provided_on: date
    period: date = Field(description="Учётный месяц (первое число)")
    quantity: int
    basis: Basis
    plan_line_id: int | None
    case_id: int | None
    payment: Payment
    amount: Decimal
    organisation_id: int
    unit_id: int
    district_id: int | None
    specialist_id: int | None
    reverses_id: int | None = Field(description="Факт, который сторнирует этот")
    reversed_by_id: int | None = Field(description="Сторно этого факта, если внесено")
    note: str
    version: int

    @staticmethod
    def resolve_reversed_by_id(obj):
        reversal = getattr(obj, "reversed_by", None)
        return reversal.pk if reversal is not None else None


class FactIn(Schema):
    unit_id: int
    service_id: int
    provided_on: date
    person_id: int | None = Field(None, description="Пусто — анонимно (если услуга допускает)")
    quantity: int = Field(1, ge=1, le=services.MAX_QUANTITY)
    basis: Basis = Basis.URGENT
    plan_line_id: int | None = None
    case_id: int | None = None
    payment: Payment | None = Field(None, description="Пусто — по перечню")
    amount: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    note: str = Field("", max_length=500)


class FactFilterIn(Schema):
    period_from: date | None = Field(None, description="Учётный месяц с")
    period_to: date | None = Field(None, description="Учётный месяц по")
    unit_id: int | None = None
    district_id: int | None = None
    specialist_id: int | None = None
    person_id: int | None = None
    service_id: int | None = None
    kind: ServiceKind | None = None
    form: ServiceForm | None = None
    payment: Payment | None = None
    basis: Basis | None = None
    target_group_id: int | None = None
    q: str = Field("", max_length=100, description="Начало кода или часть наименования услуги")
    reversals_only: bool = False


class ReversalIn(Schema):
    reason: str = Field(min_length=1, max_length=500)


def _fact(request, pk: int):
    fact = selectors.fact_for(request, pk)
    if fact.person_id is not None:
        log_access(request, fact, channel=AccessChannel.API)
    return fact


def _unit(request, pk: int):
    unit = selectors.work_units(request).filter(pk=pk).first()
    if unit is None:
        raise DomainError("Отделение не найдено среди отделений, в которых вы работаете.")
    return unit


@router.get("/facts", response=list[FactOut], summary="Факты оказания услуг")
@paginate(Page)
def fact_list(request, filters: Query[FactFilterIn]):
    return selectors.facts_visible_to(
        request,
        selectors.FactFilter(
            period_from=filters.period_from,
            period_to=filters.period_to,
            unit_id=filters.unit_id,
            district_id=filters.district_id,
            specialist_id=filters.specialist_id,
            person_id=filters.person_id,
            service_id=filters.service_id,
            kind=filters.kind or "",
            form=filters.form or "",
            payment=filters.payment or "",
            basis=filters.basis or "",
            target_group_id=filters.target_group_id,
            text=filters.q,
            reversals_only=filters.reversals_only,
        ),
    ).select_related("reversed_by")


@router.get("/facts/{int:pk}", response=FactOut, summary="Факт оказания услуги")
def fact_detail(request, pk: int):
    return _fact(request, pk)


@router.post("/facts", response={201: FactOut}, summary="Внести факт оказания услуги")
def fact_create(request, payload: FactIn):
    person = None
    if payload.person_id is not None:
        person = Person.objects.visible_to(request).filter(pk=payload.person_id).first()
        if person is None:
            raise DomainError("Гражданин не найден в вашей зоне доступа.")
    service = Service.objects.filter(pk=payload.service_id).first()
    if service is None:
        raise DomainError("Услуга не найдена в перечне.")
    plan_line = case = None
    if payload.plan_line_id is not None:
        plan_line = get_object_or_404(
            PlanLine.objects.visible_to(request).select_related("plan"), pk=payload.plan_line_id
        )
    if payload.case_id is not None:
        case = get_object_or_404(Case.objects.visible_to(request), pk=payload.case_id)
    fact = services.fact_record(
        by=request.membership,
        unit=_unit(request, payload.unit_id),
        service=service,
        provided_on=payload.provided_on,
        person=person,
        quantity=payload.quantity,
        basis=payload.basis,
        plan_line=plan_line,
        case=case,
        payment=payload.payment,
        amount=payload.amount,
        note=payload.note,
    )
    return Status(201, selectors.fact_for(request, fact.pk))


@router.post("/facts/{int:pk}/reversal", response={201: FactOut}, summary="Сторнировать факт")
def fact_reversal(request, pk: int, payload: ReversalIn):
    fact = selectors.fact_for(request, pk)
    reversal = services.fact_reverse(by=request.membership, fact=fact, reason=payload.reason)
    return Status(201, selectors.fact_for(request, reversal.pk))
