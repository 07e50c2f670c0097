"""The calendar periods of the regulations — month, quarter, half-year, year — with their
Russian names and their bounds in time. One module for every app: reporting's periods and
due dates, the events' «once a quarter» rules, the dashboards' quarters.

A period is a value, not a table: (kind, year, number) — e.g. the III quarter of 2026 —
with its first and last day, both inclusive, as the seeds write them («за I квартал 2022
года»). Records with aware datetimes turn a period into [first day 00:00, day after the last
00:00) in the current time zone (``day_bounds``) — the region's, activated for every request.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone


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
KIND_OF_LENGTH = {months: kind for kind, months in MONTHS_IN.items()}
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

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

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
        """«III квартал 2026», «I полугодие 2026», «ноябрь 2026», «2026 год»."""
        if self.kind == PeriodKind.MONTH:
            return f"{MONTH_NAMES[self.number - 1]} {self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"{ROMAN[self.number]} квартал {self.year}"
        if self.kind == PeriodKind.HALF_YEAR:
            return f"{ROMAN[self.number]} полугодие {self.year}"
        return f"{self.year} год"

    @property
    def long_label(self) -> str:
        """As the regulations write it: «I квартал 2022 года», «ноябрь 2026 года»,
        «2026 год»."""
        return self.label if self.kind == PeriodKind.YEAR else f"{self.label} года"

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


def period_of(day: datetime.date, months: int) -> Period:
    """The period of ``months`` (1 = month, 3 = quarter, 6 = half-year, 12 = year) holding
    ``day`` — how the regulations' «раз в квартал» rules count."""
    if months not in KIND_OF_LENGTH:
        raise ValueError(f"Unsupported period length: {months} months")
    return Period.containing(KIND_OF_LENGTH[months], day)


def quarter_of(day: datetime.date) -> Period:
    return Period.containing(PeriodKind.QUARTER, day)


def half_year_of(day: datetime.date) -> Period:
    return Period.containing(PeriodKind.HALF_YEAR, day)


def day_bounds(first: datetime.date, last: datetime.date) -> tuple:
    """[first 00:00, last + 1 day 00:00) as aware datetimes in the current time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) ``months`` later (earlier when negative)."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    period = Period(PeriodKind.MONTH, year, month)
    return period.start, period.end


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (earlier when negative); the 31st of a shorter month
    becomes its last day — how a term «на 6 месяцев» or a service life «5 лет» is counted."""
    year, month = shift_month(day.year, day.month, months)
    _first, last = month_bounds(year, month)
    return datetime.date(year, month, min(day.day, last.day))
