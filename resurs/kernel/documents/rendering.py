"""Rendering of generated documents (reports, exports). Every DOCX and PDF goes through here."""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"

# The font travels with the project, so a PDF looks the same on any server.
FONT_FACES = "\n".join(
    f"@font-face {{ font-family: 'Resurs Sans'; src: url('{(FONTS_DIR / name).as_uri()}'); "
    f"font-weight: {weight}; font-style: {style}; }}"
    for name, weight, style in (
        ("DejaVuSans.ttf", "normal", "normal"),
        ("DejaVuSans-Bold.ttf", "bold", "normal"),
        ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    )
)
BASE_CSS = (
    FONT_FACES
    + """
@page { size: A4; margin: 20mm 15mm 20mm 25mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
html { font-family: 'Resurs Sans', sans-serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 15pt; } h2 { font-size: 12.5pt; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #555; padding: 3pt 4pt; vertical-align: top; }
th { background: #eee; }
"""
)


def pdf_from_html(html: str) -> bytes:
    """A PDF of an HTML document, in the project's font."""
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=BASE_CSS)]
    )


def pdf_from_template(template_name: str, context: dict) -> bytes:
    """A PDF from a Django HTML template (a full document with ``<html lang="ru">``)."""
    return pdf_from_html(render_to_string(template_name, context))


def docx_from_template(template_path: Path, context: dict) -> bytes:
    """A DOCX from a docxtpl template (Jinja tags inside a Word document)."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template_path))
    document.render(context)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(filename: str) -> str:
    from urllib.parse import quote

    return quote(filename)
