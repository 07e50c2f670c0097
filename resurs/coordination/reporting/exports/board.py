"""REP-8: the receiver's board «Контроль представления» exported to XLSX and PDF: the same
period, form, rows and totals as the page (reporting.views.board), read through the same
scoped selector for the scope it is given.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from resurs.coordination.reporting import selectors
from resurs.coordination.reporting.exports.cells import day_text, moment_text
from resurs.coordination.reporting.models import Report, ReportForm
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.documents import Document, Line
from resurs.kernel.workcalendar.periods import Period

BOARD_COLUMNS = (
    ("Форма", 30),
    ("Направление", 24),
    ("Отправитель", 40),
    ("Получатель", 36),
    ("Срок", 12),
    ("Представлен", 17),
    ("Состояние", 20),
    ("Своевременность", 20),
    ("Опоздание, дн.", 11),
)
# The expected reports and the groups they fall in (each report in one), then two counts
# across the groups: submitted and accepted.
TOTALS = (
    ("expected_total", "Ожидается"),
    ("on_time", "В срок"),
    ("late", "С опозданием"),
    ("nothing", "Нет данных за период"),
    ("returned", "Возвращено"),
    ("missing", "Не представлено"),
    ("expected", "Срок не наступил"),
    ("submitted", "Представлено всего"),
    ("accepted", "Принято"),
)


# --- the board --------------------------------------------------------------------------------


@dataclass
class BoardDocument:
    board: selectors.Board
    period: Period
    form_label: str
    receiver_label: str
    today: datetime.date

    @property
    def totals(self) -> list[tuple[str, int]]:
        return [(label, self.board.totals.get(key, 0)) for key, label in TOTALS]

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [
            ("Период", self.period.label),
            ("Форма", self.form_label),
            ("Получатель", self.receiver_label),
            ("Сформировано", day_text(self.today)),
        ]


def board_document(
    *,
    scope: Scope,
    period: Period,
    form: ReportForm | None,
    organisation_name: str,
    today: datetime.date | None = None,
) -> BoardDocument:
    """The board of reporting.views.board for a scope, a period and a form (None: all
    forms): the same selector and the same receiver — everyone's for a region-wide scope,
    the scope's organisation (``organisation_name``) otherwise."""
    today = today or timezone.localdate()
    receiver_id = None if scope is None or scope.region_wide else scope.organisation_id
    board = selectors.board(scope, period=period, form=form, receiver_id=receiver_id, today=today)
    return BoardDocument(
        board=board,
        period=period,
        form_label=form.title if form is not None else "Все формы",
        receiver_label="все получатели" if receiver_id is None else organisation_name,
        today=today,
    )


def board_row(report: Report) -> list:
    return [
        report.form.short_title,
        str(report.direction) if report.direction else "",
        report.sender_label if report.unit_id else report.sender.name,
        report.receiver_label if report.unit_id else report.receiver.name,
        day_text(report.due_on),
        moment_text(report.submitted_at) if report.submitted_at else "",
        report.get_state_display(),
        report.status_label,
        report.days_late or report.overdue or None,
    ]


def board_lines(document: BoardDocument) -> list[Line]:
    lines = [Line(["Контроль представления отчётов"], "title")]
    lines += [Line(pair, "field") for pair in document.fields]
    lines += [Line(), Line(["Итоги"], "section")]
    lines += [Line(pair, "field") for pair in document.totals]
    lines += [Line(), Line([title for title, _width in BOARD_COLUMNS], "header")]
    lines += [Line(board_row(report)) for report in document.board.rows]
    return lines


def board_export(
    *,
    scope: Scope,
    period: Period,
    form: ReportForm | None,
    organisation_name: str,
    today: datetime.date | None = None,
) -> Document:
    """The board (see ``board_document``) as a document for XLSX and PDF."""
    document = board_document(
        scope=scope, period=period, form=form, organisation_name=organisation_name, today=today
    )
    suffix = f"-{form.code}" if form is not None else ""
    return Document(
        filename=f"kontrol-predstavleniya-{period.key}{suffix}",
        title="Контроль представления",
        columns=BOARD_COLUMNS,
        lines=board_lines(document),
        label_span=2,
        template="reporting/pdf/board.html",
        context={
            "document": document,
            "rows": [board_row(report) for report in document.board.rows],
        },
    )
