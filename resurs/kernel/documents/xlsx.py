"""XLSX output of documents.render: `build_workbook` (a list: a frozen bold header row, then
the rows) and `build_document` (a document in a form's layout: title lines, «label: value»
lines, table headers, section rows, nested blocks)."""

import datetime
import re
from collections.abc import Iterable, Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from resurs.kernel.documents.document import Line
from resurs.kernel.text import looks_like_formula, printable

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"


def sheet_title(title: str) -> str:
    """A title Excel accepts for a sheet: at most 31 characters, none of []:*?/\\ (a form's
    or a record's title put there by a user may hold any of them)."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", printable(title)).strip()[:31].strip(" '")
    return cleaned or "Лист"


def _as_text(cell):
    """User text is never a formula: openpyxl writes a string starting with "=" as one, and
    a spreadsheet evaluates it when the file is opened (OWASP "CSV injection"). The cell is
    stored as a string, with Excel's quote prefix so that editing it keeps it text."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def build_workbook(
    title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence]
) -> bytes:
    """A one-sheet workbook: a bold frozen header of (title, width) columns, then the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    for index, (_title, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = []
    for heading, _width in columns:
        cell = _cell(sheet, heading)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = _as_text(WriteOnlyCell(sheet, value=printable(value)))
    if isinstance(value, datetime.date):  # a real date cell in the Russian format
        cell.number_format = (
            DATETIME_FORMAT if isinstance(value, datetime.datetime) else DATE_FORMAT
        )
    return cell


def _put(sheet, row: int, column: int, value):
    """A cell of a form-layout sheet, its text kept as text."""
    return _as_text(sheet.cell(row=row, column=column, value=printable(value)))


# --- documents in a form's layout ---------------------------------------------------------------

_THIN = Side(style="thin", color="555555")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
_SECTION_FILL = PatternFill("solid", fgColor="DDE6F0")


def build_document(
    title: str,
    columns: Sequence[tuple[str, int]],
    lines: Iterable[Line],
    *,
    label_span: int = 1,
    freeze_header: bool = False,
) -> bytes:
    """A one-sheet workbook laid out as a document: ``columns`` give the widths (their
    titles are what a "header" line usually repeats); a "field" line puts its label in the
    first ``label_span`` columns (merged) and its value in the rest (merged). With
    ``freeze_header`` the rows down to the first "header" line stay on screen."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title)
    width = len(columns)
    for index, (_title, size) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = size
    for row, line in enumerate(lines, start=1):
        if line.kind == "blank":
            continue
        if line.kind in {"title", "section"}:
            cell = _put(sheet, row, 1, line.cells[0] if line.cells else None)
            cell.font = Font(bold=True, size=13 if line.kind == "title" else 11)
            cell.alignment = _WRAP
            if line.kind == "section":
                for column in range(1, width + 1):
                    sheet.cell(row=row, column=column).border = _BORDER
                cell.fill = _SECTION_FILL
            if width > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            continue
        if line.kind == "field":
            label, value = (list(line.cells) + [None, None])[:2]
            cell = _put(sheet, row, 1, label)
            cell.font, cell.alignment = Font(bold=True), _WRAP
            _put(sheet, row, label_span + 1, value).alignment = _WRAP
            if label_span > 1:
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_span)
            if width > label_span + 1:
                sheet.merge_cells(
                    start_row=row, start_column=label_span + 1, end_row=row, end_column=width
                )
            continue
        for offset, value in enumerate(line.cells, start=1 + line.indent):
            cell = _put(sheet, row, offset, value)
            cell.alignment, cell.border = _WRAP, _BORDER
            if line.kind in {"header", "subheader"}:
                cell.font = Font(bold=True, italic=line.kind == "subheader")
                cell.fill = _HEADER_FILL
        if line.kind == "header" and freeze_header and sheet.freeze_panes is None:
            sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
