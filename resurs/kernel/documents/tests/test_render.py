"""render(document, format) in each format: the file opens back with what was put in it."""

import io

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from resurs.kernel.documents import Document, Line, render, render_bytes

COLUMNS = (("№", 6), ("Мероприятие", 40), ("Срок", 14))
ROWS = [(1, "Семинар «Ранняя помощь»", "март"), (2, "Вебинар\nдля специалистов", "май")]


def form_document() -> Document:
    return Document(
        filename="plan-2022",
        title="План 2022",
        columns=COLUMNS,
        lines=[
            Line(["План мероприятий на 2022 год"], "title"),
            Line(("Центр", "БУ «Центр помощи»"), "field"),
            Line(),
            Line([title for title, _width in COLUMNS], "header"),
            Line(["1. Организационная работа"], "section"),
            *[Line(row) for row in ROWS],
        ],
        label_span=1,
        freeze_header=True,
    )


def test_xlsx_of_a_list_has_a_frozen_header_and_typed_cells():
    response = render(Document("events", "Мероприятия", columns=COLUMNS, rows=ROWS), "xlsx")
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''events.xlsx"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Мероприятия"
    assert sheet.freeze_panes == "A2"
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["№", "Мероприятие", "Срок"],
        [1, "Семинар «Ранняя помощь»", "март"],
        [2, "Вебинар\nдля специалистов", "май"],
    ]


def test_xlsx_of_a_form_layout_merges_titles_and_sections():
    sheet = load_workbook(io.BytesIO(render_bytes(form_document(), "xlsx"))).active
    assert sheet["A1"].value == "План мероприятий на 2022 год"
    assert sheet["A2"].value == "Центр" and sheet["B2"].value == "БУ «Центр помощи»"
    assert [c.value for c in sheet[4]] == ["№", "Мероприятие", "Срок"]
    assert sheet["A5"].value == "1. Организационная работа"
    assert {str(r) for r in sheet.merged_cells.ranges} >= {"A1:C1", "A5:C5", "B2:C2"}
    assert sheet.freeze_panes == "A5"
    assert sheet["B6"].value == "Семинар «Ранняя помощь»"


def test_docx_has_title_paragraphs_then_tables_with_merged_sections():
    response = render(form_document(), "docx")
    assert response["Content-Disposition"].endswith("plan-2022.docx")
    word = WordDocument(io.BytesIO(response.content))
    assert word.paragraphs[0].text == "План мероприятий на 2022 год"
    fields, table = word.tables
    assert [c.text for c in fields.rows[0].cells] == ["Центр", "БУ «Центр помощи»"]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["№", "Мероприятие", "Срок"]
    assert rows[1] == ["1. Организационная работа"] * 3  # one cell merged across the row
    assert rows[2] == ["1", "Семинар «Ранняя помощь»", "март"]
    # A line break is a new paragraph of the cell, as a person types it in Word.
    assert [p.text for p in table.rows[3].cells[1].paragraphs] == ["Вебинар", "для специалистов"]


def test_docx_of_a_list_is_its_title_and_one_table():
    word = WordDocument(
        io.BytesIO(render_bytes(Document("e", "Мероприятия", COLUMNS, ROWS), "docx"))
    )
    assert word.paragraphs[0].text == "Мероприятия"
    assert [[c.text for c in row.cells] for row in word.tables[0].rows][:2] == [
        ["№", "Мероприятие", "Срок"],
        ["1", "Семинар «Ранняя помощь»", "март"],
    ]


def test_pdf_from_lines_keeps_every_line():
    response = render(form_document(), "pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    for expected in (
        "План мероприятий на 2022 год",
        "БУ «Центр помощи»",
        "1. Организационная работа",
        "Семинар «Ранняя помощь»",
    ):
        assert expected in text


def _text_positions(page) -> list[tuple[str, float]]:
    """Every piece of text on a page with its x coordinate in points."""
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            # The text matrix placed by the current transformation matrix.
            found.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    page.extract_text(visitor_text=visit)
    return found


def test_pdf_of_a_wide_table_keeps_every_column_on_the_page():
    columns = [(f"Столбец{n:02d}", 14) for n in range(1, 25)]
    rows = [[f"з{n:02d}" for n in range(1, 25)], ["очень-длинное-слово-без-пробелов" * 2] * 24]
    pdf = render_bytes(Document("wide", "Широкая таблица", columns=columns, rows=rows), "pdf")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    width = float(page.mediabox.width)
    assert width > float(page.mediabox.height)  # a wide table turns the page to landscape
    positions = _text_positions(page)
    for n in range(1, 25):
        xs = [x for text, x in positions if f"з{n:02d}" in text]
        assert xs, f"the cell of column {n} is missing"
        assert all(0 <= x < width for x in xs), f"column {n} is off the page"


def test_pdf_from_a_template_renders_its_context(settings, tmp_path):
    template = tmp_path / "doc.html"
    template.write_text(
        '<html lang="ru"><body><h1>{{ heading }}</h1></body></html>', encoding="utf-8"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    document = Document("r", "Отчёт", template="doc.html", context={"heading": "Отчёт за год"})
    text = PdfReader(io.BytesIO(render_bytes(document, "pdf"))).pages[0].extract_text()
    assert "Отчёт за год" in text


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="odt"):
        render_bytes(Document("x", "X", COLUMNS, ROWS), "odt")
