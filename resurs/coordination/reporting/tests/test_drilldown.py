"""REP-4/REP-6 drill-down of KPI 6.3: the counter's link opens a page listing exactly the
organisations counted — consulted by the RC or attending its held methodological events in
the period — each with the consultations and events behind it, within the viewer's scope."""

import datetime

import pytest
from django.urls import reverse

from resurs.coordination.events.models import (
    EventKind,
    EventState,
    Participation,
    ParticipationStatus,
)
from resurs.coordination.events.selectors import (
    consulted_organisations_count,
    consulted_organisations_for,
)
from resurs.coordination.events.tests.helpers import local, make_consultation, make_event
from resurs.coordination.reporting.counters import COUNTERS, Counting
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


def attend(event, organisation, status=ParticipationStatus.ATTENDED, person="Иванова А. А."):
    return Participation.objects.create(
        event=event, organisation=organisation, person_name=person, status=status
    )


def held(organiser, day, **fields):
    values = {"direction": direction(2), "state": EventState.HELD, "start": local(*day, 10)}
    values.update(fields)
    return make_event(organiser, **values)


class Support:
    pass


@pytest.fixture
def support(world):
    """Consultations and events of the RC (direction 2) around the first quarter of 2026."""
    s = Support()
    rc = world.rc.organisation
    d2, d8 = direction(2), direction(8)
    s.rc = rc
    s.consulted = OrganisationFactory(name="Альфа-консультация")
    s.trained = OrganisationFactory(name="Бета-семинар")
    s.both = OrganisationFactory(name="Гамма-оба")
    s.outside = [OrganisationFactory(name=f"Вне показателя {n}") for n in range(8)]
    late, eighth, absent, planned, fair, other_rc, registered, own = s.outside

    s.consultation = make_consultation(
        rc, [s.consulted, s.both, rc], direction=d2, held_on=START
    )  # the RC itself never counts
    make_consultation(rc, [late], direction=d2, held_on=END + datetime.timedelta(days=1))
    make_consultation(rc, [eighth], direction=d8, held_on=datetime.date(2026, 2, 1))
    s.seminar = held(rc, (2026, 3, 31))
    attend(s.seminar, s.trained)
    attend(s.seminar, s.trained, person="Петров П. П.")  # two people of one organisation
    attend(s.seminar, s.both)
    attend(s.seminar, absent, status=ParticipationStatus.ABSENT)
    attend(s.seminar, registered, status=ParticipationStatus.REGISTERED)
    attend(s.seminar, rc)
    attend(held(rc, (2026, 2, 2), state=EventState.PLANNED), planned)
    attend(held(rc, (2026, 2, 3), kind=EventKind.EXHIBITION), fair)  # not methodological
    attend(held(rc, (2025, 12, 31)), own)  # before the period
    neighbour = OrganisationFactory(name="Другой ресурсный центр")
    rc_status(neighbour, 2)
    make_consultation(neighbour, [other_rc], direction=d2, held_on=datetime.date(2026, 2, 1))
    attend(held(neighbour, (2026, 2, 1)), other_rc)
    s.counting = Counting(rc, d2, START, END)
    return s


def rows_of(response):
    assert response.status_code == 200
    return response.context["page_obj"].paginator.object_list


@pytest.mark.parametrize("viewer", ["department", "rc", "methodist"])
def test_consulted_organisations_link_to_exactly_the_organisations_counted(
    world, support, login, viewer
):
    counter = COUNTERS["consulted_organisations"]
    assert counter.count(support.counting) == 3
    url = counter.records(support.counting)
    assert url.startswith(reverse("reporting:kpi_consulted"))
    response = login(getattr(world, viewer)).get(url)
    rows = rows_of(response)
    assert [row.organisation for row in rows] == [support.consulted, support.trained, support.both]
    by_organisation = {row.organisation: row for row in rows}
    assert by_organisation[support.consulted].consultations == [support.consultation]
    assert by_organisation[support.consulted].events == []
    assert by_organisation[support.trained].events == [support.seminar]  # once for two people
    assert by_organisation[support.both].consultations == [support.consultation]
    assert by_organisation[support.both].events == [support.seminar]
    page = response.content.decode()
    assert "Организаций: 3" in page
    assert page.count(support.consultation.get_absolute_url()) == 2
    assert page.count(support.seminar.get_absolute_url()) == 2
    for organisation in support.outside:
        assert organisation.name not in page


def test_the_page_and_the_count_share_one_definition_in_every_direction(world, support):
    for number in (None, 2, 8):
        chosen = direction(number) if number else None
        kw = {
            "organisation": support.rc,
            "direction": chosen,
            "period_start": START,
            "period_end": END,
        }
        found = consulted_organisations_for(world.department, **kw)
        assert len(found) == consulted_organisations_count(**kw)
    assert len(found) == 1  # direction 8: the one consultation


def test_a_provider_sees_no_other_centres_support(world, support, login):
    url = COUNTERS["consulted_organisations"].records(support.counting)
    stranger = member(Role.PROVIDER)
    response = login(stranger).get(url)
    assert list(rows_of(response)) == []
    assert "Организаций нет." in response.content.decode()


def test_a_provider_that_attended_sees_only_itself(world, support, login):
    url = COUNTERS["consulted_organisations"].records(support.counting)
    trained = member(Role.PROVIDER, support.trained)
    rows = rows_of(login(trained).get(url))
    assert [row.organisation for row in rows] == [support.trained]


def test_an_organisation_out_of_scope_or_missing_is_not_found(world, support, login):
    provider = member(Role.PROVIDER)
    client = login(provider)
    url = reverse("reporting:kpi_consulted")
    hidden = OrganisationFactory()  # another provider: not visible to this one
    dates = {"date_from": "2026-01-01", "date_to": "2026-03-31"}
    assert client.get(url, {"organisation": hidden.pk, **dates}).status_code == 404
    assert client.get(url).status_code == 404
    assert client.get(url, {"organisation": "x", **dates}).status_code == 404


def test_wrong_dates_show_the_form_with_its_error(world, support, login):
    response = login(world.department).get(
        reverse("reporting:kpi_consulted"),
        {"organisation": support.rc.pk, "date_from": "2026-03-01", "date_to": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "Конец периода раньше его начала." in response.content.decode()
    assert list(response.context["page_obj"].object_list) == []


def test_the_page_query_count_does_not_grow_with_rows(
    world, support, login, django_assert_max_num_queries
):
    url = COUNTERS["consulted_organisations"].records(support.counting)
    client = login(world.department)
    client.get(url)
    with django_assert_max_num_queries(8) as small:
        assert client.get(url).status_code == 200
    many = [OrganisationFactory() for _ in range(30)]
    make_consultation(support.rc, many[:15], direction=direction(2), held_on=START)
    for organisation in many[15:]:
        attend(support.seminar, organisation)
    with django_assert_max_num_queries(8) as large:
        assert "Организаций: 33" in client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
