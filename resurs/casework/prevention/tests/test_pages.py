"""Prevention pages: the list (filters, pagination, empty state, pinned queries), the form
with the person picker searching by POST, the card, who may see and change an event, and
the home-page warning of a quarter without an open day."""

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.casework.prevention import services
from resurs.casework.prevention.attention import items_for
from resurs.casework.prevention.models import EventKind, PreventiveEvent

pytestmark = pytest.mark.django_db


def test_the_empty_list_says_what_to_do(casework, login):
    page = login(casework.specialist).get(reverse("prevention:list")).content.decode()
    assert "Мероприятий пока нет." in page
    assert reverse("prevention:create") in page


def test_the_list_filters_by_kind_and_quarter(casework, event, login):
    client = login(casework.head)
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    listed = client.get(
        reverse("prevention:list"), {"kind": "preventive", "year": today.year, "quarter": quarter}
    ).content.decode()
    assert event.title in listed
    other = client.get(reverse("prevention:list"), {"kind": "open_day"}).content.decode()
    assert event.title not in other
    assert "Ничего не найдено." in other


@pytest.mark.parametrize("count", [1, 15])
def test_the_list_costs_the_same_for_any_length(
    casework, login, django_assert_max_num_queries, count
):
    for number in range(count):
        services.event_create(
            by=casework.head,
            unit=casework.a.support,
            kind=EventKind.PREVENTIVE,
            title=f"Беседа № {number}",
            held_on=timezone.localdate(),
            participants=[casework.person],
            organisations=[casework.uszn.organisation],
        )
    client = login(casework.head)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("prevention:list"))
    assert response.content.decode().count("Беседа №") == count


def test_the_list_is_paginated(casework, login):
    PreventiveEvent.objects.bulk_create(
        PreventiveEvent(
            unit=casework.a.support, kind=EventKind.PREVENTIVE, title=f"Беседа {n}",
            held_on=timezone.localdate(),
        )
        for n in range(55)
    )  # fmt: skip
    page = login(casework.head).get(reverse("prevention:list")).content.decode()
    assert "1 из 2" in page


def test_the_picker_searches_by_post_among_visible_persons_only(casework, login):
    url = reverse("prevention:person_search")
    assert login(casework.specialist).get(url).status_code == 405
    found = login(casework.specialist).post(url, {"person_q": "смирн"}).content.decode()
    assert "Смирнова Ольга Ивановна" in found
    hidden = login(casework.specialist2).post(url, {"person_q": "смирн"}).content.decode()
    assert "Смирнова" not in hidden
    assert "Никого не найдено" in hidden


def test_an_event_is_created_with_participants_and_shown(casework, login):
    client = login(casework.specialist)
    assert client.get(reverse("prevention:create") + "?kind=open_day").status_code == 200
    response = client.post(
        reverse("prevention:create"),
        {
            "unit": casework.a.support.pk,
            "kind": "open_day",
            "title": "День открытых дверей",
            "held_on": timezone.localdate().isoformat(),
            "other_participants": 15,
            "participants": [casework.person.pk],
            "organisations": [casework.uszn.organisation.pk],
        },
    )
    assert response.status_code == 302
    event = PreventiveEvent.objects.get()
    page = client.get(reverse("prevention:detail", args=[event.pk])).content.decode()
    assert "Смирнова Ольга Ивановна" in page
    assert "15" in page


def test_a_hidden_person_cannot_be_posted_as_a_participant(casework, login):
    response = login(casework.specialist2).post(
        reverse("prevention:create"),
        {
            "unit": casework.a.support.pk,
            "kind": "preventive",
            "title": "Беседа",
            "held_on": timezone.localdate().isoformat(),
            "other_participants": 0,
            "participants": [casework.person.pk],
        },
    )
    assert response.status_code == 400
    assert "недоступен" in response.content.decode()


def test_the_card_hides_participants_the_user_does_not_see(casework, event, login):
    page = (
        login(casework.specialist2)
        .get(reverse("prevention:detail", args=[event.pk]))
        .content.decode()
    )
    assert "Смирнова" not in page
    assert "и ещё 1" in page


def test_an_event_is_edited_with_its_version(casework, event, login):
    client = login(casework.head)
    url = reverse("prevention:edit", args=[event.pk])
    assert client.get(url).status_code == 200
    data = {
        "unit": casework.a.support.pk,
        "kind": "preventive",
        "title": "Беседа «Безопасная зима»",
        "held_on": event.held_on.isoformat(),
        "other_participants": 20,
        "participants": [casework.person.pk],
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.version) == ("Беседа «Безопасная зима»", 2)
    assert client.post(url, data).status_code == 400


def test_another_institution_gets_404_and_a_psychologist_cannot_edit(casework, event, login):
    for membership in (casework.other_head, casework.other_specialist, casework.other_uszn):
        client = login(membership)
        assert client.get(reverse("prevention:detail", args=[event.pk])).status_code == 404
        assert client.get(reverse("prevention:edit", args=[event.pk])).status_code == 404
        assert event.title not in client.get(reverse("prevention:list")).content.decode()
    psychologist = login(casework.psychologist)
    assert psychologist.get(reverse("prevention:edit", args=[event.pk])).status_code == 403


def test_the_home_page_warns_of_a_quarter_without_an_open_day(casework):
    (item,) = items_for(casework.head.scope)
    quarter = (timezone.localdate().month - 1) // 3 + 1
    assert item.title == f"В {quarter} квартале не проведён день открытых дверей"
    assert len(items_for(casework.provider.scope)) == 1
    assert items_for(casework.specialist.scope) == []
    services.event_create(
        by=casework.head,
        unit=casework.a.support,
        kind=EventKind.OPEN_DAY,
        title="День открытых дверей",
        held_on=timezone.localdate(),
    )
    assert items_for(casework.head.scope) == []
    assert items_for(casework.provider.scope) == []


def test_the_menu_leads_staff_to_the_events_and_the_incoming_referrals(casework, login):
    page = login(casework.head).get(reverse("prevention:list")).content.decode()
    assert reverse("prevention:list") in page
    assert reverse("plans:incoming") in page
    provider = login(casework.provider).get(reverse("prevention:list")).content.decode()
    assert reverse("plans:incoming") not in provider
