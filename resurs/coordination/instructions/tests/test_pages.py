"""REP-9 pages: the board with counts and drill-down, «incoming», filters and search, htmx
fragments, a fixed number of queries, sending with files, answering with files, review, and
forms refusing bad input in Russian."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.coordination.instructions import services
from resurs.coordination.instructions.models import (
    AddresseeStatus,
    Instruction,
    InstructionKind,
    InstructionState,
)
from resurs.coordination.instructions.tests.conftest import TODAY, row_of, send
from resurs.kernel.attachments.models import Attachment
from tests.factories import OrganisationFactory, direction, territory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def body(response) -> str:
    return response.content.decode()


def pdf(name="форма.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


# --- board -----------------------------------------------------------------------------------


def test_board_shows_counts_and_links_to_the_card(world, login, freeze):
    services.answer_submit(by=world["provider_a"], addressee=world["row_a"], text="Ответ")
    freeze(world["instruction"].deadline + 2 * DAY)
    page = body(login(world["rc"]).get(reverse("instructions:board")))
    assert world["instruction"].get_absolute_url() in page
    assert "исполнено в срок: 1" in page
    assert "просрочено: 1" in page
    card = body(login(world["rc"]).get(world["instruction"].get_absolute_url()))
    assert "не исполнено, просрочено на 2 дн." in card
    assert "исполнено в срок" in card
    assert "Принять" in card and "Вернуть на доработку" in card


def test_board_shows_only_what_the_organisation_sent(world, login):
    send(world["department"], [world["rc"].organisation], title="Поручение Департамента")
    rc_page = body(login(world["rc"]).get(reverse("instructions:board")))
    assert "Поручение Департамента" not in rc_page
    assert "О численности получателей услуг" in rc_page
    department_page = body(login(world["department"]).get(reverse("instructions:board")))
    assert "Поручение Департамента" in department_page
    assert "О численности получателей услуг" in department_page  # the region-wide view


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "instruction"}, {"Поручение-2"}),
        ({"q": "ЗАПРОС-1"}, {"Запрос-1"}),
        ({"state": "cancelled"}, {"Поручение-2"}),
        ({"date_from": "2026-04-20"}, {"Поручение-2"}),
        ({"date_to": "2026-04-16"}, {"Запрос-1", "О численности получателей услуг"}),
        ({"control": "open"}, {"Запрос-1", "Поручение-2", "О численности получателей услуг"}),
        ({"control": "open", "state": "open"}, {"Запрос-1", "О численности получателей услуг"}),
        ({"control": "overdue"}, set()),
    ],
)
def test_board_filters(world, login, params, expected):
    provider = world["provider_a"].organisation
    send(world["rc"], [provider], title="Запрос-1", deadline=TODAY + 2 * DAY)
    second = send(
        world["rc"],
        [provider],
        title="Поручение-2",
        kind=InstructionKind.INSTRUCTION,
        deadline=datetime.date(2026, 4, 30),
    )
    services.instruction_cancel(by=world["rc"], instruction=second)
    page = body(login(world["rc"]).get(reverse("instructions:board"), params))
    titles = {"Запрос-1", "Поручение-2", "О численности получателей услуг"}
    assert {t for t in titles if f"{t}<br>" in page} == expected


def test_board_filter_errors_are_russian_and_htmx_gets_the_fragment(world, login):
    client = login(world["rc"])
    bad = body(
        client.get(
            reverse("instructions:board"), {"date_from": "2026-05-01", "date_to": "2026-04-01"}
        )
    )
    assert "Конец периода раньше начала." in bad
    fragment = client.get(
        reverse("instructions:board"), headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert body(fragment).lstrip().startswith('<div id="results">')


def test_board_query_count_does_not_grow(world, login, django_assert_max_num_queries):
    client = login(world["rc"])
    provider = world["provider_a"].organisation
    client.get(reverse("instructions:board"))
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("instructions:board"))
    for n in range(30):
        send(world["rc"], [provider, world["provider_b"].organisation], title=f"Ещё {n}")
    with django_assert_max_num_queries(8) as large:
        response = client.get(reverse("instructions:board"))
    assert "Ещё 29" in body(response)
    assert len(large.captured_queries) == len(small.captured_queries)


# --- incoming --------------------------------------------------------------------------------


def test_incoming_lists_what_the_organisation_received(world, login, freeze):
    send(world["rc"], [world["provider_b"].organisation], title="Только для Б")
    cancelled = send(world["rc"], [world["provider_a"].organisation], title="Отменённый")
    services.instruction_cancel(by=world["rc"], instruction=cancelled)
    page = body(login(world["provider_a"]).get(reverse("instructions:incoming")))
    assert world["row_a"].get_absolute_url() in page
    assert "Только для Б" not in page and "Отменённый" not in page
    freeze(world["instruction"].deadline + DAY)
    overdue = body(
        login(world["provider_a"]).get(reverse("instructions:incoming"), {"state": "overdue"})
    )
    assert "просрочено на 1 дн." in overdue


@pytest.mark.parametrize(
    ("state", "expected"), [("open", {"Новый"}), ("answered", {"Отвеченный"}), ("accepted", set())]
)
def test_incoming_state_filter(world, login, state, expected):
    provider = world["provider_a"].organisation
    Instruction.objects.all().delete()
    send(world["rc"], [provider], title="Новый")
    answered = send(world["rc"], [provider], title="Отвеченный")
    services.answer_submit(
        by=world["provider_a"], addressee=row_of(answered, provider), text="Ответ"
    )
    page = body(login(world["provider_a"]).get(reverse("instructions:incoming"), {"state": state}))
    assert {t for t in ("Новый", "Отвеченный") if f"<td>{t}" in page} == expected


def test_incoming_query_count_does_not_grow(world, login, django_assert_max_num_queries):
    client = login(world["provider_a"])
    client.get(reverse("instructions:incoming"))
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("instructions:incoming"))
    other = OrganisationFactory(territory=territory("Сургут"))
    other.directions.add(direction(2))
    for n in range(30):
        send(world["rc"], [world["provider_a"].organisation, other], title=f"Входящий {n}")
    with django_assert_max_num_queries(8) as large:
        response = client.get(reverse("instructions:incoming"), {"q": "входящий"})
    assert "Входящий 29" in body(response)
    assert len(large.captured_queries) == len(small.captured_queries)


# --- sending ---------------------------------------------------------------------------------


def form_data(world, **changes):
    data = {
        "kind": "request",
        "title": "О кадровом обеспечении",
        "text": "Прошу представить сведения о штатной численности.",
        "deadline": "2026-04-20",
        "addressees": [world["provider_a"].organisation.pk, world["provider_b"].organisation.pk],
    }
    data.update(changes)
    return data


def test_send_with_files(world, login):
    client = login(world["rc"])
    form = body(client.get(reverse("instructions:create")))
    assert "КЦСОН А" in form and "КЦСОН В" not in form  # only organisations the RC sees
    response = client.post(
        reverse("instructions:create"), {**form_data(world), "files": [pdf(), pdf("письмо.pdf")]}
    )
    instruction = Instruction.objects.get(title="О кадровом обеспечении")
    assert response.status_code == 302 and response.url == instruction.get_absolute_url()
    assert instruction.number == 2
    assert instruction.addressees.count() == 2
    assert Attachment.objects.of(instruction).count() == 2
    card = body(client.get(instruction.get_absolute_url()))
    assert "письмо.pdf" in card or "письмо" in card


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"deadline": "2026-04-07"}, "Срок исполнения не может быть раньше сегодняшнего дня."),
        ({"deadline": "завтра"}, "Введите правильную дату."),
        ({"addressees": []}, "Выберите хотя бы одного адресата."),
        ({"title": ""}, "Обязательное поле."),
        ({"kind": "letter"}, "Выберите корректный вариант."),
    ],
)
def test_send_form_refuses_bad_input_in_russian(world, login, changes, message):
    response = login(world["rc"]).post(reverse("instructions:create"), form_data(world, **changes))
    assert response.status_code == 400
    assert message in body(response)
    assert Instruction.objects.count() == 1


def test_send_form_refuses_an_organisation_outside_the_scope(world, login):
    response = login(world["rc"]).post(
        reverse("instructions:create"),
        form_data(world, addressees=[world["outsider"].organisation.pk]),
    )
    assert response.status_code == 400
    assert "Выберите корректный вариант." in body(response)


def test_send_form_refuses_a_file_of_a_wrong_type(world, login):
    bad = SimpleUploadedFile("скрипт.exe", b"MZ", content_type="application/octet-stream")
    response = login(world["rc"]).post(
        reverse("instructions:create"), {**form_data(world), "files": [bad]}
    )
    assert response.status_code == 400
    assert "Недопустимый тип файла" in body(response)


@pytest.mark.parametrize("who", ["provider_a", "uszn", "specialist_a"])
def test_who_cannot_send_gets_403(world, login, who):
    assert login(world[who]).get(reverse("instructions:create")).status_code == 403


# --- answering and review --------------------------------------------------------------------


def test_answer_with_files_then_return_then_accept(world, login):
    provider = login(world["provider_a"])
    row = world["row_a"]
    card = body(provider.get(row.get_absolute_url()))
    assert reverse("instructions:answer", args=[row.pk]) in card
    empty = provider.post(reverse("instructions:answer", args=[row.pk]), {"text": " "})
    assert empty.status_code == 400 and "Напишите ответ." in body(empty)
    response = provider.post(
        reverse("instructions:answer", args=[row.pk]),
        {"text": "Сведения по форме.", "files": [pdf("сведения.pdf")], "version": row.version},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == AddresseeStatus.ANSWERED
    assert Attachment.objects.of(row).get().original_name == "сведения.pdf"
    assert provider.get(reverse("instructions:answer", args=[row.pk])).status_code == 403

    rc = login(world["rc"])
    no_remark = rc.post(reverse("instructions:return", args=[row.pk]), {"remark": ""})
    assert "Напишите, что нужно доработать." in body(no_remark)
    rc.post(reverse("instructions:return", args=[row.pk]), {"remark": "Добавьте март."})
    row.refresh_from_db()
    assert row.status == AddresseeStatus.OPEN
    assert "Добавьте март." in body(provider.get(row.get_absolute_url()))
    provider.post(
        reverse("instructions:answer", args=[row.pk]), {"text": "С мартом.", "version": row.version}
    )
    accepted = rc.post(reverse("instructions:accept", args=[row.pk]))
    assert accepted.status_code == 302
    row.refresh_from_db()
    assert row.status == AddresseeStatus.ACCEPTED and row.answer_text == "С мартом."


def test_a_stale_answer_form_says_so(world, login):
    row = world["row_a"]
    services.answer_submit(by=world["provider_a"], addressee=row, text="Первый")
    services.answer_return(
        by=world["rc"],
        addressee=row_of(world["instruction"], row.organisation),
        remark="Доработать",
    )
    response = login(world["provider_a"]).post(
        reverse("instructions:answer", args=[row.pk]), {"text": "Второй", "version": 1}
    )
    assert response.status_code == 400
    assert "другой пользователь" in body(response)


def test_close_and_cancel_from_the_card(world, login):
    rc = login(world["rc"])
    instruction = world["instruction"]
    assert (
        login(world["provider_a"])
        .post(reverse("instructions:close", args=[instruction.pk]))
        .status_code
        == 403
    )
    rc.post(reverse("instructions:close", args=[instruction.pk]), {"version": instruction.version})
    instruction.refresh_from_db()
    assert instruction.state == InstructionState.CLOSED
    again = rc.post(reverse("instructions:cancel", args=[instruction.pk]), follow=True)
    assert "Запрос уже не на контроле." in body(again)
    assert "Снять с контроля" not in body(rc.get(instruction.get_absolute_url()))
