"""The demo events: an open day of the previous quarter and a preventive event, once."""

import pytest

from resurs.casework.prevention.attention import items_for
from resurs.casework.prevention.demo import load_demo_data
from resurs.casework.prevention.models import EventKind, PreventiveEvent
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON

pytestmark = pytest.mark.django_db


def test_the_demo_leaves_the_current_quarter_without_an_open_day(casework):
    organisation = casework.a.organisation
    organisation.name = PYT_YAKH_KCSON
    organisation.save(update_fields=["name"])
    load_demo_data()
    load_demo_data()
    kinds = sorted(PreventiveEvent.objects.values_list("kind", flat=True))
    assert kinds == sorted([EventKind.OPEN_DAY, EventKind.PREVENTIVE])
    assert len(items_for(casework.head.scope)) == 1
