"""REP-8 for REP-9: the sender's board of requests and instructions to XLSX and PDF.

The same filters, the same selector and the same totals as «Запросы и поручения»
(instructions.views.board), every instruction of the filter (not one page of it), each
followed by its addressees with their control status: answered on time, answered late by
N days, open, or overdue by N days (instructions.models.Addressee.control_label). The
addressees are read once for all the instructions, through ``visible_to``.

The builder takes the scope, the filter form and the day, never the request, and returns a
document that resurs.kernel.documents renders to either format.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from resurs.coordination.instructions import forms, selectors
from resurs.coordination.instructions.models import Addressee, Control, Instruction
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.documents import Document, Line

COLUMNS = (
    ("Номер, дата", 22),
    ("Заголовок", 40),
    ("Отправитель", 30),
    ("Срок", 12),
    ("Состояние", 16),
    ("В срок", 10),
    ("С опозданием", 12),
    ("На исполнении", 12),
    ("Просрочено", 11),
    ("Всего адресатов", 11),
)
ADDRESSEE_COLUMNS = ("Адресат", "Ответ", "Дата ответа", "Контроль исполнения", "Дней сверх срока")
TOTALS = (
    (Control.ON_TIME, "Исполнено в срок"),
    (Control.LATE, "С нарушением срока"),
    (Control.OPEN, "На исполнении"),
    (Control.OVERDUE, "Просрочено"),
    ("total", "Всего адресатов"),
)
FILTER_LABELS = (
    ("q", "Поиск"),
    ("kind", "Вид"),
    ("state", "Состояние"),
    ("control", "Есть адресаты"),
    ("date_from", "Срок с"),
    ("date_to", "Срок по"),
)


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


@dataclass
class Item:
    """One instruction of the board and its addressee rows."""

    instruction: Instruction
    addressees: list[Addressee]
    today: datetime.date

    @property
    def cells(self) -> list:
        i = self.instruction
        return [
            f"{i.get_kind_display()} № {i.number} от {i.created_on:%d.%m.%Y}",
            i.title,
            str(i.sender),
            _date(i.deadline),
            i.get_state_display(),
            i.n_on_time,
            i.n_late,
            i.n_open,
            i.n_overdue,
            i.total,
        ]

    @property
    def rows(self) -> list[list]:
        return [
            [
                str(row.organisation),
                row.get_status_display(),
                _date(row.answered_on) if row.is_answered else "",
                row.control_label(self.today),
                row.days_late(self.today) or None,
            ]
            for row in self.addressees
        ]


@dataclass
class BoardDocument:
    items: list[Item]
    totals: dict
    fields: list[tuple[str, str]]
    today: datetime.date

    @property
    def total_pairs(self) -> list[tuple[str, int]]:
        return [(label, self.totals.get(key) or 0) for key, label in TOTALS]


def _filter_fields(form: forms.BoardFilterForm) -> list[tuple[str, str]]:
    """The filters applied, in the words of the filter form (none when it is not valid:
    the page then shows everything, and so does the export)."""
    if not form.is_bound or not form.is_valid():
        return []
    pairs = []
    for name, label in FILTER_LABELS:
        value = form.cleaned_data.get(name)
        if not value:
            continue
        if isinstance(value, datetime.date):
            value = _date(value)
        else:
            value = dict(form.fields[name].choices).get(value, value) if name != "q" else value
        pairs.append((label, str(value)))
    return pairs


def board_document(
    *,
    scope: Scope,
    form: forms.BoardFilterForm,
    organisation_name: str,
    today: datetime.date | None = None,
) -> BoardDocument:
    """The board of instructions.views.board for a scope and the page's filter form;
    ``organisation_name`` is the scope's organisation (the sender of a non-region-wide
    board)."""
    today = today or timezone.localdate()
    filters = form.filters()
    instructions = list(selectors.board(scope, filters, today))
    by_instruction: dict[int, list[Addressee]] = {i.pk: [] for i in instructions}
    if instructions:
        rows = (
            Addressee.objects.visible_to(scope)
            .filter(instruction_id__in=list(by_instruction))
            .select_related("organisation")
            .only(
                "id",
                "instruction_id",
                "status",
                "answered_on",
                "organisation__id",
                "organisation__name",
                "organisation__short_name",
            )
            .order_by("organisation__name", "id")
        )
        instances = {i.pk: i for i in instructions}
        for row in rows:
            row.instruction = instances[row.instruction_id]  # the deadline, without a query
            by_instruction[row.instruction_id].append(row)
    sender = "все организации" if scope.region_wide else organisation_name
    fields = [
        ("Отправитель", sender),
        *_filter_fields(form),
        ("Сформировано", _date(today)),
    ]
    return BoardDocument(
        items=[Item(i, by_instruction[i.pk], today) for i in instructions],
        totals=selectors.board_totals(scope, filters, today),
        fields=fields,
        today=today,
    )


def board_lines(document: BoardDocument) -> list[Line]:
    lines = [Line(["Запросы и поручения: контроль исполнения"], "title")]
    lines += [Line(pair, "field") for pair in document.fields]
    lines += [Line(), Line(["Адресаты по состоянию исполнения"], "section")]
    lines += [Line(pair, "field") for pair in document.total_pairs]
    lines += [Line(), Line([title for title, _width in COLUMNS], "header")]
    if not document.items:
        lines.append(Line(["Запросов и поручений нет."]))
    for item in document.items:
        lines.append(Line(item.cells))
        if item.addressees:
            lines.append(Line(ADDRESSEE_COLUMNS, "subheader", indent=1))
            lines += [Line(cells, indent=1) for cells in item.rows]
    return lines


def board_export(
    *,
    scope: Scope,
    form: forms.BoardFilterForm,
    organisation_name: str,
    today: datetime.date | None = None,
) -> Document:
    """The board (see ``board_document``) as a document for XLSX and PDF."""
    document = board_document(
        scope=scope, form=form, organisation_name=organisation_name, today=today
    )
    return Document(
        filename=f"zaprosy-i-porucheniya-{document.today:%Y-%m-%d}",
        title="Запросы и поручения",
        columns=COLUMNS,
        lines=board_lines(document),
        label_span=2,
        template="instructions/pdf/board.html",
        context={
            "document": document,
            "columns": [title for title, _width in COLUMNS],
            "addressee_columns": ADDRESSEE_COLUMNS,
        },
    )
