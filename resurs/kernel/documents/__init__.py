"""The one document layer of Resurs: XLSX (openpyxl), DOCX (python-docx) and PDF (WeasyPrint
with the project's Cyrillic font) behind one interface. An app's export builder returns a
``Document``; its view returns ``render(document, format)``."""

from resurs.kernel.documents.document import (
    CONTENT_TYPES,
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Document,
    Format,
    Line,
)
from resurs.kernel.documents.render import file_response, render, render_bytes

__all__ = [
    "CONTENT_TYPES",
    "DOCX_CONTENT_TYPE",
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "Document",
    "Format",
    "Line",
    "file_response",
    "render",
    "render_bytes",
]
