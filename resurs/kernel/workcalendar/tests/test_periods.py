"""The calendar's periods (month, quarter, half-year, year): bounds, Russian names, keys, and
their bounds in the region's time."""

import datetime

import pytest

from resurs.kernel.workcalendar.periods import (
    Period,
    PeriodKind,
    day_bounds,
    month_bounds,
    period_of,
    shift_month,
)

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
    assert (period.start, period.end, period.long_label) == (start, end, label)
    assert period.contains(day)


def test_previous_period_crosses_the_year():
    assert period_of(D(2026, 2, 1), 3).previous().long_label == "IV квартал 2025 года"
    assert period_of(D(2026, 2, 1), 6).previous().long_label == "II полугодие 2025 года"


def test_day_bounds_are_local_midnights(settings):
    start, end = day_bounds(D(2026, 1, 1), D(2026, 3, 31))
    assert start.isoformat() == "2026-01-01T00:00:00+05:00"
    assert end.isoformat() == "2026-04-01T00:00:00+05:00"


@pytest.mark.parametrize(
    ("period", "label", "long_label", "short_label", "key"),
    [
        (Period(PeriodKind.MONTH, 2026, 11), "ноябрь 2026", "ноябрь 2026 года", "11.2026",
         "2026-m11"),
        (Period(PeriodKind.QUARTER, 2026, 3), "III квартал 2026", "III квартал 2026 года",
         "III кв. 2026", "2026-q3"),
        (Period(PeriodKind.HALF_YEAR, 2026, 1), "I полугодие 2026", "I полугодие 2026 года",
         "I пол. 2026", "2026-h1"),
        (Period(PeriodKind.YEAR, 2026, 1), "2026 год", "2026 год", "2026", "2026"),
    ],
)  # fmt: skip
def test_russian_names_and_keys_of_every_kind(period, label, long_label, short_label, key):
    assert (period.label, period.long_label, period.short_label, period.key) == (
        label, long_label, short_label, key
    )  # fmt: skip
    assert Period.from_key(key) == period


def test_one_month_periods_and_month_arithmetic():
    assert period_of(D(2024, 2, 10), 1) == Period(PeriodKind.MONTH, 2024, 2)
    assert month_bounds(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert shift_month(2026, 1, -1) == (2025, 12)
    assert shift_month(2025, 12, 1) == (2026, 1)
    with pytest.raises(ValueError, match="Unsupported"):
        period_of(D(2024, 2, 10), 4)
