"""REP-6 drill-down: the links resurs.coordination.reporting.counters builds for KPIs 6.2–6.4
(``?organiser=/organisation=&date_from&date_to&direction``) open lists that show exactly the
records counted — the consultation and publication lists filter by organisation."""

import datetime

import pytest

from resurs.coordination.events.models import EventState
from resurs.coordination.events.tests.helpers import (
    local,
    make_consultation,
    make_event,
    make_publication,
)
from resurs.coordination.reporting.counters import COUNTERS, Counting
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


@pytest.fixture
def records():
    d2, d9 = direction(2), direction(9)
    rc, other = OrganisationFactory(short_name="РЦ"), OrganisationFactory(short_name="Другой")
    rc_status(rc, 2)
    rc_status(other, 2)
    p1 = OrganisationFactory()
    for organisation in (rc, other):
        make_publication(organisation, direction=d2, published_on=datetime.date(2026, 2, 1))
        make_consultation(organisation, [p1], direction=d2, held_on=datetime.date(2026, 2, 2))
        make_event(organisation, direction=d2, state=EventState.HELD, start=local(2026, 2, 3, 10))
    make_publication(rc, direction=d2, published_on=datetime.date(2026, 3, 31), is_mass_media=False)
    make_publication(rc, direction=d9, published_on=datetime.date(2026, 3, 1))
    make_publication(rc, direction=d2, published_on=datetime.date(2026, 4, 1))
    make_consultation(rc, [p1], direction=d2, held_on=datetime.date(2026, 4, 2))
    make_event(rc, direction=d2, state=EventState.PLANNED, start=local(2026, 3, 3, 10))
    return {"rc": rc, "other": other, "d2": d2}


@pytest.mark.parametrize(
    "key", ["events_held", "consultations", "publications", "publications_mass_media"]
)
def test_counter_links_list_exactly_the_counted_records(records, login, key):
    client = login(member(Role.DEPARTMENT))
    counting = Counting(records["rc"], records["d2"], START, END)
    counter = COUNTERS[key]
    expected = counter.count(counting)
    assert expected > 0
    response = client.get(counter.records(counting))
    assert response.status_code == 200
    assert response.context["filter_form"].is_valid(), response.context["filter_form"].errors
    assert response.context["page_obj"].paginator.count == expected


def test_organisation_filter_alone(records, login):
    client = login(member(Role.DEPARTMENT))
    for url, expected in (("/events/publications/", 4), ("/events/consultations/", 2)):
        response = client.get(url, {"organisation": records["rc"].pk})
        assert response.context["page_obj"].paginator.count == expected
        rows = response.context["page_obj"].object_list
        assert {row.organisation_id for row in rows} == {records["rc"].pk}
        everything = client.get(url)
        assert everything.context["page_obj"].paginator.count == expected + 1
