"""Fixtures of the roadmap tests: an RC of direction 2 with a plan for 2026, and everyone who
should or should not see it."""

import datetime

import pytest

from resurs.coordination.events.tests.helpers import make_event
from resurs.coordination.roadmaps import services
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status, territory


@pytest.fixture
def world(db):
    rc_org = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ Сургут")
    rc_status(rc_org, number=2)
    provider_org = OrganisationFactory(territory=territory("Сургут"), short_name="КЦСОН А")
    provider_org.directions.add(direction(2))
    other_org = OrganisationFactory(territory=territory("Урай"), short_name="КЦСОН Б")
    other_org.directions.add(direction(9))
    rc_8_org = OrganisationFactory(territory=territory("Нягань"), short_name="РЦ 8")
    rc_status(rc_8_org, number=8)
    return {
        "rc_org": rc_org,
        "provider_org": provider_org,
        "other_org": other_org,
        "rc": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        "provider": member(Role.PROVIDER, provider_org),
        "other_provider": member(Role.PROVIDER, other_org),
        "other_rc": member(Role.RESOURCE_CENTRE, rc_8_org, direction=direction(8)),
        "uszn_surgut": member(Role.USZN, org={"territory": territory("Сургут")}),
        "uszn_uray": member(Role.USZN, org={"territory": territory("Урай")}),
        "department": member(Role.DEPARTMENT),
    }


def make_roadmap(world, year=2026, items=(("1 квартал", "Семинар"),), title="Дорожная карта"):
    """A draft of the Surgut RC with one section and the given (timeframe, name) items."""
    roadmap = services.roadmap_create(
        by=world["rc"],
        organisation=world["rc_org"],
        direction=direction(2),
        year=year,
        title=title,
    )
    section = services.section_create(
        by=world["rc"], roadmap=roadmap, title="Организационно-методическая деятельность"
    )
    for timeframe, name in items:
        services.item_create(by=world["rc"], section=section, name=name, timeframe=timeframe)
    return roadmap


def agreed(world, roadmap):
    services.roadmap_submit(by=world["rc"], roadmap=roadmap)
    services.roadmap_agree(by=world["department"], roadmap=roadmap)
    roadmap.refresh_from_db()
    return roadmap


@pytest.fixture
def roadmap(world):
    return make_roadmap(world)


@pytest.fixture
def event(world):
    return make_event(world["rc_org"], direction=direction(2), topic="Семинар по ранней помощи")


TODAY = datetime.date(2026, 7, 1)
