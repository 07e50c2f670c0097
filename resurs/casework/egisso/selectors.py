"""Reads of the ЕГИССО exports: an institution's exports (its provider role and heads only),
and the facts of an export as the data bank's rule lets the user see them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from resurs.casework.egisso.models import Export, ExportFact, FactState, Participant


@dataclass(frozen=True)
class ExportFilter:
    year: int | None = None
    status: str = ""
    number: int | None = None


def exports_visible_to(who, filters: ExportFilter | None = None) -> QuerySet[Export]:
    filters = filters or ExportFilter()
    exports = Export.objects.visible_to(who)
    if filters.year:
        exports = exports.filter(period__year=filters.year)
    if filters.status:
        exports = exports.filter(status=filters.status)
    if filters.number:
        exports = exports.filter(pk=filters.number)
    return (
        exports.select_related("created_by", "sent_by")
        .annotate(
            rejected=Count("facts", filter=Q(facts__state=FactState.REJECTED)),
            accepted=Count("facts", filter=Q(facts__state=FactState.ACCEPTED)),
        )
        .order_by("-created_at", "-id")
    )


def export_for(who, pk: int) -> Export:
    return get_object_or_404(
        Export.objects.visible_to(who).select_related("organisation", "created_by", "sent_by"),
        pk=pk,
    )


def states_of(export: Export) -> dict[str, int]:
    """How many facts of the export are in each state (numbers: no personal data)."""
    counts = dict(
        ExportFact.all_records.filter(export=export)
        .order_by()
        .values("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in FactState.values}


def facts_of(who, export: Export, state: str = "") -> QuerySet[ExportFact]:
    facts = ExportFact.objects.visible_to(who).filter(export=export)
    if state:
        facts = facts.filter(state=state)
    return facts.select_related("fact", "fact__person", "fact__reversed_by").order_by("state", "id")


def export_fact_for(who, export: Export, pk: int) -> ExportFact:
    return get_object_or_404(
        ExportFact.objects.visible_to(who).select_related("fact", "fact__person", "export"),
        export=export,
        pk=pk,
    )


def participant_of(organisation_id: int) -> Participant | None:
    return Participant.objects.filter(organisation_id=organisation_id).first()


def previous_month(today: datetime.date) -> datetime.date:
    first = today.replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)
