"""The demo: seed 003's 2022 and the Surgut RC now; loading twice changes nothing."""

from datetime import date

import pytest

from resurs.coordination.events import attention, demo, selectors
from resurs.coordination.events.models import (
    Consultation,
    Event,
    EventKind,
    Nomination,
    Publication,
)
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.organisations.demo import NV_RC, load_demo
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.workcalendar.periods import quarter_of

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_the_roadmaps_events():
    load_demo()
    demo.load_demo_data()
    counts = (Event.objects.count(), Nomination.objects.count(), Publication.objects.count(),
              Consultation.objects.count())  # fmt: skip
    demo.load_demo_data()
    assert counts == (
        Event.objects.count(), Nomination.objects.count(), Publication.objects.count(),
        Consultation.objects.count(),
    )  # fmt: skip
    nv = Organisation.objects.get(name=NV_RC)
    nv_2022 = Event.objects.filter(organiser=nv, starts_at__year=2022)
    # 003:3.2.2 — a meeting every quarter; roadmap item 14 — an open day every half-year.
    meetings = nv_2022.filter(kind=EventKind.MO_MEETING)
    assert sorted({quarter_of(e.starts_at.date()).long_label for e in meetings}) == [
        f"{n} квартал 2022 года" for n in ("I", "II", "III", "IV")
    ]
    assert nv_2022.filter(kind=EventKind.OPEN_DAY).count() == 2
    assert nv_2022.filter(kind=EventKind.INTERNSHIP).count() == 4
    assert nv_2022.filter(kind=EventKind.DISCUSSION_PLATFORM).count() == 4
    # Seven media-plan publications (two newspaper articles, a TV report) and a post.
    assert selectors.publications_count(
        organisation=nv, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31)
    ) == (8, 3)


def test_the_surgut_rc_sees_its_warnings_and_waiting_nomination():
    load_demo()
    demo.load_demo_data()
    rc = Membership.objects.get(user__username="rc")
    titles = [item.title for item in attention.items_for(Scope.of(rc))]
    assert "Заявки на обучение ждут решения: 1" in titles
    assert selectors.training_plan_for(rc).count() == 1


def test_demo_event_titles_do_not_repeat_their_kind():
    load_demo()
    demo.load_demo_data()
    open_days = list(Event.objects.filter(kind=EventKind.OPEN_DAY))
    assert open_days
    for event in Event.objects.all():
        kind = event.get_kind_display()
        assert f"{kind}: {kind}".casefold() not in str(event).casefold(), str(event)
    assert str(open_days[0]).startswith("День открытых дверей")
    # A topic that does not name the kind keeps it in front.
    assert str(Event(kind=EventKind.SEMINAR, topic="Ранняя помощь")) == "Семинар: Ранняя помощь"
