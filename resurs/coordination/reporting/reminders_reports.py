"""REP-7 for reports: every report not yet submitted (or returned and not yet corrected)
gets the reminder stages of notifications.reminders, sent to the sender's responsibles for
reporting (ORG-4) — in-service, to the specialist or the head of the unit who owes it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from resurs.coordination.reporting import inservice
from resurs.coordination.reporting.models import EDITABLE_STATES, Party, Report
from resurs.kernel.accounts.models import User
from resurs.kernel.notifications.recipients import responsible_users
from resurs.kernel.notifications.reminders import (
    STAGE_LABELS,
    Stage,
    reminder_stage,
    send_reminder,
)
from resurs.kernel.organisations.models import AppointmentKind

RESPONSIBLE_KINDS = {
    Party.PROVIDER: [AppointmentKind.PROVIDER_REPORTING, AppointmentKind.INTERACTION],
    Party.USZN: [AppointmentKind.PROVIDER_REPORTING, AppointmentKind.REPORTING],
    Party.RESOURCE_CENTRE: [AppointmentKind.REPORTING, AppointmentKind.RC_HEAD],
}

TEXTS = {
    Stage.BEFORE: "Срок представления отчёта «{form}» за {period} — {due}. "
    "Отчёт ещё не представлен.",
    Stage.DUE: "Сегодня, {due}, срок представления отчёта «{form}» за {period}.",
    Stage.AFTER: "Срок представления отчёта «{form}» за {period} ({due}) прошёл, "
    "отчёт не представлен.",
}


def _recipients(report: Report, today: datetime.date) -> list:
    """Between organisations, the sender's responsibles for reporting; in-service
    (reporting.inservice), the specialist who owes the report or the heads of the unit."""
    if report.sender_membership_id:
        user = report.sender_membership.user
        return [user] if user.is_active and report.sender_membership.is_active else []
    if report.unit_id:
        return list(User.objects.filter(pk__in=inservice.head_user_ids(report.unit_id, today)))
    return responsible_users(report.sender_id, RESPONSIBLE_KINDS.get(report.form.sender, []), today)


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """Sends today's stage for every outstanding report; returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=31)
    reports = (
        Report.objects.filter(state__in=EDITABLE_STATES, submitted_at__isnull=True)
        .filter(due_on__lte=horizon, due_on__gte=today - datetime.timedelta(days=60))
        .select_related("form", "receiver", "unit", "sender_membership__user")
    )
    sent = 0
    for report in reports:
        stage = reminder_stage(report.due_on, today)
        if stage is None:
            continue
        words = {
            "form": report.form.short_title,
            "period": report.period.label,
            "due": f"{report.due_on:%d.%m.%Y}",
        }
        recipients = _recipients(report, today)
        if send_reminder(
            key=f"report:{report.pk}",
            stage=stage,
            recipients=recipients,
            title=f"Отчётность: {STAGE_LABELS[stage]} — {words['form']}, {words['period']}",
            text=TEXTS[stage].format(**words) + f" Получатель: {report.receiver_label}.",
            link=report.get_absolute_url(),
        ):
            sent += 1
    return sent
