"""REP-5 KPI 6.2–6.4 counted from the records, against a hand-computed expectation; and the
public section's upcoming events (EVT-5)."""

import datetime

import pytest

from resurs.coordination.events import selectors
from resurs.coordination.events.models import (
    ConsultationAudience,
    EventKind,
    EventState,
    Participation,
    ParticipationStatus,
    PublicationChannel,
)
from resurs.coordination.events.tests.helpers import (
    local,
    make_consultation,
    make_event,
    make_publication,
)
from tests.factories import OrganisationFactory, direction

pytestmark = pytest.mark.django_db

Q1 = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 3, 31)}


def _came(event, organisation, *, person="", status=ParticipationStatus.ATTENDED):
    Participation.objects.create(
        event=event, organisation=organisation, person_name=person, status=status
    )


@pytest.fixture
def records():
    """RC «A» of directions 2 and 8 and its records around the first quarter of 2026.

    Direction 2, Q1, held: e1 seminar (P1 as organisation attended, a person of P2 attended,
    a person of P3 absent), e2 MO meeting at 23:30 on 31 March (a person of P1 attended, A's
    own staff attended), e3 forum (P4 attended — a forum is not methodological support).
    Not counted: e4 planned, e5 cancelled (P5 attended), e6 at 00:30 on 1 April (P6), an
    event of another RC (P8). Direction 8, Q1, held: e7 seminar (P7 attended).
    Consultations: c1 direction 2 on 1 February to P1 and P9; c2 to a family on 31 March;
    c3 on 1 April to P10; c4 direction 8 to P11.
    Publications: p1 newspaper (mass media) 10 January, p2 site 31 March, p3 31 December 2025,
    p4 TV (mass media) direction 8 on 2 February.
    """
    rc = OrganisationFactory()
    other_rc = OrganisationFactory()
    p = {n: OrganisationFactory(short_name=f"P{n}") for n in range(1, 12)}
    d2, d8 = direction(2), direction(8)

    def held(kind, start, dir_=d2, organiser=rc, state=EventState.HELD):
        return make_event(organiser, kind=kind, direction=dir_, start=start, state=state)

    e1 = held(EventKind.SEMINAR, local(2026, 1, 15, 10))
    _came(e1, p[1])
    _came(e1, p[2], person="Участник Второй")
    _came(e1, p[3], person="Участник Третий", status=ParticipationStatus.ABSENT)
    e2 = held(EventKind.MO_MEETING, local(2026, 3, 31, 23, 30))
    _came(e2, p[1], person="Участник Первый")
    _came(e2, rc, person="Сотрудник РЦ")
    e3 = held(EventKind.FORUM, local(2026, 2, 10, 10))
    _came(e3, p[4])
    held(EventKind.SEMINAR, local(2026, 2, 20, 10), state=EventState.PLANNED)
    e5 = held(EventKind.SEMINAR, local(2026, 2, 25, 10), state=EventState.CANCELLED)
    _came(e5, p[5])
    e6 = held(EventKind.SEMINAR, local(2026, 4, 1, 0, 30))
    _came(e6, p[6])
    e7 = held(EventKind.SEMINAR, local(2026, 1, 20, 10), dir_=d8)
    _came(e7, p[7])
    e8 = held(EventKind.SEMINAR, local(2026, 1, 21, 10), organiser=other_rc)
    _came(e8, p[8])

    make_consultation(rc, [p[1], p[9]], direction=d2, held_on=datetime.date(2026, 2, 1))
    make_consultation(
        rc, [], direction=d2, held_on=datetime.date(2026, 3, 31),
        audience=ConsultationAudience.FAMILIES,
    )  # fmt: skip
    make_consultation(rc, [p[10]], direction=d2, held_on=datetime.date(2026, 4, 1))
    make_consultation(rc, [p[11]], direction=d8, held_on=datetime.date(2026, 3, 3))

    make_publication(rc, direction=d2, published_on=datetime.date(2026, 1, 10))
    make_publication(
        rc, direction=d2, published_on=datetime.date(2026, 3, 31),
        channel=PublicationChannel.WEBSITE, is_mass_media=False,
    )  # fmt: skip
    make_publication(rc, direction=d2, published_on=datetime.date(2025, 12, 31))
    make_publication(
        rc, direction=d8, published_on=datetime.date(2026, 2, 2), channel=PublicationChannel.TV
    )
    return rc


def test_kpi_6_2_counts_held_events_of_the_rc_in_the_quarter(records, django_assert_num_queries):
    d2 = direction(2)
    with django_assert_num_queries(1):
        assert selectors.events_held_count(organisation=records, direction=d2, **Q1) == 3
    assert selectors.events_held_count(organisation=records, **Q1) == 4


def test_kpi_6_3_counts_distinct_organisations_consulted_or_trained(
    records, django_assert_num_queries
):
    d2 = direction(2)
    with django_assert_num_queries(1):
        # P1 (consulted and trained, once), P2 (attended e1), P9 (consulted).
        assert (
            selectors.consulted_organisations_count(organisation=records, direction=d2, **Q1) == 3
        )
    assert (
        selectors.consulted_organisations_count(
            organisation=records, direction=d2, include_event_participants=False, **Q1
        )
        == 2
    )  # P1, P9
    # All directions: + P7 (e7) and P11 (c4).
    assert selectors.consulted_organisations_count(organisation=records, **Q1) == 5


def test_kpi_6_4_counts_publications_and_mass_media(records, django_assert_num_queries):
    d2 = direction(2)
    with django_assert_num_queries(1):
        assert selectors.publications_count(organisation=records, direction=d2, **Q1) == (2, 1)
    assert selectors.publications_count(organisation=records, **Q1) == (3, 2)


def test_public_upcoming_events_are_the_rcs_planned_public_ones_from_today(freeze):
    freeze(2026, 11, 20, 12)
    rc = OrganisationFactory()
    ongoing = make_event(
        rc, topic="Идёт с вчера", start=local(2026, 11, 19, 10), hours=48, is_public=True
    )
    later = make_event(rc, topic="Позже", start=local(2026, 12, 5, 10), is_public=True)
    soon = make_event(rc, topic="Скоро", start=local(2026, 11, 25, 10), is_public=True)
    make_event(rc, topic="Вчера", start=local(2026, 11, 19, 10), is_public=True)
    make_event(rc, topic="Не публичное", start=local(2026, 11, 26, 10))
    make_event(
        rc, topic="Отменено", start=local(2026, 11, 27, 10), is_public=True,
        state=EventState.CANCELLED,
    )  # fmt: skip
    make_event(OrganisationFactory(), topic="Чужое", start=local(2026, 11, 28), is_public=True)
    assert selectors.public_upcoming_events(rc) == [ongoing, soon, later]
    assert selectors.public_upcoming_events(rc, limit=1) == [ongoing]
