"""REP-8 for REP-6: a УСЗН's territory exported to XLSX and PDF, through the page's own
selectors (reporting.dashboards.selectors) for the scope and period it is given: the same rows,
numbers and timeliness. The page's access rules are the view's (reporting.export_views).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from resurs.coordination.reporting.dashboards import selectors as dashboards
from resurs.coordination.reporting.exports.cells import (
    day_text,
    moment_text,
    status_text,
)
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.documents import Document, Line
from resurs.kernel.workcalendar.periods import Period

TERRITORY_COLUMNS = (("A", 40), ("B", 24), ("C", 17), ("D", 20), ("E", 32))
PROVIDER_COLUMNS = ("Поставщик", "Срок", "Представлен", "Состояние", "Своевременность")
CONSOLIDATION_COLUMNS = ("Ресурсный центр", "Направление", "Срок", "Состояние", "Своевременность")
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
    view: object  # resurs.coordination.reporting.dashboards.selectors.TerritoryView
    organisation_name: str
    today: datetime.date

    @property
    def fields(self) -> list[tuple[str, str]]:
        return [
            ("Период", self.view.period.label),
            ("УСЗН", self.organisation_name),
            ("Сформировано", day_text(self.today)),
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
                day_text(report.due_on),
                moment_text(report.submitted_at),
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
                day_text(report.due_on),
                report.get_state_display(),
                status_text(report),
            ]
            for report in self.view.consolidations
        ]


def territory_document(
    *,
    scope: Scope,
    period: Period,
    organisation_name: str,
    today: datetime.date | None = None,
) -> TerritoryDocument:
    """The view of reporting.dashboards.views.dashboard_territory for a УСЗН's scope (its own
    territory only) and a quarter; ``organisation_name`` is the scope's УСЗН."""
    today = today or timezone.localdate()
    view = dashboards.territory_view(scope, period=period, today=today)
    return TerritoryDocument(view=view, organisation_name=organisation_name, today=today)


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


def territory_export(
    *,
    scope: Scope,
    period: Period,
    organisation_name: str,
    today: datetime.date | None = None,
) -> Document:
    """A УСЗН's territory (see ``territory_document``) for XLSX and PDF."""
    document = territory_document(
        scope=scope, period=period, organisation_name=organisation_name, today=today
    )
    return Document(
        filename=f"territoriya-{period.key}",
        title="Территория",
        columns=TERRITORY_COLUMNS,
        lines=territory_lines(document),
        label_span=2,
        template="reporting/pdf/dashboard_territory.html",
        context={
            "document": document,
            "provider_columns": PROVIDER_COLUMNS,
            "consolidation_columns": CONSOLIDATION_COLUMNS,
        },
    )
