"""REP-4/REP-6 drill-down of KPIs 6.5 and 6.6: the link of each registry counter
(reporting.counters) opens the registry's list showing exactly the records counted —
by «внесено в реестр» (6.5) and by participation in the period (6.6), not by a year of
another date."""

from datetime import date

import pytest
from django.urls import reverse

from resurs.coordination.registries.models import ParticipantCategory, ParticipantStatus
from resurs.coordination.registries.tests import records
from resurs.coordination.reporting.counters import COUNTERS, Counting
from tests.factories import OrganisationFactory, direction

pytestmark = pytest.mark.django_db

START, END = date(2026, 1, 1), date(2026, 3, 31)
INSIDE = (START, date(2026, 2, 14), END)  # both ends of the period count
OUTSIDE = (date(2025, 12, 31), date(2026, 4, 1))

# counter key -> (registry slug, maker(owner, direction number, **fields))
REGISTRY_COUNTERS = {
    "registry_participants": (
        "participants",
        lambda owner, number, **f: records.participant(owner, number, **f),
    ),
    "registry_legal_acts": (
        "acts",
        lambda owner, number, **f: records.act(owner, direction_number=number, **f),
    ),
    "registry_technologies": (
        "technologies",
        lambda owner, number, **f: records.technology(owner, number, **f),
    ),
    "registry_articles": (
        "articles",
        lambda owner, number, **f: records.article(owner, number, **f),
    ),
    "registry_social_practices": (
        "practices",
        lambda owner, number, **f: records.practice(owner, number, **f),
    ),
}


def listed(response) -> set[int]:
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert form.is_valid(), form.errors
    return {record.pk for record in response.context["page_obj"].paginator.object_list}


def registry_world(owner, other_owner, make) -> set[int]:
    """Records of every kind around the period; returns the pks of those KPI 6.5 counts
    for the owner in direction 2."""
    counted = {make(owner, 2, registered_on=day).pk for day in INSIDE}
    for day in OUTSIDE:
        make(owner, 2, registered_on=day)
    make(owner, 8, registered_on=INSIDE[1])  # another direction
    make(other_owner, 2, registered_on=INSIDE[1])  # another RC's registry
    return counted


@pytest.mark.parametrize("key", REGISTRY_COUNTERS)
@pytest.mark.parametrize("viewer", ["department", "rc"])
def test_each_registry_counter_links_to_exactly_the_records_counted(world, login, key, viewer):
    slug, make = REGISTRY_COUNTERS[key]
    owner = world["owner"]
    counted = registry_world(owner, world["other_rc_2"].organisation, make)
    if slug == "acts":
        # An act for every direction counts in each direction's KPI and shows in its list.
        counted.add(make(owner, None, registered_on=INSIDE[1]).pk)
    counting = Counting(owner, direction(2), START, END)
    counter = COUNTERS[key]
    assert counter.count(counting) == len(counted)
    url = counter.records(counting)
    assert url.startswith(reverse(f"registries:{slug}_list"))
    response = login(world[viewer]).get(url)
    assert listed(response) == counted
    assert f"Найдено: {len(counted)}" in response.content.decode()


@pytest.mark.parametrize("key", REGISTRY_COUNTERS)
def test_without_a_direction_every_direction_of_the_owner_is_listed(world, login, key):
    slug, make = REGISTRY_COUNTERS[key]
    owner = world["owner"]
    registry_world(owner, world["other_rc_2"].organisation, make)
    counting = Counting(owner, None, START, END)
    counter = COUNTERS[key]
    assert counter.count(counting) == 4  # three of direction 2 inside, one of direction 8
    assert len(listed(login(world["department"]).get(counter.records(counting)))) == 4


def test_the_record_counted_by_its_registration_date_not_the_year_of_another_date(world, login):
    """The old link filtered the year of «дата включения»: a participant included in 2024
    and entered in the registry in the period is counted, and listed."""
    owner = world["owner"]
    counted = records.participant(owner, joined_on=date(2024, 3, 1), registered_on=INSIDE[1])
    records.participant(owner, joined_on=date(2026, 2, 1), registered_on=OUTSIDE[0])
    counting = Counting(owner, direction(2), START, END)
    counter = COUNTERS["registry_participants"]
    assert counter.count(counting) == 1
    assert listed(login(world["department"]).get(counter.records(counting))) == {counted.pk}


@pytest.mark.parametrize("key", REGISTRY_COUNTERS)
def test_an_empty_registry_links_to_an_empty_list_not_to_every_record(world, login, key):
    """The organisation filter offers the owners of records; the RC without any still is a
    valid choice, so a KPI of 0 opens an empty list."""
    slug, make = REGISTRY_COUNTERS[key]
    make(world["other_rc_2"].organisation, 2, registered_on=INSIDE[1])
    counting = Counting(world["owner"], direction(2), START, END)
    counter = COUNTERS[key]
    assert counter.count(counting) == 0
    response = login(world["department"]).get(counter.records(counting))
    assert listed(response) == set()
    assert "Ничего не найдено." in response.content.decode()


def test_the_registered_filter_is_offered_and_checks_its_ends(world, login):
    client = login(world["department"])
    page = client.get(reverse("registries:technologies_list")).content.decode()
    assert "Внесено в реестр с" in page
    response = client.get(
        reverse("registries:technologies_list"),
        {"registered_from": "2026-03-01", "registered_to": "2026-02-01"},
    )
    assert response.context["filter_form"].errors == {
        "registered_to": ["Конец периода раньше его начала."]
    }


# --- KPI 6.6 ---------------------------------------------------------------------------------


def partner(owner, number=2, **fields):
    values = {"category": ParticipantCategory.SOCIAL_PARTNER, "joined_on": date(2025, 6, 1)}
    values.update(fields)
    return records.participant(owner, number, **values)


@pytest.fixture
def partners(world):
    """Participants of the RC around the period: who KPI 6.6 counts and who it does not."""
    owner = world["owner"]
    both = OrganisationFactory(name="АНО «Партнёр в двух направлениях»")
    counted = [
        partner(owner, organisation=both),  # joined before, still taking part
        partner(owner, category=ParticipantCategory.VOLUNTEER, joined_on=END),
        partner(
            owner, status=ParticipantStatus.LEFT, joined_on=date(2024, 1, 1), left_on=START
        ),  # left on the first day: took part in the period
    ]
    partner(owner, joined_on=OUTSIDE[1])  # joins after the period
    partner(owner, status=ParticipantStatus.LEFT, joined_on=date(2024, 1, 1), left_on=OUTSIDE[0])
    partner(owner, category=ParticipantCategory.STATE_PROVIDER)  # a provider is no partner
    partner(owner, category=ParticipantCategory.NON_STATE_PROVIDER)
    eighth = [partner(owner, 8), partner(owner, 8, organisation=both)]  # direction 8
    partner(world["other_rc_2"].organisation)  # another RC's partner
    return {"counted": counted, "eighth": eighth}


@pytest.mark.parametrize("viewer", ["department", "rc"])
def test_social_partners_link_to_the_partners_taking_part_in_the_period(
    world, partners, login, viewer
):
    counting = Counting(world["owner"], direction(2), START, END)
    counter = COUNTERS["social_partners"]
    assert counter.count(counting) == 3
    response = login(world[viewer]).get(counter.records(counting))
    assert listed(response) == {p.pk for p in partners["counted"]}
    page = response.content.decode()
    assert "Найдено: 3" in page
    assert "организаций:" not in page  # one row per organisation in a direction


def test_social_partners_of_every_direction_are_counted_once_per_organisation(
    world, partners, login
):
    counting = Counting(world["owner"], None, START, END)
    counter = COUNTERS["social_partners"]
    assert counter.count(counting) == 4
    response = login(world["department"]).get(counter.records(counting))
    rows = response.context["page_obj"].paginator.object_list
    assert {p.pk for p in rows} == {p.pk for p in partners["counted"] + partners["eighth"]}
    assert len({p.organisation_id for p in rows}) == 4
    assert "Найдено: 5, организаций: 4" in response.content.decode()


def test_the_category_filter_takes_one_category_too(world, partners, login):
    response = login(world["department"]).get(
        reverse("registries:participants_list"),
        {"organisation": world["owner"].pk, "category": ParticipantCategory.VOLUNTEER},
    )
    assert listed(response) == {partners["counted"][1].pk}


@pytest.mark.parametrize("key", ["registry_participants", "registry_legal_acts", "social_partners"])
def test_the_drilldown_list_query_count_does_not_grow_with_rows(
    world, login, django_assert_max_num_queries, key
):
    owner = world["owner"]
    counting = Counting(owner, direction(2), START, END)
    url = COUNTERS[key].records(counting)
    make = {
        "registry_participants": lambda: records.participant(owner, registered_on=INSIDE[1]),
        "registry_legal_acts": lambda: records.act(owner, 2, registered_on=INSIDE[1]),
        "social_partners": lambda: partner(owner),
    }[key]
    client = login(world["department"])
    for _ in range(3):
        make()
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    for _ in range(40):
        make()
    with django_assert_max_num_queries(12) as large:
        assert "Найдено: 43" in client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
