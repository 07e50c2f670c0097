"""MAP-6: a roadmap exported to XLSX and DOCX in the layout of the seeds' tables.

Title lines (the organisation, the plan's title and its year), the header «№ | Наименование
мероприятия | Срок реализации | Ответственные исполнители | Ожидаемые результаты», then a
section row («1. Организационно-методическая деятельность», merged across the table) before
the items of each section. Both files load back through `roadmaps.importers` unchanged: the
year comes from the title line «на 2022 год».

The workbook is written with openpyxl directly, not `exchange.xlsx.build_workbook`: that one
writes a bare header row, and the seed layout needs title lines and merged section rows.
"""

import re
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from resurs.coordination.roadmaps.models import Item, Roadmap, Section

COLUMNS = (
    ("№", 6),
    ("Наименование мероприятия", 60),
    ("Срок реализации", 24),
    ("Ответственные исполнители", 40),
    ("Ожидаемые результаты", 50),
)
DOCX_WIDTHS_CM = (1.2, 8.5, 3.8, 5.5, 7.0)
YEAR_IN_TITLE = re.compile(r"\b20\d\d\s*(?:год|г\.)", re.IGNORECASE)


def plan_of(roadmap: Roadmap) -> list[Section]:
    """Sections in order, each with ``item_list`` (responsibles prefetched): 3 queries."""
    sections = list(Section.objects.filter(roadmap=roadmap).order_by("number", "id"))
    items = (
        Item.objects.filter(section__roadmap=roadmap)
        .order_by("order", "id")
        .prefetch_related("responsibles")
    )
    by_section: dict[int, list[Item]] = {s.pk: [] for s in sections}
    for item in items:
        by_section[item.section_id].append(item)
    for section in sections:
        section.item_list = by_section[section.pk]
    return sections


def responsible_of(item: Item) -> str:
    """The positions as written, then the appointed people of the directory."""
    people = ", ".join(
        f"{a.person_name} ({a.position})" if a.position else a.person_name
        for a in item.responsibles.all()
    )
    return "\n".join(part for part in (item.responsible_text, people) if part)


def title_lines(roadmap: Roadmap) -> list[str]:
    lines = [str(roadmap.organisation), roadmap.title]
    if not YEAR_IN_TITLE.search(roadmap.title):
        lines.append(f"на {roadmap.year} год")
    return lines


def table_rows(roadmap: Roadmap) -> list[tuple[bool, tuple]]:
    """(is a section row, the five cells) in the order of the plan."""
    rows = []
    for section in plan_of(roadmap):
        rows.append((True, (f"{section.number}. {section.title}", "", "", "", "")))
        rows.extend(
            (
                False,
                (
                    f"{item.number}.",
                    item.name,
                    item.timeframe,
                    responsible_of(item),
                    item.expected_results,
                ),
            )
            for item in section.item_list
        )
    return rows


def filename(roadmap: Roadmap, extension: str) -> str:
    return f"dorozhnaya-karta-{roadmap.year}-{roadmap.pk}.{extension}"


def export_xlsx(roadmap: Roadmap) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Дорожная карта {roadmap.year}"
    thin = Side(style="thin", color="555555")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, (_header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = 0
    for line in title_lines(roadmap):
        row += 1
        sheet.cell(row=row, column=1, value=line).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    row += 1
    for index, (header, _width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=row, column=index, value=header)
        cell.font, cell.alignment, cell.border = Font(bold=True), wrap, border
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)
    for is_section, cells in table_rows(roadmap):
        row += 1
        for index, value in enumerate(cells, start=1):
            cell = sheet.cell(row=row, column=index, value=value or None)
            cell.alignment, cell.border = wrap, border
        if is_section:
            sheet.cell(row=row, column=1).font = Font(bold=True)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(cell, text: str, *, bold: bool = False) -> None:
    """A cell's text, one paragraph per line (a line break would be lost on re-import)."""
    lines = (text or "").split("\n")
    for paragraph in cell.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    first = cell.paragraphs[0]
    for run in first.runs:
        run._element.getparent().remove(run._element)
    first.add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def export_docx(roadmap: Roadmap) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    for line in title_lines(roadmap):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, (header, _width) in zip(table.rows[0].cells, COLUMNS, strict=True):
        _fill(cell, header, bold=True)
    for is_section, cells in table_rows(roadmap):
        row = table.add_row().cells
        for cell, width in zip(row, DOCX_WIDTHS_CM, strict=True):
            cell.width = Cm(width)
        if is_section:
            _fill(row[0].merge(row[-1]), cells[0], bold=True)
            continue
        for cell, value in zip(row, cells, strict=True):
            _fill(cell, value)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
