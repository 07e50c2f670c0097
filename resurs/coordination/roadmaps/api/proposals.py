"""X-4: the roadmaps API — providers' proposals and agreed versions (MAP-3)."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Query, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.roadmaps import selectors, services
from resurs.coordination.roadmaps.api.common import (
    _scope,
    router,
)
from resurs.coordination.roadmaps.models import (
    ProposalState,
)
from resurs.coordination.roadmaps.versions import compare, snapshot_of
from resurs.kernel.organisations.api import Page

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
