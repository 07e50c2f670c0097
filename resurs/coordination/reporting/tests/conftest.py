"""A small reporting world: the Department, the methodological centre, a resource centre
of direction 2 in the Surgut district, its УСЗН, and three providers of the direction there,
each with a login."""

import datetime

import pytest

from resurs.coordination.reporting.models import ReportForm
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import LegalForm, OrganisationKind
from resurs.kernel.workcalendar.periods import Period
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

QUARTER = Period("quarter", 2026, 3)


class World:
    pass


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def world(db):
    w = World()
    district = territory("Сургутский район")
    w.department = member(Role.DEPARTMENT)
    w.methodist = member(Role.METHODICAL_CENTRE)
    w.uszn = member(Role.USZN, org={"territory": district, "name": "УСЗН по Сургутскому району"})
    w.rc = member(
        Role.RESOURCE_CENTRE,
        org={"territory": district, "name": "Сургутский районный центр"},
        direction=direction(2),
    )
    rc_status(w.rc.organisation, 2, valid_from=datetime.date(2024, 1, 10))
    w.providers = []
    for name in ("Альфа", "Бета", "Гамма"):
        organisation = OrganisationFactory(
            name=f"Поставщик «{name}»",
            territory=district,
            kind=OrganisationKind.NON_STATE_PROVIDER,
            legal_form=LegalForm.SO_NKO,
        )
        organisation.directions.add(direction(2))
        w.providers.append(member(Role.PROVIDER, organisation))
    # A provider of another territory and direction: owes nothing to this chain.
    w.stranger = member(Role.PROVIDER, org={"territory": territory("Сургут")})
    w.forms = {form.code: form for form in ReportForm.objects.all()}
    w.quarter = QUARTER
    return w


@pytest.fixture
def opened(world):
    from resurs.coordination.reporting import services

    for code in ("provider-monitoring", "uszn-consolidation", "rc-monitoring", "rc-kpi"):
        services.open_period(form=world.forms[code], period=world.quarter)
    return world
