"""REP-1: reporting periods (month, quarter, half-year, year) and their due dates.

A period is a value, not a table: (kind, year, number) — e.g. the III quarter of 2026 —
with its first and last day. The due date of a report is the form's due day of the month
after the period (the annual roadmap report: 20 January of the next year), moved by the
region's rule when that day is not a working day (REP-2; workcalendar is the one calendar).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models

from resurs.kernel.workcalendar.deadlines import WorkCalendar


class PeriodKind(models.TextChoices):
    MONTH = "month", "месяц"
    QUARTER = "quarter", "квартал"
    HALF_YEAR = "half_year", "полугодие"
    YEAR = "year", "год"


MONTHS_IN = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF_YEAR: 6,
    PeriodKind.YEAR: 12,
}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTH_NAMES = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]


class DueShift(models.TextChoices):
    """What happens to a due day that is not a working day (a region setting)."""

    NEXT = "next", "переносится на следующий рабочий день"
    PREVIOUS = "previous", "переносится на предыдущий рабочий день"
    NONE = "none", "не переносится"


@dataclass(frozen=True, order=True)
class Period:
    kind: str
    year: int
    number: int  # month 1–12, quarter 1–4, half 1–2, year 1

    def __post_init__(self):
        count = 12 // MONTHS_IN[PeriodKind(self.kind)]
        if not 1 <= self.number <= count:
            raise ValueError(f"Нет периода № {self.number} вида «{self.kind}»")

    @property
    def start(self) -> datetime.date:
        months = MONTHS_IN[PeriodKind(self.kind)]
        return datetime.date(self.year, (self.number - 1) * months + 1, 1)

    @property
    def end(self) -> datetime.date:
        months = MONTHS_IN[PeriodKind(self.kind)]
        month = self.number * months
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def key(self) -> str:
        """A stable text form for URLs and filters: «2026-q3», «2026-m11», «2026-h1», «2026»."""
        letter = {"month": "m", "quarter": "q", "half_year": "h"}.get(self.kind)
        return f"{self.year}-{letter}{self.number}" if letter else str(self.year)

    @classmethod
    def from_key(cls, key: str) -> Period:
        try:
            if "-" not in key:
                return cls(PeriodKind.YEAR, int(key), 1)
            year, rest = key.split("-", 1)
            kind = {"m": PeriodKind.MONTH, "q": PeriodKind.QUARTER, "h": PeriodKind.HALF_YEAR}[
                rest[0]
            ]
            return cls(kind, int(year), int(rest[1:]))
        except (KeyError, ValueError, IndexError) as exc:
            raise ValueError(f"Неверное обозначение периода: «{key}»") from exc

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> Period:
        months = MONTHS_IN[PeriodKind(kind)]
        return cls(kind, day.year, (day.month - 1) // months + 1)

    @classmethod
    def of(cls, kind: str, start: datetime.date) -> Period:
        return cls.containing(kind, start)

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.kind, self.year, self.number - 1)
        return Period(self.kind, self.year - 1, 12 // MONTHS_IN[PeriodKind(self.kind)])

    def next(self) -> Period:
        if self.number < 12 // MONTHS_IN[PeriodKind(self.kind)]:
            return Period(self.kind, self.year, self.number + 1)
        return Period(self.kind, self.year + 1, 1)

    def last(self, count: int) -> list[Period]:
        """This period and the ``count - 1`` before it, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return periods[::-1]

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{MONTH_NAMES[self.number - 1]} {self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"{ROMAN[self.number]} квартал {self.year}"
        if self.kind == PeriodKind.HALF_YEAR:
            return f"{ROMAN[self.number]} полугодие {self.year}"
        return f"{self.year} год"

    @property
    def short_label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"{ROMAN[self.number]} кв. {self.year}"
        if self.kind == PeriodKind.HALF_YEAR:
            return f"{ROMAN[self.number]} пол. {self.year}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.number:02d}.{self.year}"
        return str(self.year)

    def __str__(self):
        return self.label


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
