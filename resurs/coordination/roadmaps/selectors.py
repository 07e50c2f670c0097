"""Reads of roadmaps (SPEC §3). Every page and API list starts here, from ``visible_to``."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.casework.units.models import Unit, staff_units
from resurs.coordination.roadmaps.models import (
    AWAITING_STATES,
    Checkpoint,
    Evidence,
    Item,
    Mark,
    Proposal,
    ProposalState,
    Roadmap,
    RoadmapState,
    RoadmapVersion,
    Section,
)
from resurs.coordination.roadmaps.progress import annotate_percent
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Appointment


@dataclass(frozen=True)
class RoadmapFilter:
    year: int | None = None
    state: str = ""
    kind: str = ""
    organisation_id: int | None = None
    direction_id: int | None = None
    unit_id: int | None = None
    text: str = ""
    # True: only the work plans of units (SOC-13); False: none of them; None: every plan.
    unit_plans: bool | None = None


def roadmaps_visible_to(who, filters: RoadmapFilter | None = None, *, today=None):
    """MAP-1: the plans ``who`` sees, with owner, direction, unit, item count and execution."""
    filters = filters or RoadmapFilter()
    queryset = Roadmap.objects.visible_to(who)
    if filters.unit_plans is True:
        queryset = queryset.of_units()
    elif filters.unit_plans is False:
        queryset = queryset.coordination()
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    for name in ("state", "kind", "organisation_id", "direction_id", "unit_id"):
        if getattr(filters, name):
            queryset = queryset.filter(**{name: getattr(filters, name)})
    if filters.text:
        queryset = queryset.filter(title__icontains=filters.text)
    queryset = annotate_percent(queryset, today or timezone.localdate())
    return (
        queryset.annotate(
            item_count=Count("sections__items", distinct=True),
        )
        .select_related("organisation", "direction", "unit")
        .order_by("-year", "organisation__name", "id")
    )


def roadmap_for(who, pk) -> Roadmap:
    queryset = Roadmap.objects.visible_to(who).select_related(
        "organisation", "direction", "unit", "created_by"
    )
    return get_object_or_404(queryset, pk=pk)


def _evidence():
    return Prefetch(
        "mark__evidence",
        queryset=Evidence.objects.select_related("content_type").order_by("id"),
        to_attr="evidence_list",
    )


def plan_sections(roadmap: Roadmap) -> list[Section]:
    """The plan of one (already visible) roadmap in fixed queries: sections with
    ``item_list``, items with ``responsible_list`` and ``checkpoint_list`` (each with its
    mark and the mark's ``evidence_list``)."""
    checkpoints = Prefetch(
        "checkpoints",
        queryset=Checkpoint.objects.select_related("mark__marked_by")
        .prefetch_related(_evidence())
        .order_by("due_on"),
        to_attr="checkpoint_list",
    )
    responsibles = Prefetch(
        "responsibles",
        queryset=Appointment.objects.select_related("user").order_by("person_name"),
        to_attr="responsible_list",
    )
    items = Prefetch(
        "items",
        queryset=Item.objects.order_by("order", "id").prefetch_related(responsibles, checkpoints),
        to_attr="item_list",
    )
    return list(
        Section.objects.filter(roadmap=roadmap).order_by("number", "id").prefetch_related(items)
    )


def sections_of(who, roadmap: Roadmap):
    return Section.objects.visible_to(who).filter(roadmap=roadmap).order_by("number", "id")


def section_for(who, pk) -> Section:
    return get_object_or_404(
        Section.objects.visible_to(who).select_related("roadmap__organisation"), pk=pk
    )


def items_visible_to(who, *, roadmap_id: int | None = None, awaiting_schedule=None):
    queryset = Item.objects.visible_to(who)
    if roadmap_id:
        queryset = queryset.filter(section__roadmap_id=roadmap_id)
    if awaiting_schedule is not None:
        queryset = (
            queryset.awaiting_schedule()
            if awaiting_schedule
            else queryset.exclude(pk__in=Item.objects.awaiting_schedule().values("pk"))
        )
    return queryset.select_related("section").order_by(
        "section__roadmap_id", "section__number", "order", "id"
    )


def item_for(who, pk) -> Item:
    queryset = Item.objects.visible_to(who).select_related(
        "section__roadmap__organisation", "section__roadmap__direction"
    )
    return get_object_or_404(queryset, pk=pk)


def item_with_plan_data(who, pk) -> Item:
    """One item as the editor's row shows it (responsibles, checkpoints with marks)."""
    item = item_for(who, pk)
    item.responsible_list = list(item.responsibles.select_related("user").order_by("person_name"))
    item.checkpoint_list = list(
        item.checkpoints.select_related("mark").prefetch_related(_evidence()).order_by("due_on")
    )
    return item


@dataclass(frozen=True)
class CheckpointFilter:
    roadmap_id: int | None = None
    item_id: int | None = None
    overdue: bool | None = None
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None


def checkpoints_visible_to(who, filters: CheckpointFilter | None = None, *, today=None):
    filters = filters or CheckpointFilter()
    today = today or timezone.localdate()
    queryset = Checkpoint.objects.visible_to(who)
    if filters.roadmap_id:
        queryset = queryset.filter(item__section__roadmap_id=filters.roadmap_id)
    if filters.item_id:
        queryset = queryset.filter(item_id=filters.item_id)
    if filters.overdue is True:
        queryset = queryset.overdue(today)
    elif filters.overdue is False:
        queryset = queryset.exclude(pk__in=Checkpoint.objects.overdue(today).values("pk"))
    if filters.due_from:
        queryset = queryset.filter(due_on__gte=filters.due_from)
    if filters.due_to:
        queryset = queryset.filter(due_on__lte=filters.due_to)
    return queryset.select_related("item__section", "mark").order_by("due_on", "id")


def checkpoint_for(who, pk) -> Checkpoint:
    queryset = (
        Checkpoint.objects.visible_to(who)
        .select_related("item__section__roadmap__organisation", "mark")
        .prefetch_related(_evidence())
    )
    return get_object_or_404(queryset, pk=pk)


def marks_visible_to(who, *, roadmap_id: int | None = None):
    queryset = Mark.objects.visible_to(who)
    if roadmap_id:
        queryset = queryset.filter(checkpoint__item__section__roadmap_id=roadmap_id)
    return (
        queryset.select_related("checkpoint")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("id"), to_attr="evidence_list")
        )
        .order_by("checkpoint__due_on", "id")
    )


def mark_for(who, pk) -> Mark:
    return get_object_or_404(marks_visible_to(who), pk=pk)


def overdue_checkpoints(who, *, today=None, organisation_id=None, limit=None):
    """MAP-4: due date passed and no mark, among what ``who`` sees."""
    today = today or timezone.localdate()
    queryset = Checkpoint.objects.visible_to(who).overdue(today)
    if organisation_id:
        queryset = queryset.filter(item__section__roadmap__organisation_id=organisation_id)
    return queryset.select_related("item__section__roadmap").order_by("due_on", "id")


@dataclass(frozen=True)
class ProposalFilter:
    roadmap_id: int | None = None
    state: str = ""


def proposals_visible_to(who, filters: ProposalFilter | None = None):
    filters = filters or ProposalFilter()
    queryset = Proposal.objects.visible_to(who)
    if filters.roadmap_id:
        queryset = queryset.filter(roadmap_id=filters.roadmap_id)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    return queryset.select_related(
        "roadmap", "organisation", "suggested_section", "item", "author"
    ).order_by("-created_at", "-id")


def proposal_for(who, pk) -> Proposal:
    return get_object_or_404(proposals_visible_to(who), pk=pk)


def open_proposals(who, organisation_id):
    return proposals_visible_to(who, ProposalFilter(state=ProposalState.NEW)).filter(
        roadmap__organisation_id=organisation_id
    )


def versions_of(who, roadmap: Roadmap):
    return (
        RoadmapVersion.objects.visible_to(who)
        .filter(roadmap=roadmap)
        .select_related("agreed_by")
        .defer("content")
        .order_by("number")
    )


def versions_visible_to(who, *, roadmap_id: int | None = None):
    queryset = RoadmapVersion.objects.visible_to(who)
    if roadmap_id:
        queryset = queryset.filter(roadmap_id=roadmap_id)
    return queryset.order_by("roadmap_id", "number")


def version_for(who, roadmap: Roadmap, number: int) -> RoadmapVersion:
    return get_object_or_404(
        RoadmapVersion.objects.visible_to(who).filter(roadmap=roadmap), number=number
    )


def version_by_id(who, pk) -> RoadmapVersion:
    return get_object_or_404(RoadmapVersion.objects.visible_to(who), pk=pk)


def awaiting_decision(who):
    """MAP-3: the plans awaiting the Department (a unit's work plan awaits its institution)."""
    return (
        Roadmap.objects.visible_to(who)
        .coordination()
        .filter(state__in=AWAITING_STATES)
        .select_related("organisation")
        .order_by("submitted_at", "id")
    )


def returned_roadmaps(who, organisation_id):
    return (
        Roadmap.objects.visible_to(who)
        .coordination()
        .filter(state=RoadmapState.RETURNED, organisation_id=organisation_id)
    )


def unit_plans_awaiting(who):
    """SOC-13: the units' work plans the institution is to agree."""
    return (
        Roadmap.objects.visible_to(who)
        .of_units()
        .filter(state__in=AWAITING_STATES)
        .select_related("unit")
        .order_by("submitted_at", "id")
    )


def unit_plans_returned(who):
    """SOC-13: the work plans of the head's units the institution returned."""
    scope = scope_of(who)
    if scope is None:
        return Roadmap.objects.none()
    return (
        Roadmap.objects.visible_to(scope)
        .of_units()
        .filter(state=RoadmapState.RETURNED, unit_id__in=staff_units(scope))
        .select_related("unit")
        .order_by("-decided_at", "id")
    )


def units_for_plans(who):
    """SOC-13: the units ``who`` may make a work plan for — a head's own units (the
    administrator's: every unit)."""
    scope = scope_of(who)
    if scope is None:
        return Unit.objects.none()
    units = Unit.objects.visible_to(scope).active().select_related("organisation")
    if scope.role == Role.ADMINISTRATOR:
        return units
    if scope.role != Role.HEAD:
        return Unit.objects.none()
    return units.filter(pk__in=staff_units(scope))


def reports_missing(who, year: int, organisation_id=None):
    """MAP-5: last year's agreed plans without an annual report file (a unit's work plan is
    reported in the unit's own reports, 002 §5.1.11)."""
    queryset = (
        Roadmap.objects.visible_to(who)
        .coordination()
        .filter(year=year, agreed_version__gt=0, annual_report="")
    )
    if organisation_id:
        queryset = queryset.filter(organisation_id=organisation_id)
    return queryset.select_related("organisation").order_by("organisation__name", "id")


def appointments_for_choice(organisation_id):
    """Appointed people of the plan's owner, for the item's responsibles."""
    return (
        Appointment.objects.current()
        .filter(organisation_id=organisation_id)
        .order_by("person_name", "id")
    )
