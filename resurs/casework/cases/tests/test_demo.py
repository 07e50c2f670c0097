"""The demo appeals and cases: the month's journal with one full day, cases at every stage
with one overdue deadline and one due today, loaded once."""

import datetime

import pytest

from resurs.casework.cases.demo import load_demo_data
from resurs.casework.cases.models import Appeal, Case, CaseDeadline, StepKind
from resurs.casework.cases.selectors import appeals_on_day
from resurs.casework.conftest import make_person
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON

pytestmark = pytest.mark.django_db


def test_the_demo_makes_a_month_of_appeals_and_cases_at_every_stage_once(world):
    organisation = world.a.organisation
    organisation.name = PYT_YAKH_KCSON
    organisation.save(update_fields=["name"])
    for _ in range(10):
        make_person(world.a.support, world.a.districts[0], world.specialist.user)
    load_demo_data()
    load_demo_data()
    today = datetime.date(2025, 5, 14)
    assert appeals_on_day(world.a.support, datetime.date(2025, 5, 5)) == 25
    assert Appeal.all_records.filter(is_anonymous=True, person__isnull=False).count() == 0
    stages = set(Case.all_records.values_list("stage", flat=True))
    assert stages == set(StepKind.values)
    pending = CaseDeadline.all_records.filter(met_on__isnull=True, case__closed_on__isnull=True)
    assert pending.filter(due_on__lt=today).count() == 1
    assert pending.filter(due_on=today).count() == 1
    assert not CaseDeadline.all_records.filter(met_on__gt=datetime.date(2025, 5, 14)).exists()
