"""REP-7: one reminder mechanism for every deadline of the reporting chain (reports, requests
and instructions): N working days before the due date, on it, and on the first working day
after it, to the appointed responsibles (ORG-4), in the in-app inbox and by e-mail, each
stage once (``ReminderSent``). The background worker runs it daily (reporting.tasks)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from resurs.coordination.roadmaps.models import Notification
from resurs.kernel.organisations.models import Appointment
from resurs.kernel.workcalendar.deadlines import WorkCalendar


class Stage:
    BEFORE = "before"
    DUE = "due"
    AFTER = "after"


STAGE_LABELS = {
    Stage.BEFORE: "приближается срок",
    Stage.DUE: "сегодня срок",
    Stage.AFTER: "срок прошёл",
}


def reminder_stage(due_on: datetime.date, today: datetime.date) -> str | None:
    """Which reminder is due today for a deadline: «before» from
    settings.REMINDER_DAYS_BEFORE working days ahead until the day before, «due» on the
    day, «after» from the first day after. Each stage is sent once (send_reminder), so a
    worker that missed a day still sends the stage when it runs again."""
    if today == due_on:
        return Stage.DUE
    if today > due_on:
        return Stage.AFTER
    start = WorkCalendar().add_working_days(today, settings.REMINDER_DAYS_BEFORE)
    return Stage.BEFORE if due_on <= start else None


def responsible_users(organisation, kinds, today: datetime.date | None = None) -> list:
    """The organisation's people appointed to ``kinds`` (organisations.AppointmentKind) who
    have a login; none appointed — its active members."""
    organisation_id = getattr(organisation, "pk", organisation)
    users = {
        a.user
        for a in Appointment.objects.current(today)
        .filter(
            organisation_id=organisation_id,
            kind__in=list(kinds),
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user")
    }
    if not users:
        from resurs.kernel.accounts.models import User

        users = set(
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=organisation_id,
                memberships__is_active=True,
            ).distinct()
        )
    return sorted(users, key=lambda u: u.pk)


def send_reminder(*, key: str, stage: str, recipients, title: str, text: str, link: str) -> bool:
    """Inbox message and e-mail to ``recipients`` unless (key, stage) was sent before."""
    from resurs.coordination.reporting.models import ReminderSent

    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key[:200], stage=stage, recipients=len(recipients))
            for user in recipients:
                Notification.objects.create(
                    recipient=user, title=title[:500], text=text, link=link[:500]
                )
    except IntegrityError:
        return False
    emails = [u.email for u in recipients if u.email]
    if emails:
        site = getattr(settings, "SITE_URL", "").rstrip("/")
        send_mail(
            title,
            f"{text}\n\n{site}{link}" if site else f"{text}\n\n{link}",
            settings.DEFAULT_FROM_EMAIL,
            emails,
        )
    return True
