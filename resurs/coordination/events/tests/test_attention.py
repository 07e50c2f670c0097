"""The RC's home page: missing regular events (003:3.2.2, 003 roadmap item 14), events to mark
held, nominations to decide."""

import datetime

import pytest

from resurs.coordination.events import attention, services
from resurs.coordination.events.models import EventKind, EventState, Nomination
from resurs.coordination.events.tests.helpers import local, make_event
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db

MO_Q4 = "Не проведено заседание методического объединения: IV квартал 2026 года"
MO_Q3 = "Не проведено заседание методического объединения: III квартал 2026 года"
OPEN_H2 = "Не проведён день открытых дверей: II полугодие 2026 года"
OPEN_H1 = "Не проведён день открытых дверей: I полугодие 2026 года"


@pytest.fixture
def rc(freeze):
    """An RC of direction 2 (status since 2024); today is 20.11.2026: Q4, second half-year."""
    freeze(2026, 11, 20, 12)
    organisation = OrganisationFactory(territory=territory("Сургут"))
    rc_status(organisation, number=2)
    return member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))


def titles(membership) -> list[str]:
    return [item.title for item in attention.items_for(Scope.of(membership))]


def held(membership, kind, start):
    return make_event(
        membership.organisation,
        kind=kind,
        direction=direction(2),
        start=start,
        state=EventState.HELD,
    )


def test_every_missing_period_is_listed_when_nothing_was_held(rc):
    assert titles(rc) == [MO_Q4, MO_Q3, OPEN_H2, OPEN_H1]


def test_a_quarter_without_a_meeting_appears_and_disappears_once_one_is_recorded(rc):
    held(rc, EventKind.MO_MEETING, local(2026, 8, 20, 10))
    held(rc, EventKind.OPEN_DAY, local(2026, 4, 16, 10))
    held(rc, EventKind.OPEN_DAY, local(2026, 10, 8, 10))
    assert titles(rc) == [MO_Q4]
    services.event_create(
        by=rc,
        organiser=rc.organisation,
        direction=direction(2),
        kind=EventKind.MO_MEETING,
        topic="Заседание методического объединения",
        starts_at=local(2026, 11, 19, 10),
        ends_at=local(2026, 11, 19, 12),
        place="г. Сургут",
        state=EventState.HELD,
    )
    assert titles(rc) == []


def test_a_planned_meeting_is_named_but_does_not_count_as_held(rc):
    make_event(
        rc.organisation,
        kind=EventKind.MO_MEETING,
        direction=direction(2),
        start=local(2026, 12, 10, 10),
    )
    items = {item.title: item for item in attention.items_for(Scope.of(rc))}
    assert "Запланировано на 10.12.2026" in items[MO_Q4].detail
    assert "kind=mo_meeting" in items[MO_Q4].url


def test_meetings_of_other_organisations_or_directions_do_not_count(rc):
    make_event(
        OrganisationFactory(), kind=EventKind.MO_MEETING, direction=direction(2),
        start=local(2026, 11, 2, 10), state=EventState.HELD,
    )  # fmt: skip
    make_event(
        rc.organisation, kind=EventKind.MO_MEETING, direction=direction(8),
        start=local(2026, 11, 3, 10), state=EventState.HELD,
    )  # fmt: skip
    assert MO_Q4 in titles(rc)


def test_periods_before_the_status_ask_nothing(freeze):
    freeze(2026, 11, 20, 12)
    organisation = OrganisationFactory()
    rc_status(organisation, number=2, valid_from=datetime.date(2026, 10, 1))
    membership = member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))
    assert titles(membership) == [MO_Q4, OPEN_H2]


def test_only_resource_centres_are_asked_for_regular_events(rc):
    provider = member(Role.PROVIDER, rc.organisation)
    assert MO_Q4 not in titles(provider)
    assert titles(member(Role.DEPARTMENT)) == []


def test_past_planned_events_and_waiting_nominations_are_listed(rc):
    past = make_event(rc.organisation, direction=direction(2), start=local(2026, 11, 1, 10))
    Nomination.objects.create(
        event=past, organisation=OrganisationFactory(), person_name="Иванов", position="юрист"
    )
    found = titles(rc)
    assert "Мероприятия прошли, но не отмечены проведёнными: 1" in found
    assert "Заявки на обучение ждут решения: 1" in found


def test_the_home_page_shows_the_warning_in_a_fixed_number_of_queries(
    rc, login, django_assert_max_num_queries
):
    client = login(rc)
    client.get("/")
    with django_assert_max_num_queries(5):
        items = attention.items_for(Scope.of(rc))
    assert len(items) == 4
    assert MO_Q4 in client.get("/").content.decode()


def test_regular_event_warnings_cite_the_regulation_in_words(rc):
    """Issue 12, item 5: the home page names the regulation, never a seed's internal code."""
    details = [item.detail for item in attention.items_for(Scope.of(rc))]
    assert details and all("Основание: " in detail for detail in details)
    assert not [detail for detail in details if "003" in detail], details
    assert "приказ о деятельности ресурсного центра, п. 3.2.2" in details[0]
