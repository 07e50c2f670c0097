"""SOC-10: the statistics printed through the one document layer — the workbook holds the
page's numbers as numbers, the PDF as a Russian reader writes them with every column on the
page; a user who sees no statistics gets no file."""

import re
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from resurs.casework.socialservices.exports.statistics import NUMBER_COLUMNS
from resurs.casework.socialservices.tests.conftest import MONTH
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

URL = "/services/statistics/"
PARAMS = {"period": f"{MONTH.year}-m{MONTH.month}", "dimension": "kind"}


def _rows(content: bytes) -> list[list]:
    sheet = load_workbook(BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_workbook_holds_the_numbers(facts, login):
    response = login(facts.provider).get(URL + "xlsx/", PARAMS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _rows(response.content)
    header = rows.index(["Вид услуг", *[title for title, _width in NUMBER_COLUMNS]])
    table = {row[0]: row[1:] for row in rows[header + 1 :] if row[0]}
    assert table["социально-бытовые"] == [2, 3, 0]
    assert table["социально-медицинские"] == [1, 1, Decimal("150.00")]
    assert table["социально-правовые"] == [0, 3, 0]
    assert table["Итого"] == [2, 7, Decimal("150.00")]
    fields = {row[0]: row[1] for row in rows[:header]}
    assert fields["Учтены факты"] == "учреждение"
    assert fields["В разрезе"] == "Вид услуг"


def test_the_workbook_of_the_filters_names_them(facts, login):
    response = login(facts.head).get(URL + "xlsx/", {**PARAMS, "payment": "paid"})
    rows = _rows(response.content)
    assert ["Оплата", "за плату", None, None] in rows
    assert ["Итого", 1, 1, Decimal("150.00")] in rows


def test_the_pdf_writes_the_numbers_and_keeps_every_column_on_the_page(facts, login):
    response = login(facts.provider).get(URL + "pdf/", {**PARAMS, "dimension": "service"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Статистика социальных услуг" in text
    assert "150,00" in text and "Итого 2 7 150,00" in text
    found = []
    for page in PdfReader(BytesIO(response.content)).pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, _font, _size, width=width):
            if text.strip():
                found.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4], width))

        page.extract_text(visitor_text=visit)
    assert all(0 <= x < w for _text, x, w in found), "text off the page"
    joined = re.sub(r"[\s\-\u00ad\u2010]", "", "".join(text for text, _x, _w in found))
    for title in ("Услуга", *[title for title, _width in NUMBER_COLUMNS]):
        assert re.sub(r"[\s\-]", "", title) in joined, title


def test_the_region_pdf_has_the_numbers_of_the_region(facts, login):
    response = login(facts.department).get(URL + "pdf/", {**PARAMS, "dimension": "organisation"})
    text = pdf_text(response.content)
    assert "КЦСОН А" in text and "КЦСОН Б" in text
    assert "Итого 3 12 150,00" in text
    assert "Смирнова" not in text


def test_no_file_for_a_user_who_sees_no_statistics(facts, login):
    assert login(facts.rc).get(URL + "pdf/", PARAMS).status_code == 404
