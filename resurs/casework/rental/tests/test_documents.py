"""TSR-4, TSR-5: the contract, the act of transfer and the act of acceptance as DOCX and PDF
(seed 002 app. 1, its appendix 1): read back, they say the declined names, the amount in
words, the items and the term; an outsider gets «not found»."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.rental import documents, services
from resurs.casework.rental.models import ReturnCondition, ReturnReason
from resurs.casework.rental.tests.conftest import TODAY as REAL_TODAY
from resurs.casework.rental.tests.conftest import add_item, apply
from resurs.kernel.documents import render_bytes
from tests.pdf import pdf_text

DAY = datetime.timedelta(days=1)
# The contracts begin two months ago: every return of these tests is on a day that has come.
TODAY = REAL_TODAY - 60 * DAY


def docx_text(content: bytes) -> str:
    word = WordDocument(BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def contract(rental, catalogue):
    """A paid wheelchair and crutches for 30 days, issued to Смирнова Ольга Ивановна by her
    representative; the institution's director is Петров Иван Сергеевич."""
    w = rental
    organisation = w.a.organisation
    organisation.head_name = "Петров Иван Сергеевич"
    organisation.save(update_fields=["head_name"])
    w.specialist.user.last_name, w.specialist.user.first_name = "Кузнецова", "Мария"
    w.specialist.user.patronymic = "Петровна"
    w.specialist.user.save()
    w.chair = add_item(
        w, w.wheelchair, "КК-1", characteristics="Ширина сиденья 46 см", book_value=Decimal("15300")
    )
    w.pair = add_item(w, w.crutches, "КС-7", characteristics="Алюминий, до 120 кг")
    w.application = apply(w, w.wheelchair)
    w.contract = services.issue(
        by=w.specialist, application=w.application, items=[w.chair, w.pair], starts_on=TODAY,
        ends_on=TODAY + 29 * DAY, representative_name="Смирнов Пётр Ильич",
        representative_document="№ 86 АА 123456 от 01.02.2026",
    )  # fmt: skip
    return w


def test_the_contract_names_the_parties_declined_and_the_amount_in_words(contract):
    w = contract
    total = sum(loan.amount for loan in w.contract.loans.all())
    assert total == Decimal("972.30") + Decimal("927.30")  # 30 × 32,41 and 30 × 30,91
    for text in (
        docx_text(render_bytes(documents.contract_document(w.contract), "docx")),
        pdf_text(render_bytes(documents.contract_document(w.contract), "pdf")),
    ):
        assert f"Договор № {w.contract.number}" in text
        assert "г. Пыть-Ях" in text
        assert "в лице директора Учреждения Петрова Ивана Сергеевича" in text
        assert "действующий по доверенности № 86 АА 123456" in text
        assert "в интересах гражданки Смирновой Ольги Ивановны" in text
        assert "п. 2.1.4" in text
        assert "Кресло-коляска прогулочная с ручным приводом (клеймо КК-1)" in text
        assert "Ширина сиденья 46 см" in text
        assert "Костыли (клеймо КС-7)" in text
        assert "1 899,60 руб." in text.replace("\u00a0", " ")
        assert "Одна тысяча восемьсот девяносто девять рублей 60 копеек" in text
        assert f"с {TODAY:%d.%m.%Y} по {TODAY + 29 * DAY:%d.%m.%Y}" in text
        assert "2.1.3." not in text  # no delivery


def test_a_free_contract_with_delivery_says_so(rental, catalogue):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-2")
    application = apply(
        w, w.wheelchair, person=w.veteran, category="2.1.1", ipra_kinds=[w.wheelchair],
        documents=("doc_identity", "doc_ipra"), cannot_self_care=True, no_able_relatives=True,
    )  # fmt: skip
    contract = services.issue(
        by=w.specialist, application=application, items=[chair], starts_on=TODAY,
        ends_on=TODAY + 9 * DAY, delivery=True,
    )  # fmt: skip
    text = pdf_text(render_bytes(documents.contract_document(contract), "pdf"))
    assert "гражданин Иванов Пётр" in text
    assert "бесплатно" in text
    assert "Плата за пользование ТСР по договору не взимается" in text
    assert "2.1.3. Доставить ТСР по адресу проживания" in text


def test_an_extended_contract_says_its_current_end(contract):
    w = contract
    services.extend(
        by=w.specialist, contract=w.contract, until=TODAY + 59 * DAY, reason="Реабилитация"
    )
    w.contract.refresh_from_db()
    text = docx_text(render_bytes(documents.contract_document(w.contract), "docx"))
    assert f"с {TODAY:%d.%m.%Y} по {TODAY + 29 * DAY:%d.%m.%Y}" in text
    assert f"5.2. Срок договора продлён по {TODAY + 59 * DAY:%d.%m.%Y}" in text
    assert "Реабилитация" in text


def test_the_transfer_act_lists_every_item_with_its_book_value(contract):
    w = contract
    document = documents.transfer_act_document(w.contract)
    word = WordDocument(BytesIO(render_bytes(document, "docx")))
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "№ п/п")
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == list(documents.ACT_HEADER)
    assert rows[1][1:4] == [
        "Кресло-коляска прогулочная с ручным приводом (клеймо КК-1)",
        "Ширина сиденья 46 см",
        "15\u00a0300,00",
    ]
    assert rows[2][1] == "Костыли (клеймо КС-7)"
    assert rows[3][1:4] == ["Итого", "", "30\u00a0300,00"]
    text = pdf_text(render_bytes(document, "pdf"))
    assert "в лице специалиста Кузнецовой Марии Петровны" in text
    assert f"по договору № {w.contract.number} от {TODAY:%d.%m.%Y}" in text


def test_the_acceptance_act_has_the_conditions_and_the_refund_of_its_return(contract):
    w = contract
    ret = services.return_items(
        by=w.specialist, contract=w.contract, returned_on=TODAY + 19 * DAY,
        reason=ReturnReason.CITIZEN_EARLY, notice_given_on=TODAY,
        conditions={w.chair.pk: ReturnCondition.GOOD, w.pair.pk: ReturnCondition.FAULTY},
    )  # fmt: skip
    refunds = list(ret.charges.order_by("id"))
    assert [c.amount for c in refunds] == [Decimal("324.10"), Decimal("309.10")]  # 10 days
    for text in (
        docx_text(render_bytes(documents.acceptance_act_document(ret), "docx")),
        pdf_text(render_bytes(documents.acceptance_act_document(ret), "pdf")),
    ):
        assert "приема технических средств реабилитации" in text
        assert ReturnCondition.GOOD.label in text
        assert ReturnCondition.FAULTY.label in text
        assert "возврат части платы за неиспользованный срок" in text
        assert "Учреждение возвращает Обслуживаемому: 633,20 руб." in text
        assert "Шестьсот тридцать три рубля 20 копеек" in text
        assert "в лице специалиста Кузнецовой Марии Петровны" in text
        assert f"{(TODAY + 19 * DAY).year} г." in text


def test_the_document_urls_serve_docx_and_pdf_and_log_the_access(contract, login):
    w = contract
    ret = services.return_items(by=w.specialist, contract=w.contract, returned_on=TODAY)
    client = login(w.specialist)
    urls = [
        reverse("rental:contract_document", args=[w.contract.pk, "docx"]),
        reverse("rental:contract_document", args=[w.contract.pk, "pdf"]),
        reverse("rental:transfer_act", args=[w.contract.pk, "pdf"]),
        reverse("rental:acceptance_act", args=[ret.pk, "docx"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Смирнов" not in response["Content-Disposition"]
    assert AccessLogEntry.objects.filter(person=w.person, channel="export").count() == len(urls)
    assert (
        client.get(reverse("rental:transfer_act", args=[w.contract.pk, "xlsx"])).status_code == 404
    )


def test_outsiders_get_404_for_every_document(contract, login):
    w = contract
    ret = services.return_items(by=w.specialist, contract=w.contract, returned_on=TODAY)
    urls = [
        reverse("rental:contract_document", args=[w.contract.pk, "pdf"]),
        reverse("rental:transfer_act", args=[w.contract.pk, "docx"]),
        reverse("rental:acceptance_act", args=[ret.pk, "pdf"]),
    ]
    for who, membership in w.outsiders.items():
        client = login(membership)
        for url in urls:
            assert client.get(url).status_code == 404, (who, url)
    assert not AccessLogEntry.objects.filter(person=w.person).exists()


def test_the_card_fragment_lists_the_documents_and_each_acceptance_act(contract):
    from django.template.loader import render_to_string

    w = contract
    html = render_to_string("rental/_contract_documents.html", {"contract": w.contract})
    assert "Актов приема нет" in html
    ret = services.return_items(by=w.specialist, contract=w.contract, returned_on=TODAY)
    html = render_to_string("rental/_contract_documents.html", {"contract": w.contract})
    assert reverse("rental:acceptance_act", args=[ret.pk, "pdf"]) in html
    assert reverse("rental:contract_document", args=[w.contract.pk, "docx"]) in html
    assert reverse("rental:transfer_act", args=[w.contract.pk, "pdf"]) in html
