"""The department's statistics of services printed (SOC-10; seed 002 §5.1.11 «Отчеты за
месяц, квартал, год»): the page's numbers as a document of the one document layer.

The workbook keeps the numbers as numbers (a spreadsheet adds them up); the PDF writes them
as a Russian reader does (12 345; 1 234,50). The rows are aggregates: no person is named,
so printing them writes no access log.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from resurs.casework.socialservices.statistics import DIMENSIONS
from resurs.casework.socialservices.statistics_selectors import Statistics
from resurs.kernel.documents import Document, Format, Line
from resurs.kernel.russian import decimal, grouped

TITLE = "Статистика социальных услуг"
NUMBER_COLUMNS = (("Получатели, чел.", 16), ("Услуги, ед.", 14), ("Стоимость, руб.", 18))
NOTES = (
    "Получатели — разные граждане, получившие хотя бы одну услугу, не сторнированную в том же "
    "месяце; "
    "анонимные услуги учтены в числе услуг, но не получателей. Гражданин, получивший услуги "
    "по нескольким строкам, учтён в каждой из них, поэтому сумма строк может быть больше итога.",
    "Факт учитывается в учётном месяце: сторно и услуги, внесённые после закрытия месяца, — "
    "в месяце, когда они внесены; закрытый месяц не меняется.",
)
TARGET_GROUP_NOTE = "Гражданин, отнесённый к нескольким целевым группам, учтён в каждой из них."


def statistics_document(
    stats: Statistics,
    *,
    format: Format,
    organisation_name: str,
    period_label: str,
    applied: list[tuple[str, str]],
    today: datetime.date,
) -> Document:
    dimension = DIMENSIONS[stats.query.dimension]
    columns = ((dimension.title, 48), *NUMBER_COLUMNS)
    number: Callable[[int], object]
    money: Callable[[Decimal], object]
    if format == Format.XLSX:
        number, money = int, Decimal
    else:
        number, money = grouped, lambda value: decimal(value, 2)
    notes = [*NOTES]
    if stats.query.dimension == "target_group":
        notes.append(TARGET_GROUP_NOTE)
    lines = [
        Line([TITLE], "title"),
        Line(["Организация", organisation_name], "field"),
        Line(["Учтены факты", stats.coverage], "field"),
        Line(["Период", period_label], "field"),
        Line(["В разрезе", dimension.title], "field"),
        *[Line(pair, "field") for pair in applied],
        Line(["Сформировано", f"{today:%d.%m.%Y}"], "field"),
        Line(),
        Line([title for title, _width in columns], "header"),
    ]
    if not stats.rows:
        lines.append(Line(["За период услуг нет.", "", "", ""]))
    lines += [
        Line([item.row.label, number(item.row.recipients), number(item.row.services),
              money(item.row.cost)])
        for item in stats.rows
    ]  # fmt: skip
    totals = stats.totals
    lines.append(
        Line(["Итого", number(totals.recipients), number(totals.services), money(totals.cost)])
    )
    lines += [Line(), *[Line([note]) for note in notes]]
    start = stats.query.start
    return Document(
        filename=f"statistika-uslug-{start:%Y-%m}-{stats.query.dimension}",
        title=TITLE,
        columns=columns,
        lines=lines,
        label_span=1,
        freeze_header=True,
    )
