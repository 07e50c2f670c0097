"""X-4: the endpoints of the appeals journal and the cases (SOC-5, SOC-6). Every read goes
through the scope (``visible_to``; a record outside it is 404), every write through
`cases.services` (same rules and audit as the pages); every read of a case is logged with
channel «api». Lists are paginated (?page, ?page_size). A change of a versioned record
(an appeal's result, a step of a case) requires the ``version`` read."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.casework.cases import deadlines, selectors, services
from resurs.casework.cases.models import AppealResult, Channel, StepKind
from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import AccessChannel, Family, Person
from resurs.kernel.organisations.api import Page
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Обращения и случаи"])


class AppealOut(Schema):
    id: int
    year: int
    number: int
    unit_id: int
    received_at: datetime
    channel: Channel
    is_anonymous: bool
    person_id: int | None
    family_id: int | None
    source_organisation_id: int | None
    subject: str
    taken_by_id: int
    result: AppealResult
    result_note: str
    version: int


class AppealIn(Schema):
    unit_id: int
    received_at: datetime
    channel: Channel
    is_anonymous: bool = False
    person_id: int | None = None
    family_id: int | None = None
    source_organisation_id: int | None = None
    subject: str = Field(min_length=1, max_length=5000)
    result: AppealResult = AppealResult.IN_WORK


class AppealResultIn(Schema):
    result: AppealResult
    result_note: str = Field("", max_length=5000)
    version: int = Field(description="Версия обращения, которую вы прочитали")


class AppealFilterIn(Schema):
    date_from: date | None = None
    date_to: date | None = None
    channel: Channel | None = None
    anonymous: bool | None = None
    result: AppealResult | None = None


class CaseStepOut(Schema):
    id: int
    kind: StepKind
    occurred_on: date
    note: str
    recorded_by_id: int
    recorded_at: datetime


class CaseDeadlineOut(Schema):
    rule: str = Field(alias="rule.code")
    title: str = Field(alias="rule.title")
    paragraph: str = Field(alias="rule.paragraph")
    working_days: int = Field(alias="rule.working_days")
    starts_on: date
    due_on: date
    met_on: date | None
    basis: str = Field(alias="basis_text", description="Основание срока словами")
    state: str = Field(description="met, met_late, today, open, overdue")
    state_text: str
    working_days_left_or_late: int

    @staticmethod
    def resolve_state(obj):
        return obj.state.code

    @staticmethod
    def resolve_state_text(obj):
        return obj.state.text

    @staticmethod
    def resolve_working_days_left_or_late(obj):
        return obj.state.days


class CaseOut(Schema):
    id: int
    year: int
    number: int
    unit_id: int
    district_id: int | None
    specialist_id: int | None
    person_id: int | None
    family_id: int | None
    appeal_id: int | None
    detected_on: date
    appealed_on: date | None
    stage: StepKind
    closed_on: date | None
    version: int


class CaseDetailOut(CaseOut):
    problem: str
    steps: list[CaseStepOut] = Field(alias="steps_list", description="Шаги в порядке записи")
    deadlines: list[CaseDeadlineOut] = Field(alias="deadlines_list", description="Сроки случая")


class CaseIn(Schema):
    unit_id: int
    person_id: int | None = None
    family_id: int | None = None
    appeal_id: int | None = None
    problem: str = Field(min_length=1, max_length=5000)
    detected_on: date
    appealed_on: date | None = None


class CaseFilterIn(Schema):
    stage: StepKind | None = None
    specialist_id: int | None = None
    district_id: int | None = None
    overdue: bool = False


class CaseStepIn(Schema):
    kind: StepKind
    occurred_on: date
    note: str = Field("", max_length=5000)
    version: int = Field(description="Версия случая, которую вы прочитали")


def _unit(request, pk: int):
    unit = selectors.work_units(request).filter(pk=pk).first()
    if unit is None:
        raise DomainError("Отделение не найдено среди отделений, в которых вы работаете.")
    return unit


def _subject(request, person_id, family_id):
    person = family = None
    if person_id is not None:
        person = Person.objects.visible_to(request).filter(pk=person_id).first()
        if person is None:
            raise DomainError("Гражданин не найден в вашей зоне доступа.")
    if family_id is not None:
        family = Family.objects.visible_to(request).filter(pk=family_id).first()
        if family is None:
            raise DomainError("Семья не найдена в вашей зоне доступа.")
    return person, family


# --- appeals ---------------------------------------------------------------------------------


@router.get("/appeals", response=list[AppealOut], summary="Журнал обращений")
@paginate(Page)
def appeal_list(request, filters: Query[AppealFilterIn]):
    return selectors.appeals(
        request,
        selectors.AppealFilter(
            date_from=filters.date_from,
            date_to=filters.date_to,
            channel=filters.channel or "",
            anonymous=filters.anonymous,
            result=filters.result or "",
        ),
    )


@router.get("/appeals/{int:pk}", response=AppealOut, summary="Обращение")
def appeal_detail(request, pk: int):
    appeal = selectors.appeal_for(request, pk)
    if not appeal.is_anonymous:
        log_access(request, appeal, channel=AccessChannel.API)  # it names the person
    return appeal


@router.post("/appeals", response={201: AppealOut}, summary="Принять обращение")
def appeal_create(request, payload: AppealIn):
    person, family = _subject(request, payload.person_id, payload.family_id)
    source = None
    if payload.source_organisation_id is not None:
        source = get_object_or_404(
            Organisation.objects.visible_to(request), pk=payload.source_organisation_id
        )
    appeal = services.appeal_take(
        by=request.membership,
        unit=_unit(request, payload.unit_id),
        received_at=payload.received_at,
        channel=payload.channel,
        is_anonymous=payload.is_anonymous,
        person=person,
        family=family,
        source_organisation=source,
        subject=payload.subject,
        result=payload.result,
    )
    return Status(201, selectors.appeal_for(request, appeal.pk))


@router.post("/appeals/{int:pk}/result", response=AppealOut, summary="Результат обращения")
def appeal_result(request, pk: int, payload: AppealResultIn):
    appeal = selectors.appeal_for(request, pk)
    services.appeal_result_update(
        by=request.membership,
        appeal=appeal,
        result=payload.result,
        result_note=payload.result_note,
        expected_version=payload.version,
    )
    return selectors.appeal_for(request, pk)


# --- cases -----------------------------------------------------------------------------------


def _case_detail(request, pk: int):
    case = selectors.case_for(request, pk)
    log_access(request, case, channel=AccessChannel.API)
    case.steps_list = selectors.steps_of(request, case)  # type: ignore[attr-defined]
    case.deadlines_list = deadlines.annotate(  # type: ignore[attr-defined]
        selectors.deadlines_of(request, case), timezone.localdate()
    )
    return case


@router.get("", response=list[CaseOut], summary="Случаи")
@paginate(Page)
def case_list(request, filters: Query[CaseFilterIn]):
    return selectors.cases(
        request,
        selectors.CaseFilter(
            stage=filters.stage or "",
            specialist_id=filters.specialist_id,
            district_id=filters.district_id,
            overdue=filters.overdue,
        ),
        timezone.localdate(),
    )


@router.get("/{int:pk}", response=CaseDetailOut, summary="Случай с шагами и сроками")
def case_detail(request, pk: int):
    return _case_detail(request, pk)


@router.post("", response={201: CaseDetailOut}, summary="Открыть случай")
def case_create(request, payload: CaseIn):
    person, family = _subject(request, payload.person_id, payload.family_id)
    appeal = selectors.appeal_for(request, payload.appeal_id) if payload.appeal_id else None
    case = services.case_open(
        by=request.membership,
        unit=_unit(request, payload.unit_id),
        person=person,
        family=family,
        problem=payload.problem,
        detected_on=payload.detected_on,
        appealed_on=payload.appealed_on,
        appeal=appeal,
    )
    return Status(201, _case_detail(request, case.pk))


@router.post("/{int:pk}/steps", response={201: CaseDetailOut}, summary="Записать шаг случая")
def step_create(request, pk: int, payload: CaseStepIn):
    case = selectors.case_for(request, pk)
    services.step_record(
        by=request.membership,
        case=case,
        kind=payload.kind,
        occurred_on=payload.occurred_on,
        note=payload.note,
        expected_version=payload.version,
    )
    return Status(201, _case_detail(request, pk))
