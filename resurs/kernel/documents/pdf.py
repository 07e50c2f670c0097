"""PDF output of documents.render: HTML laid out by WeasyPrint in the project's own Cyrillic
font (static/fonts), so a PDF looks the same on any server. A document without a template of
its own is laid out from its lines: a wide table turns the page to landscape and shares the
page's width between its columns by their widths, so every column stays on the page."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape

from resurs.kernel.documents.document import Document

FONT_FILES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
)
PAGE_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 25mm;
        @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; } }
html { font-family: 'Resurs Sans', sans-serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 15pt; } h2 { font-size: 12.5pt; margin-top: 14pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #555; padding: 3pt 4pt; vertical-align: top; }
th { background: #eee; }
"""
# A table wider than this many characters of column width goes on a landscape page.
PORTRAIT_WIDTH = 120
# Beyond this many characters the text gets smaller, so that narrow columns stay legible.
LANDSCAPE_WIDTH = 200


def base_css() -> str:
    fonts_dir = Path(settings.BASE_DIR) / "static" / "fonts"
    faces = "\n".join(
        f"@font-face {{ font-family: 'Resurs Sans'; src: url('{(fonts_dir / name).as_uri()}'); "
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in FONT_FILES
    )
    return faces + PAGE_CSS


def pdf_from_html(html: str) -> bytes:
    """A PDF of an HTML document, in the project's font."""
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=base_css())]
    )


def pdf_from_template(template_name: str, context: dict) -> bytes:
    """A PDF from a Django HTML template (a full document with ``<html lang="ru">``)."""
    return pdf_from_html(render_to_string(template_name, context))


def build_pdf(document: Document) -> bytes:
    if document.template:
        return pdf_from_template(document.template, document.context)
    return pdf_from_html(html_of(document))


def _cell_html(value) -> str:
    if value is None:
        return ""
    return "<br>".join(escape(part) for part in str(value).split("\n"))


def html_of(document: Document) -> str:
    """The document's lines as one HTML page: fields as a two-column table, each header
    opening a table whose columns share the page by ``document.columns`` widths."""
    widths = [width for _title, width in document.columns] or [1]
    total = sum(widths)
    landscape = document.landscape or total > PORTRAIT_WIDTH
    size = "9pt" if total <= LANDSCAPE_WIDTH else "7.5pt"
    style = (
        f"@page {{ size: A4 {'landscape' if landscape else 'portrait'}; "
        "margin: 15mm 12mm 15mm 15mm; }"
        f"html {{ font-size: {size}; }}"
        "table.grid { table-layout: fixed; margin-bottom: 8pt; }"
        "table.grid td, table.grid th { overflow-wrap: anywhere; hyphens: auto; }"
        "table.fields th { width: 30%; text-align: left; }"
        "tr.section td { font-weight: bold; background: #dde6f0; }"
    )
    colgroup = "<colgroup>" + "".join(
        f'<col style="width: {100 * width / total:.2f}%">' for width in widths
    )
    colgroup += "</colgroup>"
    parts: list[str] = []
    table: str | None = None  # "grid" or "fields" while a table is open

    def close():
        nonlocal table
        if table:
            parts.append("</table>")
        table = None

    def open_grid(columns: int):
        nonlocal table
        close()
        if columns == len(widths):
            parts.append(f'<table class="grid">{colgroup}')
        else:
            parts.append('<table class="grid">')
        table = "grid"

    for line in document.as_lines():
        cells = [None] * line.indent + list(line.cells)
        if line.kind == "blank" or not cells:  # Line() is the usual blank line
            close()
        elif line.kind == "title":
            close()
            parts.append(f"<h1>{_cell_html(cells[0] if cells else '')}</h1>")
        elif line.kind == "field":
            if table != "fields":
                close()
                parts.append('<table class="fields">')
                table = "fields"
            label, value = (cells + [None, None])[:2]
            parts.append(f"<tr><th>{_cell_html(label)}</th><td>{_cell_html(value)}</td></tr>")
        elif line.kind in {"header", "subheader"}:
            open_grid(len(cells))
            parts.append("<tr>" + "".join(f"<th>{_cell_html(c)}</th>" for c in cells) + "</tr>")
        elif line.kind == "section":
            if table == "grid":
                parts.append(
                    f'<tr class="section"><td colspan="{len(widths)}">'
                    f"{_cell_html(cells[0] if cells else '')}</td></tr>"
                )
            else:
                close()
                parts.append(f"<h2>{_cell_html(cells[0] if cells else '')}</h2>")
        elif table != "grid" and len(cells) == 1:
            close()
            parts.append(f"<p>{_cell_html(cells[0])}</p>")
        else:
            if table != "grid":
                open_grid(len(cells))
            parts.append("<tr>" + "".join(f"<td>{_cell_html(c)}</td>" for c in cells) + "</tr>")
    close()
    return (
        f'<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        f"<title>{escape(document.title)}</title><style>{style}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )
