"""The department's journals printed in the seed's layout (002 §5.1): XLSX and PDF with
numbered pages, every row of the page's filters (not one page of them), read through the
scope by the journal's selector.

The PDF is laid out by the document layer (a table wider than a portrait page turns the page
to landscape and shares its width between the columns; the pages are numbered «N / M»). The
workbook gets the print settings of a paper journal: landscape, one page wide, the header
row repeated on every page and «Страница N из M» in the footer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from io import BytesIO

from openpyxl import load_workbook

from resurs.casework.journals.catalogue import Journal
from resurs.casework.journals.forms import JournalFilterForm
from resurs.kernel.documents import Document, Line, render_bytes

NUMBER_COLUMN = ("№ п/п", 6)


@dataclass
class JournalExport:
    document: Document
    records: list


def journal_export(
    *, who, journal: Journal, form: JournalFilterForm, organisation_name: str,
    today: datetime.date,
) -> JournalExport:  # fmt: skip
    records = list(journal.rows(who, form.filters()))
    extras = journal.extras(who, records, today)
    columns = (NUMBER_COLUMN, *journal.columns)
    lines = [
        Line([journal.title], "title"),
        Line(["Учреждение", organisation_name], "field"),
        Line(["Документ", f"Положение об отделении, п. {journal.paragraph}"], "field"),
        *[Line(pair, "field") for pair in form.applied()],
        Line(["Сформировано", f"{today:%d.%m.%Y}"], "field"),
        Line(["Записей", str(len(records))], "field"),
        Line(),
        Line([title for title, _width in columns], "header"),
    ]
    if not records:
        lines.append(Line(["Записей нет."]))
    lines += [
        Line([index, *journal.cells(record, extras)])
        for index, record in enumerate(records, start=1)
    ]
    document = Document(
        filename=f"zhurnal-{journal.key}-{today:%Y-%m-%d}",
        title=journal.title,
        columns=columns,
        lines=lines,
        label_span=2,
        freeze_header=True,
        landscape=sum(width for _title, width in columns) > 120,
    )
    return JournalExport(document=document, records=records)


def journal_xlsx(document: Document) -> bytes:
    """The journal's workbook with a paper journal's print settings."""
    workbook = load_workbook(BytesIO(render_bytes(document, "xlsx")))
    sheet = workbook.active
    if document.landscape:
        sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    header_row = next(
        (
            index
            for index, line in enumerate(document.lines or (), start=1)
            if line.kind == "header"
        ),
        None,
    )
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "Страница &P из &N"
    sheet.evenFooter.center.text = "Страница &P из &N"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
