"""REP-2/REP-3/REP-4: obligations from the directory, the submission workflow, optimistic
locking, counting instead of asking, consolidation of the senders' accepted reports."""

import datetime
import zoneinfo
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from resurs.coordination.events.models import Event, EventKind, EventState
from resurs.coordination.reporting import obligations, selectors, services
from resurs.coordination.reporting.models import Report, ReportState, ReportValue
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.organisations.models import OrganisationKind
from resurs.kernel.workcalendar.periods import Period
from resurs.kernel.writes.errors import DomainError, StaleVersion
from tests.factories import OrganisationFactory, direction, member, rc_status

ZONE = zoneinfo.ZoneInfo("Asia/Yekaterinburg")


def at(day, hour=12):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


def report_of(world, code, sender):
    return Report.objects.get(form=world.forms[code], sender=sender.organisation)


def test_obligations_follow_the_directory(world):
    provider_form = world.forms["provider-monitoring"]
    owed = obligations.expected(provider_form, world.quarter)
    senders = {o.sender_id for o in owed}
    # The RC institution is a provider of its direction too, so it reports to its УСЗН.
    assert senders == {p.organisation.pk for p in world.providers} | {world.rc.organisation.pk}
    assert {o.receiver_id for o in owed} == {world.uszn.organisation.pk}
    assert world.stranger.organisation.pk not in senders
    uszn = obligations.expected(world.forms["uszn-consolidation"], world.quarter)
    assert uszn == [
        obligations.Obligation(
            world.uszn.organisation.pk, world.rc.organisation.pk, direction(2).pk
        )
    ]
    to_department = obligations.expected(world.forms["rc-monitoring"], world.quarter)
    assert [(o.sender_id, o.receiver_id) for o in to_department] == [
        (world.rc.organisation.pk, world.department.organisation.pk)
    ]
    to_methodist = obligations.expected(world.forms["rc-kpi"], world.quarter)
    assert to_methodist[0].receiver_id == world.methodist.organisation.pk


def test_a_centre_whose_status_ended_before_the_period_owes_nothing(world):
    other = OrganisationFactory(name="Бывший центр")
    rc_status(
        other,
        5,
        valid_from=datetime.date(2020, 1, 1),
        state="repealed",
        ended_on=datetime.date(2026, 5, 1),
    )
    q3 = obligations.expected(world.forms["rc-kpi"], world.quarter)
    q2 = obligations.expected(world.forms["rc-kpi"], Period("quarter", 2026, 2))
    assert other.pk not in {o.sender_id for o in q3}
    assert other.pk in {o.sender_id for o in q2}


def test_opening_a_period_is_idempotent_and_keeps_the_version_and_due_date(opened):
    form = opened.forms["provider-monitoring"]
    assert services.open_period(form=form, period=opened.quarter) == 0
    report = report_of(opened, "provider-monitoring", opened.providers[0])
    assert report.state == ReportState.NOT_STARTED
    assert report.due_on == datetime.date(2026, 10, 5)
    assert report.form_version == form.current_version()


def test_only_the_department_opens_a_period(world):
    with pytest.raises(PermissionDenied):
        services.open_period(
            form=world.forms["rc-kpi"], period=world.quarter, by=world.providers[0]
        )
    assert (
        services.open_period(form=world.forms["rc-kpi"], period=world.quarter, by=world.department)
        == 1
    )


def test_fill_submit_return_resubmit_accept(opened):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    services.save_values(
        by=provider,
        report=report,
        values={"recipients_total": "40", "recipients_new": "10", "problems": "Нет помещения"},
        expected_version=report.version,
    )
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    values = {v.indicator.code: v.value for v in report.values.select_related("indicator")}
    assert values["recipients_total"] == 40
    assert values["recipients_new_share"] == 25.0  # the formula
    services.submit(by=provider, report=report, expected_version=report.version)
    first = report.submitted_at
    assert report.state == ReportState.SUBMITTED
    with pytest.raises(DomainError):
        services.save_values(by=provider, report=report, values={}, expected_version=report.version)
    services.return_for_revision(
        by=opened.uszn,
        report=report,
        remarks="Уточните число впервые",
        expected_version=report.version,
    )
    assert report.state == ReportState.RETURNED
    services.save_values(
        by=provider,
        report=report,
        values={"recipients_total": "40", "recipients_new": "12"},
        expected_version=report.version,
    )
    report.refresh_from_db()
    services.submit(by=provider, report=report, expected_version=report.version)
    assert report.state == ReportState.RESUBMITTED
    assert report.submitted_at == first  # timeliness keeps the first submission
    services.accept(by=opened.uszn, report=report, expected_version=report.version)
    assert report.state == ReportState.ACCEPTED
    assert AuditEntry.objects.filter(object_id=str(report.pk)).count() >= 6


def test_accepted_data_is_locked_and_reopening_needs_a_reason(opened):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    services.submit(
        by=provider, report=report, expected_version=report.version, nothing_to_report=True
    )
    services.accept(by=opened.uszn, report=report, expected_version=report.version)
    with pytest.raises(DomainError):
        services.save_values(by=provider, report=report, values={}, expected_version=report.version)
    with pytest.raises(PermissionDenied):
        services.reopen(by=provider, report=report, reason="хочу", expected_version=report.version)
    with pytest.raises(DomainError, match="причину"):
        services.reopen(by=opened.uszn, report=report, reason="  ", expected_version=report.version)
    services.reopen(
        by=opened.department,
        report=report,
        reason="Ошибка в данных",
        expected_version=report.version,
    )
    assert report.state == ReportState.RETURNED
    assert "Ошибка в данных" in report.remarks
    entry = AuditEntry.objects.filter(object_id=str(report.pk)).order_by("-id").first()
    assert entry.actor == opened.department.user
    assert "state" in entry.changes and "remarks" in entry.changes


def test_a_second_editor_is_told_and_nothing_is_overwritten(opened):
    provider = opened.providers[0]
    colleague = member("provider", provider.organisation)
    report = report_of(opened, "provider-monitoring", provider)
    loaded = report.version
    services.save_values(
        by=provider, report=report, values={"recipients_total": "40"}, expected_version=loaded
    )
    stale = Report.objects.get(pk=report.pk)
    with pytest.raises(StaleVersion):
        services.save_values(
            by=colleague, report=stale, values={"recipients_total": "99"}, expected_version=loaded
        )
    value = ReportValue.objects.get(report=report, indicator__code="recipients_total")
    assert value.value == 40


def test_bad_values_name_the_indicator_in_russian(opened):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    with pytest.raises(ValidationError) as error:
        services.save_values(
            by=provider,
            report=report,
            values={"recipients_total": "сорок", "recipients_new": "-1", "staff_trained": "2,5"},
            expected_version=report.version,
        )
    messages = error.value.message_dict
    assert "не число" in messages["recipients_total"][0]
    assert "меньше нуля" in messages["recipients_new"][0]
    assert "целое" in messages["staff_trained"][0]
    assert not ReportValue.objects.filter(report=report).exists()


def test_required_values_are_needed_unless_nothing_to_report(opened):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    with pytest.raises(DomainError, match="Получатели услуг"):
        services.submit(by=provider, report=report, expected_version=report.version)
    services.submit(
        by=provider, report=report, expected_version=report.version, nothing_to_report=True
    )
    assert report.nothing_to_report and report.state == ReportState.SUBMITTED


def test_another_provider_cannot_fill_or_decide(opened):
    report = report_of(opened, "provider-monitoring", opened.providers[0])
    with pytest.raises(PermissionDenied):
        services.save_values(
            by=opened.providers[1], report=report, values={}, expected_version=None
        )
    services.submit(
        by=opened.providers[0], report=report, expected_version=None, nothing_to_report=True
    )
    with pytest.raises(PermissionDenied):
        services.accept(by=opened.providers[1], report=report, expected_version=None)
    with pytest.raises(PermissionDenied):
        services.accept(by=opened.rc, report=report, expected_version=None)


def test_the_system_counts_events_and_a_different_typed_value_is_kept_beside(opened):
    provider = opened.providers[0]
    for day in (datetime.date(2026, 7, 10), datetime.date(2026, 8, 20)):
        Event.objects.create(
            topic="Семинар",
            kind=EventKind.SEMINAR,
            organiser=provider.organisation,
            direction=direction(2),
            starts_at=at(day),
            ends_at=at(day, 14),
            state=EventState.HELD,
        )
    report = report_of(opened, "provider-monitoring", provider)
    indicators = list(report.form_version.indicators.all())
    counted = selectors.counted_values(report, indicators)
    assert counted["events_held"].value == 2
    assert "organiser=" in counted["events_held"].url
    services.save_values(
        by=provider,
        report=report,
        values={"publications": "3"},
        expected_version=report.version,
    )
    stored = selectors.stored_values(report)
    assert stored["events_held"].value == 2  # an empty countable value takes the counted one
    assert stored["publications"].value == 3 and stored["publications"].counted == 0
    assert stored["publications"].differs


def _submit_provider(world, provider, values, *, accept=True, when=None):
    report = report_of(world, "provider-monitoring", provider)
    services.save_values(by=provider, report=report, values=values, expected_version=report.version)
    report.refresh_from_db()
    services.submit(by=provider, report=report, expected_version=report.version)
    if when is not None:
        Report.objects.filter(pk=report.pk).update(
            submitted_at=when, submitted_on=timezone.localdate(when)
        )
        report.refresh_from_db()
    if accept:
        services.accept(by=world.uszn, report=report, expected_version=report.version)
    return report


def test_a_part_larger_than_its_whole_is_not_submitted(opened):
    """Issue 12, item 6: «из них впервые» 25 of 10 «всего» was accepted and shown as 250 %;
    submission names both indicators and nothing changes."""
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    services.save_values(
        by=provider,
        report=report,
        values={"recipients_total": "10", "recipients_new": "25"},
        expected_version=report.version,
    )
    report.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.submit(by=provider, report=report, expected_version=report.version)
    message = str(error.value)
    assert "«2.2 из них впервые» (25) больше, чем «2.1 Получатели услуг, всего» (10)" in message
    assert report_of(opened, "provider-monitoring", provider).state == ReportState.DRAFT
    services.save_values(
        by=provider,
        report=report,
        values={"recipients_total": "10", "recipients_new": "10"},
        expected_version=report.version,
    )
    report.refresh_from_db()
    services.submit(by=provider, report=report, expected_version=report.version)
    assert report_of(opened, "provider-monitoring", provider).state == ReportState.SUBMITTED


def test_consolidation_sums_and_lists_the_accepted_reports(opened):
    a, b, c = opened.providers
    _submit_provider(
        opened,
        a,
        {
            "recipients_total": "40",
            "recipients_new": "10",
            "problems": "Нет помещения",
            "technologies": [{"name": "Социальный патруль", "recipients": "12"}],
        },
    )
    _submit_provider(opened, b, {"recipients_total": "60", "recipients_new": "30"})
    _submit_provider(opened, c, {"recipients_total": "1000", "recipients_new": "1"}, accept=False)
    consolidation = report_of(opened, "uszn-consolidation", opened.uszn)
    indicators = list(consolidation.form_version.indicators.all())
    counted = selectors.counted_values(consolidation, indicators)
    assert counted["recipients_total"].value == 100  # the unaccepted report is not counted
    assert counted["providers_reported"].value == 2
    assert counted["problems"].value == "Нет помещения"
    assert counted["technologies"].value == [{"name": "Социальный патруль", "recipients": 12}]
    services.save_values(by=opened.uszn, report=consolidation, values={}, expected_version=None)
    stored = selectors.stored_values(consolidation)
    assert stored["recipients_new_share"].value == 40.0  # 40 of 100, computed after the sum
    services.submit(by=opened.uszn, report=consolidation, expected_version=None)
    services.accept(by=opened.rc, report=consolidation, expected_version=None)
    rc_report = report_of(opened, "rc-monitoring", opened.rc)
    rc_counted = selectors.counted_values(rc_report, list(rc_report.form_version.indicators.all()))
    assert rc_counted["recipients_total"].value == 100
    assert rc_counted["providers_reported"].value == 2


def test_the_board_shows_each_reports_timeliness(opened):
    a, b, c = opened.providers
    due = datetime.date(2026, 10, 5)
    _submit_provider(opened, a, {"recipients_total": "1", "recipients_new": "1"}, when=at(due))
    _submit_provider(
        opened,
        b,
        {"recipients_total": "1", "recipients_new": "1"},
        when=at(due + datetime.timedelta(days=3)),
    )
    nothing = report_of(opened, "provider-monitoring", c)
    services.submit(by=c, report=nothing, expected_version=None, nothing_to_report=True)
    Report.objects.filter(pk=nothing.pk).update(
        submitted_at=at(due - datetime.timedelta(days=1)),
        submitted_on=due - datetime.timedelta(days=1),
    )
    result = selectors.board(
        opened.uszn,
        period=opened.quarter,
        form=opened.forms["provider-monitoring"],
        receiver_id=opened.uszn.organisation_id,
        today=datetime.date(2026, 10, 20),
    )
    status = {r.sender_id: (r.status, r.days_late) for r in result.rows}
    assert status[a.organisation.pk] == ("on_time", 0)
    assert status[b.organisation.pk] == ("late", 3)
    assert status[c.organisation.pk][0] == "nothing"
    assert status[opened.rc.organisation.pk][0] == "missing"  # the RC as a provider did not report
    assert result.totals["expected_total"] == 4
    assert result.totals["late_total"] == 1
    assert result.totals["missing"] == 1
    assert result.totals["nothing"] == 1
    # Issue 12, item 7: a «нет данных» report is not also «в срок»; the groups add up.
    totals = result.totals
    assert totals["on_time"] == 1
    groups = ("on_time", "late", "nothing", "returned", "missing", "expected")
    assert sum(totals[key] for key in groups) == totals["expected_total"]


def test_a_report_of_a_running_period_is_not_submitted_before_its_last_day(opened):
    """Issue 12, item 7: by default submission opens on the period's last day; a form may
    open it earlier (the setting is the form's)."""
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    moment = datetime.datetime(2026, 9, 29, 12, tzinfo=ZONE)  # the quarter ends on 30.09
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert not report.is_submission_open
        with pytest.raises(DomainError) as error:
            services.submit(
                by=provider, report=report, expected_version=None, nothing_to_report=True
            )
        assert "можно представить с 30.09.2026" in str(error.value)
        assert report_of(opened, "provider-monitoring", provider).submitted_at is None
        form = opened.forms["provider-monitoring"]
        form.submission_opens_days = 5
        form.save()
        report = report_of(opened, "provider-monitoring", provider)
        services.submit(by=provider, report=report, expected_version=None, nothing_to_report=True)
    submitted = report_of(opened, "provider-monitoring", provider)
    assert submitted.submitted_on == datetime.date(2026, 9, 29)


def test_timeliness_is_counted_in_the_regions_time_zone(opened):
    """23:30 on the due day in Yekaterinburg is 18:30 UTC: on time; 00:30 the next day
    (19:30 UTC on the due day) is one day late."""
    first, second = opened.providers[0], opened.providers[1]
    for provider, moment in (
        (first, datetime.datetime(2026, 10, 5, 23, 30, tzinfo=ZONE)),
        (second, datetime.datetime(2026, 10, 6, 0, 30, tzinfo=ZONE)),
    ):
        report = report_of(opened, "provider-monitoring", provider)
        with mock.patch("django.utils.timezone.now", return_value=moment):
            services.submit(
                by=provider, report=report, expected_version=None, nothing_to_report=True
            )
    on_time = report_of(opened, "provider-monitoring", first)
    late = report_of(opened, "provider-monitoring", second)
    assert on_time.submitted_at.astimezone(datetime.UTC).hour == 18
    assert (on_time.submitted_on, on_time.days_late) == (datetime.date(2026, 10, 5), 0)
    assert (late.submitted_on, late.days_late) == (datetime.date(2026, 10, 6), 1)
    totals = selectors.board_totals(
        Report.objects.filter(pk__in=[on_time.pk, late.pk]), datetime.date(2026, 10, 20)
    )
    assert (totals["on_time_total"], totals["late_total"]) == (1, 1)


def test_an_unknown_provider_kind_owes_nothing(world):
    volunteer = OrganisationFactory(
        kind=OrganisationKind.VOLUNTEER, territory=world.uszn.organisation.territory
    )
    volunteer.directions.add(direction(2))
    owed = obligations.expected(world.forms["provider-monitoring"], world.quarter)
    assert volunteer.pk not in {o.sender_id for o in owed}
