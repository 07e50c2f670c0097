"""X-4, SOC-6, SOC-7: the endpoints of individual plans and referrals. Reads go through the
selectors' scope (a plan, line or referral outside it is 404), writes through `services` and
`referrals` (the same rules, versions and audit as the pages). Opening a plan or a referral
is logged in the access log with the API channel.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.plans import referrals, selectors, services
from resurs.casework.plans.models import (
    LineStatus,
    PlanKind,
    PlanLine,
    PlanStatus,
    ReferralStatus,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes import DomainError

router = Router(tags=["Индивидуальные планы и направления"])

VERSION_HELP = (
    "Версия, полученная при чтении (оптимистическая блокировка): без неё можно было бы молча "
    "перезаписать чужое изменение"
)


class PlanLineOut(Schema):
    id: int
    plan_id: int
    number: int
    measure_id: int
    measure_name: str = Field(alias="measure.name")
    details: str
    responsible_user_id: int | None
    responsible_unit_id: int | None
    responsible_organisation_id: int | None
    planned_on: date
    done_on: date | None
    result: str
    status: LineStatus
    overdue: bool = Field(description="Срок прошёл, мероприятие не завершено")
    version: int

    @staticmethod
    def resolve_overdue(obj):
        return selectors.is_overdue(obj)


class PlanDetailOut(Schema):
    id: int
    kind: PlanKind
    title: str
    person_id: int | None
    family_id: int | None
    organisation_id: int
    unit_id: int
    district_id: int | None
    specialist_id: int | None
    status: PlanStatus
    starts_on: date | None
    ends_on: date | None
    approved_on: date | None
    version: int
    lines: list[PlanLineOut] = Field(alias="line_list")


class PlanLineIn(Schema):
    measure_id: int = Field(description="Мероприятие из каталога вида плана")
    details: str = Field("", max_length=5000)
    responsible_user_id: int | None = Field(None, description="Один из трёх ответственных")
    responsible_unit_id: int | None = None
    responsible_organisation_id: int | None = None
    planned_on: date


class PlanLinePatch(PatchSchema):
    model = PlanLine
    version: int = Field(description=VERSION_HELP)
    measure_id: int | None = None
    details: str | None = Field(None, max_length=5000)
    responsible_user_id: int | None = None
    responsible_unit_id: int | None = None
    responsible_organisation_id: int | None = None
    planned_on: date | None = None
    status: LineStatus | None = None
    done_on: date | None = None
    result: str | None = Field(None, max_length=5000)


class ReferralOut(Schema):
    id: int
    line_id: int
    measure_name: str = Field(alias="line.measure.name")
    from_unit_id: int
    to_unit_id: int | None
    to_organisation_id: int | None
    request: str
    status: ReferralStatus
    sent_at: datetime
    sent_by_id: int
    answered_at: datetime | None
    answered_by_id: int | None
    rejection_reason: str
    done_at: datetime | None
    result: str
    version: int


class ReferralFilterIn(Schema):
    box: Literal["incoming", "outgoing"] = Field(
        "incoming", description="Входящие (вашему отделению) или исходящие (по вашим планам)"
    )
    status: ReferralStatus | None = None


class ReferralSendIn(Schema):
    line_id: int
    to_unit_id: int | None = Field(None, description="Отделение учреждения — или…")
    to_organisation_id: int | None = Field(
        None, description="…другое ведомство (нужно согласие гражданина на передачу данных)"
    )
    request: str = Field(min_length=1, max_length=5000)


class ReferralVersionIn(Schema):
    version: int = Field(description=VERSION_HELP)


class ReferralRejectIn(ReferralVersionIn):
    reason: str = Field(min_length=1, max_length=5000)


class ReferralDoneIn(ReferralVersionIn):
    result: str = Field(min_length=1, max_length=5000)


REFUSED = {
    "measure_id": "Мероприятие не из каталога этого вида плана.",
    "responsible_user_id": "Ответственный сотрудник должен работать в учреждении, ведущем план.",
    "responsible_unit_id": (
        "Ответственное отделение должно быть действующим отделением учреждения."
    ),
    "responsible_organisation_id": (
        "Организация-партнёр не найдена в доступном вам справочнике организаций."
    ),
}


def _plan_detail(request, pk: int, *, log: bool = False):
    plan = selectors.plan_for(request, pk)
    if log:
        log_access(request, plan, channel=AccessChannel.API)
    plan.line_list = selectors.lines_of(request, plan)  # type: ignore[attr-defined]
    return plan


def _pick(queryset, pk: int | None, message: str):
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise DomainError(message)
    return found


def _line_objects(request, plan, data: dict) -> dict:
    """Ids of the body turned into the records the service takes, from the choices the
    user has; an id outside them is refused like the page's select refuses it."""
    choices = {
        "measure_id": ("measure", selectors.measure_choices(plan.kind)),
        "responsible_user_id": ("responsible_user", selectors.staff_choices(plan.organisation_id)),
        "responsible_unit_id": ("responsible_unit", selectors.unit_choices(plan.organisation_id)),
        "responsible_organisation_id": (
            "responsible_organisation",
            selectors.partner_choices(request),
        ),
    }
    fields = {}
    for key, value in data.items():
        if key in choices:
            name, queryset = choices[key]
            fields[name] = _pick(queryset, value, REFUSED[key])
        else:
            fields[key] = value
    return fields


@router.get("/{int:pk}", response=PlanDetailOut, summary="Индивидуальный план с мероприятиями")
def plan_detail(request, pk: int):
    return _plan_detail(request, pk, log=True)


@router.post("/{int:pk}/lines", response={201: PlanLineOut}, summary="Добавить мероприятие")
def line_create(request, pk: int, payload: PlanLineIn):
    plan = selectors.plan_for(request, pk)
    fields = _line_objects(request, plan, payload.dict())
    if fields.get("measure") is None:
        raise DomainError("Выберите мероприятие из перечня.")
    line = services.plan_line_add(by=request.membership, plan=plan, **fields)
    return Status(201, selectors.line_for(request, line.pk))


@router.patch("/lines/{int:pk}", response=PlanLineOut, summary="Изменить мероприятие")
def line_update(request, pk: int, payload: PlanLinePatch):
    line = selectors.line_for(request, pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    fields = _line_objects(request, line.plan, data)
    if "measure" in fields and fields["measure"] is None:
        raise DomainError("Выберите мероприятие из перечня.")
    services.plan_line_update(by=request.membership, line=line, expected_version=version, **fields)
    return selectors.line_for(request, pk)


@router.get("/referrals", response=list[ReferralOut], summary="Направления")
@paginate(Page)
def referral_list(request, filters: Query[ReferralFilterIn]):
    read = selectors.incoming if filters.box == "incoming" else selectors.outgoing
    return read(request, selectors.ReferralFilter(status=filters.status or ""))


@router.get("/referrals/{int:pk}", response=ReferralOut, summary="Направление")
def referral_detail(request, pk: int):
    referral = selectors.referral_for(request, pk)
    log_access(request, referral, channel=AccessChannel.API)
    return referral


@router.post("/referrals", response={201: ReferralOut}, summary="Направить мероприятие")
def referral_send(request, payload: ReferralSendIn):
    line = selectors.line_for(request, payload.line_id)
    plan = selectors.plan_for(request, line.plan_id)
    line.plan = plan
    to_unit = _pick(
        selectors.unit_choices(plan.organisation_id),
        payload.to_unit_id,
        "Направить можно в действующее отделение своего учреждения.",
    )
    to_organisation = _pick(
        selectors.external_choices(request),
        payload.to_organisation_id,
        "Направить можно в организацию другого ведомства из доступного вам справочника.",
    )
    referral = referrals.referral_send(
        by=request.membership,
        line=line,
        to_unit=to_unit,
        to_organisation=to_organisation,
        request=payload.request,
    )
    return Status(201, selectors.referral_for(request, referral.pk))


@router.post("/referrals/{int:pk}/accept", response=ReferralOut, summary="Принять направление")
def referral_accept(request, pk: int, payload: ReferralVersionIn):
    referral = selectors.referral_for(request, pk)
    referrals.referral_accept(
        by=request.membership, referral=referral, expected_version=payload.version
    )
    return selectors.referral_for(request, pk)


@router.post("/referrals/{int:pk}/reject", response=ReferralOut, summary="Отклонить направление")
def referral_reject(request, pk: int, payload: ReferralRejectIn):
    referral = selectors.referral_for(request, pk)
    referrals.referral_reject(
        by=request.membership,
        referral=referral,
        expected_version=payload.version,
        reason=payload.reason,
    )
    return selectors.referral_for(request, pk)


@router.post("/referrals/{int:pk}/done", response=ReferralOut, summary="Отметить исполненным")
def referral_done(request, pk: int, payload: ReferralDoneIn):
    referral = selectors.referral_for(request, pk)
    referrals.referral_done(
        by=request.membership,
        referral=referral,
        expected_version=payload.version,
        result=payload.result,
    )
    return selectors.referral_for(request, pk)


@router.post("/referrals/{int:pk}/revoke", response=ReferralOut, summary="Отозвать направление")
def referral_revoke(request, pk: int, payload: ReferralVersionIn):
    referral = selectors.referral_for(request, pk)
    referrals.referral_revoke(
        by=request.membership, referral=referral, expected_version=payload.version
    )
    return selectors.referral_for(request, pk)
