"""X-4: the roadmap endpoints; every query goes through the selectors' scope.

Roadmaps with their sections and items, the workflow transitions (submit, agree, return,
reopen), items (create, update with optimistic locking, move, delete, manual schedule),
checkpoints and their marks with evidence, proposals and agreed versions with comparison
(SPEC §3 MAP-1..MAP-4). Lists are paginated (?page, ?page_size); writes go through
`resurs.coordination.roadmaps.services`, so the rules and the audit are those of the UI.
"""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.roadmaps import evidence, selectors, services
from resurs.coordination.roadmaps.models import (
    Item,
    MarkResult,
    ProposalState,
    Roadmap,
    RoadmapKind,
    RoadmapState,
    ScheduleKind,
)
from resurs.coordination.roadmaps.progress import percent
from resurs.coordination.roadmaps.versions import compare, snapshot_of
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations import selectors as directory
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes.errors import StaleVersion

router = Router(tags=["Дорожные карты"])


def _scope(request):
    return request.scope


# --- roadmaps -------------------------------------------------------------------------------


class RoadmapOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
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
    if direction_id is None and data["kind"] == RoadmapKind.RC_ROADMAP:
        direction_id = request.membership.direction_id
    roadmap = services.roadmap_create(
        by=request.membership,
        organisation=request.membership.organisation,
        direction=_direction(direction_id),
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


# --- checkpoints and marks ------------------------------------------------------------------


class EvidenceRef(Schema):
    kind: str = Field(description="; ".join(f"{k.key} — {k.label}" for k in evidence.kinds()))
    id: int


class EvidenceOut(Schema):
    id: int
    kind: str | None
    object_id: int
    title: str

    @staticmethod
    def resolve_kind(obj):
        kind = evidence.kind_of_content_type(obj.content_type_id)
        return kind.key if kind else None


class MarkOut(Schema):
    id: int
    checkpoint_id: int
    result: MarkResult
    done_text: str
    evidence: list[EvidenceOut] = Field(alias="evidence_list")
    version: int


class CheckpointOut(Schema):
    id: int
    item_id: int
    due_on: date
    is_review: bool
    overdue: bool
    mark: MarkOut | None = None

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()

    @staticmethod
    def resolve_mark(obj):
        mark = obj.mark_or_none
        if mark is not None and not hasattr(mark, "evidence_list"):
            mark.evidence_list = list(mark.evidence.all())
        return mark


class CheckpointFilterIn(Schema):
    roadmap_id: int | None = None
    item_id: int | None = None
    overdue: bool | None = None
    due_from: date | None = None
    due_to: date | None = None


class MarkIn(Schema):
    result: MarkResult
    done_text: str = ""
    evidence: list[EvidenceRef] | None = Field(
        None, description="Ссылки на записи системы; не передано — ссылки не меняются"
    )
    version: int = Field(
        ge=0, description="Версия отметки, полученная при чтении; 0 — отметки ещё не было"
    )


@router.get("/checkpoints", response=list[CheckpointOut], summary="Контрольные точки")
@paginate(Page)
def checkpoint_list(request, filters: Query[CheckpointFilterIn]):
    return (
        selectors.checkpoints_visible_to(
            _scope(request), selectors.CheckpointFilter(**filters.dict())
        )
        .select_related("item__section__roadmap")
        .prefetch_related("mark__evidence")
    )


@router.get("/checkpoints/{int:pk}", response=CheckpointOut, summary="Контрольная точка")
def checkpoint_detail(request, pk: int):
    return selectors.checkpoint_for(_scope(request), pk)


@router.put("/checkpoints/{int:pk}/mark", response=MarkOut, summary="Отметить исполнение")
def mark_set(request, pk: int, payload: MarkIn):
    checkpoint = selectors.checkpoint_for(_scope(request), pk)
    if payload.version == 0 and getattr(checkpoint, "mark", None) is not None:
        raise StaleVersion("отметку")  # somebody marked it since the caller read it
    mark = services.mark_set(
        by=request.membership,
        checkpoint=checkpoint,
        result=payload.result,
        done_text=payload.done_text,
        evidence=[(e.kind, e.id) for e in payload.evidence]
        if payload.evidence is not None
        else None,
        expected_version=payload.version or None,
    )
    return selectors.mark_for(_scope(request), mark.pk)


@router.get("/marks", response=list[MarkOut], summary="Отметки об исполнении")
@paginate(Page)
def mark_list(request, roadmap_id: int | None = None):
    return selectors.marks_visible_to(_scope(request), roadmap_id=roadmap_id)


@router.get("/marks/{int:pk}", response=MarkOut, summary="Отметка об исполнении")
def mark_detail(request, pk: int):
    return selectors.mark_for(_scope(request), pk)


# --- proposals --------------------------------------------------------------------------------


class ProposalOut(Schema):
    id: int
    roadmap_id: int
    organisation_id: int
    text: str
    suggested_name: str
    suggested_timeframe: str
    suggested_section_id: int | None
    state: ProposalState
    decision_note: str
    item_id: int | None
    created_at: datetime
    decided_at: datetime | None


class ProposalIn(Schema):
    roadmap_id: int
    text: str = Field(min_length=3)
    suggested_name: str = ""
    suggested_timeframe: str = Field("", max_length=500)
    suggested_section_id: int | None = None


class AcceptIn(Schema):
    section_id: int | None = None
    name: str = ""
    timeframe: str = Field("", max_length=500)
    note: str = ""


class DeclineIn(Schema):
    note: str = Field(min_length=1)


class ProposalFilterIn(Schema):
    roadmap_id: int | None = None
    state: ProposalState | None = None


@router.get("/proposals", response=list[ProposalOut], summary="Предложения")
@paginate(Page)
def proposal_list(request, filters: Query[ProposalFilterIn]):
    return selectors.proposals_visible_to(
        _scope(request),
        selectors.ProposalFilter(roadmap_id=filters.roadmap_id, state=filters.state or ""),
    ).select_related(None)


@router.get("/proposals/{int:pk}", response=ProposalOut, summary="Предложение")
def proposal_detail(request, pk: int):
    return selectors.proposal_for(_scope(request), pk)


@router.post("/proposals", response={201: ProposalOut}, summary="Направить предложение")
def proposal_create(request, payload: ProposalIn):
    scope = _scope(request)
    roadmap = selectors.roadmap_for(scope, payload.roadmap_id)
    section = (
        selectors.section_for(scope, payload.suggested_section_id)
        if payload.suggested_section_id
        else None
    )
    proposal = services.proposal_create(
        by=request.membership,
        roadmap=roadmap,
        text=payload.text,
        suggested_name=payload.suggested_name,
        suggested_timeframe=payload.suggested_timeframe,
        suggested_section=section,
    )
    return Status(201, proposal)


@router.post("/proposals/{int:pk}/accept", response=ProposalOut, summary="Принять в план")
def proposal_accept(request, pk: int, payload: AcceptIn):
    scope = _scope(request)
    proposal = selectors.proposal_for(scope, pk)
    section = selectors.section_for(scope, payload.section_id) if payload.section_id else None
    return services.proposal_accept(
        by=request.membership,
        proposal=proposal,
        section=section,
        name=payload.name,
        timeframe=payload.timeframe,
        note=payload.note,
    )


@router.post("/proposals/{int:pk}/decline", response=ProposalOut, summary="Отклонить")
def proposal_decline(request, pk: int, payload: DeclineIn):
    proposal = selectors.proposal_for(_scope(request), pk)
    return services.proposal_decline(by=request.membership, proposal=proposal, note=payload.note)


# --- versions -------------------------------------------------------------------------------


class VersionOut(Schema):
    id: int
    roadmap_id: int
    number: int
    agreed_at: datetime


class VersionDetailOut(VersionOut):
    content: dict


class ChangeOut(Schema):
    status: str = Field(description="added | removed | changed | same")
    key: int
    number: int
    changed_fields: list[str]
    left: dict | None
    right: dict | None


@router.get("/versions", response=list[VersionOut], summary="Согласованные версии")
@paginate(Page)
def version_list(request, roadmap_id: int | None = None):
    return selectors.versions_visible_to(_scope(request), roadmap_id=roadmap_id).defer("content")


@router.get("/versions/{int:pk}", response=VersionDetailOut, summary="Версия с содержанием")
def version_detail(request, pk: int):
    return selectors.version_by_id(_scope(request), pk)


@router.get("/{int:pk}/versions/compare", response=list[ChangeOut], summary="Сравнить две версии")
def version_compare(request, pk: int, a: str, b: str = "current"):
    """Параметры ``a`` и ``b`` — номера версий или «current» (план в нынешнем виде)."""
    scope = _scope(request)
    roadmap = selectors.roadmap_for(scope, pk)

    def content(value):
        if value == "current":
            return snapshot_of(roadmap, selectors.plan_sections(roadmap))
        if not value.isdigit():
            raise Http404
        return selectors.version_for(scope, roadmap, int(value)).content

    return [
        {
            "status": change.status,
            "key": (change.right or change.left)["key"],
            "number": change.number,
            "changed_fields": change.changed_fields,
            "left": change.left,
            "right": change.right,
        }
        for change in compare(content(a), content(b))
    ]
