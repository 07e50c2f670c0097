"""REP-5: the KPI snapshot of a resource centre is counted from its records, by the same
selectors the forms use; the background task recounts every centre of a period."""

import datetime
import zoneinfo

from resurs.coordination.events.models import Event, EventKind, EventState, Publication
from resurs.coordination.public.models import PublicPage
from resurs.coordination.reporting import kpi, tasks
from resurs.coordination.reporting.models import KpiSnapshot
from resurs.kernel.workcalendar.periods import Period
from tests.factories import direction

ZONE = zoneinfo.ZoneInfo("Asia/Yekaterinburg")


def _event(organisation, day, state=EventState.HELD, number=2):
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZONE)
    return Event.objects.create(
        topic="Семинар для специалистов",
        kind=EventKind.SEMINAR,
        organiser=organisation,
        direction=direction(number),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        state=state,
    )


def test_recompute_counts_the_centres_records_of_the_period(world):
    centre = world.rc.organisation
    _event(centre, datetime.date(2026, 7, 1))
    _event(centre, datetime.date(2026, 9, 30))
    _event(centre, datetime.date(2026, 10, 1))  # next quarter
    _event(centre, datetime.date(2026, 8, 1), state=EventState.PLANNED)
    _event(centre, datetime.date(2026, 8, 2), number=5)  # another direction
    for day, media in ((datetime.date(2026, 7, 5), True), (datetime.date(2026, 8, 5), False)):
        Publication.objects.create(
            organisation=centre,
            direction=direction(2),
            channel="site",
            published_on=day,
            title="О работе центра",
            is_mass_media=media,
        )
    assert kpi.recompute(world.quarter) == 1
    snapshot = KpiSnapshot.objects.get(organisation=centre, period_start=world.quarter.start)
    assert snapshot.events_held == 2
    assert (snapshot.publications, snapshot.publications_mass_media) == (2, 1)
    assert snapshot.public_page is False
    assert snapshot.roadmap_execution is None
    parts = snapshot.components["parts"]
    assert parts["events"]["value"] == 2.0
    assert parts["roadmap"]["score"] == 0.0  # no roadmap: the component counts as 0
    assert snapshot.coefficient is not None and 0 < snapshot.coefficient < 1


def test_the_background_task_recounts_and_updates_in_place(world):
    centre = world.rc.organisation
    tasks.recompute_kpis.enqueue(world.quarter.key)
    first = KpiSnapshot.objects.get(organisation=centre)
    assert first.events_held == 0
    _event(centre, datetime.date(2026, 8, 10))
    PublicPage.objects.filter(organisation=centre).delete()
    result = tasks.recompute_kpis.enqueue(world.quarter.key)
    assert result.return_value == 1
    assert KpiSnapshot.objects.count() == 1
    assert KpiSnapshot.objects.get(organisation=centre).events_held == 1


def test_a_centre_not_in_force_is_not_counted(world):
    assert kpi.recompute(Period("quarter", 2023, 4)) == 0
