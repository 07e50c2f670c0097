"""The department's journals (SOC-8; 002 §5.1): pages with filters and pagination, printed
to XLSX and PDF with numbered pages; scoped reads; one access-log entry per exported
record."""

import datetime
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from conftest import client_for
from resurs.casework.cases.models import Appeal, Channel
from resurs.casework.citizens.models import (
    AccessLogEntry,
    PersonalFile,
    SocialPassport,
    TargetGroup,
    TargetGroupMembership,
)
from resurs.casework.conftest import make_person
from resurs.casework.journals.catalogue import JOURNALS
from resurs.casework.journals.tests.conftest import draw, make_case
from resurs.kernel.contributions import menu_items
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

# The text every journal shows for the record of district 1 (Смирнова Ольга Ивановна).
DISTRICT_1 = "Смирнова Ольга Ивановна"


@pytest.fixture
def filled(world):
    """One record of every journal in district 1 and one in district 2."""
    w = world
    draw(w, w.case)
    draw(w, w.case2, by=w.specialist2)
    for number, person in ((1, w.person), (2, w.man)):
        Appeal.all_records.create(
            organisation=w.a.organisation,
            unit=w.a.support,
            year=2025,
            number=number,
            received_at=datetime.datetime(2025, 4, 29, 10, 15, tzinfo=datetime.UTC),
            channel=Channel.PHONE,
            person=person,
            subject="Просит помочь с пособием",
            taken_by=w.specialist.user,
        )
        PersonalFile.all_records.create(
            person=person,
            unit=w.a.support,
            number=f"ЛД-{number}",
            opened_on=datetime.date(2025, 5, 1),
        )
        for edition, day in ((1, datetime.date(2024, 1, 10)), (2, datetime.date(2024, 9, 1))):
            SocialPassport.all_records.create(
                person=person, edition=edition, compiled_on=day, author=w.specialist.user
            )
    group = TargetGroup.objects.filter(derived=False, applies_to="person").first()
    TargetGroupMembership.all_records.create(
        person=w.person, group=group, starts_on=datetime.date(2025, 1, 1)
    )
    Appeal.all_records.create(
        organisation=w.a.organisation,
        unit=w.a.support,
        year=2025,
        number=3,
        received_at=datetime.datetime(2025, 4, 30, 9, 0, tzinfo=datetime.UTC),
        channel=Channel.WRITTEN,
        is_anonymous=True,
        subject="Сообщает о ребёнке без присмотра",
        taken_by=w.specialist.user,
    )
    w.group = group
    return w


def test_the_index_lists_the_journals(filled):
    response = client_for(filled.specialist).get("/journals/")
    assert response.status_code == 200
    for journal in JOURNALS.values():
        assert journal.title in response.content.decode()


@pytest.mark.parametrize("key", list(JOURNALS))
def test_insiders_see_district_1(filled, key):
    for label, membership in filled.insiders.items():
        response = client_for(membership).get(f"/journals/{key}/")
        assert response.status_code == 200, (label, key)
        assert DISTRICT_1 in response.content.decode(), (label, key)


@pytest.mark.parametrize("key", list(JOURNALS))
def test_outsiders_see_no_row_of_district_1(filled, key):
    for label, membership in filled.outsiders.items():
        client = client_for(membership)
        for url in (f"/journals/{key}/", f"/journals/{key}/xlsx/"):
            response = client.get(url)
            assert response.status_code in {200, 404}, (label, url)
            if response.status_code == 200 and url.endswith("xlsx/"):
                sheet = load_workbook(BytesIO(response.content)).active
                cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
                assert DISTRICT_1 not in cells, (label, url)
            elif response.status_code == 200:
                assert DISTRICT_1 not in response.content.decode(), (label, url)
    assert not AccessLogEntry.objects.filter(person=filled.person).exists()


def test_the_second_specialist_sees_only_district_2(filled):
    content = client_for(filled.specialist2).get("/journals/data-bank/").content.decode()
    assert "Черных Илья Петрович" in content and DISTRICT_1 not in content


def test_the_registry_shows_target_groups_and_the_older_citizen(filled):
    content = client_for(filled.head).get("/journals/registry/").content.decode()
    older = TargetGroup.objects.get(derived=True).name
    assert filled.group.name in content and older in content
    assert "Иванова Ольга Николаевна" in content


def test_the_appeals_journal_keeps_the_anonymous_nameless(filled):
    content = client_for(filled.specialist).get("/journals/appeals/").content.decode()
    assert "анонимно" in content and "Сообщает о ребёнке без присмотра" in content
    assert "3/2025" in content and "по телефону" in content


def test_social_passports_show_the_latest_edition_and_outdated(filled):
    content = client_for(filled.head).get("/journals/social-passports/").content.decode()
    assert "устарел" in content
    assert content.count(DISTRICT_1) == 1


def test_filters_narrow_the_journal(filled):
    client = client_for(filled.head)
    district_2 = filled.a.districts[1].pk
    content = client.get(f"/journals/data-bank/?district={district_2}").content.decode()
    assert "Черных" in content and DISTRICT_1 not in content
    empty = client.get("/journals/acts/?date_from=2025-06-01").content.decode()
    assert "Ничего не найдено" in empty
    wrong = client.get("/journals/acts/?date_from=2025-06-01&date_to=2025-05-01")
    assert "Фильтры не применены" in wrong.content.decode()


def test_an_empty_journal_says_what_to_do(world):
    content = client_for(world.head).get("/journals/personal-files/").content.decode()
    assert "Записей пока нет" in content and "Личные дела заводятся" in content


def test_an_unknown_journal_is_404(world):
    assert client_for(world.head).get("/journals/nothing/").status_code == 404


def test_the_xlsx_is_the_seeds_layout_with_numbered_pages(filled):
    response = client_for(filled.head).get("/journals/appeals/xlsx/?date_from=2025-04-01")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Журнал учета обращений граждан"
    header = next(row for row in rows if row[0] == "№ п/п")
    assert header[1:8] == [
        "Номер",
        "Дата и время",
        "Форма обращения",
        "ФИО гражданина",
        "Суть обращения",
        "Принял",
        "Результат",
    ]
    body = rows[rows.index(header) + 1 :]
    assert [row[0] for row in body] == [1, 2, 3]
    assert body[2][4] == "анонимно"
    assert any(row[0] == "Период с" and "01.04.2025" in row for row in rows)
    assert sheet.oddFooter.center.text == "Страница &P из &N"
    assert sheet.page_setup.orientation == "landscape"
    # One access-log entry per exported record, with the export channel.
    entries = AccessLogEntry.objects.filter(channel="export")
    assert entries.count() == 3
    assert set(entries.values_list("record_id", flat=True)) == set(
        Appeal.all_records.values_list("pk", flat=True)
    )


def test_the_pdf_fits_the_columns_and_numbers_the_pages(filled):
    for number in range(3, 80):
        make_case(filled, person=filled.person, number=number)
    response = client_for(filled.head).get("/journals/registry/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Журнал учета семей, отдельных категорий граждан" in text
    assert "Снят с учета" in text and "Дата постановки на учет" in text
    assert "1 / " in text and "2 / " in text
    assert AccessLogEntry.objects.filter(channel="export").count() == 79


@pytest.mark.parametrize("key", list(JOURNALS))
def test_queries_do_not_grow_with_the_rows(filled, key, django_assert_max_num_queries):
    client = client_for(filled.head)
    client.get(f"/journals/{key}/")  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/journals/{key}/").status_code == 200
    for number in range(10, 60):
        person = make_person(
            filled.a.support, filled.a.districts[0], filled.specialist.user, last_name=f"Ф{number}"
        )
        SocialPassport.all_records.create(
            person=person, edition=1, compiled_on=datetime.date(2025, 1, 1)
        )
        case = make_case(filled, person=person, number=number)
        draw(filled, case)
        Appeal.all_records.create(
            organisation=filled.a.organisation,
            unit=filled.a.support,
            year=2025,
            number=number,
            received_at=datetime.datetime(2025, 4, 29, 10, 15, tzinfo=datetime.UTC),
            channel=Channel.PHONE,
            person=person,
            subject="Ещё обращение",
            taken_by=filled.specialist.user,
        )
        PersonalFile.all_records.create(
            person=person,
            unit=filled.a.support,
            number=f"ЛД-{number}",
            opened_on=datetime.date(2025, 5, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/journals/{key}/").status_code == 200


def test_the_menu_offers_the_journals_to_the_staff(world):
    item = next(i for i in menu_items() if i.url_name == "journals:index")
    assert item.section == "casework"
    assert [item.shown_to(m.role) for m in (world.head, world.specialist, world.provider)] == [
        True
    ] * 3
    assert not item.shown_to(world.rc.role) and not item.shown_to(world.department.role)
