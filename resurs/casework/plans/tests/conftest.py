"""What the plan tests add to the case-work world: a plan of the district-1 person with one
line, an agency of the directory the specialist may refer to, a consent for «exchange»."""

import datetime

import pytest
from django.utils import timezone

from resurs.casework.citizens.models import Consent, ConsentPurpose, Signatory
from resurs.casework.plans import services
from resurs.casework.plans.models import Measure, PlanKind
from resurs.kernel.accounts.services import api_token_create
from resurs.kernel.organisations.models import LegalForm, OrganisationKind, Sector
from tests.factories import OrganisationFactory, territory


def measure(code="employment"):
    return Measure.objects.get(plan_kind=PlanKind.SUPPORT, code=code)


@pytest.fixture
def plan(casework):
    return services.plan_create(
        by=casework.specialist,
        kind=PlanKind.SUPPORT,
        person=casework.person,
        unit=casework.a.support,
    )


@pytest.fixture
def line(casework, plan):
    return services.plan_line_add(
        by=casework.specialist,
        plan=plan,
        measure=Measure.objects.filter(plan_kind=PlanKind.SUPPORT).first(),
        planned_on=timezone.localdate() + datetime.timedelta(days=10),
        details="Помощь в оформлении документов",
        responsible_user=casework.specialist.user,
    )


@pytest.fixture
def agency(casework):
    """The УСЗН of Пыть-Ях: an agency of the directory the institution's staff see."""
    return casework.uszn.organisation


@pytest.fixture
def hidden_agency(db):
    """Police of Сургут: in the directory, but not among what a specialist of Пыть-Ях sees in
    it (the agencies of the institution's own territory are)."""
    return OrganisationFactory(
        kind=OrganisationKind.INTERAGENCY,
        legal_form=LegalForm.GOVERNMENT_BODY,
        sector=Sector.POLICE,
        territory=territory("Сургут"),
        short_name="ОМВД",
    )


@pytest.fixture
def consent(casework):
    return Consent.all_records.create(
        person=casework.person,
        purpose=ConsentPurpose.EXCHANGE,
        signatory=Signatory.SELF,
        document="согласие от 01.02.2026 б/н",
        signed_on=datetime.date(2026, 2, 1),
    )


@pytest.fixture
def bearer():
    def headers(membership) -> dict:
        _token, raw = api_token_create(membership=membership, name="тест")
        return {"Authorization": f"Bearer {raw}"}

    return headers
