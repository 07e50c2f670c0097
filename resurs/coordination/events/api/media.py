"""X-4: the events API — Media plans and publications (EVT-4)."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.events import selectors, services
from resurs.coordination.events.api.common import (
    _resolve,
    _scope,
    router,
)
from resurs.coordination.events.models import (
    MediaPlan,
    MediaPlanItem,
    Publication,
    PublicationChannel,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations.api import Page

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
