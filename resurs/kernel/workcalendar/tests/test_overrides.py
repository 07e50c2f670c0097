"""X-2: years the package does not know, the administrator's overrides, and freshness."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from resurs.kernel.workcalendar.deadlines import (
    CalendarYearUnknown,
    WorkCalendar,
    add_working_days,
    is_working_day,
    year_exceptions,
)
from resurs.kernel.workcalendar.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

D = date.fromisoformat

NOT_LOADED_2035 = (
    "Производственный календарь на 2035 год не загружен: внесите постановление "
    "Правительства РФ в разделе «Производственный календарь»."
)
NOT_KEPT_2012 = (
    "Производственный календарь на 2012 год не ведётся: система считает сроки "
    "по ст. 112 ТК РФ в редакции, действующей с 2013 года."
)


def enter_year(year: int, days: dict[str, bool], decree: str = "№ 1 от 01.10.2034"):
    calendar_year = CalendarYear.objects.create(year=year, decree=decree)
    for value, working in days.items():
        day = CalendarDay(calendar_year=calendar_year, date=D(value), is_working=working)
        day.full_clean()
        day.save()
    return calendar_year


# --- a year nobody covers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: is_working_day(date(2035, 3, 1)),
        lambda: add_working_days(date(2035, 3, 1), 1),
        lambda: add_working_days(date(2034, 12, 29), 1),  # the term itself reaches 2034
        lambda: year_exceptions(2035),
    ],
)
def test_unknown_year_raises_with_a_russian_message(call):
    with pytest.raises(CalendarYearUnknown) as info:
        call()
    assert str(info.value) in {NOT_LOADED_2035, NOT_LOADED_2035.replace("2035", "2034")}


def test_term_running_past_the_package_names_the_first_unknown_year():
    with pytest.raises(CalendarYearUnknown) as info:
        add_working_days(date(2027, 12, 20), 30)
    assert info.value.year == 2028
    assert "на 2028 год не загружен" in str(info.value)


@pytest.mark.parametrize("year", [2012, 2000, 1991])
def test_year_before_2013_is_not_kept(year):
    with pytest.raises(CalendarYearUnknown) as info:
        year_exceptions(year)
    assert str(info.value) == NOT_KEPT_2012.replace("2012", str(year))


def test_year_before_2013_stays_unknown_even_with_a_row(django_assert_num_queries):
    # The model's validators forbid it; a row slipped past them must not switch on rules
    # that do not hold for that year.
    CalendarYear.objects.create(year=2012, decree="—")
    with pytest.raises(CalendarYearUnknown), django_assert_num_queries(0):
        is_working_day(date(2012, 5, 5))
    with pytest.raises(ValidationError) as info:
        CalendarYear(year=2012, decree="—").full_clean()
    assert "year" in info.value.message_dict


def test_start_in_an_unknown_year_is_fine_when_the_term_is_not():
    # The start day is never counted: 31.12.2012 + 1 is the first working day of 2013
    # (1–8 January off, 5–6 January moved to 2–3 May by the 2013 decree).
    assert add_working_days(date(2012, 12, 31), 1) == date(2013, 1, 9)


@pytest.mark.parametrize("start", [date(9999, 12, 31), date(2101, 1, 1), date(2100, 12, 31)])
def test_dates_beyond_the_last_calendar_year_fail_cleanly(start):
    with pytest.raises(CalendarYearUnknown) as info:
        add_working_days(start, 1)
    assert "не ведётся" in str(info.value)
    assert "2100" in str(info.value)


@pytest.mark.parametrize(("year", "message"), [(2035, NOT_LOADED_2035), (2012, NOT_KEPT_2012)])
def test_api_year_unknown_is_422_with_the_message(client, year, message):
    response = client.get(f"/api/v1/calendar/{year}")
    assert response.status_code == 422
    assert response.json() == {"detail": message, "errors": [{"field": "year", "message": message}]}


def test_api_deadline_into_an_unknown_year_is_422(client):
    response = client.get("/api/v1/calendar/deadline", {"start": "2035-03-01", "working_days": 3})
    assert response.status_code == 422
    assert response.json() == {
        "detail": NOT_LOADED_2035,
        "errors": [{"field": "start", "message": NOT_LOADED_2035}],
    }


@pytest.mark.parametrize("start", ["9999-12-31", "2100-12-31"])
def test_api_deadline_at_the_end_of_time_is_422_not_500(client, start):
    response = client.get("/api/v1/calendar/deadline", {"start": start, "working_days": 1})
    assert response.status_code == 422
    assert "не ведётся" in response.json()["detail"]


# --- a year entered by hand -----------------------------------------------------------

# An imagined decree for 2035, as the administrator would enter it.
DECREE_2035 = {
    "2035-04-28": True,  # суббота — рабочая, выходной перенесён на 30 апреля
    "2035-04-30": False,
    "2035-05-02": False,  # перенос с субботы 6 января
    "2035-11-05": False,  # ч. 2 ст. 112: 4 ноября — воскресенье
    "2035-12-31": False,  # перенос с воскресенья 7 января
}


def test_entered_year_without_days_has_the_labour_code_holidays():
    enter_year(2035, {})
    non_working, working = year_exceptions(2035)
    # Art. 112 part 1; 6 and 7 January fall on Saturday and Sunday, 4 November on Sunday.
    assert non_working == [
        D(v)
        for v in [
            "2035-01-01", "2035-01-02", "2035-01-03", "2035-01-04", "2035-01-05", "2035-01-08",
            "2035-02-23", "2035-03-08", "2035-05-01", "2035-05-09", "2035-06-12",
        ]
    ]  # fmt: skip
    assert working == []


def test_entered_year_applies_the_overrides():
    enter_year(2035, DECREE_2035)
    non_working, working = year_exceptions(2035)
    assert non_working == [
        D(v)
        for v in [
            "2035-01-01", "2035-01-02", "2035-01-03", "2035-01-04", "2035-01-05", "2035-01-08",
            "2035-02-23", "2035-03-08", "2035-04-30", "2035-05-01", "2035-05-02", "2035-05-09",
            "2035-06-12", "2035-11-05", "2035-12-31",
        ]
    ]  # fmt: skip
    assert working == [date(2035, 4, 28)]
    assert add_working_days(date(2035, 4, 27), 1) == date(2035, 4, 28)
    assert add_working_days(date(2035, 4, 27), 2) == date(2035, 5, 3)
    assert add_working_days(date(2035, 11, 2), 1) == date(2035, 11, 6)
    # Friday 28.12.2035: 29–30 December weekend, 31 December off, and 2036 is not entered.
    with pytest.raises(CalendarYearUnknown) as info:
        add_working_days(date(2035, 12, 28), 1)
    assert info.value.year == 2036


def test_override_wins_over_the_labour_code_base():
    enter_year(2035, {"2035-03-08": True, "2035-06-13": False})
    assert is_working_day(date(2035, 3, 8)) is True
    assert is_working_day(date(2035, 6, 13)) is False
    non_working, _ = year_exceptions(2035)
    assert date(2035, 3, 8) not in non_working
    assert date(2035, 6, 13) in non_working


def test_entered_year_works_through_the_api(client):
    enter_year(2035, DECREE_2035)
    response = client.get("/api/v1/calendar/deadline", {"start": "2035-04-27", "working_days": 2})
    assert response.json() == {"start": "2035-04-27", "working_days": 2, "deadline": "2035-05-03"}
    body = client.get("/api/v1/calendar/2035").json()
    assert body["working_weekends"] == ["2035-04-28"]
    assert "2035-11-05" in body["non_working_weekdays"]


def test_day_of_another_year_cannot_be_entered_and_is_ignored_if_it_is():
    calendar_year = enter_year(2035, {})
    wrong = CalendarDay(calendar_year=calendar_year, date=date(2036, 1, 9), is_working=False)
    with pytest.raises(ValidationError) as info:
        wrong.full_clean()
    assert info.value.message_dict == {"date": ["Дата должна относиться к 2035 году."]}
    wrong.save()  # past the validation, e.g. by a script
    assert date(2036, 1, 9) not in year_exceptions(2035)[0]
    with pytest.raises(CalendarYearUnknown):
        is_working_day(date(2036, 1, 9))


# --- overrides of a year the package knows --------------------------------------------


def test_override_in_a_package_year_applies_at_once(client):
    # 30.12.2026 is a working Wednesday under decree No. 1466; 31.12.2026 is a day off.
    assert add_working_days(date(2026, 12, 29), 1) == date(2026, 12, 30)
    calendar_year = enter_year(2026, {"2026-12-30": False}, decree="№ 1466 от 24.09.2025")
    assert is_working_day(date(2026, 12, 30)) is False
    assert add_working_days(date(2026, 12, 29), 1) == date(2027, 1, 11)
    response = client.get("/api/v1/calendar/deadline", {"start": "2026-12-29", "working_days": 1})
    assert response.json()["deadline"] == "2027-01-11"
    assert "2026-12-30" in client.get("/api/v1/calendar/2026").json()["non_working_weekdays"]

    calendar_year.days.all().delete()
    assert add_working_days(date(2026, 12, 29), 1) == date(2026, 12, 30)
    assert "2026-12-30" not in client.get("/api/v1/calendar/2026").json()["non_working_weekdays"]


def test_override_can_make_a_package_holiday_working():
    assert is_working_day(date(2026, 12, 31)) is False  # decree No. 1466: from 4 January
    calendar_year = enter_year(2026, {"2026-12-31": True}, decree="№ 1466 от 24.09.2025")
    assert is_working_day(date(2026, 12, 31)) is True
    assert add_working_days(date(2026, 12, 30), 1) == date(2026, 12, 31)
    CalendarDay.objects.filter(calendar_year=calendar_year).update(is_working=False)
    assert is_working_day(date(2026, 12, 31)) is False


def test_override_of_weekends_in_a_package_year():
    enter_year(
        2025,
        {
            "2025-11-01": False,  # the decree's working Saturday undone
            "2025-12-27": True,  # an extra working Saturday
            "2025-12-28": False,  # a Sunday marked off: changes nothing
        },
        decree="№ 1335 от 04.10.2024",
    )
    non_working, working = year_exceptions(2025)
    assert working == [date(2025, 12, 27)]
    assert date(2025, 12, 28) not in non_working
    assert is_working_day(date(2025, 11, 1)) is False
    assert add_working_days(date(2025, 10, 31), 1) == date(2025, 11, 5)


def test_an_override_does_not_leak_into_the_package_cache():
    enter_year(2024, {"2024-05-10": True}, decree="№ 2052 от 16.11.2023")
    assert is_working_day(date(2024, 5, 10)) is True
    CalendarYear.objects.filter(year=2024).delete()
    assert is_working_day(date(2024, 5, 10)) is False
    assert date(2024, 5, 10) in year_exceptions(2024)[0]


# --- how often the database is read ---------------------------------------------------


def test_one_query_per_year_touched(django_assert_num_queries):
    with django_assert_num_queries(1):
        is_working_day(date(2025, 5, 8))
    with django_assert_num_queries(2):
        add_working_days(date(2025, 12, 30), 1)  # 2025 and 2026
    with django_assert_num_queries(1):
        year_exceptions(2026)
    calendar = WorkCalendar()
    with django_assert_num_queries(1):
        for day in range(1, 32):
            calendar.is_working_day(date(2025, 5, day))
