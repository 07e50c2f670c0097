"""The reference data of case work survives a flush: a transactional test empties every table,
and Django's post_migrate after the flush loads it again (apps.ready of each app)."""

import pytest
from django.core.management import call_command

from resurs.casework.cases.models import DeadlineRule
from resurs.casework.citizens.models import TargetGroup
from resurs.casework.plans.models import Measure
from resurs.casework.units.models import PopulationNorm, UnitKind


@pytest.mark.django_db(transaction=True)
def test_reference_data_is_loaded_again_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert UnitKind.objects.filter(code="social_support", works_with_districts=True).exists()
    assert PopulationNorm.objects.filter(kind="urban_okrug", minimum=5000, maximum=7000).exists()
    assert TargetGroup.objects.filter(code="older_citizen", derived=True).exists()
    assert Measure.objects.filter(plan_kind="support").count() == 13
    assert set(DeadlineRule.objects.values_list("working_days", flat=True)) == {3, 5, 15}
