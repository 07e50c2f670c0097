"""The issue journal (seed 002 app. 1, app. 2) and the movement journal (app. 4) computed from
the contracts: their headers exactly, a row's values, the return date by contract and the
actual one, the files read back, the scope, and a query count that does not grow with rows."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.rental import journals, services
from resurs.casework.rental.models import ReturnCondition
from resurs.casework.rental.tests.conftest import TODAY as REAL_TODAY
from resurs.casework.rental.tests.conftest import add_item, apply
from resurs.kernel.documents import render_bytes
from tests.pdf import pdf_text

DAY = datetime.timedelta(days=1)
# The contracts begin two months ago: every return of these tests is on a day that has come.
TODAY = REAL_TODAY - 60 * DAY
YEAR = journals.JournalFilter(
    datetime.date(TODAY.year - 1, 1, 1), datetime.date(TODAY.year + 1, 12, 31)
)


def _issue(w, mark, *, days=30, person=None, kind=None):
    kind = kind or w.wheelchair
    item = add_item(w, kind, mark, characteristics="Стандарт")
    return services.issue(
        by=w.specialist, application=apply(w, kind, person=person), items=[item],
        starts_on=TODAY, ends_on=TODAY + (days - 1) * DAY,
    )  # fmt: skip


@pytest.fixture
def journal(rental, catalogue):
    """One contract returned early (a faulty crutch), one still out with delivery refused."""
    w = rental
    w.person.actual_address = "г. Пыть-Ях, мкр. 2а, ул. Молодежная, д. 10, кв. 5"
    w.person.save(update_fields=["actual_address"])
    w.specialist.user.last_name, w.specialist.user.first_name = "Кузнецова", "Мария"
    w.specialist.user.save()
    w.out = _issue(w, "КК-1")
    w.back = _issue(w, "КС-1", person=w.neighbour, kind=w.crutches)
    w.ret = services.return_items(
        by=w.specialist, contract=w.back, returned_on=TODAY + 5 * DAY,
        conditions={w.back.loans.get().item_id: ReturnCondition.FAULTY},
    )  # fmt: skip
    return w


def test_the_issue_journal_has_the_14_columns_of_appendix_2():
    assert len(journals.ISSUE_HEADERS) == 14
    assert journals.ISSUE_HEADERS == (
        "№ п/п",
        "Дата приема заявления",
        "Сведения о заявителе: фамилия, имя, отчество",
        "Сведения о заявителе: адрес места жительства",
        "Информация о необходимом ТСР: наименование",
        "Информация о необходимом ТСР: период",
        "Информация о выданном ТСР: наименование",
        "Информация о выданном ТСР: основание (реквизиты договора)",
        "Информация о выдаче ТСР: дата получения, подпись получившего лица",
        "Информация о выдаче ТСР: выдал (подпись выдавшего лица, должность)",
        "Отметка о доставке ТСР к месту жительства",
        "Информация о возврате ТСР: дата возврата (подпись получившего ТСР лица)",
        "Информация о возврате ТСР: принял (подпись принявшего ТСР лица, должность)",
        "Информация о возврате ТСР: Примечание (состояние возвращенного ТСР)",
    )
    assert journals.MOVEMENT_HEADERS == (
        "№ п/п", "Наименование ТСР", "Дата выдачи", "Получатель ТСР",
        "Дата возврата ТСР: согласно договору", "Дата возврата ТСР: фактически",
    )  # fmt: skip


def test_an_issue_row_says_the_application_the_item_the_contract_and_the_return(journal):
    w = journal
    rows = journals.issue_rows(journals.loans_visible_to(w.specialist, YEAR))
    assert [row.contract for row in rows] == [w.out, w.back]
    out, back = (row.cells() for row in rows)
    applied = (REAL_TODAY - 10 * DAY).strftime("%d.%m.%Y")
    assert out == [
        "1", applied, "Смирнова Ольга Ивановна",
        "г. Пыть-Ях, мкр. 2а, ул. Молодежная, д. 10, кв. 5",
        "Кресло-коляска прогулочная с ручным приводом",
        f"с {TODAY:%d.%m.%Y}\nпо {TODAY + 29 * DAY:%d.%m.%Y}",
        "Кресло-коляска прогулочная с ручным приводом (клеймо КК-1)",
        f"Договор № {w.out.number} от {TODAY:%d.%m.%Y}",
        f"{TODAY:%d.%m.%Y}", "Кузнецова Мария", "", "", "", "",
    ]  # fmt: skip
    assert back[2] == "Петрова Анна Ивановна"
    assert back[11:] == [
        f"{TODAY + 5 * DAY:%d.%m.%Y}", "Кузнецова Мария", ReturnCondition.FAULTY.label,
    ]  # fmt: skip


def test_the_movement_journal_has_the_contract_and_the_actual_return_date(journal):
    w = journal
    services.extend(by=w.specialist, contract=w.out, until=TODAY + 59 * DAY, reason="Реабилитация")
    rows = journals.movement_rows(journals.loans_visible_to(w.specialist, YEAR, movement=True))
    cells = {row.contract.pk: row.cells() for row in rows}
    assert cells[w.out.pk][4:] == [f"{TODAY + 59 * DAY:%d.%m.%Y}", ""]  # extended, still out
    assert cells[w.back.pk][4:] == [f"{TODAY + 29 * DAY:%d.%m.%Y}", f"{TODAY + 5 * DAY:%d.%m.%Y}"]
    assert cells[w.back.pk][3] == "Петрова Анна Ивановна"


def test_the_movement_journal_takes_a_return_in_the_period_of_an_earlier_issue(journal):
    w = journal
    returned = TODAY + 5 * DAY
    period = journals.JournalFilter(returned, returned)
    movement = journals.loans_visible_to(w.specialist, period, movement=True)
    assert [loan.contract for loan in movement] == (
        [w.back] if returned != TODAY else [w.out, w.back]
    )
    if returned != TODAY:
        assert not journals.loans_visible_to(w.specialist, period).exists()


def test_the_filter_by_kind(journal):
    w = journal
    crutches = journals.JournalFilter(YEAR.date_from, YEAR.date_to, w.crutches)
    assert [loan.contract for loan in journals.loans_visible_to(w.specialist, crutches)] == [w.back]


def test_the_xlsx_and_the_pdf_carry_every_column(journal):
    w = journal
    for build, rows, headers in (
        (journals.issue_document, journals.issue_rows, journals.ISSUE_HEADERS),
        (journals.movement_document, journals.movement_rows, journals.MOVEMENT_HEADERS),
    ):
        document = build(
            rows(journals.loans_visible_to(w.specialist, YEAR, movement=True)), YEAR,
            holder="КЦСОН А",
        )  # fmt: skip
        sheet = load_workbook(BytesIO(render_bytes(document, "xlsx"))).active
        values = [
            [cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)
        ]
        header_at = values.index(list(headers))
        assert values[header_at + 1] == [str(n) for n in range(1, len(headers) + 1)]
        assert "Смирнова Ольга Ивановна" in values[header_at + 2]
        text = pdf_text(render_bytes(document, "pdf"))
        for header in headers:
            assert " ".join(header.split()) in text, header
        assert "Петрова Анна Ивановна" in text


def test_the_issue_journal_pdf_is_landscape_with_every_column_on_the_page(journal):
    w = journal
    rows = journals.issue_rows(journals.loans_visible_to(w.specialist, YEAR))
    pdf = render_bytes(journals.issue_document(rows, YEAR, holder="КЦСОН А"), "pdf")
    page = PdfReader(BytesIO(pdf)).pages[0]
    width = float(page.mediabox.width)
    assert width > float(page.mediabox.height)
    placed: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            placed.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    page.extract_text(visitor_text=visit)
    assert all(0 <= x < width for _text, x in placed)
    condition = [x for text, x in placed if text.startswith("неисправно")]
    returned = [x for text, x in placed if text.startswith(f"{TODAY + 5 * DAY:%d.%m.%Y}")]
    assert condition and returned and returned[0] < condition[0]  # column 14 right of 12


def test_the_journal_pages_and_files(journal, login):
    w = journal
    client = login(w.specialist)
    for name in ("rental:journal_issue", "rental:journal_movement"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Смирнова Ольга Ивановна" in html and "Петрова Анна Ивановна" in html
        assert "format=xlsx" in html and "format=pdf" in html
        xlsx = client.get(reverse(name), {"format": "xlsx", "kind": w.crutches.pk})
        assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(BytesIO(xlsx.content)).active
        text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        assert "Петрова Анна Ивановна" in text and "Смирнова" not in text
        assert client.get(reverse(name), {"format": "pdf"})["Content-Type"] == "application/pdf"
        assert client.get(reverse(name), {"format": "csv"}).status_code == 404
    assert AccessLogEntry.objects.filter(person=w.person, channel="ui").count() == 2
    assert AccessLogEntry.objects.filter(person=w.neighbour, channel="export").count() == 4


def test_a_wrong_period_is_said_and_the_year_shown(journal, login):
    w = journal
    html = (
        login(w.specialist)
        .get(reverse("rental:journal_issue"), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
        .content.decode()
    )
    assert "Конец периода раньше его начала" in html


def test_an_empty_journal_says_what_to_do(rental, login):
    html = login(rental.specialist).get(reverse("rental:journal_issue")).content.decode()
    assert "оформите выдачу ТСР по заявлению гражданина" in html


def test_the_journal_shows_nothing_of_another_institution(journal, login):
    w = journal
    for name in ("rental:journal_issue", "rental:journal_movement"):
        for membership in (w.other_specialist, w.other_head):
            client = login(membership)
            html = client.get(reverse(name)).content.decode()
            assert "Смирнова" not in html and "Петрова" not in html
            assert "Журнал составляется из договоров проката" in html
            xlsx = client.get(reverse(name), {"format": "xlsx"})
            sheet = load_workbook(BytesIO(xlsx.content)).active
            text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
            assert "Смирнова" not in text and "За период записей нет" in text
    for who, membership in w.outsiders.items():
        assert not journals.loans_visible_to(membership, YEAR).exists(), who


@pytest.mark.parametrize("count", [1, 8])
def test_the_journal_page_costs_the_same_for_any_length(
    rental, catalogue, login, django_assert_max_num_queries, count
):
    w = rental
    for n in range(count):
        contract = _issue(w, f"КК-{n}")
        if n % 2:
            services.return_items(by=w.specialist, contract=contract, returned_on=TODAY)
    client = login(w.head)
    for name in ("rental:journal_issue", "rental:journal_movement"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


def test_the_api_returns_the_rows_scoped(journal, login):
    w = journal
    body = login(w.specialist).get("/api/v1/rental/journals/issue").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert (first["full_name"], first["contract_number"], first["delivered"]) == (
        "Смирнова Ольга Ивановна", w.out.number, False,
    )  # fmt: skip
    movement = login(w.specialist).get("/api/v1/rental/journals/movement").json()
    back = next(row for row in movement["items"] if row["contract_id"] == w.back.pk)
    assert (back["due_on"], back["returned_on"]) == (
        f"{TODAY + 29 * DAY:%Y-%m-%d}", f"{TODAY + 5 * DAY:%Y-%m-%d}",
    )  # fmt: skip
    assert login(w.other_specialist).get("/api/v1/rental/journals/issue").json()["count"] == 0
    wrong = login(w.specialist).get(
        "/api/v1/rental/journals/issue", {"date_from": "2026-05-01", "date_to": "2026-04-01"}
    )
    assert wrong.status_code == 422 and "раньше" in wrong.json()["detail"]
