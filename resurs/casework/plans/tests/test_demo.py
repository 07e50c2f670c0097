"""The demo plans: made for the demo institution's citizens, with referrals in each state,
and loaded once."""

import pytest

from resurs.casework.conftest import make_person
from resurs.casework.plans.demo import load_demo_data
from resurs.casework.plans.models import Plan, PlanLine, Referral, ReferralStatus
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON

pytestmark = pytest.mark.django_db


def test_the_demo_makes_plans_lines_and_referrals_once(casework):
    organisation = casework.a.organisation
    organisation.name = PYT_YAKH_KCSON
    organisation.save(update_fields=["name"])
    for _ in range(3):
        make_person(casework.a.support, casework.a.districts[0], casework.specialist.user)
    load_demo_data()
    load_demo_data()
    assert Plan.all_records.count() == 4
    assert PlanLine.all_records.filter(plan__person=casework.person).count() == 4
    states = set(Referral.all_records.values_list("status", flat=True))
    assert states == {ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.DONE}
