"""X-4: the roadmaps API — checkpoints, marks and evidence (MAP-4)."""

from datetime import date

from ninja import Field, Query, Schema
from ninja.pagination import paginate

from resurs.coordination.roadmaps import evidence, selectors, services
from resurs.coordination.roadmaps.api.common import (
    _scope,
    router,
)
from resurs.coordination.roadmaps.models import (
    MarkResult,
)
from resurs.kernel.organisations.api import Page
from resurs.kernel.writes.errors import StaleVersion

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
