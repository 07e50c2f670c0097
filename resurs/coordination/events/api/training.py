"""X-4: the events API — The training plan: nominations of staff (EVT-2)."""

from datetime import datetime

from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.events import selectors, services
from resurs.coordination.events.api.common import (
    _scope,
    router,
)
from resurs.coordination.events.models import (
    NominationState,
    ParticipationStatus,
)
from resurs.kernel.organisations.api import Page

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
