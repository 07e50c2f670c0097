"""REP-8: every report and the receiver's board exported to XLSX in the form's layout and to
PDF, with the same content as their pages.

A report: the title block (form, period, sender, receiver, direction, due date, state,
timeliness, first submission), then each section as a header row and each indicator as a
row — №, показатель, единица, значение, посчитано системой; a table indicator is followed
by a nested block with its columns. What the system counted is the live count while the
sender may still change the report, and what was stored at the last save once it is
submitted — as on the report's page (resurs.coordination.reporting.views.report_detail).

The board: the same period, form, rows and totals as «Контроль представления»
(reporting.views.board): the same filter form, the same selector, the same receiver.
Every read goes through the scoped selectors, so a report outside the caller's scope is 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from resurs.coordination.reporting import forms, selectors
from resurs.coordination.reporting.models import EDITABLE_STATES, Indicator, Report, ValueType
from resurs.coordination.reporting.periods import Period
from resurs.coordination.reporting.values import display
from resurs.kernel.documents.rendering import PDF_CONTENT_TYPE, file_response, pdf_from_template
from resurs.kernel.exchange.xlsx import Line, document_response

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


# --- the dashboards (REP-6) -------------------------------------------------------------------
# The Department's dashboard, a resource centre's direction and a УСЗН's territory, each for
# the page's GET parameters through the page's own selectors (reporting.dashboards) and with
# the page's access rules (reporting.dashboard_views): the same rows, numbers and timeliness.


def status_text(report: Report | None) -> str:
    """A report's timeliness as its page says it (reporting.selectors.status_words)."""
    if report is None:
        return "не сформирован"
    text = report.status_words
    if report.state == "accepted":
        text += ", принят"
    return text


def _value(cell):
    """A dashboard Cell (or a bare number) as a spreadsheet value; Decimal becomes float."""
    value = getattr(cell, "value", cell)
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | float | str):
        return value
    return float(value)


def _or_dash(value):
    """A number as the page shows it, «—» when there is none."""
    return "—" if value is None else _value(value)


def _direction_label(direction) -> str:
    return f"{direction.number}. {direction.short_name or direction.name}"


DEPARTMENT_COLUMNS = (
    ("Центр", 30),
    ("Направление", 24),
    ("6.1 Открытый раздел", 20),
    ("6.2 Мероприятия", 12),
    ("6.3 Организации", 12),
    ("6.4 Публикации", 12),
    ("6.4 в т. ч. в СМИ", 11),
    ("6.5 Записи реестров", 12),
    ("6.6 Партнёры", 11),
    ("Дорожная карта, %", 12),
    ("Коэффициент", 12),
    ("Мониторинг (Департамент)", 24),
    ("Формы КПЭ (МЦ)", 24),
    ("Отчёты УСЗН: в срок", 11),
    ("Отчёты УСЗН: с опозданием", 11),
    ("Отчёты УСЗН: не представлено", 12),
    ("Отчёты УСЗН: ожидается", 11),
    ("Отчёты УСЗН: всего", 11),
)
DEPARTMENT_TOTALS = (
    ("centres", "Центров"),
    ("events", "Мероприятий"),
    ("consulted", "Организаций получили поддержку"),
    ("publications", "Публикаций"),
    ("coefficient", "Средний коэффициент"),
    ("reports_on_time", "Отчётов в срок"),
    ("reports_late", "С опозданием"),
    ("reports_missing", "Не представлено"),
)
TREND_COLUMNS = (
    "Квартал",
    "Центров",
    "Мероприятия",
    "Организации",
    "Публикации",
    "Средний коэффициент",
)
NOT_COUNTED = "Показатели не посчитаны"


@dataclass
class DepartmentDocument:
    data: object  # resurs.coordination.reporting.dashboards.DepartmentDashboard
    period: Period
    direction: object  # the chosen organisations.Direction, or None for all
    today: datetime.date

    @property
    def direction_label(self) -> str:
        return _direction_label(self.direction) if self.direction else "Все направления"

    @property
    def fields(self) -> list[tuple[str, str]]:
        computed = self.data.computed_at
        return [
            ("Период", self.period.label),
            ("Направление", self.direction_label),
            ("Показатели посчитаны", _moment(computed) if computed else "ещё не считались"),
            ("Сформировано", _date(self.today)),
        ]

    @property
    def totals(self) -> list[tuple[str, object]]:
        totals = self.data.totals
        return [
            (label, "—" if totals.get(key) is None else _value(totals.get(key)))
            for key, label in DEPARTMENT_TOTALS
        ]

    @property
    def rows(self) -> list[list]:
        return [department_row(row) for row in self.data.rows]

    @property
    def trend(self) -> list[list]:
        return [
            [
                point.period.label,
                point.centres,
                point.events,
                point.consulted,
                point.publications,
                point.coefficient if point.coefficient is not None else "—",
            ]
            for point in self.data.trend
        ]


def department_row(row) -> list:
    """One centre × direction as on the dashboard (templates/reporting/dashboard.html)."""
    cells = [row.name, _direction_label(row.direction)]
    if row.snapshot is not None:
        cells += [
            _value(row.public_page),
            _value(row.events),
            _value(row.consulted),
            _value(row.publications),
            _value(row.mass_media),
            row.snapshot.registry_items,
            _value(row.partners),
            "—" if row.roadmap.value is None else _value(row.roadmap),
            "—" if row.coefficient is None else _value(row.coefficient),
        ]
    else:
        cells += [NOT_COUNTED] + [None] * 8
    cells += [status_text(report) for _title, report in row.reports]
    incoming = row.incoming
    if incoming.expected:
        cells += [
            incoming.on_time,
            incoming.late,
            incoming.missing,
            incoming.waiting,
            incoming.expected,
        ]
    else:
        cells += ["не ожидаются", None, None, None, 0]
    return cells


def department_document(request, *, today: datetime.date | None = None) -> DepartmentDocument:
    """The dashboard of reporting.dashboard_views.dashboard for the request's GET parameters
    (period=<key>, direction=<id>): the same filter form, the same selector, the same roles."""
    from resurs.coordination.reporting import dashboards
    from resurs.coordination.reporting.dashboard_views import DashboardFilterForm, require_role

    require_role(
        request, dashboards.DASHBOARD_ROLES, "Панель доступна Департаменту и методическому центру."
    )
    today = today or timezone.localdate()
    directions = dashboards.active_directions()
    filter_form = DashboardFilterForm(request.GET or None, today=today, directions=directions)
    period, direction_id = filter_form.chosen()
    data = dashboards.department(
        request, period=period, today=today, directions=directions, direction_id=direction_id
    )
    chosen = next((d for d in directions if d.pk == direction_id), None)
    return DepartmentDocument(
        data=data,
        period=period,
        direction=chosen,
        today=today,
    )


def department_lines(document: DepartmentDocument) -> list[Line]:
    lines = [Line(["Панель Департамента: показатели ресурсных центров"], "title")]
    lines += [Line(pair, "field") for pair in document.fields]
    lines += [Line(), Line(["Итоги"], "section")]
    lines += [Line(pair, "field") for pair in document.totals]
    lines += [Line(), Line([title for title, _width in DEPARTMENT_COLUMNS], "header")]
    if document.data.rows:
        lines += [Line(cells) for cells in document.rows]
    else:
        lines.append(Line(["В этом квартале ресурсных центров нет."]))
    lines += [Line(), Line(["Динамика за восемь кварталов"], "section")]
    lines.append(Line(TREND_COLUMNS, "subheader"))
    lines += [Line(cells) for cells in document.trend]
    return lines


def _department_filename(document: DepartmentDocument, extension: str) -> str:
    suffix = f"-napr-{document.direction.number}" if document.direction else ""
    return f"panel-departamenta-{document.period.key}{suffix}.{extension}"


def department_xlsx(request):
    document = department_document(request)
    return document_response(
        _department_filename(document, "xlsx"),
        "Панель Департамента",
        DEPARTMENT_COLUMNS,
        department_lines(document),
        label_span=2,
    )


def department_pdf(request):
    document = department_document(request)
    content = pdf_from_template(
        "reporting/pdf/dashboard.html",
        {
            "document": document,
            "columns": [title for title, _width in DEPARTMENT_COLUMNS],
            "trend_columns": TREND_COLUMNS,
        },
    )
    return file_response(content, _department_filename(document, "pdf"), PDF_CONTENT_TYPE)


# a resource centre's direction

DIRECTION_COLUMNS = (
    ("A", 24),
    ("B", 16),
    ("C", 16),
    ("D", 14),
    ("E", 22),
    ("F", 11),
    ("G", 11),
    ("H", 11),
    ("I", 12),
    ("J", 12),
)
PARTS_COLUMNS = ("Составляющая", "Значение", "Норматив", "Вес", "Оценка")
HISTORY_COLUMNS = (
    "Квартал",
    "6.1 Открытый раздел",
    "6.2 Мероприятия",
    "6.3 Организации",
    "6.4 Публикации",
    "6.4 в т. ч. в СМИ",
    "6.5 Записи реестров",
    "6.6 Партнёры",
    "Дорожная карта, %",
    "Коэффициент",
)
INCOMING_COLUMNS = ("УСЗН", "Срок", "Представлен", "Состояние", "Своевременность")
PROVIDER_COLUMNS = ("Поставщик", "Срок", "Представлен", "Состояние", "Своевременность")
CONSOLIDATION_COLUMNS = ("Ресурсный центр", "Направление", "Срок", "Состояние", "Своевременность")


def _number(value):
    """A stored number (Decimal, float, int) as the page shows it; None stays None."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number == int(number) else round(number, 3)


@dataclass
class DirectionDocument:
    view: object  # resurs.coordination.reporting.dashboards.DirectionView
    today: datetime.date

    @property
    def title(self) -> str:
        organisation = self.view.organisation
        return f"{organisation.short_name or organisation.name}: показатели направления"

    @property
    def fields(self) -> list[tuple[str, str]]:
        view = self.view
        snapshot = view.row.snapshot
        return [
            ("Период", view.period.label),
            ("Центр", view.organisation.name),
            ("Направление", f"{view.direction.number}. {view.direction.name}"),
            (
                "Показатели посчитаны",
                _moment(snapshot.computed_at) if snapshot else "ещё не посчитаны",
            ),
            ("Сформировано", _date(self.today)),
        ]

    @property
    def kpis(self) -> list[tuple[str, object]]:
        row = self.view.row
        if row.snapshot is None:
            return []
        pairs = [
            ("6.1 Открытый раздел на сайте", _value(row.public_page)),
            ("6.2 Проведённые мероприятия", _value(row.events)),
            ("6.3 Организации, получившие поддержку", _value(row.consulted)),
            ("6.4 Публикации", _value(row.publications)),
            ("6.4 в том числе в СМИ", _value(row.mass_media)),
            ("6.5 Записи информационно-методической базы", row.snapshot.registry_items),
        ]
        pairs += [(f"6.5 {label}", value) for label, value, _url in row.registry]
        pairs += [
            ("6.6 Социальные партнёры", _value(row.partners)),
            (
                "Исполнение дорожной карты, %",
                "—" if row.roadmap.value is None else _value(row.roadmap),
            ),
        ]
        return pairs

    @property
    def reports(self) -> list[tuple[str, str]]:
        return [(title, status_text(report)) for title, report in self.view.row.reports]

    @property
    def coefficient(self):
        row = self.view.row
        return "—" if row.snapshot is None or row.coefficient is None else _value(row.coefficient)

    @property
    def parts(self) -> list[list]:
        return [
            [
                label,
                "—" if part.get("value") is None else _number(part.get("value")),
                _number(part.get("norm")),
                _number(part.get("weight")),
                "не учитывается" if part.get("score") is None else _number(part.get("score")),
            ]
            for label, part in self.view.parts
        ]

    @property
    def roadmap_missing(self) -> bool:
        snapshot = self.view.row.snapshot
        return bool(snapshot and (snapshot.components or {}).get("roadmap_missing"))

    @property
    def history(self) -> list[list]:
        lines = []
        for quarter, snapshot in self.view.history:
            if snapshot is None:
                lines.append([quarter.label, "не посчитано"] + [None] * 8)
                continue
            lines.append(
                [
                    quarter.label,
                    "да" if snapshot.public_page else "нет",
                    snapshot.events_held,
                    snapshot.consulted_organisations,
                    snapshot.publications,
                    snapshot.publications_mass_media,
                    snapshot.registry_items,
                    snapshot.social_partners,
                    _or_dash(snapshot.roadmap_execution),
                    _or_dash(snapshot.coefficient),
                ]
            )
        return lines

    @property
    def incoming_tally(self) -> list[tuple[str, int]]:
        tally = self.view.incoming_tally
        pairs = [
            ("Ожидается", tally.expected),
            ("В срок", tally.on_time),
            ("С опозданием", tally.late),
            ("Не представлено", tally.missing),
        ]
        if tally.waiting:
            pairs.append(("Срок не наступил", tally.waiting))
        return pairs

    @property
    def incoming(self) -> list[list]:
        return [
            [
                report.sender.short_name or report.sender.name,
                _date(report.due_on),
                _moment(report.submitted_at),
                report.get_state_display(),
                status_text(report),
            ]
            for report in self.view.incoming
        ]


def direction_document(request, *, today: datetime.date | None = None) -> DirectionDocument:
    """The view of reporting.dashboard_views.dashboard_direction for the request's GET
    parameters (organisation, direction, period): a centre its own direction only, the
    region-wide roles any centre; anything else is 404, as on the page."""
    from resurs.coordination.reporting import dashboards
    from resurs.coordination.reporting.dashboard_views import int_param

    organisation, direction = dashboards.centre_of(
        request, int_param(request.GET.get("organisation")), int_param(request.GET.get("direction"))
    )
    today = today or timezone.localdate()
    period = dashboards.chosen_quarter(request.GET.get("period"), today)
    view = dashboards.direction_view(
        request, organisation=organisation, direction=direction, period=period, today=today
    )
    return DirectionDocument(view=view, today=today)


def direction_lines(document: DirectionDocument) -> list[Line]:
    lines = [Line([document.title], "title")]
    lines += [Line(pair, "field") for pair in document.fields]
    lines += [Line(), Line(["Показатели за квартал"], "section")]
    if document.kpis:
        lines += [Line(pair, "field") for pair in document.kpis]
    else:
        lines.append(Line(["Показатели за этот квартал ещё не посчитаны."]))
    lines += [Line(), Line(["Отчёты центра за квартал"], "section")]
    lines += [Line(pair, "field") for pair in document.reports]
    lines += [Line(), Line(["Коэффициент эффективности"], "section")]
    lines.append(Line(("Коэффициент", document.coefficient), "field"))
    if document.parts:
        lines.append(Line(PARTS_COLUMNS, "subheader"))
        lines += [Line(cells) for cells in document.parts]
    if document.roadmap_missing:
        lines.append(Line(["Дорожной карты на этот год нет: её составляющая равна нулю."]))
    lines += [Line(), Line(["Показатели за восемь кварталов"], "section")]
    lines.append(Line(HISTORY_COLUMNS, "subheader"))
    lines += [Line(cells) for cells in document.history]
    lines += [Line(), Line(["Отчёты УСЗН, которые получает центр"], "section")]
    lines += [Line(pair, "field") for pair in document.incoming_tally]
    if document.incoming:
        lines.append(Line(INCOMING_COLUMNS, "subheader"))
        lines += [Line(cells) for cells in document.incoming]
    else:
        lines.append(Line(["Отчётов УСЗН за этот квартал нет."]))
    return lines


def _direction_filename(document: DirectionDocument, extension: str) -> str:
    view = document.view
    return (
        f"napravlenie-{view.organisation.pk}-{view.direction.number}-{view.period.key}.{extension}"
    )


def direction_xlsx(request):
    document = direction_document(request)
    return document_response(
        _direction_filename(document, "xlsx"),
        "Направление",
        DIRECTION_COLUMNS,
        direction_lines(document),
        label_span=2,
    )


def direction_pdf(request):
    document = direction_document(request)
    content = pdf_from_template(
        "reporting/pdf/dashboard_direction.html",
        {
            "document": document,
            "parts_columns": PARTS_COLUMNS,
            "history_columns": HISTORY_COLUMNS,
            "incoming_columns": INCOMING_COLUMNS,
        },
    )
    return file_response(content, _direction_filename(document, "pdf"), PDF_CONTENT_TYPE)


# a УСЗН's territory

TERRITORY_COLUMNS = (("A", 40), ("B", 24), ("C", 17), ("D", 20), ("E", 32))
TERRITORY_TOTALS = (
    ("expected", "Ожидается от поставщиков"),
    ("on_time", "В срок"),
    ("late", "С опозданием"),
    ("missing", "Не представлено"),
    ("nothing", "Нет данных за период"),
    ("returned", "Возвращено"),
    ("accepted", "Принято"),
)


@dataclass
class TerritoryDocument:
    view: object  # resurs.coordination.reporting.dashboards.TerritoryView
    organisation_name: str
    today: datetime.date

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [
            ("Период", self.view.period.label),
            ("УСЗН", self.organisation_name),
            ("Сформировано", _date(self.today)),
        ]

    @property
    def totals(self) -> list[tuple[str, int]]:
        return [(label, self.view.totals[key]) for key, label in TERRITORY_TOTALS]

    @property
    def consolidations_title(self) -> str:
        totals = self.view.totals
        return (
            "Сводные отчёты УСЗН ресурсным центрам: представлено "
            f"{totals['consolidations_submitted']} из {totals['consolidations']}"
        )

    @property
    def providers(self) -> list[list]:
        return [
            [
                report.sender.short_name or report.sender.name,
                _date(report.due_on),
                _moment(report.submitted_at),
                report.get_state_display(),
                status_text(report),
            ]
            for report in self.view.providers
        ]

    @property
    def consolidations(self) -> list[list]:
        return [
            [
                report.receiver.short_name or report.receiver.name,
                str(report.direction) if report.direction else "—",
                _date(report.due_on),
                report.get_state_display(),
                status_text(report),
            ]
            for report in self.view.consolidations
        ]


def territory_document(request, *, today: datetime.date | None = None) -> TerritoryDocument:
    """The view of reporting.dashboard_views.dashboard_territory for the request's period: a
    УСЗН only (403 for the others, as on the page), its own territory only."""
    from resurs.coordination.reporting import dashboards
    from resurs.coordination.reporting.dashboard_views import require_role
    from resurs.kernel.accounts.roles import Role

    require_role(request, {Role.USZN}, "Страница территории доступна УСЗН.")
    today = today or timezone.localdate()
    period = dashboards.chosen_quarter(request.GET.get("period"), today)
    view = dashboards.territory_view(request, period=period, today=today)
    return TerritoryDocument(
        view=view, organisation_name=request.membership.organisation.name, today=today
    )


def territory_lines(document: TerritoryDocument) -> list[Line]:
    lines = [Line(["Территория: отчёты поставщиков"], "title")]
    lines += [Line(pair, "field") for pair in document.fields]
    lines += [Line(), Line(["Итоги"], "section")]
    lines += [Line(pair, "field") for pair in document.totals]
    lines += [Line(), Line(["Мониторинг поставщиков территории"], "section")]
    if document.providers:
        lines.append(Line(PROVIDER_COLUMNS, "header"))
        lines += [Line(cells) for cells in document.providers]
    else:
        lines.append(Line(["Отчётов поставщиков за этот квартал нет."]))
    lines += [Line(), Line([document.consolidations_title], "section")]
    if document.consolidations:
        lines.append(Line(CONSOLIDATION_COLUMNS, "header"))
        lines += [Line(cells) for cells in document.consolidations]
    else:
        lines.append(Line(["Сводных отчётов за этот квартал нет."]))
    return lines


def _territory_filename(document: TerritoryDocument, extension: str) -> str:
    return f"territoriya-{document.view.period.key}.{extension}"


def territory_xlsx(request):
    document = territory_document(request)
    return document_response(
        _territory_filename(document, "xlsx"),
        "Территория",
        TERRITORY_COLUMNS,
        territory_lines(document),
        label_span=2,
    )


def territory_pdf(request):
    document = territory_document(request)
    content = pdf_from_template(
        "reporting/pdf/dashboard_territory.html",
        {
            "document": document,
            "provider_columns": PROVIDER_COLUMNS,
            "consolidation_columns": CONSOLIDATION_COLUMNS,
        },
    )
    return file_response(content, _territory_filename(document, "pdf"), PDF_CONTENT_TYPE)
