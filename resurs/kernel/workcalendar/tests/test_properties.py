"""X-2: properties of the deadline calculator over every year the package covers (2013–2027).

The oracle is built here straight from the `holidays` package (RU), independently of
`workcalendar.deadlines`: Saturday and Sunday off, the package's holidays off, its working
weekend days on.
"""

from datetime import date, timedelta
from itertools import accumulate

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resurs.kernel.workcalendar.deadlines import (
    CalendarYearUnknown,
    WorkCalendar,
    add_working_days,
    is_working_day,
)

pytestmark = pytest.mark.django_db

FIRST, LAST = 2013, 2027
_PACKAGE = holidays.country_holidays("RU", years=range(FIRST, LAST + 1))
DAYS_OFF = frozenset(_PACKAGE)
WORKING_WEEKENDS = frozenset(_PACKAGE.weekend_workdays)
LAST_KNOWN_DAY = date(LAST, 12, 31)


def oracle_is_working(d: date) -> bool:
    if d.weekday() >= 5:
        return d in WORKING_WEEKENDS
    return d not in DAYS_OFF


def _running_count() -> dict[date, int]:
    """{day: working days from 01.01.2013 up to and including day} over the covered years.

    Working days in (a, b] are then COUNT[b] - COUNT[a].
    """
    first = date(FIRST, 1, 1)
    days = [first + timedelta(days=i) for i in range((LAST_KNOWN_DAY - first).days + 1)]
    return dict(zip(days, accumulate(oracle_is_working(d) for d in days), strict=True))


COUNT = _running_count()

starts = st.dates(min_value=date(FIRST, 1, 1), max_value=LAST_KNOWN_DAY)
terms = st.integers(min_value=1, max_value=400)
# No example database: nothing is written outside the repository's tracked files.
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)


def test_oracle_is_sane():
    # The package the oracle reads must carry the decrees (a guard against an empty oracle).
    assert COUNT[date(2025, 12, 31)] - COUNT[date(2024, 12, 31)] == 247
    assert date(2024, 4, 27) in WORKING_WEEKENDS


@PROPERTY_SETTINGS
@given(start=starts, n=terms)
def test_deadline_is_the_nth_working_day_after_start(start, n):
    remaining = COUNT[LAST_KNOWN_DAY] - COUNT[start]
    if remaining < n:
        # The term runs past the last year the package knows: never guessed.
        with pytest.raises(CalendarYearUnknown) as info:
            add_working_days(start, n)
        assert info.value.year == LAST + 1
        return
    deadline = add_working_days(start, n)
    assert deadline > start
    assert oracle_is_working(deadline)
    assert is_working_day(deadline)
    assert COUNT[deadline] - COUNT[start] == n
    # The deadline is the first such day: the day before has one working day fewer.
    assert COUNT[deadline - timedelta(days=1)] - COUNT[start] == n - 1


@PROPERTY_SETTINGS
@given(start=starts, n=terms)
def test_deadline_grows_with_the_term(start, n):
    if COUNT[LAST_KNOWN_DAY] - COUNT[start] < n + 1:
        return
    assert add_working_days(start, n + 1) > add_working_days(start, n)


@PROPERTY_SETTINGS
@given(day=starts)
def test_is_working_day_agrees_with_the_package(day):
    assert is_working_day(day) is oracle_is_working(day)


@PROPERTY_SETTINGS
@given(start=starts, a=st.integers(1, 200), b=st.integers(1, 200))
def test_terms_compose(start, a, b):
    # a working days and then b more is the same as a + b working days.
    if COUNT[LAST_KNOWN_DAY] - COUNT[start] < a + b:
        return
    assert add_working_days(add_working_days(start, a), b) == add_working_days(start, a + b)


@pytest.mark.parametrize("year", range(FIRST, LAST + 1))
def test_every_day_of_every_package_year(year):
    calendar = WorkCalendar()
    day = date(year, 1, 1)
    while day.year == year:
        assert calendar.is_working_day(day) is oracle_is_working(day), day
        day += timedelta(days=1)
