"""X-4: the events endpoints; every query goes through the selectors' scope.

Events (with their participants), the training plan's nominations, consultations, media
plans with their items, and publications (SPEC §5 EVT-1..EVT-4). Lists are paginated
(?page, ?page_size); writes go through `events.services`, so the rules and the audit are
the same as in the UI. Date-times without an offset are the organiser's local time.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.events import selectors, services
from resurs.coordination.events.models import (
    Consultation,
    ConsultationAudience,
    ConsultationGrouping,
    ConsultationMode,
    Event,
    EventFormat,
    EventKind,
    EventState,
    MediaPlan,
    MediaPlanItem,
    NominationState,
    Participation,
    ParticipationStatus,
    Publication,
    PublicationChannel,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations import selectors as directory
from resurs.kernel.organisations.api import Page

router = Router(tags=["Мероприятия и публикации"])


def _scope(request):
    return request.scope


def _organisation(request, organisation_id):
    """The organisation named by an id, among those the caller sees; the caller's own if
    none is named. Whether the caller may write for it is the service's decision."""
    if organisation_id is None:
        return request.membership.organisation
    return directory.organisation_for(_scope(request), organisation_id)


def _direction(direction_id):
    if direction_id is None:
        return None
    return get_object_or_404(directory.directions(), pk=direction_id)


def _resolve(request, data: dict) -> dict:
    """Turns the ``*_id`` keys of a payload into the objects the services take."""
    scope = _scope(request)
    if "direction_id" in data:
        data["direction"] = _direction(data.pop("direction_id"))
    if "organisation_id" in data:
        data["organisation"] = _organisation(request, data.pop("organisation_id"))
    if "plan_item_id" in data:
        item_id = data.pop("plan_item_id")
        data["plan_item"] = selectors.media_plan_item_for(scope, item_id) if item_id else None
    if "event_id" in data:
        event_id = data.pop("event_id")
        data["event"] = selectors.event_for(scope, event_id) if event_id else None
    if "responsible_appointment_id" in data:
        appointment_id = data.pop("responsible_appointment_id")
        data["responsible_appointment"] = (
            get_object_or_404(directory.appointments_visible_to(scope), pk=appointment_id)
            if appointment_id
            else None
        )
    return data


def _local(value: datetime) -> datetime:
    return timezone.localtime(value)


# --- events ----------------------------------------------------------------------------------


class ParticipationOut(Schema):
    id: int
    event_id: int
    organisation_id: int | None
    organisation_name: str
    person_name: str
    position: str
    contact: str
    status: ParticipationStatus


class EventOut(Schema):
    id: int
    organiser_id: int
    direction_id: int | None
    kind: EventKind
    topic: str
    description: str
    format: EventFormat
    starts_at: datetime
    ends_at: datetime
    place: str
    link: str
    is_public: bool
    state: EventState
    nominations_open: bool
    nomination_deadline: date | None
    places: int | None
    version: int

    @staticmethod
    def resolve_starts_at(obj):
        return _local(obj.starts_at)

    @staticmethod
    def resolve_ends_at(obj):
        return _local(obj.ends_at)


class EventDetailOut(EventOut):
    participants: list[ParticipationOut] = Field(
        alias="participant_list", description="Участники, которых вам разрешено видеть"
    )


class EventIn(Schema):
    organiser_id: int | None = Field(
        None, description="Организатор; по умолчанию — ваша организация"
    )
    direction_id: int | None = None
    kind: EventKind
    topic: str = Field(min_length=3, max_length=500)
    description: str = ""
    format: EventFormat = EventFormat.IN_PERSON
    starts_at: datetime
    ends_at: datetime
    place: str = Field("", max_length=500)
    link: str = Field("", max_length=500)
    is_public: bool = False
    state: EventState = EventState.PLANNED
    nominations_open: bool = False
    nomination_deadline: date | None = None
    places: int | None = Field(None, ge=1)


class EventPatch(PatchSchema):
    model = Event
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    organiser_id: int | None = None
    direction_id: int | None = None
    kind: EventKind | None = None
    topic: str | None = Field(None, min_length=3, max_length=500)
    description: str | None = None
    format: EventFormat | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str | None = Field(None, max_length=500)
    link: str | None = Field(None, max_length=500)
    is_public: bool | None = None
    state: EventState | None = None
    nominations_open: bool | None = None
    nomination_deadline: date | None = None
    places: int | None = Field(None, ge=1)


class EventFilterIn(Schema):
    q: str = Field("", description="Поиск по теме, месту, описанию")
    kind: EventKind | None = None
    direction_id: int | None = None
    organiser_id: int | None = None
    format: EventFormat | None = None
    state: EventState | None = None
    date_from: date | None = Field(None, description="Начало не раньше этой даты")
    date_to: date | None = Field(None, description="Начало не позже этой даты")
    is_public: bool | None = None
    nominations_open: bool | None = None


def _event_fields(request, data: dict) -> dict:
    if "organiser_id" in data:
        data["organiser"] = _organisation(request, data.pop("organiser_id"))
    return _resolve(request, data)


def _event_detail(request, pk):
    event = selectors.event_for(_scope(request), pk)
    event.participant_list = list(selectors.participations_of(_scope(request), event))
    return event


@router.get("", response=list[EventOut], summary="Мероприятия")
@paginate(Page)
def event_list(request, filters: Query[EventFilterIn]):
    return (
        selectors.events_visible_to(
            _scope(request),
            selectors.EventFilter(
                text=filters.q,
                kind=filters.kind or "",
                direction_id=filters.direction_id,
                organiser_id=filters.organiser_id,
                format=filters.format or "",
                state=filters.state or "",
                date_from=filters.date_from,
                date_to=filters.date_to,
                is_public=filters.is_public,
                nominations_open=filters.nominations_open,
            ),
        )
        .select_related(None)
        .defer("search_text")
    )  # EventOut needs the ids, not joined rows


@router.get("/{int:pk}", response=EventDetailOut, summary="Мероприятие с участниками")
def event_detail(request, pk: int):
    return _event_detail(request, pk)


@router.post("", response={201: EventDetailOut}, summary="Добавить мероприятие")
def event_create(request, payload: EventIn):
    data = _event_fields(request, payload.dict())
    organiser = data.pop("organiser")
    event = services.event_create(by=request.membership, organiser=organiser, **data)
    return Status(201, _event_detail(request, event.pk))


@router.patch("/{int:pk}", response=EventDetailOut, summary="Изменить мероприятие")
def event_update(request, pk: int, payload: EventPatch):
    event = selectors.event_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    services.event_update(
        by=request.membership,
        event=event,
        expected_version=version,
        **_event_fields(request, data),
    )
    return _event_detail(request, pk)


# --- participants ----------------------------------------------------------------------------


class ParticipationIn(Schema):
    organisation_id: int | None = Field(None, description="Организация из справочника")
    organisation_name: str = Field("", max_length=500)
    person_name: str = Field("", max_length=255, description="Пусто — участвует организация")
    position: str = Field("", max_length=255)
    contact: str = Field("", max_length=255)
    status: ParticipationStatus = ParticipationStatus.REGISTERED


class ParticipationPatch(PatchSchema):
    model = Participation
    organisation_id: int | None = None
    organisation_name: str | None = Field(None, max_length=500)
    person_name: str | None = Field(None, max_length=255)
    position: str | None = Field(None, max_length=255)
    contact: str | None = Field(None, max_length=255)
    status: ParticipationStatus | None = None


def _participation_fields(request, data: dict) -> dict:
    if "organisation_id" in data:
        organisation_id = data.pop("organisation_id")
        data["organisation"] = (
            directory.organisation_for(_scope(request), organisation_id)
            if organisation_id
            else None
        )
    return data


@router.post(
    "/{int:pk}/participants", response={201: ParticipationOut}, summary="Добавить участника"
)
def participation_create(request, pk: int, payload: ParticipationIn):
    event = selectors.event_for(_scope(request), pk)
    participation = services.participation_add(
        by=request.membership, event=event, **_participation_fields(request, payload.dict())
    )
    return Status(201, participation)


@router.get("/participants/{int:pk}", response=ParticipationOut, summary="Участник")
def participation_detail(request, pk: int):
    return selectors.participation_for(_scope(request), pk)


@router.patch(
    "/participants/{int:pk}", response=ParticipationOut, summary="Изменить участника, присутствие"
)
def participation_update(request, pk: int, payload: ParticipationPatch):
    participation = selectors.participation_for(_scope(request), pk)
    data = _participation_fields(request, payload.dict(exclude_unset=True))
    return services.participation_update(by=request.membership, participation=participation, **data)


@router.delete("/participants/{int:pk}", response={204: None}, summary="Удалить участника")
def participation_delete(request, pk: int):
    participation = selectors.participation_for(_scope(request), pk)
    services.participation_remove(by=request.membership, participation=participation)
    return Status(204, None)


# --- training plan (EVT-2) -------------------------------------------------------------------


class NominationOut(Schema):
    id: int
    event_id: int
    organisation_id: int
    person_name: str
    position: str
    contact: str
    state: NominationState
    decline_reason: str
    participation_id: int | None
    attendance: ParticipationStatus | None = None
    created_at: datetime
    decided_at: datetime | None

    @staticmethod
    def resolve_attendance(obj):
        return obj.participation.status if obj.participation_id else None


class NominationIn(Schema):
    event_id: int
    person_name: str = Field(min_length=3, max_length=255)
    position: str = Field(min_length=2, max_length=255)
    contact: str = Field("", max_length=255)


class NominationDeclineIn(Schema):
    reason: str = Field(min_length=3, max_length=500)


class NominationFilterIn(Schema):
    event_id: int | None = None
    organisation_id: int | None = None
    state: NominationState | None = None


@router.get("/nominations", response=list[NominationOut], summary="Заявки на обучение")
@paginate(Page)
def nomination_list(request, filters: Query[NominationFilterIn]):
    return selectors.nominations_visible_to(
        _scope(request),
        selectors.NominationFilter(
            event_id=filters.event_id,
            organisation_id=filters.organisation_id,
            state=filters.state or "",
        ),
    )


@router.get("/nominations/{int:pk}", response=NominationOut, summary="Заявка на обучение")
def nomination_detail(request, pk: int):
    return selectors.nomination_for(_scope(request), pk)


@router.post("/nominations", response={201: NominationOut}, summary="Выдвинуть сотрудника")
def nomination_create(request, payload: NominationIn):
    event = selectors.event_for(_scope(request), payload.event_id)
    nomination = services.nomination_create(
        by=request.membership, event=event, **payload.dict(exclude={"event_id"})
    )
    return Status(201, selectors.nomination_for(_scope(request), nomination.pk))


@router.post("/nominations/{int:pk}/confirm", response=NominationOut, summary="Подтвердить заявку")
def nomination_confirm(request, pk: int):
    nomination = selectors.nomination_for(_scope(request), pk)
    services.nomination_confirm(by=request.membership, nomination=nomination)
    return selectors.nomination_for(_scope(request), pk)


@router.post("/nominations/{int:pk}/decline", response=NominationOut, summary="Отклонить заявку")
def nomination_decline(request, pk: int, payload: NominationDeclineIn):
    nomination = selectors.nomination_for(_scope(request), pk)
    services.nomination_decline(by=request.membership, nomination=nomination, **payload.dict())
    return selectors.nomination_for(_scope(request), pk)


@router.post("/nominations/{int:pk}/withdraw", response=NominationOut, summary="Отозвать заявку")
def nomination_withdraw(request, pk: int):
    nomination = selectors.nomination_for(_scope(request), pk)
    services.nomination_withdraw(by=request.membership, nomination=nomination)
    return selectors.nomination_for(_scope(request), pk)


# --- consultations (EVT-3) -------------------------------------------------------------------


class ConsultationOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
    audience: ConsultationAudience
    consulted_organisation_ids: list[int]
    people_count: int
    form: ConsultationGrouping
    mode: ConsultationMode
    held_on: date
    topic: str
    specialist_id: int | None
    specialist_name: str
    version: int

    @staticmethod
    def resolve_consulted_organisation_ids(obj):
        return [o.pk for o in obj.consulted_list]


class ConsultationIn(Schema):
    organisation_id: int | None = Field(None, description="По умолчанию — ваша организация")
    direction_id: int | None = None
    audience: ConsultationAudience
    consulted_organisation_ids: list[int] = []
    people_count: int = Field(1, ge=1)
    form: ConsultationGrouping = ConsultationGrouping.INDIVIDUAL
    mode: ConsultationMode = ConsultationMode.IN_PERSON
    held_on: date
    topic: str = Field(min_length=3, max_length=500)
    specialist_id: int | None = Field(None, description="Консультант — пользователь системы")
    specialist_name: str = Field("", max_length=255)


class ConsultationPatch(PatchSchema):
    model = Consultation
    version: int
    direction_id: int | None = None
    audience: ConsultationAudience | None = None
    consulted_organisation_ids: list[int] | None = None
    people_count: int | None = Field(None, ge=1)
    form: ConsultationGrouping | None = None
    mode: ConsultationMode | None = None
    held_on: date | None = None
    topic: str | None = Field(None, min_length=3, max_length=500)
    specialist_id: int | None = None
    specialist_name: str | None = Field(None, max_length=255)


class ConsultationFilterIn(Schema):
    q: str = ""
    audience: ConsultationAudience | None = None
    form: ConsultationGrouping | None = None
    mode: ConsultationMode | None = None
    direction_id: int | None = None
    organisation_id: int | None = None
    consulted_organisation_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def _consulted(request, ids):
    if ids is None:
        return None
    found = list(selectors.organisation_choices_for(_scope(request)).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError(
            {"consulted_organisation_ids": ["Указана организация, которой нет в справочнике."]}
        )
    return found


def _specialist(data: dict, organisation) -> None:
    """``specialist_id`` → the user, among the active staff of the consulting organisation."""
    if "specialist_id" not in data:
        return
    specialist_id = data.pop("specialist_id")
    specialist = None
    if specialist_id is not None:
        specialist = selectors.specialists_for_choice(organisation.pk).filter(pk=specialist_id)
        specialist = specialist.first()
        if specialist is None:
            raise ValidationError(
                {"specialist_id": ["Консультант — сотрудник организации, давшей консультацию."]}
            )
    data["specialist"] = specialist


@router.get("/consultations", response=list[ConsultationOut], summary="Консультации")
@paginate(Page)
def consultation_list(request, filters: Query[ConsultationFilterIn]):
    return selectors.consultations_visible_to(
        _scope(request),
        selectors.ConsultationFilter(
            text=filters.q,
            audience=filters.audience or "",
            form=filters.form or "",
            mode=filters.mode or "",
            direction_id=filters.direction_id,
            organisation_id=filters.organisation_id,
            consulted_organisation_id=filters.consulted_organisation_id,
            date_from=filters.date_from,
            date_to=filters.date_to,
        ),
    )


@router.get("/consultations/{int:pk}", response=ConsultationOut, summary="Консультация")
def consultation_detail(request, pk: int):
    return selectors.consultation_for(_scope(request), pk)


@router.post("/consultations", response={201: ConsultationOut}, summary="Внести консультацию")
def consultation_create(request, payload: ConsultationIn):
    data = payload.dict()
    consulted = _consulted(request, data.pop("consulted_organisation_ids"))
    data = _resolve(request, data)
    _specialist(data, data["organisation"])
    consultation = services.consultation_create(
        by=request.membership, consulted_organisations=consulted, **data
    )
    return Status(201, selectors.consultation_for(_scope(request), consultation.pk))


@router.patch("/consultations/{int:pk}", response=ConsultationOut, summary="Изменить консультацию")
def consultation_update(request, pk: int, payload: ConsultationPatch):
    consultation = selectors.consultation_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    consulted = _consulted(request, data.pop("consulted_organisation_ids", None))
    _specialist(data, consultation.organisation)
    services.consultation_update(
        by=request.membership,
        consultation=consultation,
        expected_version=version,
        consulted_organisations=consulted,
        **_resolve(request, data),
    )
    return selectors.consultation_for(_scope(request), pk)


# --- media plans (EVT-4) ---------------------------------------------------------------------


class MediaPlanItemOut(Schema):
    id: int
    plan_id: int
    number: int
    topic: str
    channel: str
    timeframe: str
    deadline: date
    responsible_appointment_id: int | None
    responsible_text: str
    state: str = Field(description="planned | fulfilled | overdue")

    @staticmethod
    def resolve_state(obj):
        return str(obj.state())


class MediaPlanOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
    year: int
    title: str
    approved_on: date | None
    approval_order: str
    version: int
    item_count: int = 0
    fulfilled_count: int = 0
    overdue_count: int = 0


class MediaPlanDetailOut(MediaPlanOut):
    items: list[MediaPlanItemOut] = Field(alias="item_list")


class MediaPlanIn(Schema):
    organisation_id: int | None = Field(None, description="По умолчанию — ваша организация")
    direction_id: int | None = None
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=3, max_length=500)
    approved_on: date | None = None
    approval_order: str = Field("", max_length=255)


class MediaPlanPatch(PatchSchema):
    model = MediaPlan
    version: int
    direction_id: int | None = None
    year: int | None = Field(None, ge=2000, le=2100)
    title: str | None = Field(None, min_length=3, max_length=500)
    approved_on: date | None = None
    approval_order: str | None = Field(None, max_length=255)


class MediaPlanItemIn(Schema):
    number: int | None = Field(None, ge=1, description="Пусто — следующий по порядку")
    topic: str = Field(min_length=3, max_length=1000)
    channel: PublicationChannel | None = None
    timeframe: str = Field("", max_length=255)
    deadline: date
    responsible_appointment_id: int | None = None
    responsible_text: str = Field("", max_length=500)


class MediaPlanItemPatch(PatchSchema):
    model = MediaPlanItem
    number: int | None = Field(None, ge=1)
    topic: str | None = Field(None, min_length=3, max_length=1000)
    channel: PublicationChannel | None = None
    timeframe: str | None = Field(None, max_length=255)
    deadline: date | None = None
    responsible_appointment_id: int | None = None
    responsible_text: str | None = Field(None, max_length=500)


def _plan_detail(request, pk):
    plan = get_object_or_404(selectors.media_plans_visible_to(_scope(request)), pk=pk)
    plan.item_list = list(selectors.media_plan_items_of(_scope(request), plan))
    return plan


def _item_fields(request, data: dict) -> dict:
    if "channel" in data:
        data["channel"] = data["channel"] or ""
    return _resolve(request, data)


@router.get("/media-plans", response=list[MediaPlanOut], summary="Медиапланы")
@paginate(Page)
def media_plan_list(
    request, year: int | None = None, direction_id: int | None = None, organisation_id: int = 0
):
    plans = selectors.media_plans_visible_to(_scope(request), year=year, direction_id=direction_id)
    return plans.filter(organisation_id=organisation_id) if organisation_id else plans


@router.get("/media-plans/{int:pk}", response=MediaPlanDetailOut, summary="Медиаплан с пунктами")
def media_plan_detail(request, pk: int):
    return _plan_detail(request, pk)


@router.post("/media-plans", response={201: MediaPlanDetailOut}, summary="Создать медиаплан")
def media_plan_create(request, payload: MediaPlanIn):
    data = _resolve(request, payload.dict())
    plan = services.media_plan_create(by=request.membership, **data)
    return Status(201, _plan_detail(request, plan.pk))


@router.patch("/media-plans/{int:pk}", response=MediaPlanDetailOut, summary="Изменить медиаплан")
def media_plan_update(request, pk: int, payload: MediaPlanPatch):
    plan = selectors.media_plan_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    services.media_plan_update(
        by=request.membership, plan=plan, expected_version=version, **_resolve(request, data)
    )
    return _plan_detail(request, pk)


@router.post(
    "/media-plans/{int:pk}/items", response={201: MediaPlanItemOut}, summary="Добавить пункт"
)
def media_plan_item_create(request, pk: int, payload: MediaPlanItemIn):
    plan = selectors.media_plan_for(_scope(request), pk)
    item = services.media_plan_item_create(
        by=request.membership, plan=plan, **_item_fields(request, payload.dict())
    )
    return Status(201, selectors.media_plan_item_for(_scope(request), item.pk))


@router.get("/media-plan-items/{int:pk}", response=MediaPlanItemOut, summary="Пункт медиаплана")
def media_plan_item_detail(request, pk: int):
    return selectors.media_plan_item_for(_scope(request), pk)


@router.patch(
    "/media-plan-items/{int:pk}", response=MediaPlanItemOut, summary="Изменить пункт медиаплана"
)
def media_plan_item_update(request, pk: int, payload: MediaPlanItemPatch):
    item = selectors.media_plan_item_for(_scope(request), pk)
    services.media_plan_item_update(
        by=request.membership,
        item=item,
        **_item_fields(request, payload.dict(exclude_unset=True)),
    )
    return selectors.media_plan_item_for(_scope(request), pk)


# --- publications (EVT-4) --------------------------------------------------------------------


class PublicationOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
    channel: PublicationChannel
    published_on: date
    title: str
    link: str
    outlet: str
    is_mass_media: bool
    plan_item_id: int | None
    event_id: int | None
    version: int


class PublicationIn(Schema):
    organisation_id: int | None = Field(None, description="По умолчанию — ваша организация")
    direction_id: int | None = None
    channel: PublicationChannel
    published_on: date
    title: str = Field(min_length=3, max_length=500)
    link: str = Field("", max_length=500)
    outlet: str = Field("", max_length=255)
    is_mass_media: bool | None = Field(
        None, description="Пусто — по каналу (газета, журнал, ТВ, радио — СМИ)"
    )
    plan_item_id: int | None = None
    event_id: int | None = None


class PublicationPatch(PatchSchema):
    model = Publication
    version: int
    direction_id: int | None = None
    channel: PublicationChannel | None = None
    published_on: date | None = None
    title: str | None = Field(None, min_length=3, max_length=500)
    link: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=255)
    is_mass_media: bool | None = None
    plan_item_id: int | None = None
    event_id: int | None = None


class PublicationFilterIn(Schema):
    q: str = ""
    channel: PublicationChannel | None = None
    is_mass_media: bool | None = None
    direction_id: int | None = None
    organisation_id: int | None = None
    plan_item_id: int | None = None
    event_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@router.get("/publications", response=list[PublicationOut], summary="Публикации")
@paginate(Page)
def publication_list(request, filters: Query[PublicationFilterIn]):
    return selectors.publications_visible_to(
        _scope(request),
        selectors.PublicationFilter(
            text=filters.q,
            channel=filters.channel or "",
            is_mass_media=filters.is_mass_media,
            direction_id=filters.direction_id,
            organisation_id=filters.organisation_id,
            plan_item_id=filters.plan_item_id,
            event_id=filters.event_id,
            date_from=filters.date_from,
            date_to=filters.date_to,
        ),
    )


@router.get("/publications/{int:pk}", response=PublicationOut, summary="Публикация")
def publication_detail(request, pk: int):
    return selectors.publication_for(_scope(request), pk)


@router.post("/publications", response={201: PublicationOut}, summary="Внести публикацию")
def publication_create(request, payload: PublicationIn):
    data = _resolve(request, payload.dict())
    publication = services.publication_create(by=request.membership, **data)
    return Status(201, publication)


@router.patch("/publications/{int:pk}", response=PublicationOut, summary="Изменить публикацию")
def publication_update(request, pk: int, payload: PublicationPatch):
    publication = selectors.publication_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    return services.publication_update(
        by=request.membership,
        publication=publication,
        expected_version=version,
        **_resolve(request, data),
    )
