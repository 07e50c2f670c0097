"""The register of recipients as a document (442-FZ art. 25): its rows in the layout of the
page, with the period, the institution and the legend of the contract's date. A document is
data; the document layer renders it."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from resurs.casework.socialservices.register import CONTRACT_LEGEND, RegisterFilter, RegisterRow
from resurs.kernel.documents import Document, Line

COLUMNS = (
    ("№ п/п", 6),
    ("Получатель социальных услуг", 32),
    ("СНИЛС", 15),
    ("Дата рождения", 12),
    ("ИППСУ", 30),
    ("Дата договора", 14),
    ("Форма социального обслуживания", 30),
    ("Услуг получено", 10),
    ("Услуги (код × количество)", 40),
    ("Первая услуга", 12),
    ("Последняя услуга", 12),
)


def row_cells(row: RegisterRow) -> list:
    return [
        row.number,
        row.person.full_name,
        row.person.snils_display or "нет",
        f"{row.person.birth_date:%d.%m.%Y}",
        row.plan_text,
        row.contract_text,
        "; ".join(row.forms),
        row.services,
        row.codes_text,
        f"{row.first_on:%d.%m.%Y}",
        f"{row.last_on:%d.%m.%Y}",
    ]


def register_document(
    rows: Sequence[RegisterRow],
    *,
    filters: RegisterFilter,
    organisation_name: str,
    today: datetime.date,
) -> Document:
    """The XLSX of the register; its file name names the period, never a person."""
    lines = [
        Line(["Регистр получателей социальных услуг"], "title"),
        Line(["Учреждение", organisation_name], "field"),
        Line(["Основание", "ст. 25 Федерального закона от 28.12.2013 № 442-ФЗ"], "field"),
        Line(["Период", filters.label], "field"),
        Line(["Сформировано", f"{today:%d.%m.%Y}"], "field"),
        Line(["Получателей", str(len(rows))], "field"),
        Line(["Дата договора", CONTRACT_LEGEND], "field"),
        Line(),
        Line([title for title, _width in COLUMNS], "header"),
    ]
    if not rows:
        lines.append(Line(["Получателей в периоде нет."]))
    lines += [Line(row_cells(row)) for row in rows]
    period = f"{filters.year}-{filters.month:02d}" if filters.month else str(filters.year)
    return Document(
        filename=f"registr-poluchateley-{period}",
        title="Регистр получателей",
        columns=COLUMNS,
        lines=lines,
        label_span=2,
        freeze_header=True,
        landscape=True,
    )
