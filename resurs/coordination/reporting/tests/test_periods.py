import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resurs.coordination.reporting.periods import DueShift, days_late, due_date, nominal_due_date
from resurs.kernel.workcalendar.periods import Period, PeriodKind


def test_period_bounds_labels_and_keys():
    q3 = Period(PeriodKind.QUARTER, 2026, 3)
    assert (q3.start, q3.end) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert q3.label == "III квартал 2026"
    assert q3.key == "2026-q3"
    assert Period.from_key("2026-q3") == q3
    assert Period.from_key("2025") == Period(PeriodKind.YEAR, 2025, 1)
    assert Period.from_key("2026-h2").end == datetime.date(2026, 12, 31)
    assert Period.from_key("2024-m2").end == datetime.date(2024, 2, 29)
    assert Period(PeriodKind.QUARTER, 2026, 1).previous() == Period(PeriodKind.QUARTER, 2025, 4)
    assert [p.key for p in q3.last(3)] == ["2026-q1", "2026-q2", "2026-q3"]


@pytest.mark.parametrize("key", ["2026-q5", "2026-x1", "год", "2026-m13", ""])
def test_a_wrong_period_key_is_a_russian_error(key):
    with pytest.raises(ValueError, match="период"):
        Period.from_key(key)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period", "day", "expected"),
    [
        # III quarter 2026: 3 October 2026 is a Saturday → Monday 5 October.
        (Period("quarter", 2026, 3), 3, datetime.date(2026, 10, 5)),
        (Period("quarter", 2026, 3), 5, datetime.date(2026, 10, 5)),
        # 10 October 2026 is a Saturday → Monday 12 October.
        (Period("quarter", 2026, 3), 10, datetime.date(2026, 10, 12)),
        # IV quarter 2025: 3 January 2026 is in the New Year holidays → 12 January.
        (Period("quarter", 2025, 4), 3, datetime.date(2026, 1, 12)),
        # The annual roadmap report for 2025: 20 January 2026 is a Tuesday.
        (Period("year", 2025, 1), 20, datetime.date(2026, 1, 20)),
        # Day 31 of February is its last day, 28.02.2026 (Saturday) → Monday 2 March.
        (Period("month", 2026, 1), 31, datetime.date(2026, 3, 2)),
    ],
)
def test_due_dates_follow_the_production_calendar(period, day, expected):
    assert due_date(period, day) == expected


@pytest.mark.django_db
def test_the_region_may_move_a_due_day_back_or_keep_it(settings):
    q3 = Period("quarter", 2026, 3)
    assert due_date(q3, 3, DueShift.PREVIOUS) == datetime.date(2026, 10, 2)
    assert due_date(q3, 3, DueShift.NONE) == datetime.date(2026, 10, 3)
    settings.REPORT_DUE_SHIFT = DueShift.PREVIOUS
    assert due_date(q3, 10) == datetime.date(2026, 10, 9)


def test_lateness_counts_calendar_days_after_the_due_date():
    due = datetime.date(2026, 10, 5)
    assert days_late(due, datetime.date(2026, 10, 5)) == 0
    assert days_late(due, datetime.date(2026, 10, 1)) == 0
    assert days_late(due, datetime.date(2026, 10, 8)) == 3
    assert days_late(due, None) == 0


@given(
    kind=st.sampled_from(list(PeriodKind)),
    day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)),
    due_day=st.integers(min_value=1, max_value=31),
)
def test_every_period_contains_its_day_and_is_due_the_month_after(kind, day, due_day):
    period = Period.containing(kind, day)
    assert period.start <= day <= period.end
    assert Period.from_key(period.key) == period
    assert period.next().start == period.end + datetime.timedelta(days=1)
    nominal = nominal_due_date(period, due_day)
    after = period.end + datetime.timedelta(days=1)
    assert (nominal.year, nominal.month) == (after.year, after.month)
