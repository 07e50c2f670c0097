"""Issue 11, item 3: user text in documents — no formulas in XLSX, no crash on control
characters in any format."""

from io import BytesIO

import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook

from resurs.kernel.documents import Document, Line, render_bytes

FORMULAS = ["=1+1", "@SUM(A1)", "+7", "-1", '=HYPERLINK("http://x")']


def cells(content: bytes):
    sheet = load_workbook(BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_text_that_looks_like_a_formula_is_a_string_in_a_list():
    document = Document("list", "Список", [("Текст", 20)], rows=[[value] for value in FORMULAS])
    written = cells(render_bytes(document, "xlsx"))
    texts = [cell for cell in written if cell.value in FORMULAS]
    assert [cell.value for cell in texts] == FORMULAS
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)


def test_text_that_looks_like_a_formula_is_a_string_in_a_form_layout():
    lines = [Line(["=1+1"], "title"), Line(["@метка", "=2+2"], "field"), Line(["+7", "-1"])]
    document = Document("form", "Форма", [("А", 20), ("Б", 20)], lines=lines)
    written = cells(render_bytes(document, "xlsx"))
    assert {cell.value for cell in written} == {"=1+1", "@метка", "=2+2", "+7", "-1"}
    assert all(cell.data_type == "s" for cell in written)


def test_numbers_stay_numbers():
    document = Document("list", "Список", [("Число", 10)], rows=[[-1], [2.5]])
    assert [cell.value for cell in cells(render_bytes(document, "xlsx"))[1:]] == [-1, 2.5]


@pytest.mark.parametrize("format", ["xlsx", "docx", "pdf"])
def test_control_characters_in_stored_text_do_not_break_an_export(format):
    dirty = "Строка\x0bс\x00символами\x1f"
    lines = [Line([dirty], "title"), Line([dirty, dirty], "field"), Line([dirty, dirty])]
    for document in (
        Document("list", dirty, [(dirty, 20)], rows=[[dirty]]),
        Document("form", "Форма", [("А", 20), ("Б", 20)], lines=lines),
    ):
        content = render_bytes(document, format)
        assert content
        if format == "xlsx":
            assert "Строкассимволами" in {cell.value for cell in cells(content)}
        if format == "docx":
            text = "\n".join(
                cell.text
                for table in WordDocument(BytesIO(content)).tables
                for row in table.rows
                for cell in row.cells
            )
            assert "Строкассимволами" in text and "\x0b" not in text


@pytest.mark.parametrize("kind", ["list", "form"])
def test_a_title_with_characters_a_sheet_name_cannot_hold_still_exports(kind):
    title = "Отчёт 1/2026: [итоги]? *\\ " + "очень длинное название формы"
    if kind == "list":
        document = Document("f", title, [("А", 10)], rows=[["1"]])
    else:
        document = Document("f", title, [("А", 10)], lines=[Line([title], "title")])
    sheet = load_workbook(BytesIO(render_bytes(document, "xlsx"))).active
    assert sheet.title == "Отчёт 1 2026   итоги      очень"
