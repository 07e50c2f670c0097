"""Deadlines from the production calendar (X-2): table tests from the Government's decrees
on the transfer of days off for 2025 and 2026, including transferred days, and a property."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resurs.casework.cases.deadlines import (
    basis,
    state,
    working_days_between,
    working_days_phrase,
)
from resurs.casework.cases.models import CaseDeadline, DeadlineRule
from resurs.kernel.workcalendar.deadlines import WorkCalendar, add_working_days, is_working_day

D = datetime.date

# start, working days, due — by the decrees of 04.10.2024 No. 1335 (2025) and
# 24.09.2025 No. 1466 (2026) as carried by the holidays package.
TABLE = [
    # 1–4 May off (2 May moved from 4 January), 5–7 May the three working days
    (D(2025, 4, 30), 3, D(2025, 5, 7)),
    # 8 May moved from 23 February, 9 May Victory Day, 10–11 May the weekend
    (D(2025, 5, 7), 5, D(2025, 5, 16)),
    (D(2025, 4, 30), 15, D(2025, 5, 27)),
    # Saturday 1 November 2025 is a working day (moved to Monday 3 November)
    (D(2025, 10, 31), 1, D(2025, 11, 1)),
    (D(2025, 10, 31), 2, D(2025, 11, 5)),
    # 12 June Russia Day, 13 June moved from 8 March
    (D(2025, 6, 11), 1, D(2025, 6, 16)),
    # 31 December 2025 moved from 5 January; the New Year holidays of 2026 with 9 January
    # moved from 3 January: the next working day is 12 January 2026
    (D(2025, 12, 30), 1, D(2026, 1, 12)),
    # 9 May 2026 is a Saturday: Monday 11 May is off
    (D(2026, 5, 8), 1, D(2026, 5, 12)),
    # 8 March 2026 is a Sunday: Monday 9 March is off
    (D(2026, 3, 6), 3, D(2026, 3, 12)),
    # an ordinary week
    (D(2025, 9, 15), 5, D(2025, 9, 22)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "days", "due"), TABLE)
def test_due_dates_follow_the_production_calendar(start, days, due):
    assert add_working_days(start, days) == due


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 11, 30)),
    days=st.integers(min_value=1, max_value=15),
)
def test_the_due_date_is_a_working_day_after_the_start(start, days):
    due = add_working_days(start, days)
    assert due > start
    assert is_working_day(due)
    assert working_days_between(start, due, WorkCalendar()) == days


def test_plural_forms_of_working_days():
    assert [working_days_phrase(n) for n in (1, 3, 5, 15, 21, 22)] == [
        "1 рабочий день",
        "3 рабочих дня",
        "5 рабочих дней",
        "15 рабочих дней",
        "21 рабочий день",
        "22 рабочих дня",
    ]


@pytest.mark.django_db
def test_basis_says_the_days_the_start_the_due_date_and_the_paragraph():
    rule = DeadlineRule.objects.get(code="information")
    row = CaseDeadline(rule=rule, starts_on=D(2025, 4, 30), due_on=D(2025, 5, 7))
    assert basis(row) == "3 рабочих дня с 30.04.2025 — до 07.05.2025, п. 3.2.3"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "met_on", "code", "text"),
    [
        (D(2025, 4, 30), None, "open", "осталось 3 раб. дн."),
        (D(2025, 5, 5), None, "open", "осталось 2 раб. дн."),
        (D(2025, 5, 7), None, "today", "срок сегодня"),
        # 8–11 May are days off: on 12 May the deadline is one working day late
        (D(2025, 5, 12), None, "overdue", "просрочен на 1 раб. дн."),
        (D(2025, 5, 14), None, "overdue", "просрочен на 3 раб. дн."),
        (D(2025, 5, 14), D(2025, 5, 6), "met", "выполнено 06.05.2025, в срок"),
        (
            D(2025, 5, 14),
            D(2025, 5, 13),
            "met_late",
            "выполнено 13.05.2025, с опозданием на 2 раб. дн.",
        ),
    ],
)
def test_days_left_and_overdue_in_working_days(today, met_on, code, text):
    rule = DeadlineRule.objects.get(code="information")
    row = CaseDeadline(rule=rule, starts_on=D(2025, 4, 30), due_on=D(2025, 5, 7), met_on=met_on)
    result = state(row, today, WorkCalendar())
    assert (result.code, result.text) == (code, text)
