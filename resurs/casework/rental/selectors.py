"""Reads of the rental point, each through the scope of whoever reads (TSR-1, TSR-3):
applications and contracts are a citizen's personal data (``visible_to``, fail-closed); the
inventory is the institution's (the Department sees it, not the citizens)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Contract,
    ContractState,
    Item,
    ItemKind,
    ItemState,
    Maintenance,
    RentalPoint,
    Return,
    WriteOff,
)
from resurs.casework.rental.queue import Entry, order, waiting_list
from resurs.casework.socialservices.selectors import work_units
from resurs.casework.units.models import Unit
from resurs.kernel.accounts.scoping import scope_of


def point_units(who) -> QuerySet[Unit]:
    """The units with a rental point the user works in: where items and applications go."""
    return work_units(who).filter(rental_point__isnull=False)


def points_visible_to(who) -> QuerySet[RentalPoint]:
    return RentalPoint.objects.visible_to(who).select_related(
        "unit", "organisation", "responsible__user"
    )


def applications_visible_to(who):
    return Application.objects.visible_to(who).select_related(
        "person", "requested_kind", "unit", "offered_item", "offered_item__kind"
    )


def application_for(who, pk: int) -> Application:
    """One application the user may see; another's is «not found» (404), like a missing one."""
    return get_object_or_404(applications_visible_to(who), pk=pk)


def applications_filtered(who, data: dict) -> QuerySet[Application]:
    rows = applications_visible_to(who)
    if data.get("number"):
        rows = rows.filter(pk=data["number"])
    if data.get("kind"):
        rows = rows.filter(requested_kind=data["kind"])
    if data.get("state"):
        rows = rows.filter(state=data["state"])
    if data.get("category"):
        rows = rows.filter(category=data["category"])
    return rows


def contracts_visible_to(who):
    return Contract.objects.visible_to(who).select_related("person", "unit", "application")


def contract_for(who, pk: int) -> Contract:
    return get_object_or_404(contracts_visible_to(who), pk=pk)


def contracts_filtered(who, data: dict, today: datetime.date | None = None):
    rows = contracts_visible_to(who).annotate(
        open_loans=Count("loans", filter=Q(loans__returned_on__isnull=True))
    )
    if data.get("text"):
        rows = rows.filter(number__icontains=data["text"])
    if data.get("state"):
        rows = rows.filter(state=data["state"])
    if data.get("overdue"):
        rows = rows.overdue(today or timezone.localdate())
    return rows


def return_for(who, pk: int) -> Return:
    return get_object_or_404(
        Return.objects.visible_to(who).select_related("contract", "contract__person"), pk=pk
    )


def items_visible_to(who):
    return Item.objects.visible_to(who).select_related("kind", "unit", "organisation")


def item_for(who, pk: int) -> Item:
    return get_object_or_404(items_visible_to(who), pk=pk)


def items_filtered(who, data: dict) -> QuerySet[Item]:
    rows = items_visible_to(who)
    if data.get("text"):
        rows = rows.filter(mark__icontains=data["text"])
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    if data.get("state"):
        rows = rows.filter(state=data["state"])
    return rows


def free_items_for(application: Application) -> QuerySet[Item]:
    """What may be issued on ``application``: free items of the kind it asks for (and of the
    kinds of its ИПР/ИПРА, so one contract and one act may list a set) of its institution,
    without open maintenance, those offered to someone else excepted (services.issue checks
    it again under the lock)."""
    offered_elsewhere = Application.all_records.filter(
        state=ApplicationState.OFFERED, offered_item__isnull=False
    ).exclude(pk=application.pk)
    return (
        Item.objects.filter(organisation_id=application.organisation_id, state=ItemState.FREE)
        .filter(
            Q(kind_id=application.requested_kind_id)
            | Q(kind__in=application.ipra_kinds.values("pk"))
        )
        .exclude(pk__in=offered_elsewhere.values("offered_item_id"))
        .exclude(pk__in=Maintenance.objects.filter(finished_on__isnull=True).values("item_id"))
        .select_related("kind")
        .order_by("kind__position", "mark")
    )


@dataclass(frozen=True)
class Event:
    """One line of an item's movement history."""

    on: datetime.date
    what: str
    detail: str
    contract: Contract | None = None


def item_history(who, item: Item) -> list[Event]:
    """TSR-1: the item's whole movement — entry, loans and returns, maintenance, write-off —
    newest first. A loan names its contract; the citizen only for those who may see it."""
    source = item.get_source_display()
    if item.transfer_note_number:
        source += f": № {item.transfer_note_number}"
    if item.transfer_note_date:
        source += f" от {item.transfer_note_date:%d.%m.%Y}"
    events = [Event(item.in_service_on, "Поступление", source)]
    seen = set(contracts_visible_to(who).filter(loans__item=item).values_list("pk", flat=True))
    for loan in item.loans.select_related("contract").order_by("contract__starts_on"):
        contract = loan.contract if loan.contract_id in seen else None
        terms = "бесплатно" if loan.free else f"платно, {loan.amount} руб."
        events.append(
            Event(
                loan.contract.starts_on,
                "Выдано",
                f"договор № {loan.contract.number}, срок по "
                f"{loan.contract.current_end:%d.%m.%Y}, {terms}",
                contract,
            )
        )
        if loan.returned_on:
            events.append(
                Event(
                    loan.returned_on,
                    "Возвращено",
                    f"договор № {loan.contract.number}: {loan.get_return_condition_display()}",
                    contract,
                )
            )
    for maintenance in Maintenance.objects.filter(item=item):
        events.append(Event(maintenance.started_on, "На обслуживание", maintenance.what))
        if maintenance.finished_on:
            events.append(
                Event(
                    maintenance.finished_on,
                    "Обслуживание завершено",
                    f"стоимость {maintenance.cost} руб.",
                )
            )
    write_off = WriteOff.objects.filter(item=item).first()
    if write_off is not None:
        events.append(Event(write_off.act_date, "Списано", f"{write_off}: {write_off.reason}"))
    return sorted(events, key=lambda event: event.on, reverse=True)


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


def position_of(application: Application, lists: dict | None = None) -> Entry | None:
    """The application's place in its kind's list; ``lists`` keeps the lists already read
    (a page of applications reads each kind's list once, not once per row)."""
    if application.state != ApplicationState.WAITING:
        return None
    key = (application.requested_kind_id, application.organisation_id)
    if lists is None or key not in lists:
        entries = waiting_list(
            application.requested_kind, organisation_id=application.organisation_id
        )
        if lists is None:
            lists = {}
        lists[key] = {entry.application.pk: entry for entry in entries}
    return lists[key].get(application.pk)


def waiting_lists_for(who) -> list[tuple[ItemKind, list[Entry]]]:
    """TSR-3: every kind's waiting list among the applications the user sees, in two
    queries (the institution's waiting applications; which of them the user sees)."""
    scope = scope_of(who)
    if scope is None or scope.organisation_id is None:
        return []
    visible = set(
        applications_visible_to(who)
        .filter(state=ApplicationState.WAITING)
        .values_list("pk", flat=True)
    )
    waiting = (
        Application.all_records.filter(
            state=ApplicationState.WAITING, organisation_id=scope.organisation_id
        )
        .select_related("person", "requested_kind")
        .order_by("requested_kind__position", "requested_kind__name")
    )
    by_kind: dict[int, list[Application]] = {}
    kinds: dict[int, ItemKind] = {}
    for application in waiting:
        by_kind.setdefault(application.requested_kind_id, []).append(application)
        kinds[application.requested_kind_id] = application.requested_kind
    result = []
    for kind_id, applications in by_kind.items():
        entries = [e for e in order(applications) if e.application.pk in visible]
        if entries:
            result.append((kinds[kind_id], entries))
    return result


def overdue_contracts(who, today: datetime.date | None = None):
    return contracts_visible_to(who).overdue(today or timezone.localdate())


def is_overdue(contract: Contract, today: datetime.date | None = None) -> bool:
    return contract.state == ContractState.ACTIVE and contract.current_end < (
        today or timezone.localdate()
    )
