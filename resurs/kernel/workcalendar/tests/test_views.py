"""X-2: the year page /calendar/<year>/."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.accounts.roles import Role
from resurs.kernel.workcalendar.models import CalendarDay, CalendarYear
from tests.factories import member

pytestmark = pytest.mark.django_db

MONTHS_2025 = [17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22]  # 247, пост. № 1335
CAPTION = re.compile(r"<caption[^>]*>(\w+) <span[^>]*>\((\d+) раб\. дн\.\)</span></caption>")


def year_url(year):
    return reverse("workcalendar:year_detail", args=[year])


@pytest.fixture
def department(login):
    return login(member(Role.DEPARTMENT))


def test_year_page_shows_twelve_months_and_the_total(department):
    response = department.get(year_url(2025))
    assert response.status_code == 200
    body = response.content.decode()
    captions = CAPTION.findall(body)
    assert [name for name, _ in captions] == [
        "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
        "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
    ]  # fmt: skip
    assert [int(count) for _, count in captions] == MONTHS_2025
    assert "Рабочих дней в году: <strong>247</strong>" in body
    assert "Производственный календарь на 2025 год" in body
    # The exceptions listed above the months (dd.mm).
    assert "Рабочие выходные: 01.11." in body
    assert "02.05, 08.05, 09.05, 12.06, 13.06, 03.11, 04.11, 31.12." in body


@pytest.mark.parametrize(("year", "total"), [(2024, 248), (2025, 247), (2026, 247)])
def test_year_totals(department, year, total):
    response = department.get(year_url(year))
    assert response.context["total_working_days"] == total
    assert len(response.context["months"]) == 12
    assert f"Рабочих дней в году: <strong>{total}</strong>" in response.content.decode()


def _cell(response, day: date) -> dict:
    month = response.context["months"][day.month - 1]
    return next(c for week in month["weeks"] for c in week if c and c["date"] == day)


@pytest.mark.parametrize(
    ("day", "working", "transferred"),
    [
        (date(2026, 1, 1), False, False),  # a holiday of art. 112, not a transfer
        (date(2026, 1, 3), False, False),  # a Saturday (its day off moved to 9 January)
        (date(2026, 1, 9), False, True),  # пост. № 1466: перенос с 3 января
        (date(2026, 2, 23), False, False),
        (date(2026, 3, 9), False, True),  # ч. 2 ст. 112: 8 марта — воскресенье
        (date(2026, 3, 10), True, False),
        (date(2026, 12, 31), False, True),  # пост. № 1466: перенос с 4 января
    ],
)
def test_cells_mark_transferred_days_only(department, day, working, transferred):
    cell = _cell(department.get(year_url(2026)), day)
    assert (cell["working"], cell["transferred"]) == (working, transferred)


def test_working_saturday_is_marked_transferred(department):
    response = department.get(year_url(2025))
    cell = _cell(response, date(2025, 11, 1))
    assert cell == {"date": date(2025, 11, 1), "working": True, "transferred": True}
    assert "(рабочий, перенесённый)" in response.content.decode()


def test_page_reads_the_calendar_once_per_year(department, django_assert_max_num_queries):
    department.get(year_url(2025))  # warm the session
    with django_assert_max_num_queries(20) as queries:
        department.get(year_url(2025))
    calendar_queries = [q for q in queries.captured_queries if "workcalendar_" in q["sql"]]
    assert len(calendar_queries) == 1


def test_current_year_by_default(department):
    response = department.get(reverse("workcalendar:year"))
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2035, "Производственный календарь на 2035 год не загружен: внесите постановление"),
        (2012, "Производственный календарь на 2012 год не ведётся"),
        (2101, "Производственный календарь на 2101 год не ведётся"),
        (99999, "Производственный календарь на 99999 год не ведётся"),  # was a 500
        (0, "Производственный календарь на 0 год не ведётся"),  # was the current year
    ],
)
def test_unknown_year_shows_the_russian_error(department, year, message):
    response = department.get(year_url(year))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<div class="alert alert-warning" role="alert">' + message in body
    assert "<caption" not in body


@pytest.mark.parametrize(
    ("year", "previous_year", "next_year"),
    [
        (2013, None, 2014),
        (2025, 2024, 2026),
        (2100, 2099, None),
        (2012, None, 2013),
        (5000, 2100, None),
    ],
)
def test_year_navigation_stays_in_the_kept_years(department, year, previous_year, next_year):
    context = department.get(year_url(year)).context
    assert (context["previous_year"], context["next_year"]) == (previous_year, next_year)


def test_entered_year_renders(department):
    calendar_year = CalendarYear.objects.create(year=2035, decree="№ 1 от 01.10.2034")
    CalendarDay.objects.create(
        calendar_year=calendar_year, date=date(2035, 11, 5), is_working=False
    )
    response = department.get(year_url(2035))
    assert response.status_code == 200
    assert "unknown" not in response.context
    # 261 weekdays in 2035, less 11 holidays of art. 112 on weekdays and 5 November.
    assert response.context["total_working_days"] == 261 - 11 - 1


def test_login_required(client):
    url = year_url(2025)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    assert client.get(reverse("workcalendar:year")).status_code == 302


def test_only_the_administrator_sees_the_editor_link(login):
    editor = reverse("admin:workcalendar_calendaryear_changelist")
    administrator = login(member(Role.ADMINISTRATOR)).get(year_url(2025)).content.decode()
    department = login(member(Role.DEPARTMENT)).get(year_url(2025)).content.decode()
    assert editor in administrator
    assert editor not in department
