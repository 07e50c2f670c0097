"""X-2: the production calendar and the one working-day deadline calculator of the system.

Every deadline in working days (a problem's due date, a reply term, a report term) goes
through `add_working_days`. The calendar of a year is, in order of precedence:

1. the `CalendarDay` overrides an administrator entered for that year;
2. the `holidays` package (country RU), which carries the Government's transfer decrees for
   the years in `package_years()`;
3. for a year the package does not know, a `CalendarYear` row must exist: the base is then
   Saturday/Sunday off plus the holidays of art. 112 of the Labour Code
   (`LABOUR_CODE_HOLIDAYS`), and every transfer comes from the overrides.

A year none of them covers raises `CalendarYearUnknown`: a deadline is never guessed.

Each public call reads the database at most once per calendar year it touches; nothing
read from the database outlives the call, so an administrator's edit applies at once.
Code that checks many dates in one request can hold a `WorkCalendar` for the request.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, timedelta

import holidays

from resurs.kernel.workcalendar.models import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, CalendarYear
from resurs.kernel.writes.errors import DomainError

# Non-working holidays, art. 112 part 1 of the Labour Code of the Russian Federation
# (as amended by Federal Law of 23.04.2012 No. 35-FZ, in force from 2013), as (month, day).
LABOUR_CODE_HOLIDAYS: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 8),  # Новогодние каникулы
    (1, 7),  # Рождество Христово
    (2, 23),  # День защитника Отечества
    (3, 8),  # Международный женский день
    (5, 1),  # Праздник Весны и Труда
    (5, 9),  # День Победы
    (6, 12),  # День России
    (11, 4),  # День народного единства
)  # fmt: skip
# Art. 112 part 2: a holiday on a Saturday or Sunday moves the day off to the next working
# day, except for the New Year holidays and Christmas (1–8 January), whose weekend days the
# Government transfers by decree instead.
HOLIDAYS_WITHOUT_STATUTORY_SHIFT = frozenset((1, day) for day in range(1, 9))

# The first year taken from the package: the current scheme of art. 112 starts in 2013
# (models.FIRST_CALENDAR_YEAR). The last one is the latest year with transfer data in the
# installed package (2027 in holidays 0.109), read from the package itself, so that
# upgrading the package extends the calendar without a code change.
PACKAGE_FIRST_YEAR = FIRST_CALENDAR_YEAR
PACKAGE_COUNTRY = "RU"

SATURDAY = 5
ONE_DAY = timedelta(days=1)


class CalendarYearUnknown(DomainError):  # noqa: N818 -- the name SPEC X-2 uses
    """X-2: the production calendar of a year is neither in the package nor entered."""

    def __init__(self, year: int):
        self.year = year
        if year < FIRST_CALENDAR_YEAR:
            message = (
                f"Производственный календарь на {year} год не ведётся: система считает сроки "
                f"по ст. 112 ТК РФ в редакции, действующей с {FIRST_CALENDAR_YEAR} года."
            )
        elif year > LAST_CALENDAR_YEAR:
            message = (
                f"Производственный календарь на {year} год не ведётся: календарь можно внести "
                f"не далее чем на {LAST_CALENDAR_YEAR} год."
            )
        else:
            message = (
                f"Производственный календарь на {year} год не загружен: внесите постановление "
                "Правительства РФ в разделе «Производственный календарь»."
            )
        super().__init__(message)


def is_weekend(d: date) -> bool:
    return d.weekday() >= SATURDAY


@functools.cache
def package_years() -> range:
    """The years whose transfers the installed `holidays` package knows."""
    transfers = holidays.country_holidays(PACKAGE_COUNTRY).special_public_holidays
    return range(PACKAGE_FIRST_YEAR, max(transfers) + 1)


@functools.cache
def _package_exceptions(year: int) -> tuple[frozenset[date], frozenset[date]]:
    # Static data of the installed package: safe to keep for the life of the process.
    calendar = holidays.country_holidays(PACKAGE_COUNTRY, years=year)
    non_working = frozenset(d for d in calendar if d.year == year and not is_weekend(d))
    working = frozenset(d for d in calendar.weekend_workdays if d.year == year)
    return non_working, working


def labour_code_holidays(year: int) -> list[date]:
    return sorted(date(year, month, day) for month, day in LABOUR_CODE_HOLIDAYS)


def statutory_weekend_shifts(year: int) -> dict[date, date]:
    """Art. 112 part 2: {weekday off: the holiday on a weekend it replaces}, by date.

    These days are not in the transfer decree itself; for a year entered by hand they become
    `CalendarDay` rows (`services.calendar_year_add_statutory_shifts`), unless the decree
    moves that day off elsewhere.
    """
    holiday_dates = set(labour_code_holidays(year))
    shifts: dict[date, date] = {}
    for month, day in LABOUR_CODE_HOLIDAYS:
        holiday = date(year, month, day)
        if (month, day) in HOLIDAYS_WITHOUT_STATUTORY_SHIFT or not is_weekend(holiday):
            continue
        day_off = holiday + ONE_DAY
        while is_weekend(day_off) or day_off in holiday_dates or day_off in shifts:
            day_off += ONE_DAY
        shifts[day_off] = holiday
    return dict(sorted(shifts.items()))


@dataclass(frozen=True)
class YearCalendar:
    """One year's deviations from the five-day week."""

    year: int
    non_working_weekdays: frozenset[date]
    working_weekends: frozenset[date]

    def is_working_day(self, d: date) -> bool:
        if is_weekend(d):
            return d in self.working_weekends
        return d not in self.non_working_weekdays


def is_supported_year(year: int) -> bool:
    """Whether a calendar of `year` can exist at all (models' FIRST..LAST_CALENDAR_YEAR)."""
    return FIRST_CALENDAR_YEAR <= year <= LAST_CALENDAR_YEAR


def _build_year(year: int) -> YearCalendar:
    if not is_supported_year(year):
        # No query: the rules here do not hold before 2013, and no row may lie outside.
        raise CalendarYearUnknown(year)
    # One query: the year's row (if any) joined with its overrides.
    rows = list(
        CalendarYear.objects.filter(year=year).values_list("days__date", "days__is_working")
    )
    if year in package_years():
        non_working, working = (set(s) for s in _package_exceptions(year))
    elif rows:
        non_working = {d for d in labour_code_holidays(year) if not is_weekend(d)}
        working = set()
    else:
        raise CalendarYearUnknown(year)
    for day, is_working in rows:
        if day is None or day.year != year:  # a year without overrides; a misfiled row
            continue
        if is_working:
            non_working.discard(day)
            if is_weekend(day):
                working.add(day)
        else:
            working.discard(day)
            if not is_weekend(day):
                non_working.add(day)
    return YearCalendar(year, frozenset(non_working), frozenset(working))


class WorkCalendar:
    """The calendar as read once per year; live for one request or one job, not longer."""

    def __init__(self) -> None:
        self._years: dict[int, YearCalendar] = {}

    def year(self, year: int) -> YearCalendar:
        if year not in self._years:
            self._years[year] = _build_year(year)
        return self._years[year]

    def is_working_day(self, d: date) -> bool:
        return self.year(d.year).is_working_day(d)

    def add_working_days(self, start: date, n: int) -> date:
        """The date after `n` working days counted from the day after `start`.

        `start` itself never counts: a problem found on Wednesday 30.04.2025 with three
        working days is due on 07.05.2025, since 1–4 May are days off and 5, 6 and 7 May are
        the three working days. With n = 0 the result is `start` if it is a working day,
        else the next working day (the first day a term "of zero days" can be met).
        """
        if n < 0:
            raise ValueError("n must not be negative")
        if start.year > LAST_CALENDAR_YEAR:
            # Every later day is in an unknown year; stepping on from date.max would overflow.
            raise CalendarYearUnknown(start.year)
        day = start
        if n == 0:
            while not self.is_working_day(day):
                day += ONE_DAY
            return day
        remaining = n
        while remaining:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def year_exceptions(self, year: int) -> tuple[list[date], list[date]]:
        calendar = self.year(year)
        return sorted(calendar.non_working_weekdays), sorted(calendar.working_weekends)


def is_working_day(d: date) -> bool:
    """X-2: whether `d` is a working day of the production calendar."""
    return WorkCalendar().is_working_day(d)


def add_working_days(start: date, n: int) -> date:
    """X-2: the deadline `n` working days after `start` (the start day is not counted)."""
    return WorkCalendar().add_working_days(start, n)


def year_exceptions(year: int) -> tuple[list[date], list[date]]:
    """X-2: (non-working weekdays, working Saturdays and Sundays) of `year`, sorted."""
    return WorkCalendar().year_exceptions(year)
