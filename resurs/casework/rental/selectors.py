"""Reads of the rental point, each through the scope of whoever reads (TSR-1, TSR-3):
applications and contracts are a citizen's personal data (``visible_to``, fail-closed); the
inventory is the institution's."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from resurs.casework.rental.models import Application, Contract, Item, ItemKind
from resurs.casework.rental.queue import Entry, waiting_list
from resurs.kernel.accounts.scoping import scope_of


def applications_visible_to(who):
    return Application.objects.visible_to(who).select_related(
        "person", "requested_kind", "unit", "offered_item"
    )


def application_for(who, pk: int) -> Application:
    """One application the user may see; another's is «not found» (404), like a missing one."""
    return get_object_or_404(applications_visible_to(who), pk=pk)


def contracts_visible_to(who):
    return Contract.objects.visible_to(who).select_related("person", "unit", "application")


def contract_for(who, pk: int) -> Contract:
    return get_object_or_404(contracts_visible_to(who), pk=pk)


def items_visible_to(who):
    return Item.objects.visible_to(who).select_related("kind", "unit", "organisation")


def waiting_list_for(who, kind: ItemKind) -> list[Entry]:
    """TSR-3: the waiting list of ``kind`` among the applications the user sees, with each
    entry's position and why. The positions are the institution's whole list: a specialist
    who sees some of its applications sees their true places."""
    scope = scope_of(who)
    if scope is None or scope.organisation_id is None:
        return []
    visible = set(applications_visible_to(who).waiting_for(kind).values_list("pk", flat=True))
    entries = waiting_list(kind, organisation_id=scope.organisation_id)
    return [entry for entry in entries if entry.application.pk in visible]
