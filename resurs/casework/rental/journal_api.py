"""X-4 for TSR-4, TSR-5: the rental point's journals as data — the issue journal (seed 002
app. 1, app. 2) and the movement journal (app. 4) — from the contracts the caller sees, like
their pages; every contract a page returns is written in the access log (channel «API»)."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.rental import journals
from resurs.casework.rental.models import ItemKind
from resurs.kernel.writes.errors import DomainError

router = Router(tags=["Пункт проката ТСР: журналы"])
MAX_PAGE_SIZE = 200


class JournalIn(Schema):
    date_from: datetime.date | None = Field(
        None, description="Начало периода; пусто — 1 января текущего года"
    )
    date_to: datetime.date | None = Field(
        None, description="Конец периода включительно; пусто — 31 декабря текущего года"
    )
    kind_id: int | None = Field(None, ge=1, description="Вид ТСР (``id`` из перечня видов)")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class IssueRowOut(Schema):
    number: int = Field(description="Графа 1: № п/п")
    applied_on: datetime.date = Field(description="Графа 2: дата приема заявления")
    person_id: int
    full_name: str = Field(description="Графа 3: фамилия, имя, отчество заявителя")
    address: str = Field(description="Графа 4: адрес места жительства")
    requested_kind: str = Field(description="Графа 5: необходимое ТСР")
    needed_from: datetime.date = Field(description="Графа 6: период — начало")
    needed_until: datetime.date = Field(description="Графа 6: период — конец (с продлением)")
    issued_item: str = Field(description="Графа 7: выданное ТСР (вид и клеймо)")
    contract_id: int
    contract_number: str = Field(description="Графа 8: номер договора")
    contract_date: datetime.date = Field(description="Графа 8: дата договора")
    received_on: datetime.date = Field(description="Графа 9: дата получения")
    representative: str = Field(description="Графа 9: представитель по доверенности, если был")
    issued_by: str = Field(description="Графа 10: выдал")
    delivered: bool = Field(description="Графа 11: доставлено на дом (``true``/``false``)")
    returned_on: datetime.date | None = Field(description="Графа 12: дата возврата")
    accepted_by: str = Field(description="Графа 13: принял")
    return_condition: str = Field(description="Графа 14: состояние возвращенного ТСР")


class MovementRowOut(Schema):
    number: int = Field(description="Графа 1: № п/п")
    item: str = Field(description="Графа 2: наименование ТСР (вид и клеймо)")
    item_id: int
    issued_on: datetime.date = Field(description="Графа 3: дата выдачи")
    person_id: int
    recipient: str = Field(description="Графа 4: получатель ТСР")
    contract_id: int
    due_on: datetime.date = Field(description="Графа 5: дата возврата согласно договору")
    returned_on: datetime.date | None = Field(description="Графа 6: дата возврата фактически")


class IssueJournalOut(Schema):
    period_from: datetime.date
    period_to: datetime.date
    count: int
    items: list[IssueRowOut]


class MovementJournalOut(Schema):
    period_from: datetime.date
    period_to: datetime.date
    count: int
    items: list[MovementRowOut]


def _filters(query: JournalIn) -> journals.JournalFilter:
    year = journals.JournalFilter.this_year()
    if query.date_from and query.date_to and query.date_to < query.date_from:
        raise DomainError("Конец периода раньше его начала.")
    kind = get_object_or_404(ItemKind, pk=query.kind_id) if query.kind_id else None
    return journals.JournalFilter(
        date_from=query.date_from or year.date_from,
        date_to=query.date_to or year.date_to,
        kind=kind,
    )


def _page(request, query: JournalIn, *, movement: bool):
    filters = _filters(query)
    paginator = Paginator(
        journals.loans_visible_to(request, filters, movement=movement), query.page_size
    )
    page = paginator.get_page(query.page)
    make_rows = journals.movement_rows if movement else journals.issue_rows
    rows = make_rows(list(page.object_list), start=page.start_index())
    contracts = {row.contract.pk: row.contract for row in rows}
    log_records(request, list(contracts.values()), channel=AccessChannel.API)
    return filters, paginator.count, rows


def _issue(row: journals.IssueRow) -> dict:
    loan, contract = row.loan, row.contract
    accepted = row.accepted_by
    return {
        "number": row.number,
        "applied_on": row.applied_on,
        "person_id": contract.person_id,
        "full_name": contract.person.full_name,
        "address": contract.person.actual_address or contract.person.registration_address,
        "requested_kind": contract.application.requested_kind.name,
        "needed_from": contract.starts_on,
        "needed_until": contract.current_end,
        "issued_item": f"{loan.item.kind.name} (клеймо {loan.item.mark})",
        "contract_id": contract.pk,
        "contract_number": contract.number,
        "contract_date": contract.concluded_on,
        "received_on": contract.starts_on,
        "representative": contract.representative_name,
        "issued_by": contract.specialist.get_full_name() if contract.specialist else "",
        "delivered": contract.delivery,
        "returned_on": loan.returned_on,
        "accepted_by": accepted.get_full_name() if accepted else "",
        "return_condition": loan.get_return_condition_display() if loan.return_condition else "",
    }


def _movement(row: journals.MovementRow) -> dict:
    loan = row.loan
    return {
        "number": row.number,
        "item": f"{loan.item.kind.name} (клеймо {loan.item.mark})",
        "item_id": loan.item_id,
        "issued_on": loan.contract.starts_on,
        "person_id": loan.contract.person_id,
        "recipient": loan.contract.person.full_name,
        "contract_id": loan.contract_id,
        "due_on": row.due_on,
        "returned_on": loan.returned_on,
    }


@router.get(
    "/issue",
    response=IssueJournalOut,
    summary="Журнал учета выдачи ТСР во временное пользование",
    description="Приложение 2: строка — выданный по договору предмет; период — по дате выдачи.",
)
def issue_journal(request, query: Query[JournalIn]):
    filters, count, rows = _page(request, query, movement=False)
    return {
        "period_from": filters.date_from,
        "period_to": filters.date_to,
        "count": count,
        "items": [_issue(row) for row in rows],
    }


@router.get(
    "/movement",
    response=MovementJournalOut,
    summary="Журнал движения ТСР",
    description=(
        "Приложение 4: предметы, выданные или возвращённые в периоде; ``due_on`` — дата "
        "возврата по договору (с продлением), ``returned_on`` — фактическая."
    ),
)
def movement_journal(request, query: Query[JournalIn]):
    filters, count, rows = _page(request, query, movement=True)
    return {
        "period_from": filters.date_from,
        "period_to": filters.date_to,
        "count": count,
        "items": [_movement(row) for row in rows],
    }
