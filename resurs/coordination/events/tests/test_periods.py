"""The regulations' periods (quarter, half-year) and their bounds in the region's time."""

import datetime

import pytest

from resurs.coordination.events.periods import day_bounds, period_of, previous_period

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "start", "end", "label"),
    [
        (D(2022, 1, 1), 3, D(2022, 1, 1), D(2022, 3, 31), "I квартал 2022 года"),
        (D(2022, 3, 31), 3, D(2022, 1, 1), D(2022, 3, 31), "I квартал 2022 года"),
        (D(2022, 5, 19), 3, D(2022, 4, 1), D(2022, 6, 30), "II квартал 2022 года"),
        (D(2022, 12, 31), 3, D(2022, 10, 1), D(2022, 12, 31), "IV квартал 2022 года"),
        (D(2024, 2, 29), 6, D(2024, 1, 1), D(2024, 6, 30), "I полугодие 2024 года"),
        (D(2022, 11, 17), 6, D(2022, 7, 1), D(2022, 12, 31), "II полугодие 2022 года"),
        (D(2026, 7, 1), 12, D(2026, 1, 1), D(2026, 12, 31), "2026 год"),
    ],
)
def test_period_of(day, months, start, end, label):
    period = period_of(day, months)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.contains(day)


def test_previous_period_crosses_the_year():
    assert previous_period(period_of(D(2026, 2, 1), 3), 3).label == "IV квартал 2025 года"
    assert previous_period(period_of(D(2026, 2, 1), 6), 6).label == "II полугодие 2025 года"


def test_day_bounds_are_local_midnights(settings):
    start, end = day_bounds(D(2026, 1, 1), D(2026, 3, 31))
    assert start.isoformat() == "2026-01-01T00:00:00+05:00"
    assert end.isoformat() == "2026-04-01T00:00:00+05:00"
