"""REP-8 for REP-6: a resource centre's direction exported to XLSX and PDF, through the page's own
selectors (reporting.dashboards.selectors) for the scope and period it is given: the same rows,
numbers and timeliness. The page's access rules are the view's (reporting.export_views).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from resurs.coordination.reporting.dashboards import selectors as dashboards
from resurs.coordination.reporting.exports.cells import (
    cell_value,
    day_text,
    moment_text,
    number_value,
    or_dash,
    status_text,
)
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.documents import Document, Line
from resurs.kernel.workcalendar.periods import Period

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


@dataclass
class DirectionDocument:
    view: object  # resurs.coordination.reporting.dashboards.selectors.DirectionView
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
                moment_text(snapshot.computed_at) if snapshot else "ещё не посчитаны",
            ),
            ("Сформировано", day_text(self.today)),
        ]

    @property
    def kpis(self) -> list[tuple[str, object]]:
        row = self.view.row
        if row.snapshot is None:
            return []
        pairs = [
            ("6.1 Открытый раздел на сайте", cell_value(row.public_page)),
            ("6.2 Проведённые мероприятия", cell_value(row.events)),
            ("6.3 Организации, получившие поддержку", cell_value(row.consulted)),
            ("6.4 Публикации", cell_value(row.publications)),
            ("6.4 в том числе в СМИ", cell_value(row.mass_media)),
            ("6.5 Записи информационно-методической базы", row.snapshot.registry_items),
        ]
        pairs += [(f"6.5 {label}", value) for label, value, _url in row.registry]
        pairs += [
            ("6.6 Социальные партнёры", cell_value(row.partners)),
            (
                "Исполнение дорожной карты, %",
                "—" if row.roadmap.value is None else cell_value(row.roadmap),
            ),
        ]
        return pairs

    @property
    def reports(self) -> list[tuple[str, str]]:
        return [(title, status_text(report)) for title, report in self.view.row.reports]

    @property
    def coefficient(self):
        row = self.view.row
        return (
            "—" if row.snapshot is None or row.coefficient is None else cell_value(row.coefficient)
        )

    @property
    def parts(self) -> list[list]:
        return [
            [
                label,
                "—" if part.get("value") is None else number_value(part.get("value")),
                number_value(part.get("norm")),
                number_value(part.get("weight")),
                "не учитывается" if part.get("score") is None else number_value(part.get("score")),
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
                    or_dash(snapshot.roadmap_execution),
                    or_dash(snapshot.coefficient),
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
                day_text(report.due_on),
                moment_text(report.submitted_at),
                report.get_state_display(),
                status_text(report),
            ]
            for report in self.view.incoming
        ]


def direction_document(
    *,
    scope: Scope,
    organisation,
    direction,
    period: Period,
    today: datetime.date | None = None,
) -> DirectionDocument:
    """The view of reporting.dashboards.views.dashboard_direction for a centre and a direction
    the scope may open (dashboards.centre_of) and a quarter."""
    today = today or timezone.localdate()
    view = dashboards.direction_view(
        scope, organisation=organisation, direction=direction, period=period, today=today
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


def direction_export(
    *,
    scope: Scope,
    organisation,
    direction,
    period: Period,
    today: datetime.date | None = None,
) -> Document:
    """A centre's direction (see ``direction_document``) for XLSX and PDF."""
    document = direction_document(
        scope=scope, organisation=organisation, direction=direction, period=period, today=today
    )
    return Document(
        filename=f"napravlenie-{organisation.pk}-{direction.number}-{period.key}",
        title="Направление",
        columns=DIRECTION_COLUMNS,
        lines=direction_lines(document),
        label_span=2,
        template="reporting/pdf/dashboard_direction.html",
        context={
            "document": document,
            "parts_columns": PARTS_COLUMNS,
            "history_columns": HISTORY_COLUMNS,
            "incoming_columns": INCOMING_COLUMNS,
        },
    )
