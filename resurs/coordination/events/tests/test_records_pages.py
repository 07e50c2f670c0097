"""Consultations (EVT-3), media plans and publications (EVT-4) through the UI."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from resurs.coordination.events.models import Consultation, MediaPlanItem, Publication
from resurs.coordination.events.tests.helpers import (
    make_consultation,
    make_item,
    make_plan,
    make_publication,
)
from resurs.kernel.accounts.roles import Role
from tests.factories import (
    OrganisationFactory,
    appointment,
    direction,
    member,
    rc_status,
    territory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def rc():
    organisation = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ Сургут")
    rc_status(organisation, number=2)
    return member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))


@pytest.fixture
def partner():
    organisation = OrganisationFactory(territory=territory("Сургут"), short_name="АНО «Забота»")
    organisation.directions.add(direction(2))
    return organisation


def body(response) -> str:
    return response.content.decode()


# --- consultations ---------------------------------------------------------------------------


def test_rc_records_a_consultation_of_organisations(rc, partner, login):
    client = login(rc)
    data = {
        "held_on": "2026-03-12",
        "audience": "organisations",
        "people_count": "2",
        "form": "group",
        "mode": "remote",
        "topic": "Порядок предоставления социальных услуг",
        "direction": "2",
    }
    missing = client.post(reverse("events:consultation_create"), data)
    assert "Укажите организации" in body(missing)
    response = client.post(
        reverse("events:consultation_create"), {**data, "consulted_organisations": [partner.pk]}
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert consultation.organisation == rc.organisation
    assert list(consultation.consulted_organisations.all()) == [partner]
    card = body(client.get(consultation.get_absolute_url()))
    assert "АНО «Забота»" in card and "История изменений" in card


def test_a_group_consultation_needs_two_people(rc, login):
    response = login(rc).post(
        reverse("events:consultation_create"),
        {"held_on": "2026-03-12", "audience": "families", "people_count": "1", "form": "group",
         "mode": "in_person", "topic": "Адаптация к детскому саду"},
    )  # fmt: skip
    assert "не менее двух человек" in body(response)


def test_consultation_list_filters_and_export(rc, partner, login):
    make_consultation(rc.organisation, [partner], direction=direction(2), topic="Тема для орг")
    make_consultation(
        rc.organisation, [], direction=direction(2), audience="families", topic="Тема для семьи"
    )
    client = login(rc)
    page = body(client.get(reverse("events:consultation_list"), {"audience": "families"}))
    assert "Тема для семьи" in page and "Тема для орг" not in page
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("events:consultation_export")).content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Дата"
    assert {r[6] for r in rows[1:]} == {"Тема для орг", "Тема для семьи"}
    assert "АНО «Забота»" in {r[2] for r in rows[1:]}


def test_consultation_list_query_count_is_fixed(rc, login, django_assert_max_num_queries):
    client = login(rc)
    make_consultation(rc.organisation, [OrganisationFactory()], direction=direction(2))
    client.get(reverse("events:consultation_list"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("events:consultation_list"))
    for _ in range(60):
        make_consultation(
            rc.organisation, [OrganisationFactory(), OrganisationFactory()], direction=direction(2)
        )
    with django_assert_max_num_queries(10) as large:
        client.get(reverse("events:consultation_list"))
    assert len(large.captured_queries) == len(small.captured_queries)


# --- media plans -----------------------------------------------------------------------------


def test_media_plan_items_show_fulfilled_overdue_and_planned(rc, login, freeze):
    freeze(2026, 6, 15, 12)
    plan = make_plan(rc.organisation, direction=direction(2))
    done = make_item(plan, 1, topic="Статья в газете", deadline=datetime.date(2026, 3, 31))
    make_item(plan, 2, topic="Телерепортаж", deadline=datetime.date(2026, 5, 31))
    make_item(plan, 3, topic="Прямой эфир", deadline=datetime.date(2026, 9, 30))
    make_publication(rc.organisation, plan_item=done, title="Вышла статья")
    client = login(rc)
    rows = body(client.get(plan.get_absolute_url())).split('id="item-')[1:]
    assert "выполнено" in rows[0] and "Вышла статья" in rows[0]
    assert "просрочено" in rows[1]
    assert "запланировано" in rows[2]
    listing = body(client.get(reverse("events:media_plan_list")))
    assert 'text-bg-danger">1</span>' in listing


def test_rc_creates_a_plan_adds_an_item_and_fulfils_it_with_a_publication(rc, login, freeze):
    freeze(2026, 3, 1, 12)
    head = appointment(rc.organisation, person_name="Тур Наталья Владимировна")
    client = login(rc)
    client.post(reverse("events:media_plan_create"), {"title": "Медиаплан", "year": "2026"})
    plan = rc.organisation.media_plans.get()
    client.post(
        reverse("events:item_create", args=[plan.pk]),
        {"topic": "Статья о ресурсном центре", "channel": "newspaper",
         "timeframe": "1 квартал 2026 года", "deadline": "2026-03-31",
         "responsible_appointment": head.pk},
    )  # fmt: skip
    item = MediaPlanItem.objects.get()
    assert item.number == 1 and item.responsible_appointment == head
    form = body(client.get(reverse("events:publication_create"), {"plan_item": item.pk}))
    assert f'<option value="{item.pk}" selected>' in form
    response = client.post(
        reverse("events:publication_create"),
        {"channel": "newspaper", "published_on": "2026-02-20", "title": "Статья вышла",
         "outlet": "районная газета", "plan_item": item.pk},
    )  # fmt: skip
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert publication.is_mass_media  # a newspaper is mass media unless said otherwise
    assert publication.plan_item == item
    assert "выполнено" in body(client.get(plan.get_absolute_url()))


def test_an_item_needs_a_responsible(rc, login):
    plan = make_plan(rc.organisation)
    response = login(rc).post(
        reverse("events:item_create", args=[plan.pk]),
        {"topic": "Статья", "deadline": "2026-03-31"},
    )
    assert "Укажите ответственного" in body(response)


def test_media_plan_list_query_count_is_fixed(rc, login, django_assert_max_num_queries):
    client = login(rc)
    make_item(make_plan(rc.organisation))
    client.get(reverse("events:media_plan_list"))
    with django_assert_max_num_queries(9) as small:
        client.get(reverse("events:media_plan_list"))
    for year in range(2000, 2060):
        plan = make_plan(rc.organisation, year=year)
        make_publication(rc.organisation, plan_item=make_item(plan))
    with django_assert_max_num_queries(9) as large:
        client.get(reverse("events:media_plan_list"))
    assert len(large.captured_queries) == len(small.captured_queries)


# --- publications ----------------------------------------------------------------------------


def test_publication_list_filters_mass_media_and_exports(rc, login):
    make_publication(rc.organisation, title="Газетная статья")
    make_publication(rc.organisation, title="Пост в сети", channel="social", is_mass_media=False)
    client = login(rc)
    page = body(client.get(reverse("events:publication_list"), {"mass_media": "no"}))
    assert "Пост в сети" in page and "Газетная статья" not in page
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("events:publication_export"), {"mass_media": "yes"}).content)
    ).active
    assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["Газетная статья"]


def test_a_future_publication_date_is_refused(rc, login):
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = login(rc).post(
        reverse("events:publication_create"),
        {"channel": "website", "published_on": future, "title": "Анонс"},
    )
    assert "ещё не наступила" in body(response)


def test_publication_list_query_count_is_fixed(rc, login, django_assert_max_num_queries):
    client = login(rc)
    plan = make_plan(rc.organisation)
    make_publication(rc.organisation, plan_item=make_item(plan))
    client.get(reverse("events:publication_list"))
    with django_assert_max_num_queries(9) as small:
        client.get(reverse("events:publication_list"))
    for n in range(60):
        make_publication(rc.organisation, plan_item=make_item(plan, n + 2))
    with django_assert_max_num_queries(9) as large:
        client.get(reverse("events:publication_list"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_training_page_query_count_is_fixed(rc, login, django_assert_max_num_queries):
    from resurs.coordination.events.models import Nomination
    from resurs.coordination.events.tests.helpers import local, make_event

    provider = member(Role.PROVIDER)
    client = login(provider)

    def add(n):
        for i in range(n):
            event = make_event(
                rc.organisation, direction=direction(2), nominations_open=True,
                start=local(2099, 1, 1 + i % 28, 10),
            )  # fmt: skip
            Nomination.objects.create(
                event=event, organisation=provider.organisation, person_name=f"Сотрудник {i}",
                position="психолог",
            )  # fmt: skip

    add(2)
    client.get(reverse("events:training"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("events:training"))
    add(40)
    with django_assert_max_num_queries(10) as large:
        page = body(client.get(reverse("events:training")))
    assert "Сотрудник 39" in page
    assert len(large.captured_queries) == len(small.captured_queries)
