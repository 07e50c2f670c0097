"""DOCX output of documents.render, written with python-docx (the library the importers
read Word tables with, so what is exported loads back the same way).

The lines become: title lines — centred bold paragraphs above everything; «label: value»
lines — a two-column table; a header — a new table with its bold header row; rows — the rows
of the open table (a one-cell line outside a table is a paragraph); a section — a bold row
merged across the open table, or a heading between tables. Text with line breaks becomes
one paragraph per line, as a person types it in Word (a break inside a run is lost on
re-import)."""

from io import BytesIO
from typing import Any

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from resurs.kernel.documents.document import Document

PAGE_MARGIN_CM = 1.5


def _fill(cell, value, *, bold: bool = False) -> None:
    """A cell's text, one paragraph per line."""
    lines = ("" if value is None else str(value)).split("\n")
    first = cell.paragraphs[0]
    first.add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def build_docx(document: Document) -> bytes:
    word = WordDocument()
    page = word.sections[0]
    if document.landscape:
        page.orientation = WD_ORIENT.LANDSCAPE
        page.page_width, page.page_height = page.page_height, page.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, margin, Cm(PAGE_MARGIN_CM))
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(11)
    # Both side margins were set just above; a new document always knows its page width.
    usable = (page.page_width or Cm(21)) - 2 * Cm(PAGE_MARGIN_CM)
    widths = [width for _title, width in document.columns]

    table: Any = None  # python-docx's Table of the open block
    kind = None  # "grid" or "fields" while a table is open

    def grid(cells: list):
        nonlocal table, kind
        table = word.add_table(rows=0, cols=len(cells))
        table.style = "Table Grid"
        kind = "grid"
        return table

    for line in document.as_lines():
        cells = [None] * line.indent + list(line.cells)
        if line.kind == "blank" or not cells:  # Line() is the usual blank line
            table, kind = None, None
        elif line.kind == "title":
            table, kind = None, None
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(str(cells[0]) if cells else "").bold = True
        elif line.kind == "field":
            if kind != "fields":
                table = word.add_table(rows=0, cols=2)
                table.style = "Table Grid"
                kind = "fields"
            label, value = (cells + [None, None])[:2]
            row = table.add_row().cells
            _fill(row[0], label, bold=True)
            _fill(row[1], value)
        elif line.kind in {"header", "subheader"}:
            row = grid(cells).add_row().cells
            for cell, value in zip(row, cells, strict=True):
                _fill(cell, value, bold=True)
        elif line.kind == "section":
            if kind == "grid":
                row = table.add_row().cells
                _fill(row[0].merge(row[-1]), cells[0] if cells else "", bold=True)
            else:
                table, kind = None, None
                word.add_heading(str(cells[0]) if cells else "", level=2)
        elif kind != "grid" and len(cells) == 1:
            table, kind = None, None
            word.add_paragraph(str(cells[0] or ""))
        else:
            if kind != "grid":
                grid(cells)
            row = table.add_row().cells
            if len(widths) == len(row):
                for cell, width in zip(row, widths, strict=True):
                    cell.width = int(usable * width / sum(widths))
            for cell, value in zip(row, cells, strict=False):
                _fill(cell, value)
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()
