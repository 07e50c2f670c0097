"""Events pages (EVT-1): list with filters and htmx, export, month calendar, create and edit,
participants."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from resurs.coordination.events.models import Event, EventKind, EventState, Participation
from resurs.coordination.events.tests.helpers import local, make_event
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rc():
    organisation = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ Сургут")
    rc_status(organisation, number=2)
    return member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))


def body(response) -> str:
    return response.content.decode()


# --- list ------------------------------------------------------------------------------------


def test_list_searches_topics_case_insensitively_in_cyrillic(rc, login):
    make_event(rc.organisation, topic="Ресоциализация освободившихся", direction=direction(2))
    make_event(rc.organisation, topic="Волонтёрство в соцзащите", direction=direction(2))
    page = body(login(rc).get(reverse("events:list"), {"q": "РЕСОЦИАЛИЗАЦИЯ"}))
    assert "Ресоциализация освободившихся" in page
    assert "Волонтёрство" not in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "mo_meeting"}, {"Тема-МО"}),
        ({"format": "online"}, {"Тема-онлайн"}),
        ({"state": "held"}, {"Тема-МО", "Тема-онлайн"}),
        ({"direction": "8"}, {"Тема-8"}),
        ({"date_from": "2026-03-01", "date_to": "2026-03-31"}, {"Тема-МО"}),
        ({"date_from": "2026-04-01"}, {"Тема-онлайн", "Тема-май"}),
    ],
)
def test_list_filters(rc, login, params, expected):
    org = rc.organisation
    make_event(org, topic="Тема-МО", kind=EventKind.MO_MEETING, direction=direction(2),
               start=local(2026, 3, 20, 10), state=EventState.HELD)  # fmt: skip
    make_event(org, topic="Тема-онлайн", kind=EventKind.WEBINAR, direction=direction(2),
               format="online", link="https://example.org/w", place="",
               start=local(2026, 4, 2, 10), state=EventState.HELD)  # fmt: skip
    make_event(org, topic="Тема-май", direction=direction(2), start=local(2026, 5, 5, 10))
    make_event(org, topic="Тема-8", direction=direction(8), start=local(2026, 1, 5))
    page = body(login(rc).get(reverse("events:list"), params))
    shown = {t for t in ("Тема-МО", "Тема-онлайн", "Тема-май", "Тема-8") if t in page}
    assert shown == expected


def test_list_filters_by_organiser(rc, login):
    other_rc = OrganisationFactory(short_name="РЦ Нягань")
    rc_status(other_rc, number=2)
    make_event(rc.organisation, topic="Своё", direction=direction(2))
    make_event(other_rc, topic="Соседа", direction=direction(2))
    page = body(login(rc).get(reverse("events:list"), {"organiser": other_rc.pk}))
    assert "Соседа" in page and "Своё" not in page


def test_list_htmx_request_returns_only_the_results_fragment(rc, login):
    response = login(rc).get(
        reverse("events:list"), headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert body(response).lstrip().startswith('<div id="results">')
    assert "<html" not in body(response)


def test_empty_list_says_what_to_do(rc, login):
    assert "Добавить мероприятие" in body(login(rc).get(reverse("events:list")))


def test_list_query_count_does_not_grow_with_rows(rc, login, django_assert_max_num_queries):
    client = login(rc)
    other = OrganisationFactory()
    for n in range(3):
        make_event(other if n % 2 else rc.organisation, direction=direction(2), topic=f"С {n}")
    client.get(reverse("events:list"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("events:list"))
    for n in range(60):
        make_event(OrganisationFactory(), direction=direction(2), topic=f"Ещё {n}")
    with django_assert_max_num_queries(10) as large:
        response = client.get(reverse("events:list"))
    assert "Ещё 59" in body(response)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_export_is_a_workbook_of_the_filtered_rows_in_local_time(rc, login):
    make_event(rc.organisation, topic="Для выгрузки", start=local(2026, 3, 10, 10))
    make_event(rc.organisation, topic="Не попадёт", kind=EventKind.FORUM)
    response = login(rc).get(reverse("events:export"), {"kind": "seminar"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Начало", "Окончание", "Вид", "Тема")
    assert len(rows) == 2
    assert rows[1][3] == "Для выгрузки"
    assert rows[1][0].strftime("%d.%m.%Y %H:%M") == "10.03.2026 10:00"


# --- calendar --------------------------------------------------------------------------------


def test_calendar_shows_the_month_with_events_on_their_days(rc, login):
    make_event(rc.organisation, topic="Стажировка трёхдневная", kind=EventKind.INTERNSHIP,
               start=local(2026, 3, 10, 9), hours=56)  # fmt: skip
    make_event(rc.organisation, topic="Апрельское", start=local(2026, 4, 20, 9))
    page = body(login(rc).get(reverse("events:calendar"), {"month": "2026-03"}))
    assert "Март 2026" in page
    assert page.count("Стажировка трёхдневная") == 3  # 10, 11 and 12 March
    assert "Апрельское" not in page
    assert "?month=2026-02" in page and "?month=2026-04" in page


def test_calendar_filters_and_links_a_busy_day_to_the_list(rc, login):
    for n in range(6):
        make_event(rc.organisation, topic=f"Семинар {n}", start=local(2026, 3, 10, 9 + n))
    make_event(rc.organisation, topic="Большой форум", kind=EventKind.FORUM,
               start=local(2026, 3, 11))  # fmt: skip
    client = login(rc)
    page = body(client.get(reverse("events:calendar"), {"month": "2026-03", "kind": "seminar"}))
    assert "Большой форум" not in page
    assert "ещё 2" in page
    assert "date_from=2026-03-10&amp;date_to=2026-03-10" in page


def test_calendar_htmx_fragment_and_bad_month(rc, login):
    client = login(rc)
    fragment = client.get(
        reverse("events:calendar"), {"month": "2026-03"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )  # fmt: skip
    assert body(fragment).lstrip().startswith('<div id="results">')
    bad = body(client.get(reverse("events:calendar"), {"month": "март"}))
    assert "Укажите месяц в виде ГГГГ-ММ." in bad


def test_calendar_query_count_is_fixed(rc, login, django_assert_max_num_queries):
    client = login(rc)
    make_event(rc.organisation, start=local(2026, 3, 3, 10))
    client.get(reverse("events:calendar"), {"month": "2026-03"})
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("events:calendar"), {"month": "2026-03"})
    for day in range(1, 29):
        make_event(OrganisationFactory(), direction=direction(2), start=local(2026, 3, day, 10))
    with django_assert_max_num_queries(10) as large:
        client.get(reverse("events:calendar"), {"month": "2026-03"})
    assert len(large.captured_queries) == len(small.captured_queries)


# --- create, edit, card ----------------------------------------------------------------------

FORM = {
    "kind": "mo_meeting",
    "topic": "Заседание методического объединения",
    "direction": "2",
    "format": "mixed",
    "starts_at": "2026-03-20T10:00",
    "ends_at": "2026-03-20T12:00",
    "place": "г. Сургут",
    "link": "https://example.org/mo",
    "state": "planned",
}


def test_rc_creates_an_event_of_its_own_in_local_time(rc, login):
    response = login(rc).post(reverse("events:create"), FORM)
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.organiser == rc.organisation
    assert event.starts_at == local(2026, 3, 20, 10)
    assert event.created_by == rc.user


def test_form_errors_are_in_russian_next_to_the_fields(rc, login):
    data = {**FORM, "ends_at": "2026-03-20T09:00", "format": "online", "link": ""}
    response = login(rc).post(reverse("events:create"), data)
    assert response.status_code == 400
    page = body(response)
    assert "Окончание раньше начала." in page
    assert "Для онлайн-мероприятия укажите ссылку." in page
    assert not Event.objects.exists()


def test_an_event_cannot_be_marked_held_before_it_starts(rc, login):
    data = {**FORM, "starts_at": "2099-01-01T10:00", "ends_at": "2099-01-01T12:00",
            "state": "held"}  # fmt: skip
    assert "ещё не началось" in body(login(rc).post(reverse("events:create"), data))


def test_the_department_chooses_the_organiser(rc, login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    assert 'name="organiser"' in body(client.get(reverse("events:create")))
    client.post(reverse("events:create"), {**FORM, "organiser": rc.organisation.pk})
    assert Event.objects.get().organiser == rc.organisation


def test_edit_keeps_concurrent_changes(rc, login):
    event = make_event(rc.organisation, direction=direction(2))
    client = login(rc)
    data = {**FORM, "topic": "Новая тема", "version": event.version}
    assert client.post(reverse("events:edit", args=[event.pk]), data).status_code == 302
    stale = client.post(reverse("events:edit", args=[event.pk]), {**data, "topic": "Поздно"})
    assert "другой пользователь" in body(stale)
    event.refresh_from_db()
    assert event.topic == "Новая тема"
    history = body(client.get(event.get_absolute_url(), {"tab": "history"}))
    assert "Новая тема" in history


def test_others_cannot_edit_and_see_no_buttons(rc, login):
    event = make_event(rc.organisation, direction=direction(2))
    neighbour = member(Role.RESOURCE_CENTRE, OrganisationFactory(), direction=direction(2))
    client = login(neighbour)
    assert client.get(event.get_absolute_url()).status_code == 200
    assert reverse("events:edit", args=[event.pk]) not in body(client.get(event.get_absolute_url()))
    assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403
    assert "history" not in body(client.get(event.get_absolute_url()))


def test_specialists_record_consultations_but_not_events(login):
    specialist = member(Role.SPECIALIST)
    client = login(specialist)
    assert client.get(reverse("events:create")).status_code == 403
    assert client.get(reverse("events:consultation_create")).status_code == 200


def test_card_tab_htmx_fragment(rc, login):
    event = make_event(rc.organisation)
    response = login(rc).get(
        event.get_absolute_url(), {"tab": "materials"},
        headers={"HX-Request": "true", "HX-Target": "card-tab"},
    )  # fmt: skip
    assert body(response).lstrip().startswith('<section id="card-tab">')


# --- participants ----------------------------------------------------------------------------


def test_participants_are_added_as_people_and_organisations(rc, login):
    event = make_event(rc.organisation, state=EventState.HELD)
    partner = OrganisationFactory(territory=territory("Сургут"), short_name="КЦСОН Партнёр")
    partner.directions.add(direction(2))
    client = login(rc)
    client.post(
        reverse("events:add_person", args=[event.pk]),
        {"person_name": "Орлова Светлана", "position": "психолог", "organisation_name":
         "МБДОУ «Детский сад № 5»", "contact": "+7 900 000-00-00", "status": "attended"},
    )  # fmt: skip
    client.post(
        reverse("events:add_organisation", args=[event.pk]),
        {"organisation": partner.pk, "status": "attended"},
    )
    twice = client.post(
        reverse("events:add_organisation", args=[event.pk]),
        {"organisation": partner.pk, "status": "registered"},
    )
    assert "Эта организация уже в списке участников." in body(twice)
    page = body(client.get(event.get_absolute_url(), {"tab": "participants"}))
    assert "Орлова Светлана" in page and "МБДОУ «Детский сад № 5»" in page
    assert "КЦСОН Партнёр" in page
    assert Participation.objects.filter(event=event).count() == 2


def test_the_trail_does_not_keep_a_participants_contact(rc, login):
    from resurs.kernel.audit.models import AuditEntry

    event = make_event(rc.organisation)
    login(rc).post(
        reverse("events:add_person", args=[event.pk]),
        {"person_name": "Орлова Светлана", "contact": "+7 900 000-00-00", "status": "registered"},
    )
    entry = AuditEntry.objects.get(content_type__model="participation")
    assert entry.changes["contact"] == [None, "указан"]


def test_status_change_without_htmx_redirects_back(rc, login):
    event = make_event(rc.organisation, state=EventState.HELD)
    participation = Participation.objects.create(event=event, person_name="Орлова Светлана")
    response = login(rc).post(
        reverse("events:participation_status", args=[participation.pk]), {"status": "absent"}
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.status == "absent"


def test_removing_a_participant(rc, login):
    event = make_event(rc.organisation)
    participation = Participation.objects.create(event=event, person_name="Орлова Светлана")
    login(rc).post(reverse("events:participation_remove", args=[participation.pk]))
    assert not Participation.objects.exists()


def test_event_materials_are_uploaded_by_the_organiser_only(rc, login):
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = make_event(rc.organisation, direction=direction(2))
    url = reverse(
        "attachments:upload", args=[ContentType.objects.get_for_model(Event).pk, event.pk]
    )
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    client = login(rc)
    client.post(url, {"file": SimpleUploadedFile("programma.pdf", pdf), "title": "Программа"})
    assert "Программа" in body(client.get(event.get_absolute_url(), {"tab": "materials"}))
    neighbour = member(Role.RESOURCE_CENTRE, OrganisationFactory(), direction=direction(2))
    refused = login(neighbour).post(url, {"file": SimpleUploadedFile("x.pdf", pdf)})
    assert refused.status_code == 403


def test_breadcrumb_cuts_a_long_topic_at_a_word_with_an_ellipsis(world, login):
    import re

    event = world["event"]
    event.topic = (
        "Информационно-дискуссионная площадка по обобщению опыта специалистов, реализующих "
        "технологии ранней помощи"
    )
    event.save()
    body = login(world["rc"]).get(event.get_absolute_url()).content.decode()
    crumb = re.search(r'<li class="breadcrumb-item active"[^>]*>([^<]*)</li>', body).group(1)
    assert crumb.endswith("…")
    assert len(crumb) <= 60
    assert event.topic.startswith(crumb[:-1])
    assert event.topic[len(crumb) - 1] == " "  # the cut falls between words
