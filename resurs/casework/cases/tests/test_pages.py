"""Pages of the appeals journal and the cases: render, filters, the capacity warning, the
person search by POST, steps, the deadline board; every outsider of the case-work world gets
404, every insider sees the record; every opening of a case card is logged."""

import datetime
from html.parser import HTMLParser

import pytest

from resurs.casework.cases import services
from resurs.casework.cases.models import Appeal, AppealResult, Case, Channel, StepKind
from resurs.casework.cases.tests.conftest import TODAY, client_for, moment, open_case, take
from resurs.casework.citizens.models import AccessLogEntry

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_journal_lists_and_filters_appeals(world):
    take(world)
    take(world, anonymous=True, channel=Channel.IN_PERSON, at=moment(D(2025, 5, 5)))
    client = client_for(world.specialist)
    page = client.get("/cases/appeals/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "№ 1/2025" in text and "№ 2/2025" in text and "анонимное" in text
    only_phone = client.get("/cases/appeals/", {"channel": Channel.PHONE}).content.decode()
    assert "№ 1/2025" in only_phone and "№ 2/2025" not in only_phone
    anonymous = client.get("/cases/appeals/", {"anonymous": "yes"}).content.decode()
    assert "№ 2/2025" in anonymous and "№ 1/2025" not in anonymous
    period = client.get("/cases/appeals/", {"date_from": "2025-05-01", "date_to": "2025-05-10"})
    assert "№ 2/2025" in period.content.decode() and "№ 1/2025" not in period.content.decode()
    by_result = client.get("/cases/appeals/", {"result": AppealResult.CONSULTED}).content.decode()
    assert "Ничего не найдено" in by_result


def test_an_empty_journal_says_what_to_do(world):
    text = client_for(world.specialist).get("/cases/appeals/").content.decode()
    assert "Обращений пока нет" in text and "Принять обращение" in text


def form_data(world, **changes):
    data = {
        "unit": world.a.support.pk,
        "received_at": "2025-05-14T10:30",
        "channel": Channel.PHONE,
        "person": world.person.pk,
        "subject": "Просит консультацию",
        "result": AppealResult.IN_WORK,
        "action": "save",
    }
    data.update(changes)
    return data


def test_taking_an_appeal_on_the_page(world):
    response = client_for(world.specialist).post("/cases/appeals/new/", form_data(world))
    appeal = Appeal.all_records.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/appeals/{appeal.pk}/"
    assert appeal.person == world.person and appeal.taken_by == world.specialist.user


def test_a_full_day_warns_and_takes_the_appeal_when_confirmed(world):
    world.a.support.daily_capacity = 2
    world.a.support.save()
    take(world)
    take(world)
    client = client_for(world.specialist)
    warned = client.post("/cases/appeals/new/", form_data(world))
    assert warned.status_code == 200
    assert "День заполнен: 2 из 2 — принять всё равно?" in warned.content.decode()
    assert Appeal.all_records.count() == 2
    confirmed = client.post("/cases/appeals/new/", form_data(world, confirm="on"))
    assert confirmed.status_code == 302
    assert Appeal.all_records.count() == 3


def test_the_person_search_is_a_post_and_finds_only_the_scope(world):
    client = client_for(world.specialist)
    found = client.post(
        "/cases/appeals/new/", {"person_search": "смирн", "action": "search"}
    ).content.decode()
    assert f'value="{world.person.pk}"' in found and "Смирнова Ольга Ивановна" in found
    assert Appeal.all_records.count() == 0
    hidden = client_for(world.specialist2).post(
        "/cases/appeals/new/", {"person_search": "Смирн", "action": "search"}
    )
    assert "Смирнова Ольга Ивановна" not in hidden.content.decode()
    assert "никого не найдено" in hidden.content.decode()


def test_result_of_an_appeal_and_opening_a_case_from_it(world):
    appeal = take(world)
    client = client_for(world.specialist)
    card = client.get(f"/cases/appeals/{appeal.pk}/").content.decode()
    assert "Открыть случай" in card
    assert AccessLogEntry.objects.get().record_id == appeal.pk
    client.post(
        f"/cases/appeals/{appeal.pk}/result/",
        {"result": AppealResult.CONSULTED, "result_note": "", "version": 1},
    )
    appeal.refresh_from_db()
    assert appeal.result == AppealResult.CONSULTED
    form = client.get(f"/cases/appeals/{appeal.pk}/case/")
    assert form.status_code == 200
    opened = client.post(
        f"/cases/appeals/{appeal.pk}/case/",
        {
            "person": world.person.pk,
            "problem": "Нужна помощь в оформлении документов",
            "detected_on": "2025-05-14",
            "action": "save",
        },
    )
    case = Case.all_records.get()
    assert opened.status_code == 302 and opened["Location"] == f"/cases/{case.pk}/"
    assert case.appeal == appeal and case.appealed_on == TODAY


def test_opening_a_case_needs_a_person_or_a_family(world):
    response = client_for(world.specialist).post(
        "/cases/new/",
        {"unit": world.a.support.pk, "problem": "Проблема", "detected_on": "2025-05-14"},
    )
    assert response.status_code == 400
    assert "одно из двух" in response.content.decode()


def test_the_case_card_shows_steps_and_deadlines_with_their_basis_and_is_logged(world):
    case = open_case(world, appealed_on=D(2025, 4, 30))
    client = client_for(world.specialist)
    text = client.get(f"/cases/{case.pk}/").content.decode()
    assert "3 рабочих дня с 30.04.2025 — до 07.05.2025, п. 3.2.3" in text
    assert "5 рабочих дней с 30.04.2025 — до 13.05.2025, п. 3.2.7" in text
    # 8–11 May are days off: 12, 13 and 14 May late after 07.05, 14 May after 13.05
    assert "просрочен на 3 раб. дн." in text and "просрочен на 1 раб. дн." in text
    assert "проблема выявлена" in text
    entry = AccessLogEntry.objects.get()
    assert (entry.record_id, entry.channel, entry.person_id) == (case.pk, "ui", world.person.pk)


def test_recording_a_step_on_the_card(world):
    case = open_case(world)
    client = client_for(world.specialist)
    done = client.post(
        f"/cases/{case.pk}/steps/",
        {
            "kind": StepKind.INFORMATION_COLLECTED,
            "occurred_on": "2025-05-06",
            "note": "",
            "version": case.version,
        },
    )
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.stage == StepKind.INFORMATION_COLLECTED
    refused = client.post(
        f"/cases/{case.pk}/steps/",
        {
            "kind": StepKind.PROPOSALS_DRAFTED,
            "occurred_on": "2025-05-01",
            "note": "",
            "version": case.version,
        },
    )
    assert refused.status_code == 400
    assert "по порядку" in refused.content.decode()
    # A reload of the refused form's address shows the card with the form, not an error.
    reloaded = client.get(f"/cases/{case.pk}/steps/").content.decode()
    assert f'action="/cases/{case.pk}/steps/"' in reloaded and "Шаг" in reloaded


def test_the_case_list_filters(world):
    late = open_case(world)
    fresh = open_case(world, detected_on=TODAY, family=world.family, person=None)
    services.step_record(
        by=world.specialist, case=fresh, kind=StepKind.INFORMATION_COLLECTED, occurred_on=TODAY
    )
    client = client_for(world.head)
    every = client.get("/cases/").content.decode()
    assert f"№ {late.number}/" in every and f"№ {fresh.number}/" in every
    overdue = client.get("/cases/", {"overdue": "on"}).content.decode()
    assert f"/cases/{late.pk}/" in overdue and f"/cases/{fresh.pk}/" not in overdue
    stage = client.get("/cases/", {"stage": StepKind.INFORMATION_COLLECTED}).content.decode()
    assert f"/cases/{fresh.pk}/" in stage and f"/cases/{late.pk}/" not in stage
    mine = client.get("/cases/", {"specialist": world.specialist.user.pk}).content.decode()
    assert f"/cases/{late.pk}/" in mine
    other_district = client.get("/cases/", {"district": world.a.districts[1].pk}).content.decode()
    assert "Ничего не найдено" in other_district
    empty = client_for(world.other_head).get("/cases/").content.decode()
    assert "Случаев пока нет" in empty


@pytest.fixture
def records(world):
    appeal = take(world)
    case = open_case(world)
    return {"appeal": f"/cases/appeals/{appeal.pk}/", "case": f"/cases/{case.pk}/"}


@pytest.mark.parametrize("kind", ["appeal", "case"])
def test_every_outsider_gets_404_and_every_insider_sees(world, records, kind):
    for label, membership in world.outsiders.items():
        assert client_for(membership).get(records[kind]).status_code == 404, label
    for label, membership in world.insiders.items():
        assert client_for(membership).get(records[kind]).status_code == 200, label


def test_the_deadline_board_is_the_heads(world):
    open_case(world)
    board = client_for(world.head).get("/cases/board/")
    assert board.status_code == 200
    text = board.content.decode()
    assert "Просрочено" in text and str(world.specialist.user) in text
    assert client_for(world.specialist).get("/cases/board/").status_code == 403


def test_the_journal_is_paginated_and_refreshes_its_results_alone(world):
    for minute in range(51):
        take(world, at=moment(TODAY, 9, minute))
    client = client_for(world.head)
    first = client.get("/cases/appeals/").content.decode()
    assert "1 из 2" in first and "№ 51/2025" in first and "№ 1/2025<" not in first
    second = client.get("/cases/appeals/", {"page": 2}).content.decode()
    assert "№ 1/2025<" in second
    fragment = client.get(
        "/cases/appeals/", {"page": 2}, headers={"HX-Request": "true", "HX-Target": "results"}
    ).content.decode()
    assert fragment.lstrip().startswith('<div id="results">') and "№ 1/2025<" in fragment


def test_the_case_card_leads_to_its_plan_and_acts(world):
    from resurs.casework.cases.models import Act, ActKind

    case = open_case(world)
    act = Act.all_records.create(
        case=case,
        kind=ActKind.SOCIAL,
        year=2025,
        number=7,
        drawn_on=TODAY,
        address="г. Пыть-Ях",
        specialist=world.specialist.user,
        findings="Обследовано",
        conclusion="Нуждается",
    )
    text = client_for(world.specialist).get(f"/cases/{case.pk}/").content.decode()
    assert f'action="/plans/for-case/{case.pk}/"' in text
    assert f'href="/journals/cases/{case.pk}/acts/new/"' in text
    assert f'href="/journals/acts/{act.pk}/"' in text and "№ 7/2025" in text
    seen_by_uszn = client_for(world.uszn).get(f"/cases/{case.pk}/").content.decode()
    assert "Составить ИППСУ" not in seen_by_uszn and "Составить акт" not in seen_by_uszn
    assert "№ 7/2025" in seen_by_uszn


class Headings(HTMLParser):
    """The classes of the open <div>s around each <h2> of a page."""

    def __init__(self):
        super().__init__()
        self.divs: list[str] = []
        self.within: dict[str, list[str]] = {}
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "div":
            self.divs.append(dict(attrs).get("class") or "")
        elif tag == "h2":
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "div" and self.divs:
            self.divs.pop()
        elif tag == "h2" and self._heading is not None:
            self.within["".join(self._heading).strip()] = list(self.divs)
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def test_the_case_card_shows_its_two_columns_side_by_side(world):
    """Deadlines, the ИППСУ and the acts in one column, the steps in the other, both in one
    row (a stray </div> once closed the first column after the deadlines and the row)."""
    case = open_case(world)
    parser = Headings()
    parser.feed(client_for(world.specialist).get(f"/cases/{case.pk}/").content.decode())
    for heading in ("Сроки", "ИППСУ", "Акты", "Ход работы"):
        assert parser.within[heading][-2:] == ["row g-4", "col-lg-6"], heading
