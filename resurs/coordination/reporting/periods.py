"""REP-1: the due dates of reporting periods (the periods themselves — month, quarter,
half-year, year — are the calendar's: resurs.kernel.workcalendar.periods).

The due date of a report is the form's due day of the month
after the period (the annual roadmap report: 20 January of the next year), moved by the
region's rule when that day is not a working day (REP-2; workcalendar is the one calendar).
"""

from __future__ import annotations

import calendar
import datetime

from django.conf import settings
from django.db import models

from resurs.kernel.workcalendar.deadlines import WorkCalendar
from resurs.kernel.workcalendar.periods import Period


class DueShift(models.TextChoices):
    """What happens to a due day that is not a working day (a region setting)."""

    NEXT = "next", "переносится на следующий рабочий день"
    PREVIOUS = "previous", "переносится на предыдущий рабочий день"
    NONE = "none", "не переносится"


def nominal_due_date(period: Period, due_day: int) -> datetime.date:
    """The due day of the month after the period; a day past the month's end is its last."""
    after = period.end + datetime.timedelta(days=1)
    last = calendar.monthrange(after.year, after.month)[1]
    return after.replace(day=min(max(due_day, 1), last))


def due_date(period: Period, due_day: int, shift: str | None = None) -> datetime.date:
    """REP-2 due date: the nominal day moved by the region's rule (settings.REPORT_DUE_SHIFT,
    default the next working day) when it is not a working day. Raises
    workcalendar.deadlines.CalendarYearUnknown for a year the calendar does not know."""
    shift = shift or settings.REPORT_DUE_SHIFT
    day = nominal_due_date(period, due_day)
    if shift == DueShift.NONE:
        return day
    calendar_ = WorkCalendar()
    step = datetime.timedelta(days=1 if shift == DueShift.NEXT else -1)
    while not calendar_.is_working_day(day):
        day += step
    return day


def days_late(due_on: datetime.date, submitted_on: datetime.date | None) -> int:
    """Calendar days after the due date (0 when on time or not submitted)."""
    if submitted_on is None:
        return 0
    return max(0, (submitted_on - due_on).days)
