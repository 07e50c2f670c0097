"""REP-7: reminders before, on and after a due date, to the appointed responsibles, once."""

import datetime

from django.core import mail

from resurs.coordination.reporting import reminders_reports, services
from resurs.coordination.reporting.models import Report
from resurs.kernel.notifications.models import Notification
from resurs.kernel.notifications.reminders import Stage, reminder_stage
from resurs.kernel.organisations.models import AppointmentKind
from tests.factories import appointment

DUE = datetime.date(2026, 10, 5)  # Monday


def test_stages_by_working_days(db, settings):
    settings.REMINDER_DAYS_BEFORE = 3
    assert reminder_stage(DUE, datetime.date(2026, 9, 28)) is None
    # Three working days before Monday 5 October: Wednesday 30 September.
    assert reminder_stage(DUE, datetime.date(2026, 9, 30)) == Stage.BEFORE
    assert reminder_stage(DUE, datetime.date(2026, 10, 2)) == Stage.BEFORE
    assert reminder_stage(DUE, DUE) == Stage.DUE
    assert reminder_stage(DUE, datetime.date(2026, 10, 6)) == Stage.AFTER


def test_each_stage_goes_once_to_the_appointed_responsible(opened, settings):
    provider = opened.providers[0]
    provider.user.email = "otvetstvenny@example.ru"
    provider.user.save()
    appointment(provider.organisation, kind=AppointmentKind.PROVIDER_REPORTING, user=provider.user)
    before = datetime.date(2026, 10, 1)
    sent = reminders_reports.send_due_reminders(today=before)
    assert sent >= 1
    mine = Notification.objects.filter(recipient=provider.user)
    assert mine.count() == 1
    assert "приближается срок" in mine.get().title
    assert any("otvetstvenny@example.ru" in m.to for m in mail.outbox)
    reminders_reports.send_due_reminders(today=datetime.date(2026, 10, 2))
    assert mine.count() == 1  # the «before» stage is not repeated
    reminders_reports.send_due_reminders(today=DUE)
    reminders_reports.send_due_reminders(today=datetime.date(2026, 10, 9))
    titles = list(mine.order_by("id").values_list("title", flat=True))
    assert len(titles) == 3 and "срок прошёл" in titles[-1]


def test_a_submitted_report_gets_no_reminder(opened):
    provider = opened.providers[1]
    report = Report.objects.get(form__code="provider-monitoring", sender=provider.organisation)
    services.submit(by=provider, report=report, expected_version=None, nothing_to_report=True)
    reminders_reports.send_due_reminders(today=DUE)
    assert not Notification.objects.filter(recipient=provider.user).exists()
    # Without an appointment the organisation's active members are reminded.
    other = opened.providers[2]
    assert Notification.objects.filter(recipient=other.user).count() == 1


def test_the_daily_job_opens_periods_reminds_and_counts(world):
    from resurs.coordination.reporting import tasks

    result = tasks.daily.enqueue()
    outcome = result.return_value
    assert outcome["opened"] >= 4  # this and the last period of every form the world owes
    assert Report.objects.filter(form__code="rc-kpi").count() == 2
    assert outcome["kpis"] == 2  # the centre, this quarter and the last
    assert "reminders" in outcome
