"""X-4: the roadmaps API — sections and items with their schedules (MAP-1, MAP-2)."""

from datetime import date

from django.http import Http404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.roadmaps import selectors, services
from resurs.coordination.roadmaps.api.common import (
    _scope,
    router,
)
from resurs.coordination.roadmaps.api.plans import (
    ItemOut,
    RoadmapSectionOut,
)
from resurs.coordination.roadmaps.models import (
    Item,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations import selectors as directory
from resurs.kernel.organisations.api import Page

# --- sections and items ---------------------------------------------------------------------


class SectionIn(Schema):
    title: str = Field(min_length=1, max_length=500)


@router.post("/{int:pk}/sections", response={201: RoadmapSectionOut}, summary="Добавить раздел")
def section_add(request, pk: int, payload: SectionIn):
    roadmap = selectors.roadmap_for(_scope(request), pk)
    section = services.section_create(by=request.membership, roadmap=roadmap, title=payload.title)
    section.item_list = []
    return Status(201, section)


class ItemIn(Schema):
    section_id: int
    name: str = Field(min_length=1)
    timeframe: str = Field(min_length=1, max_length=500)
    responsible_text: str = ""
    responsible_ids: list[int] = Field(default_factory=list)
    expected_results: str = ""


class ItemPatch(PatchSchema):
    model = Item
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    name: str | None = Field(None, min_length=1)
    timeframe: str | None = Field(None, min_length=1, max_length=500)
    responsible_text: str | None = None
    responsible_ids: list[int] | None = None
    expected_results: str | None = None


class MoveIn(Schema):
    step: int = Field(description="-1 — выше, 1 — ниже")


class ScheduleIn(Schema):
    dates: list[date] = Field(min_length=1)
    window_start: date | None = None
    window_end: date | None = None


class ItemFilterIn(Schema):
    roadmap_id: int | None = None
    awaiting_schedule: bool | None = Field(None, description="Только «срок не распознан»")


def _responsibles(request, ids):
    if ids is None:
        return None
    found = list(directory.appointments_visible_to(_scope(request)).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise Http404
    return found


def _item(request, pk):
    return selectors.item_with_plan_data(_scope(request), pk)


@router.get("/items", response=list[ItemOut], summary="Мероприятия")
@paginate(Page)
def item_list(request, filters: Query[ItemFilterIn]):
    return selectors.items_visible_to(
        _scope(request),
        roadmap_id=filters.roadmap_id,
        awaiting_schedule=filters.awaiting_schedule,
    ).prefetch_related("responsibles")


@router.get("/items/{int:pk}", response=ItemOut, summary="Мероприятие")
def item_detail(request, pk: int):
    return _item(request, pk)


@router.post("/items", response={201: ItemOut}, summary="Добавить мероприятие")
def item_create(request, payload: ItemIn):
    data = payload.dict()
    section = selectors.section_for(_scope(request), data.pop("section_id"))
    responsibles = _responsibles(request, data.pop("responsible_ids"))
    item = services.item_create(
        by=request.membership, section=section, responsibles=responsibles, **data
    )
    return Status(201, _item(request, item.pk))


@router.patch("/items/{int:pk}", response=ItemOut, summary="Изменить мероприятие")
def item_update(request, pk: int, payload: ItemPatch):
    item = selectors.item_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    responsibles = _responsibles(request, data.pop("responsible_ids", None))
    services.item_update(
        by=request.membership,
        item=item,
        expected_version=version,
        responsibles=responsibles,
        **data,
    )
    return _item(request, pk)


@router.delete("/items/{int:pk}", response={204: None}, summary="Удалить мероприятие")
def item_delete(request, pk: int):
    item = selectors.item_for(_scope(request), pk)
    services.item_delete(by=request.membership, item=item)
    return Status(204, None)


@router.post("/items/{int:pk}/move", response=ItemOut, summary="Переместить мероприятие")
def item_move(request, pk: int, payload: MoveIn):
    item = selectors.item_for(_scope(request), pk)
    services.item_move(by=request.membership, item=item, step=payload.step)
    return _item(request, pk)


@router.post("/items/{int:pk}/schedule", response=ItemOut, summary="Задать график вручную")
def item_schedule(request, pk: int, payload: ScheduleIn):
    item = selectors.item_for(_scope(request), pk)
    services.item_set_schedule(by=request.membership, item=item, **payload.dict())
    return _item(request, pk)
