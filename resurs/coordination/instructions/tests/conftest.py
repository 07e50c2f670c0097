"""Fixtures of the requests-and-instructions tests: a frozen clock and a small region with the
Surgut RC's request to two providers of its direction."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone as django_timezone

from resurs.coordination.instructions import services
from resurs.coordination.instructions.models import Addressee, InstructionKind
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

REGION_TZ = ZoneInfo("Asia/Yekaterinburg")
# Wednesday; the region's working calendar: 8–10 April 2026 are working days.
TODAY = datetime.date(2026, 4, 8)


def moment(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=REGION_TZ)


@pytest.fixture
def freeze(monkeypatch):
    """Stops the clock at a day (11:00 local time); returns the function to move it."""

    def _freeze(day: datetime.date, hour: int = 11):
        value = moment(day, hour)
        monkeypatch.setattr(django_timezone, "now", lambda: value)
        return value

    _freeze(TODAY)
    return _freeze


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}


def send(by, addressees, *, deadline=None, kind=InstructionKind.REQUEST, title=None, **extra):
    return services.instruction_create(
        by=by,
        kind=kind,
        title=title or "О численности получателей услуг",
        text="Прошу представить сведения по форме.",
        deadline=deadline or TODAY + datetime.timedelta(days=7),
        addressees=addressees,
        **extra,
    )


def row_of(instruction, organisation) -> Addressee:
    return Addressee.objects.select_related("instruction").get(
        instruction=instruction, organisation=organisation
    )


@pytest.fixture
def world(db, freeze):
    """The Surgut RC (direction 2) with two providers of its direction, a provider of another
    direction, a УСЗН, the Department; the RC's request to both providers, due in 7 days."""
    rc_org = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ Сургут")
    rc_status(rc_org, number=2)
    provider_a_org = OrganisationFactory(territory=territory("Сургут"), short_name="КЦСОН А")
    provider_a_org.directions.add(direction(2))
    provider_b_org = OrganisationFactory(territory=territory("Сургут"), short_name="КЦСОН Б")
    provider_b_org.directions.add(direction(2))
    outsider_org = OrganisationFactory(territory=territory("Урай"), short_name="КЦСОН В")
    outsider_org.directions.add(direction(9))
    rc = member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2))
    provider_a = member(Role.PROVIDER, provider_a_org)
    provider_b = member(Role.PROVIDER, provider_b_org)
    instruction = send(rc, [provider_a_org, provider_b_org])
    return {
        "rc": rc,
        "provider_a": provider_a,
        "provider_b": provider_b,
        "specialist_a": member(Role.SPECIALIST, provider_a_org),
        "outsider": member(Role.PROVIDER, outsider_org),
        "uszn": member(Role.USZN, org={"territory": territory("Сургут")}),
        "other_rc": member(
            Role.RESOURCE_CENTRE,
            rc_status(OrganisationFactory(territory=territory("Нягань")), number=8).organisation,
            direction=direction(8),
        ),
        "department": member(Role.DEPARTMENT),
        "methodist": member(Role.METHODICAL_CENTRE),
        "instruction": instruction,
        "row_a": row_of(instruction, provider_a_org),
        "row_b": row_of(instruction, provider_b_org),
    }
