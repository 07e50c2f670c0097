"""X-4: the events API — Events and their participants (EVT-1)."""

from datetime import date, datetime

from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.events import selectors, services
from resurs.coordination.events.api.common import (
    _local,
    _organisation,
    _resolve,
    _scope,
    router,
)
from resurs.coordination.events.models import (
    Event,
    EventFormat,
    EventKind,
    EventState,
    Participation,
    ParticipationStatus,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations import selectors as directory
from resurs.kernel.organisations.api import Page

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
