"""What a generated document is, independent of its format.

A document is either a list (``columns`` and ``rows``: a header, then one row per record) or
a document in a form's layout (``lines``: title lines, «label: value» lines, table headers,
section rows, nested blocks). A PDF may instead come from an HTML ``template`` with its
``context`` when its page layout is the app's own (charts of a report, several tables).
Builders of the apps return a Document; views hand it to ``documents.render``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"
    PDF = "pdf"


CONTENT_TYPES = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.PDF: "application/pdf",
}
XLSX_CONTENT_TYPE = CONTENT_TYPES[Format.XLSX]
DOCX_CONTENT_TYPE = CONTENT_TYPES[Format.DOCX]
PDF_CONTENT_TYPE = CONTENT_TYPES[Format.PDF]


@dataclass(frozen=True)
class Line:
    """One line of a document in a form's layout.

    ``kind``: "title" (bold, across the page), "field" (a bold label and its value, see
    ``Document.label_span``), "header" (a table's bold header), "section" (a bold row across
    the table), "row" (a table's cells), "subheader" (the bold header of a nested block) or
    "blank". ``indent`` shifts the cells right by that many columns (nested blocks)."""

    cells: Sequence = ()
    kind: str = "row"
    indent: int = 0


@dataclass
class Document:
    """A generated document: what it is called and what it holds.

    ``filename`` is without the extension (the format adds it); ``title`` names the sheet of
    a workbook and heads a list's PDF and DOCX. ``columns`` are (header, width in characters)
    pairs: the header row of a list, the column widths of a form-layout document."""

    filename: str
    title: str
    columns: Sequence[tuple[str, int]] = ()
    rows: Iterable[Sequence] | None = None
    lines: Sequence[Line] | None = None
    label_span: int = 1
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    landscape: bool = False
    freeze_header: bool = False

    def as_lines(self) -> list[Line]:
        """The document as lines: a list becomes its title, its header and its rows."""
        if self.lines is not None:
            return list(self.lines)
        lines = [Line([self.title], "title"), Line([t for t, _w in self.columns], "header")]
        return lines + [Line(list(row)) for row in self.rows or ()]

    def filename_for(self, format: Format) -> str:
        return f"{self.filename}.{format}"
