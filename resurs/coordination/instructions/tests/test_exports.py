"""REP-8 for REP-9: the sender's board of requests and instructions to XLSX and PDF, with
the board's filters, every addressee's control status and the totals; opened back and
compared with the board page; the scope of the board; a fixed number of queries."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from resurs.coordination.instructions import services
from resurs.coordination.instructions.models import InstructionKind
from resurs.coordination.instructions.tests.conftest import TODAY, send
from tests.pdf import pdf_text as read_pdf_text

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
XLSX = reverse("instructions:board_xlsx")
PDF = reverse("instructions:board_pdf")


def sheet_rows(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def field_value(rows, label):
    return next(row[2] for row in rows if row[0] == label)


def addressee_rows(rows) -> dict:
    """The nested addressee lines (shifted one column right): name → the other cells."""
    return {row[1]: row[2:6] for row in rows if row[0] is None and row[1] not in (None, "Адресат")}


def pdf_text(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return read_pdf_text(response.content)


@pytest.fixture
def controlled(world, freeze):
    """Provider A answered on time; two days after the deadline provider B has not."""
    services.answer_submit(by=world["provider_a"], addressee=world["row_a"], text="Ответ")
    freeze(world["instruction"].deadline + 2 * DAY)
    return world


def test_xlsx_has_the_boards_totals_and_each_addressees_control_status(controlled, login):
    client = login(controlled["rc"])
    page = client.get(reverse("instructions:board"))
    totals = page.context["totals"]
    rows = sheet_rows(client.get(XLSX))
    assert rows[0][0] == "Запросы и поручения: контроль исполнения"
    assert field_value(rows, "Отправитель") == controlled["rc"].organisation.name
    assert field_value(rows, "Исполнено в срок") == totals["on_time"] == 1
    assert field_value(rows, "Просрочено") == totals["overdue"] == 1
    assert field_value(rows, "С нарушением срока") == totals["late"] == 0
    assert field_value(rows, "На исполнении") == totals["open"] == 0
    assert field_value(rows, "Всего адресатов") == totals["total"] == 2
    instruction = controlled["instruction"]
    line = next(row for row in rows if row[1] == instruction.title)
    assert line[0] == instruction.label
    assert line[3] == instruction.deadline.strftime("%d.%m.%Y")
    assert line[5:10] == [1, 0, 0, 1, 2]  # в срок, с опозданием, на исполнении, просрочено, всего
    addressees = addressee_rows(rows)
    assert addressees["КЦСОН А"] == [
        "ответ получен",
        TODAY.strftime("%d.%m.%Y"),
        "исполнено в срок",
        None,
    ]
    assert addressees["КЦСОН Б"][2] == "не исполнено, просрочено на 2 дн."
    assert addressees["КЦСОН Б"][3] == 2


def test_a_late_answer_is_late_by_its_days(world, login, freeze):
    freeze(world["instruction"].deadline + 3 * DAY)
    services.answer_submit(by=world["provider_b"], addressee=world["row_b"], text="Поздно")
    rows = sheet_rows(login(world["rc"]).get(XLSX))
    addressees = addressee_rows(rows)
    assert addressees["КЦСОН Б"][2] == "исполнено с опозданием на 3 дн."
    assert addressees["КЦСОН Б"][3] == 3
    assert field_value(rows, "С нарушением срока") == 1
    assert field_value(rows, "Просрочено") == 1  # provider A has not answered


def test_pdf_has_the_same_statuses_and_totals(controlled, login):
    text = pdf_text(login(controlled["rc"]).get(PDF))
    assert "Запросы и поручения: контроль исполнения" in text
    assert controlled["instruction"].title in text
    assert "исполнено в срок" in text
    assert "не исполнено, просрочено на 2 дн." in text
    assert "Исполнено в срок 1" in text and "Всего адресатов 2" in text


def test_exports_keep_the_boards_filters(world, login):
    rc = world["rc"]
    send(
        rc,
        [world["provider_a"].organisation],
        kind=InstructionKind.INSTRUCTION,
        title="Поручение о плане",
    )
    client = login(rc)
    params = {"kind": "instruction"}
    page = client.get(reverse("instructions:board"), params)
    assert [i.title for i in page.context["page_obj"].object_list] == ["Поручение о плане"]
    rows = sheet_rows(client.get(XLSX, params))
    titles = {row[1] for row in rows if row[0] and "№" in str(row[0])}
    assert titles == {"Поручение о плане"}
    assert field_value(rows, "Вид") == "Поручение"
    assert field_value(rows, "Всего адресатов") == page.context["totals"]["total"] == 1
    # The board's link carries the filters.
    assert f'{XLSX}?kind=instruction"' in page.content.decode()
    assert f'{PDF}?kind=instruction"' in page.content.decode()
    text = pdf_text(client.get(PDF, params))
    assert "Поручение о плане" in text and "О численности получателей услуг" not in text


def test_exports_show_only_what_the_board_shows(world, login):
    send(world["department"], [world["rc"].organisation], title="Поручение Департамента")
    rc_rows = sheet_rows(login(world["rc"]).get(XLSX))
    rc_titles = {row[1] for row in rc_rows}
    assert "Поручение Департамента" not in rc_titles
    assert "О численности получателей услуг" in rc_titles
    department_rows = sheet_rows(login(world["department"]).get(XLSX))
    titles = {row[1] for row in department_rows}
    assert {"Поручение Департамента", "О численности получателей услуг"} <= titles
    assert field_value(department_rows, "Отправитель") == "все организации"
    # An addressee sees no sender's board: nothing of what it received, no other answers.
    provider_rows = sheet_rows(login(world["provider_a"]).get(XLSX))
    assert "О численности получателей услуг" not in {row[1] for row in provider_rows}
    assert field_value(provider_rows, "Всего адресатов") == 0
    assert "КЦСОН Б" not in {row[1] for row in provider_rows}


def test_exports_are_for_logged_in_users_only(world, client):
    assert client.get(XLSX).status_code == 302
    assert client.get(PDF).status_code == 302


def test_export_query_count_does_not_grow(world, login, django_assert_max_num_queries):
    client = login(world["rc"])
    client.get(XLSX)  # warm the session
    with django_assert_max_num_queries(8) as small:
        client.get(XLSX)
    for number in range(4):
        send(
            world["rc"],
            [world["provider_a"].organisation, world["provider_b"].organisation],
            title=f"Запрос {number}",
        )
    with django_assert_max_num_queries(8) as large:
        rows = sheet_rows(client.get(XLSX))
    assert field_value(rows, "Всего адресатов") == 10
    assert len(large.captured_queries) == len(small.captured_queries)
