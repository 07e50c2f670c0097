"""REP-7: one reminder mechanism for every deadline (reports, requests and instructions, …):
N working days before the due date, on it, and from the first day after it, each stage once
— the ledger (``ReminderSent``) remembers what went out, so a worker that missed a day still
sends the stage when it runs again and never sends it twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction

from resurs.kernel.notifications.models import ReminderSent
from resurs.kernel.notifications.services import notify
from resurs.kernel.workcalendar.deadlines import WorkCalendar

if TYPE_CHECKING:
    from resurs.kernel.accounts.models import User


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
    day, «after» from the first day after."""
    if today == due_on:
        return Stage.DUE
    if today > due_on:
        return Stage.AFTER
    start = WorkCalendar().add_working_days(today, settings.REMINDER_DAYS_BEFORE)
    return Stage.BEFORE if due_on <= start else None


def send_reminder(
    *, key: str, stage: str, recipients: Iterable[User], title: str, text: str, link: str
) -> bool:
    """Notifies ``recipients`` (notify(): inbox, e-mail, …) unless the stage ``stage`` of
    ``key`` (e.g. «report:12») was sent before; True when it went out now."""
    recipients = list(recipients)
    with transaction.atomic():  # the ledger row and the inbox rows are written together
        try:
            with transaction.atomic():
                ReminderSent.objects.create(key=key[:200], stage=stage, recipients=len(recipients))
        except IntegrityError:
            return False
        notify(recipients=recipients, title=title, text=text, link=link)
    return True
