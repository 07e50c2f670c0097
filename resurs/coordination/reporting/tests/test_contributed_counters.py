"""REP-4: counters an app contributes at the ``reporting_counters`` extension point — the
social services' recipients and services (SOC-10) — count like reporting's own: a provider's
form is pre-filled from its service facts, with the link to the facts, and a form version may
name them. Case work imports nothing of reporting; this test sets up its records."""

import datetime

import pytest
from django.utils import timezone

from resurs.casework.conftest import make_person
from resurs.casework.socialservices import services as socialservices
from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind, month_start
from resurs.casework.units.models import DistrictKind, SocialDistrict, Unit, UnitKind
from resurs.coordination.reporting import selectors, services
from resurs.coordination.reporting.counters import counter_choices, counters
from resurs.coordination.reporting.models import Indicator, Report
from resurs.kernel.workcalendar.periods import quarter_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider_with_facts(world):
    """Two persons served by the first provider in the last full month (three services, one
    anonymous call), one person by the second; the quarter of that month opened."""
    month = month_start(month_start(timezone.localdate()) - datetime.timedelta(days=1))
    day = month + datetime.timedelta(days=4)
    world.period = quarter_of(month)
    services.open_period(form=world.forms["provider-monitoring"], period=world.period)
    home = Service.objects.create(
        code="1.1", name="Уборка жилья", kind=ServiceKind.HOUSEHOLD, form=ServiceForm.HOME
    )
    call = Service.objects.create(
        code="9.1", name="Консультация по телефону", kind=ServiceKind.LEGAL,
        form=ServiceForm.URGENT, allows_anonymous=True,
    )  # fmt: skip
    for provider, persons in ((world.providers[0], 2), (world.providers[1], 1)):
        unit = Unit.objects.create(
            organisation=provider.organisation,
            kind=UnitKind.objects.get(code="social_support"),
            name="Отделение социального обслуживания на дому",
        )
        district = SocialDistrict.objects.create(
            unit=unit, name="Участок № 1", territory=provider.organisation.territory,
            kind=DistrictKind.URBAN_OKRUG, population=5000, population_as_of=month,
        )  # fmt: skip
        for number in range(persons):
            person = make_person(unit, district, last_name=f"Получатель{number}")
            socialservices.fact_record(
                by=provider, unit=unit, service=home, provided_on=day, person=person
            )
        socialservices.fact_record(
            by=provider, unit=unit, service=call, provided_on=day, basis="call"
        )
    return world


def _report(world, provider):
    return Report.objects.get(
        form=world.forms["provider-monitoring"],
        sender=provider.organisation,
        period_start=world.period.start,
    )


def test_the_social_services_counters_are_offered(world):
    choices = dict(counter_choices())
    assert choices["service_recipients"] == "Получатели социальных услуг, чел."
    assert choices["services_given"] == "Оказано социальных услуг, ед."
    assert "events_held" in counters()  # reporting's own stay


def test_a_providers_form_is_pre_filled_from_its_service_facts(provider_with_facts):
    world = provider_with_facts
    provider = world.providers[0]
    report = _report(world, provider)
    Indicator.objects.filter(form_version=report.form_version, code="recipients_total").update(
        counter="service_recipients"
    )
    Indicator.objects.filter(form_version=report.form_version, code="staff_trained").update(
        counter="services_given"
    )
    indicators = list(report.form_version.indicators.all())
    counted = selectors.counted_values(report, indicators)
    assert counted["recipients_total"].value == 2
    assert counted["staff_trained"].value == 3  # two services and the anonymous call
    assert counted["recipients_total"].url.startswith("/services/facts/?period_from=")
    # Another provider's facts are its own.
    other = _report(world, world.providers[1])
    assert selectors.counted_values(other, indicators)["recipients_total"].value == 1

    services.save_values(
        by=provider, report=report, values={"recipients_new": "1"}, expected_version=None
    )
    stored = selectors.stored_values(report)
    assert stored["recipients_total"].value == 2  # empty and countable: took the count
    assert stored["staff_trained"].value == 3
