"""Calendar periods of the regulations (quarter, half-year) and their bounds in time.

A period is a pair of dates, both inclusive, as the seeds write them («за I квартал 2022
года»). Events carry aware datetimes, so a period is turned into [first day 00:00, day after
the last 00:00) in the current time zone — the region's, activated for every request.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def _month_add(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def period_of(day: datetime.date, months: int) -> Period:
    """The period of ``months`` (3 = quarter, 6 = half-year, 12 = year) holding ``day``."""
    if months not in (3, 6, 12):
        raise ValueError(f"Unsupported period length: {months} months")
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    next_year, next_month = _month_add(day.year, first_month, months)
    end = datetime.date(next_year, next_month, 1) - datetime.timedelta(days=1)
    number = (first_month - 1) // months + 1
    if months == 3:
        label = f"{ROMAN[number]} квартал {day.year} года"
    elif months == 6:
        label = f"{ROMAN[number]} полугодие {day.year} года"
    else:
        label = f"{day.year} год"
    return Period(start, end, label)


def previous_period(period: Period, months: int) -> Period:
    return period_of(period.start - datetime.timedelta(days=1), months)


def quarter_of(day: datetime.date) -> Period:
    return period_of(day, 3)


def half_year_of(day: datetime.date) -> Period:
    return period_of(day, 6)


def day_bounds(first: datetime.date, last: datetime.date) -> tuple:
    """[first 00:00, last + 1 day 00:00) as aware datetimes in the current time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    next_year, next_month = _month_add(year, month, 1)
    return first, datetime.date(next_year, next_month, 1) - datetime.timedelta(days=1)


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    return _month_add(year, month, months)
