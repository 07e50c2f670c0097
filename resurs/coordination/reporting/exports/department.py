"""REP-8 for REP-6: the Department's dashboard of resource centres exported to XLSX and PDF,
through the page's own selectors (reporting.dashboards.selectors) for the scope and period it is
given: the same rows, numbers and timeliness. The page's access rules are the view's
(reporting.export_views).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from resurs.coordination.reporting.dashboards import selectors as dashboards
from resurs.coordination.reporting.exports.cells import (
    cell_value,
    day_text,
    direction_label,
    moment_text,
    status_text,
)
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.documents import Document, Line
from resurs.kernel.workcalendar.periods import Period

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
    data: object  # resurs.coordination.reporting.dashboards.selectors.DepartmentDashboard
    period: Period
    direction: object  # the chosen organisations.Direction, or None for all
    today: datetime.date

    @property
    def direction_label(self) -> str:
        return direction_label(self.direction) if self.direction else "Все направления"

    @property
    def fields(self) -> list[tuple[str, str]]:
        computed = self.data.computed_at
        return [
            ("Период", self.period.label),
            ("Направление", self.direction_label),
            ("Показатели посчитаны", moment_text(computed) if computed else "ещё не считались"),
            ("Сформировано", day_text(self.today)),
        ]

    @property
    def totals(self) -> list[tuple[str, object]]:
        totals = self.data.totals
        return [
            (label, "—" if totals.get(key) is None else cell_value(totals.get(key)))
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
    cells = [row.name, direction_label(row.direction)]
    if row.snapshot is not None:
        cells += [
            cell_value(row.public_page),
            cell_value(row.events),
            cell_value(row.consulted),
            cell_value(row.publications),
            cell_value(row.mass_media),
            row.snapshot.registry_items,
            cell_value(row.partners),
            "—" if row.roadmap.value is None else cell_value(row.roadmap),
            "—" if row.coefficient is None else cell_value(row.coefficient),
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


def department_document(
    *,
    scope: Scope,
    period: Period,
    directions: list,
    direction_id: int | None,
    today: datetime.date | None = None,
) -> DepartmentDocument:
    """The dashboard of reporting.dashboards.views.dashboard for a scope, a quarter and a
    direction among ``directions`` (None: all): the same selector as the page."""
    today = today or timezone.localdate()
    data = dashboards.department(
        scope, period=period, today=today, directions=directions, direction_id=direction_id
    )
    chosen = next((d for d in directions if d.pk == direction_id), None)
    return DepartmentDocument(data=data, period=period, direction=chosen, today=today)


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


def department_export(
    *,
    scope: Scope,
    period: Period,
    directions: list,
    direction_id: int | None,
    today: datetime.date | None = None,
) -> Document:
    """The Department's dashboard (see ``department_document``) for XLSX and PDF."""
    document = department_document(
        scope=scope, period=period, directions=directions, direction_id=direction_id, today=today
    )
    suffix = f"-napr-{document.direction.number}" if document.direction else ""
    return Document(
        filename=f"panel-departamenta-{period.key}{suffix}",
        title="Панель Департамента",
        columns=DEPARTMENT_COLUMNS,
        lines=department_lines(document),
        label_span=2,
        template="reporting/pdf/dashboard.html",
        context={
            "document": document,
            "columns": [title for title, _width in DEPARTMENT_COLUMNS],
            "column_widths": [
                f"{100 * width / sum(w for _t, w in DEPARTMENT_COLUMNS):.2f}"
                for _title, width in DEPARTMENT_COLUMNS
            ],
            "trend_columns": TREND_COLUMNS,
        },
    )
