"""REP-8: a report exported to XLSX in the form's layout and to PDF, with the same content
as its page.

The title block (form, period, sender, receiver, direction, due date, state, timeliness,
first submission), then each section as a header row and each indicator as a row — №,
показатель, единица, значение, посчитано системой; a table indicator is followed by a
nested block with its columns. What the system counted is the live count while the sender
may still change the report, and what was stored at the last save once it is submitted —
as on the report's page (resurs.coordination.reporting.views.report_detail). The report
comes from the scoped selector (reporting.selectors.report_for): outside the scope is 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from resurs.coordination.reporting import selectors
from resurs.coordination.reporting.exports.cells import day_text, moment_text
from resurs.coordination.reporting.models import EDITABLE_STATES, Indicator, Report, ValueType
from resurs.coordination.reporting.values import display
from resurs.kernel.documents import Document, Line

REPORT_COLUMNS = (
    ("№", 8),
    ("Показатель", 60),
    ("Единица", 12),
    ("Значение", 22),
    ("Посчитано системой", 22),
)


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
        ("Период", f"{period.label} ({day_text(period.start)} — {day_text(period.end)})"),
        ("Отправитель", _in_service(report.sender_label, report) + report.sender.name),
        ("Получатель", report.receiver_label if report.unit_id else report.receiver.name),
        ("Направление", str(report.direction) if report.direction else "—"),
        ("Срок представления", day_text(report.due_on)),
        ("Состояние", state),
        ("Своевременность", timeliness),
        ("Впервые представлен", moment_text(report.submitted_at)),
    ]
    if report.remarks:
        fields.append(("Замечания получателя", report.remarks))
    return ReportDocument(
        report=report,
        title=f"{report.form.title} (версия формы {report.form_version.number})",
        fields=fields,
        blocks=blocks,
    )


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


def report_export(report: Report, *, today: datetime.date | None = None) -> Document:
    """A report (from selectors.report_for) as a document for XLSX and PDF."""
    document = report_document(report, today=today)
    return Document(
        filename=f"otchet-{report.form.code}-{report.period.key}-{report.pk}",
        title=report.form.short_title,
        columns=REPORT_COLUMNS,
        lines=report_lines(document),
        label_span=2,
        template="reporting/pdf/report.html",
        context={"document": document},
    )


def _in_service(label: str, report) -> str:
    """An in-service report names the person or unit before the institution."""
    return f"{label}, " if report.unit_id else ""
