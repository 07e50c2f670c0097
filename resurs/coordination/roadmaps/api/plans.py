"""X-4: the roadmaps API — roadmaps and their agreement workflow (MAP-1, MAP-3)."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.casework.units.models import Unit
from resurs.coordination.roadmaps import selectors, services
from resurs.coordination.roadmaps.api.common import (
    _scope,
    router,
)
from resurs.coordination.roadmaps.models import (
    Roadmap,
    RoadmapKind,
    RoadmapState,
    ScheduleKind,
)
from resurs.coordination.roadmaps.progress import percent
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations import selectors as directory
from resurs.kernel.organisations.api import Page

# --- roadmaps -------------------------------------------------------------------------------


class RoadmapOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
    unit_id: int | None = Field(None, description="Отделение — для плана работы отделения")
    kind: RoadmapKind
    programme: str
    year: int
    title: str
    state: RoadmapState
    agreed_version: int
    remark: str
    submitted_at: datetime | None
    decided_at: datetime | None
    report_due_on: date
    has_annual_report: bool
    execution_percent: int | None = Field(None, description="Исполнение, % (MAP-4)")
    version: int

    @staticmethod
    def resolve_has_annual_report(obj):
        return bool(obj.annual_report)

    @staticmethod
    def resolve_execution_percent(obj):
        if hasattr(obj, "counted"):
            return percent(obj.counted, obj.score)
        return None


class ItemOut(Schema):
    id: int
    section_id: int
    number: int
    order: int
    name: str
    timeframe: str
    schedule_kind: ScheduleKind
    schedule_label: str
    schedule_set_by_hand: bool
    window_start: date | None
    window_end: date | None
    responsible_text: str
    responsible_ids: list[int] = Field(description="Назначенные ответственные (organisations)")
    expected_results: str
    remark: str
    version: int

    @staticmethod
    def resolve_responsible_ids(obj):
        if hasattr(obj, "responsible_list"):
            return [a.pk for a in obj.responsible_list]
        return [a.pk for a in obj.responsibles.all()]


class RoadmapSectionOut(Schema):
    id: int
    number: int
    title: str
    items: list[ItemOut] = Field(alias="item_list")


class RoadmapDetailOut(RoadmapOut):
    sections: list[RoadmapSectionOut] = Field(alias="section_list")


class RoadmapIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: str = Field(min_length=3, max_length=1000)
    kind: RoadmapKind = RoadmapKind.RC_ROADMAP
    direction_id: int | None = Field(None, description="По умолчанию — направление РЦ")
    unit_id: int | None = Field(
        None, description="Для календарного и перспективного плана работы отделения (SOC-13)"
    )
    programme: str = Field("", max_length=500)


class RoadmapPatch(PatchSchema):
    model = Roadmap
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    year: int | None = Field(None, ge=2000, le=2100)
    title: str | None = Field(None, min_length=3, max_length=1000)
    programme: str | None = Field(None, max_length=500)


class RoadmapFilterIn(Schema):
    year: int | None = None
    state: RoadmapState | None = None
    kind: RoadmapKind | None = None
    organisation_id: int | None = None
    direction_id: int | None = None
    unit_id: int | None = None
    q: str = ""


def _detail(request, pk):
    roadmap = selectors.roadmap_for(_scope(request), pk)
    roadmap.section_list = selectors.plan_sections(roadmap)
    return roadmap


def _direction(direction_id):
    if direction_id is None:
        return None
    return get_object_or_404(directory.directions(), pk=direction_id)


@router.get("", response=list[RoadmapOut], summary="Дорожные карты")
@paginate(Page)
def roadmap_list(request, filters: Query[RoadmapFilterIn]):
    return selectors.roadmaps_visible_to(
        _scope(request),
        selectors.RoadmapFilter(
            year=filters.year,
            state=filters.state or "",
            kind=filters.kind or "",
            organisation_id=filters.organisation_id,
            direction_id=filters.direction_id,
            unit_id=filters.unit_id,
            text=filters.q,
        ),
    ).select_related(None)


@router.get("/{int:pk}", response=RoadmapDetailOut, summary="Дорожная карта с разделами")
def roadmap_detail(request, pk: int):
    return _detail(request, pk)


@router.post("", response={201: RoadmapDetailOut}, summary="Создать дорожную карту")
def roadmap_create(request, payload: RoadmapIn):
    data = payload.dict()
    direction_id = data.pop("direction_id")
    unit_id = data.pop("unit_id")
    if direction_id is None and data["kind"] == RoadmapKind.RC_ROADMAP:
        direction_id = request.membership.direction_id
    unit = None
    if unit_id is not None:
        unit = get_object_or_404(Unit.objects.visible_to(_scope(request)), pk=unit_id)
    roadmap = services.roadmap_create(
        by=request.membership,
        organisation=unit.organisation if unit is not None else request.membership.organisation,
        direction=_direction(direction_id),
        unit=unit,
        **data,
    )
    return Status(201, _detail(request, roadmap.pk))


@router.patch("/{int:pk}", response=RoadmapDetailOut, summary="Изменить дорожную карту")
def roadmap_update(request, pk: int, payload: RoadmapPatch):
    roadmap = selectors.roadmap_for(_scope(request), pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    services.roadmap_update(
        by=request.membership, roadmap=roadmap, expected_version=version, **data
    )
    return _detail(request, pk)


class RoadmapReturnIn(Schema):
    remark: str = ""
    item_remarks: dict[int, str] = Field(
        default_factory=dict, description="Замечания к мероприятиям: {id мероприятия: текст}"
    )


def _transition(request, pk, write):
    roadmap = selectors.roadmap_for(_scope(request), pk)
    write(roadmap)
    return _detail(request, pk)


@router.post("/{int:pk}/submit", response=RoadmapDetailOut, summary="Направить на согласование")
def roadmap_submit(request, pk: int):
    return _transition(
        request, pk, lambda r: services.roadmap_submit(by=request.membership, roadmap=r)
    )


@router.post("/{int:pk}/agree", response=RoadmapDetailOut, summary="Согласовать")
def roadmap_agree(request, pk: int):
    return _transition(
        request, pk, lambda r: services.roadmap_agree(by=request.membership, roadmap=r)
    )


@router.post("/{int:pk}/return", response=RoadmapDetailOut, summary="Вернуть на доработку")
def roadmap_return(request, pk: int, payload: RoadmapReturnIn):
    return _transition(
        request,
        pk,
        lambda r: services.roadmap_return(
            by=request.membership,
            roadmap=r,
            remark=payload.remark,
            item_remarks=payload.item_remarks,
        ),
    )


@router.post("/{int:pk}/reopen", response=RoadmapDetailOut, summary="Внести изменения")
def roadmap_reopen(request, pk: int):
    return _transition(
        request, pk, lambda r: services.roadmap_reopen(by=request.membership, roadmap=r)
    )
