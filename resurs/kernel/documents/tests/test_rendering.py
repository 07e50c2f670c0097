"""Generated documents open back with the text that was put in them."""

import io

from docx import Document
from pypdf import PdfReader

from resurs.kernel.documents.rendering import docx_from_template, file_response, pdf_from_html


def test_pdf_keeps_cyrillic_text_in_the_projects_font():
    pdf = pdf_from_html(
        '<html lang="ru"><body><h1>Отчёт об исполнении «дорожной карты»</h1>'
        "<table><tr><th>№</th><th>Мероприятие</th></tr><tr><td>1</td><td>Семинар</td></tr>"
        "</table></body></html>"
    )
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "Отчёт об исполнении «дорожной карты»" in text
    assert "Семинар" in text
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVu-Sans" in name for name in fonts)


def test_docx_renders_placeholders_and_table_rows(tmp_path):
    template = Document()
    template.add_paragraph("{{ title }}")
    table = template.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text = "{{ row.number }}"
    table.cell(1, 1).text = "{{ row.name }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    path = tmp_path / "template.docx"
    template.save(path)

    content = docx_from_template(
        path,
        {
            "title": "План мероприятий на 2022 год",
            "rows": [{"number": "1", "name": "Семинар"}, {"number": "2", "name": "Вебинар"}],
        },
    )
    result = Document(io.BytesIO(content))
    assert result.paragraphs[0].text == "План мероприятий на 2022 год"
    cells = [[cell.text for cell in row.cells] for row in result.tables[0].rows]
    assert cells == [["1", "Семинар"], ["2", "Вебинар"]]


def test_file_response_names_the_file_in_utf8():
    response = file_response(b"%PDF", "отчёт 2022.pdf", "application/pdf")
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202022.pdf"
    )
