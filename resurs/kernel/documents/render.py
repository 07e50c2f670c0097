"""The one way a document leaves Resurs: ``render(document, format)`` is the download
response, ``render_bytes(document, format)`` the file itself (tests, tasks, stored copies)."""

from dataclasses import replace
from urllib.parse import quote

from django.http import HttpResponse

from resurs.kernel.documents.document import CONTENT_TYPES, Document, Format, Line
from resurs.kernel.text import printable


def printable_document(document: Document) -> Document:
    """The document without the control characters XLSX and DOCX cannot hold (text stored
    before input rejected them, or read from an imported file): one bad character in one
    record must not make the whole export fail."""
    return replace(
        document,
        filename=printable(document.filename),
        title=printable(document.title),
        columns=[(printable(title), width) for title, width in document.columns],
        rows=(
            None
            if document.rows is None
            else ([printable(value) for value in row] for row in document.rows)
        ),
        lines=(
            None
            if document.lines is None
            else [
                Line([printable(value) for value in line.cells], line.kind, line.indent)
                for line in document.lines
            ]
        ),
    )


def render_bytes(document: Document, format: str) -> bytes:
    format = Format(format)
    document = printable_document(document)
    if format == Format.XLSX:
        from resurs.kernel.documents.xlsx import build_document, build_workbook

        if document.lines is None:
            return build_workbook(document.title, document.columns, document.rows or ())
        return build_document(
            document.title,
            document.columns,
            document.lines,
            label_span=document.label_span,
            freeze_header=document.freeze_header,
        )
    if format == Format.PDF:
        from resurs.kernel.documents.pdf import build_pdf

        return build_pdf(document)
    from resurs.kernel.documents.docx import build_docx

    return build_docx(document)


def render(document: Document, format: str) -> HttpResponse:
    """The document as a download in ``format`` ("xlsx", "docx" or "pdf")."""
    format = Format(format)
    return file_response(
        render_bytes(document, format), document.filename_for(format), CONTENT_TYPES[format]
    )


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A download named in UTF-8 (RFC 6266), so Cyrillic names survive every browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
