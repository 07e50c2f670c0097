"""Generated documents open back with the text that was put in them."""

import io

from pypdf import PdfReader

from resurs.kernel.documents import file_response
from resurs.kernel.documents.pdf import pdf_from_html


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


def test_file_response_names_the_file_in_utf8():
    response = file_response(b"%PDF", "отчёт 2022.pdf", "application/pdf")
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202022.pdf"
    )
