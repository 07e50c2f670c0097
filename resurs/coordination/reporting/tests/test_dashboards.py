"""REP-6: the dashboards show the numbers counted from the records, every number opens the
records behind it, the Department's dashboard costs a fixed number of queries, and each
role sees only its part (the Department everything, a centre its own direction, a УСЗН its
territory)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resurs.coordination.events.models import EventState
from resurs.coordination.events.tests.helpers import (
    local,
    make_consultation,
    make_event,
    make_publication,
)
from resurs.coordination.reporting import kpi, services
from resurs.coordination.reporting.models import KpiSnapshot, Report, ReportForm, ReportState
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import OrganisationKind
from resurs.kernel.workcalendar.periods import Period
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db

Q1 = Period("quarter", 2026, 1)
DASHBOARD = "/reporting/dashboard/"


def _submitted(report, day: datetime.date, *, state=ReportState.SUBMITTED, nothing=False):
    moment = local(day.year, day.month, day.day, 12)
    Report.objects.filter(pk=report.pk).update(
        state=state,
        submitted_at=moment,
        submitted_on=day,
        last_submitted_at=moment,
        nothing_to_report=nothing,
    )


@pytest.fixture
def world():
    """RC «А» (Surgut, direction 2) and RC «Б» (direction 9) in the first quarter of 2026.

    А: two held events and one planned, one cancelled; three publications (one in mass
    media) and one of April; one consultation of P1. Б: one publication. A provider of
    Surgut in direction 2 owes the Surgut УСЗН its monitoring; the УСЗН owes А its
    consolidation (submitted 4 days late); А submitted rc-monitoring on time, Б did not.
    """
    surgut = territory("Сургут")
    d2, d9 = direction(2), direction(9)
    rc_a = OrganisationFactory(short_name="РЦ А", territory=surgut)
    rc_b = OrganisationFactory(short_name="РЦ Б", territory=territory("Пыть-Ях"))
    rc_status(rc_a, 2)
    rc_status(rc_b, 9)
    uszn = OrganisationFactory(
        kind=OrganisationKind.USZN, short_name="УСЗН Сургут", territory=surgut
    )
    provider = OrganisationFactory(short_name="КЦСОН Сургут", territory=surgut)
    provider.directions.add(d2)
    p1 = OrganisationFactory(short_name="П1")
    department = member(Role.DEPARTMENT)
    OrganisationFactory(kind=OrganisationKind.METHODICAL_CENTRE, short_name="МЦ")

    for day in (10, 20):
        make_event(rc_a, direction=d2, state=EventState.HELD, start=local(2026, 2, day, 10))
    make_event(rc_a, direction=d2, state=EventState.PLANNED, start=local(2026, 3, 1, 10))
    make_event(rc_a, direction=d2, state=EventState.CANCELLED, start=local(2026, 3, 2, 10))
    make_publication(rc_a, direction=d2, published_on=datetime.date(2026, 1, 15))
    make_publication(
        rc_a, direction=d2, published_on=datetime.date(2026, 2, 15), is_mass_media=False
    )
    make_publication(
        rc_a, direction=d2, published_on=datetime.date(2026, 3, 31), is_mass_media=False
    )
    make_publication(rc_a, direction=d2, published_on=datetime.date(2026, 4, 1))
    make_publication(rc_b, direction=d9, published_on=datetime.date(2026, 2, 1))
    make_consultation(rc_a, [p1], direction=d2, held_on=datetime.date(2026, 3, 12))

    forms = {f.code: f for f in ReportForm.objects.all()}
    for code in ("provider-monitoring", "uszn-consolidation", "rc-monitoring", "rc-kpi"):
        services.open_period(form=forms[code], period=Q1)
    rc_monitoring_a = Report.objects.get(form__code="rc-monitoring", sender=rc_a)
    _submitted(rc_monitoring_a, rc_monitoring_a.due_on)
    consolidation = Report.objects.get(form__code="uszn-consolidation", receiver=rc_a)
    _submitted(consolidation, consolidation.due_on + datetime.timedelta(days=4))
    provider_report = Report.objects.get(form__code="provider-monitoring", sender=provider)
    _submitted(provider_report, provider_report.due_on, nothing=True)
    kpi.recompute(Q1)
    return {
        "rc_a": rc_a,
        "rc_b": rc_b,
        "uszn": uszn,
        "provider": provider,
        "department": department,
        "d2": d2,
        "d9": d9,
        "rc_monitoring_a": rc_monitoring_a,
        "consolidation": consolidation,
        "provider_report": provider_report,
    }


def _rows(response):
    return {(r.organisation.pk, r.direction.pk): r for r in response.context["data"].rows}


def test_department_dashboard_shows_the_counted_numbers(world, login):
    client = login(world["department"])
    response = client.get(DASHBOARD, {"period": Q1.key})
    assert response.status_code == 200
    rows = _rows(response)
    a = rows[(world["rc_a"].pk, world["d2"].pk)]
    b = rows[(world["rc_b"].pk, world["d9"].pk)]
    assert (a.events.value, a.publications.value, a.mass_media.value) == (2, 3, 1)
    assert a.consulted.value == 1
    assert a.public_page.value == "нет"
    assert (b.events.value, b.publications.value) == (0, 1)
    # Timeliness of the centre's own reports and of the УСЗН reports it receives.
    own = dict(a.reports)
    assert own["Мониторинг (Департамент)"].status == "on_time"
    assert dict(b.reports)["Мониторинг (Департамент)"].status == "missing"
    assert (a.incoming.expected, a.incoming.late, a.incoming.on_time) == (1, 1, 0)
    assert b.incoming.expected == 0
    content = response.content.decode()
    assert "в срок" in content and "не представлен" in content
    totals = response.context["data"].totals
    assert totals["publications"] == 4 and totals["events"] == 2
    # The trend's last point is the chosen quarter, the chart data is in a JSON block.
    assert response.context["data"].trend[-1].publications == 4
    assert len(response.context["data"].trend) == 8
    assert 'id="trend-data"' in content and 'data-chart="trend-data"' in content


def test_direction_filter_keeps_one_direction(world, login):
    client = login(world["department"])
    response = client.get(DASHBOARD, {"period": Q1.key, "direction": world["d9"].pk})
    assert list(_rows(response)) == [(world["rc_b"].pk, world["d9"].pk)]
    assert response.context["data"].trend[-1].publications == 1


def test_every_number_opens_exactly_the_counted_records(world, login):
    client = login(world["department"])
    response = client.get(DASHBOARD, {"period": Q1.key})
    a = _rows(response)[(world["rc_a"].pk, world["d2"].pk)]
    for cell in (a.events, a.publications, a.mass_media, a.consulted):
        assert cell.url
        listed = client.get(cell.url)
        assert listed.status_code == 200, cell.url
        assert listed.context["page_obj"].paginator.count == cell.value, cell.url
    # The centre's own report and the УСЗН reports it receives.
    report = dict(a.reports)["Мониторинг (Департамент)"]
    assert client.get(report.get_absolute_url()).status_code == 200
    incoming = client.get(a.incoming.url.split("#")[0])
    assert incoming.status_code == 200
    assert [r.pk for r in incoming.context["view"].incoming] == [world["consolidation"].pk]
    assert incoming.context["view"].incoming[0].status == "late"
    assert "с опозданием на 4 дн." in incoming.content.decode()


def test_dashboard_query_count_does_not_grow_with_centres(world, login):
    client = login(world["department"])
    client.get(DASHBOARD, {"period": Q1.key})  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD, {"period": Q1.key})
    for number in range(3):
        rc_status(OrganisationFactory(short_name=f"РЦ {number}"), 2 + number)
    kpi.recompute(Q1)
    with CaptureQueriesContext(connection) as many:
        response = client.get(DASHBOARD, {"period": Q1.key})
    assert len(response.context["data"].rows) == 5
    assert len(many) == len(few)
    assert len(many) <= 10, [q["sql"][:90] for q in many.captured_queries]


def test_recompute_button_runs_the_task(world, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    make_publication(world["rc_b"], direction=world["d9"], published_on=datetime.date(2026, 3, 3))
    client = login(world["department"])
    response = client.post(reverse("reporting:kpi_recompute"), {"period": Q1.key}, follow=True)
    assert "пересчитаны: центров — 2" in response.content.decode()
    snapshot = KpiSnapshot.objects.get(organisation=world["rc_b"], period_start=Q1.start)
    assert snapshot.publications == 2
    assert _rows(response)[(world["rc_b"].pk, world["d9"].pk)].publications.value == 2


def test_queued_recompute_shows_its_state_and_polls(world, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(world["department"])
    response = client.post(reverse("reporting:kpi_recompute"), {"period": Q1.key})
    assert response.status_code == 302
    assert "task=" in response["Location"]
    fragment = client.get(
        response["Location"], headers={"HX-Request": "true", "HX-Target": "kpi-status"}
    )
    text = fragment.content.decode()
    assert "в очереди" in text
    assert 'hx-trigger="every 2s"' in text
    assert "<table" not in text  # only the status fragment


def test_roles_outside_the_dashboard_are_refused(world, login):
    provider = member(Role.PROVIDER, world["provider"])
    rc = member(Role.RESOURCE_CENTRE, world["rc_a"], direction=world["d2"])
    assert login(provider).get(DASHBOARD).status_code == 403
    assert login(provider).get("/reporting/dashboard/direction/").status_code == 404
    assert login(provider).get("/reporting/dashboard/territory/").status_code == 403
    assert login(rc).get(DASHBOARD).status_code == 403
    assert login(rc).post(reverse("reporting:kpi_recompute"), {"period": Q1.key}).status_code == 403


def test_centre_sees_its_own_direction_only(world, login):
    rc = member(Role.RESOURCE_CENTRE, world["rc_a"], direction=world["d2"])
    client = login(rc)
    url = "/reporting/dashboard/direction/"
    response = client.get(url, {"period": Q1.key})
    assert response.status_code == 200
    view = response.context["view"]
    assert (view.organisation, view.direction) == (world["rc_a"], world["d2"])
    assert view.row.publications.value == 3
    assert [r.pk for r in view.incoming] == [world["consolidation"].pk]
    assert len(view.history) == 8 and view.history[-1][1] is not None
    parts = dict(view.parts)
    assert parts["6.4 Публикации"] == {"value": 3.0, "norm": 6.0, "weight": 1.0, "score": 0.5}
    assert 'id="history-data"' in response.content.decode()
    # Another direction or another centre is not found.
    assert client.get(url, {"direction": world["d9"].pk}).status_code == 404
    assert client.get(url, {"organisation": world["rc_b"].pk}).status_code == 404


def test_territory_view_for_uszn(world, login):
    uszn = member(Role.USZN, world["uszn"])
    response = login(uszn).get("/reporting/dashboard/territory/", {"period": Q1.key})
    assert response.status_code == 200
    view = response.context["view"]
    # The centre of Surgut is a state institution of the territory in direction 2: it owes
    # its provider monitoring too (resurs.coordination.reporting.obligations).
    statuses = {r.sender: r.status for r in view.providers}
    assert statuses == {world["provider"]: "nothing", world["rc_a"]: "missing"}
    assert view.totals["nothing"] == 1 and view.totals["missing"] == 1
    assert view.totals["expected"] == 2
    assert [r.pk for r in view.consolidations] == [world["consolidation"].pk]
    assert view.totals["consolidations_submitted"] == 1
    assert "нет данных за период" in response.content.decode()
