"""REP-8: every report and the receiver's board exported to XLSX in the form's layout and to
PDF, with the same content as their pages.

A report: the title block (form, period, sender, receiver, direction, due date, state,
timeliness, first submission), then each section as a header row and each indicator as a
row — №, показатель, единица, значение, посчитано системой; a table indicator is followed
by a nested block with its columns. What the system counted is the live count while the
sender may still change the report, and what was stored at the last save once it is
submitted — as on the report's page (reporting.views.report_detail).

The board: the same period, form, rows and totals as «Контроль представления»
(reporting.views.board): the same filter form, the same selector, the same receiver.
Every read goes through the scoped selectors, so a report outside the caller's scope is 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from documents.rendering import PDF_CONTENT_TYPE, file_response, pdf_from_template
from exchange.xlsx import Line, document_response
from reporting import forms, selectors
from reporting.models import EDITABLE_STATES, Indicator, Report, ValueType
from reporting.periods import Period
from reporting.values import display

REPORT_COLUMNS = (
    ("№", 8),
    ("Показатель", 60),
    ("Единица", 12),
    ("Значение", 22),
    ("Посчитано системой", 22),
)
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
TOTALS = (
    ("expected_total", "Ожидается"),
    ("submitted", "Представлено"),
    ("on_time_total", "В срок"),
    ("late_total", "С опозданием"),
    ("missing", "Не представлено"),
    ("nothing", "Нет данных за период"),
    ("returned", "Возвращено"),
    ("accepted", "Принято"),
)


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else "—"


def _cell(indicator: Indicator, value):
    """A value as a spreadsheet cell: numbers stay numbers, the rest is the page's text."""
    if value is None:
        return None
    if indicator.value_type in {ValueType.INTEGER, ValueType.DECIMAL} and isinstance(
        value, int | float
    ):
        return value
    if indicator.value_type == ValueType.TABLE and isinstance(value, list):
        return f"строк в таблице: {len(value)}"
    return display(indicator, value)


# --- a report ---------------------------------------------------------------------------------


@dataclass
class Row:
    indicator: Indicator
    value: object
    counted: object

    @property
    def shown(self) -> str:
        if self.indicator.value_type == ValueType.TABLE and isinstance(self.value, list):
            return f"строк в таблице: {len(self.value)}"
        return display(self.indicator, self.value)

    @property
    def counted_shown(self) -> str:
        if self.counted is None:
            return ""
        if self.indicator.value_type == ValueType.TABLE and isinstance(self.counted, list):
            return f"строк в таблице: {len(self.counted)}"
        return display(self.indicator, self.counted)

    @property
    def columns(self) -> list[dict]:
        return list(self.indicator.columns or [])

    def _table(self, rows) -> list[list]:
        if self.indicator.value_type != ValueType.TABLE or not isinstance(rows, list):
            return []
        return [
            [line.get(column["code"], "") for column in self.columns]
            for line in rows
            if isinstance(line, dict)
        ]

    @property
    def table(self) -> list[list]:
        """The table's lines as cells in the order of its columns."""
        return self._table(self.value)

    @property
    def counted_table(self) -> list[list]:
        """What the senders' reports list, when it differs from the typed table."""
        return [] if self.counted == self.value else self._table(self.counted)


@dataclass
class Block:
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class ReportDocument:
    report: Report
    title: str
    fields: list[tuple[str, str]]
    blocks: list[Block]

    @property
    def period_label(self) -> str:
        return self.report.period.label


def report_document(report: Report, *, today: datetime.date | None = None) -> ReportDocument:
    """What a report's export shows (the report comes from selectors.report_for)."""
    today = today or timezone.localdate()
    sections = selectors.structure(report.form_version_id)
    indicators = [i for s in sections for i in s.indicator_list]
    stored = selectors.stored_values(report)
    live = selectors.counted_values(report, indicators) if report.state in EDITABLE_STATES else {}
    blocks = []
    for section in sections:
        block = Block(section.title)
        for indicator in section.indicator_list:
            value = stored.get(indicator.code)
            counted = live.get(indicator.code)
            block.rows.append(
                Row(
                    indicator=indicator,
                    value=value.value if value is not None else None,
                    counted=counted.value
                    if counted is not None
                    else (value.counted if value is not None else None),
                )
            )
        blocks.append(block)
    status = selectors.timeliness(report, today)
    timeliness = selectors.STATUS_LABELS.get(status, "")
    if report.days_late:
        timeliness += f", опоздание {report.days_late} дн."
    state = report.get_state_display()
    if report.nothing_to_report:
        state += " — нет данных за период"
    period = report.period
    fields = [
        ("Период", f"{period.label} ({_date(period.start)} — {_date(period.end)})"),
        ("Отправитель", report.sender.name),
        ("Получатель", report.receiver.name),
        ("Направление", str(report.direction) if report.direction else "—"),
        ("Срок представления", _date(report.due_on)),
        ("Состояние", state),
        ("Своевременность", timeliness),
        ("Впервые представлен", _moment(report.submitted_at)),
    ]
    if report.remarks:
        fields.append(("Замечания получателя", report.remarks))
    return ReportDocument(
        report=report,
        title=f"{report.form.title} (версия формы {report.form_version.number})",
        fields=fields,
        blocks=blocks,
    )


def _report_filename(report: Report, extension: str) -> str:
    return f"otchet-{report.form.code}-{report.period.key}-{report.pk}.{extension}"


def report_lines(document: ReportDocument) -> list[Line]:
    lines = [Line([document.title], "title")]
    lines += [Line(pair, "field") for pair in document.fields]
    lines += [Line(), Line([title for title, _width in REPORT_COLUMNS], "header")]
    for block in document.blocks:
        lines.append(Line([block.title], "section"))
        for row in block.rows:
            indicator = row.indicator
            lines.append(
                Line(
                    [
                        indicator.number,
                        indicator.title,
                        indicator.unit,
                        _cell(indicator, row.value),
                        _cell(indicator, row.counted),
                    ]
                )
            )
            for caption, table in (
                ("", row.table),
                ("Посчитано системой: ", row.counted_table),
            ):
                if not table:
                    continue
                titles = [column.get("title", column["code"]) for column in row.columns]
                if caption:
                    titles[0] = caption + titles[0]
                lines.append(Line(titles, "subheader", indent=1))
                lines += [Line(cells, indent=1) for cells in table]
    return lines


def report_xlsx(report: Report):
    document = report_document(report)
    return document_response(
        _report_filename(report, "xlsx"),
        report.form.short_title,
        REPORT_COLUMNS,
        report_lines(document),
        label_span=2,
    )


def report_pdf(report: Report):
    document = report_document(report)
    content = pdf_from_template("reporting/pdf/report.html", {"document": document})
    return file_response(content, _report_filename(report, "pdf"), PDF_CONTENT_TYPE)


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
            ("Сформировано", _date(self.today)),
        ]


def board_document(request, *, today: datetime.date | None = None) -> BoardDocument:
    """The board of reporting.views.board for the request's GET parameters (form=<code>,
    period=<key>): the same filter form, the same selector, the same receiver."""
    today = today or timezone.localdate()
    filter_form = forms.BoardFilterForm(request.GET or None, today=today)
    period = filter_form.chosen_period()
    form = filter_form.cleaned_data.get("form") if filter_form.is_valid() else None
    scope = request.scope
    receiver_id = None if scope is None or scope.region_wide else scope.organisation_id
    board = selectors.board(request, period=period, form=form, receiver_id=receiver_id, today=today)
    if receiver_id is None:
        receiver_label = "все получатели"
    else:
        receiver_label = request.membership.organisation.name
    return BoardDocument(
        board=board,
        period=period,
        form_label=form.title if form is not None else "Все формы",
        receiver_label=receiver_label,
        today=today,
    )


def board_row(report: Report) -> list:
    return [
        report.form.short_title,
        str(report.direction) if report.direction else "",
        report.sender.name,
        report.receiver.name,
        _date(report.due_on),
        _moment(report.submitted_at) if report.submitted_at else "",
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


def _board_filename(document: BoardDocument, extension: str) -> str:
    form = document.board.form
    suffix = f"-{form.code}" if form is not None else ""
    return f"kontrol-predstavleniya-{document.period.key}{suffix}.{extension}"


def board_xlsx(request):
    document = board_document(request)
    return document_response(
        _board_filename(document, "xlsx"),
        "Контроль представления",
        BOARD_COLUMNS,
        board_lines(document),
        label_span=2,
    )


def board_pdf(request):
    document = board_document(request)
    content = pdf_from_template(
        "reporting/pdf/board.html",
        {"document": document, "rows": [board_row(report) for report in document.board.rows]},
    )
    return file_response(content, _board_filename(document, "pdf"), PDF_CONTENT_TYPE)
