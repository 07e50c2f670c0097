"""The demo: seed 003's 2022 plan agreed and marked for Q1, Surgut's 2026 draft; idempotent."""

import pytest

from resurs.coordination.events.demo import load_demo_data as load_events
from resurs.coordination.roadmaps.demo import load_demo_data
from resurs.coordination.roadmaps.models import (
    Evidence,
    Item,
    Mark,
    Proposal,
    Roadmap,
    RoadmapState,
)
from resurs.kernel.organisations.demo import NV_RC, load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_with_the_seeds_plan():
    load_demo()
    load_events()
    load_demo_data()
    nv = Roadmap.objects.get(organisation__name=NV_RC, year=2022)
    assert nv.state == RoadmapState.AGREED and nv.sections.count() == 3
    items = Item.objects.filter(section__roadmap=nv)
    assert items.count() == 16
    assert items.get(number=15).timeframe == "Октябрь-декабрь"
    marks = Mark.objects.filter(checkpoint__item__section__roadmap=nv)
    assert {m.checkpoint.due_on.month for m in marks} <= {1, 2, 3}
    assert Evidence.objects.filter(mark__in=marks, content_type__model="event").exists()
    assert Proposal.objects.filter(roadmap__year=2026).count() == 1
    counts = (Roadmap.objects.count(), Item.objects.count(), Mark.objects.count())
    load_demo_data()
    assert (Roadmap.objects.count(), Item.objects.count(), Mark.objects.count()) == counts
