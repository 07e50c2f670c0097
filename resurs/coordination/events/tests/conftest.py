"""Fixtures of the events tests: a frozen clock and a small region with one RC's records."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone as django_timezone

from resurs.coordination.events.models import (
    EventState,
    Nomination,
    Participation,
    ParticipationStatus,
)
from resurs.coordination.events.tests.helpers import (
    make_consultation,
    make_event,
    make_item,
    make_plan,
    make_publication,
)
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

REGION_TZ = ZoneInfo("Asia/Yekaterinburg")


@pytest.fixture
def freeze(monkeypatch):
    """Stops the clock at a moment of the region's local time."""

    def _freeze(*args):
        moment = datetime.datetime(*args, tzinfo=REGION_TZ)
        monkeypatch.setattr(django_timezone, "now", lambda: moment)
        return moment

    return _freeze


@pytest.fixture
def world(db):
    """The Surgut RC of direction 2 with an event (a provider's person and the provider as
    participants, a nomination), a consultation, a media plan with an item and a publication;
    and everyone who should or should not see them."""
    rc_org = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ Сургут")
    rc_status(rc_org, number=2)
    provider_org = OrganisationFactory(territory=territory("Сургут"), short_name="КЦСОН А")
    provider_org.directions.add(direction(2))
    other_org = OrganisationFactory(territory=territory("Урай"), short_name="КЦСОН Б")
    other_org.directions.add(direction(9))
    rc_8_org = OrganisationFactory(territory=territory("Нягань"))
    rc_status(rc_8_org, number=8)
    event = make_event(rc_org, direction=direction(2), state=EventState.HELD, nominations_open=True)
    person = Participation.objects.create(
        event=event,
        organisation=provider_org,
        person_name="Кравцова Елена Николаевна",
        position="психолог",
        status=ParticipationStatus.ATTENDED,
    )
    as_organisation = Participation.objects.create(event=event, organisation=provider_org)
    nomination = Nomination.objects.create(
        event=event, organisation=provider_org, person_name="Юсупов Ринат", position="психолог"
    )
    plan = make_plan(rc_org, direction=direction(2))
    item = make_item(plan)
    return {
        "rc_org": rc_org,
        "provider_org": provider_org,
        "event": event,
        "participation": person,
        "org_participation": as_organisation,
        "nomination": nomination,
        "consultation": make_consultation(rc_org, [provider_org], direction=direction(2)),
        "plan": plan,
        "item": item,
        "publication": make_publication(rc_org, direction=direction(2), plan_item=item),
        "rc": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        "provider": member(Role.PROVIDER, provider_org),
        "other_provider": member(Role.PROVIDER, other_org),
        "other_rc": member(Role.RESOURCE_CENTRE, rc_8_org, direction=direction(8)),
        "uszn_surgut": member(Role.USZN, org={"territory": territory("Сургут")}),
        "uszn_uray": member(Role.USZN, org={"territory": territory("Урай")}),
        "department": member(Role.DEPARTMENT),
    }
