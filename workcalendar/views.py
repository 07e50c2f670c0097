"""X-2: the production calendar of a year, as every role sees it."""

import calendar

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts.roles import Role
from workcalendar.deadlines import CalendarYearUnknown, WorkCalendar, is_weekend
from workcalendar.models import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR

MONTHS = (
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
)  # fmt: skip
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")


def _month(work_calendar: WorkCalendar, year: int, month: int) -> dict:
    weeks = []
    working_days = 0
    for week in calendar.Calendar().monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(None)
                continue
            working = work_calendar.is_working_day(day)
            working_days += working
            cells.append(
                {"date": day, "working": working, "transferred": working == is_weekend(day)}
            )
        weeks.append(cells)
    return {"name": MONTHS[month - 1], "weeks": weeks, "working_days": working_days}


@login_required
def year_view(request, year: int | None = None):
    year = year or timezone.localdate().year
    work_calendar = WorkCalendar()
    context = {
        "title": f"Производственный календарь на {year} год",
        "breadcrumbs": [("Производственный календарь", None)],
        "year": year,
        "weekdays": WEEKDAYS,
        "previous_year": year - 1 if year > FIRST_CALENDAR_YEAR else None,
        "next_year": year + 1 if year < LAST_CALENDAR_YEAR else None,
        "can_edit": request.scope is not None and request.scope.role == Role.ADMINISTRATOR,
    }
    try:
        months = [_month(work_calendar, year, month) for month in range(1, 13)]
    except CalendarYearUnknown as exc:
        context["unknown"] = str(exc)
        return render(request, "workcalendar/year.html", context)
    non_working, working = work_calendar.year_exceptions(year)
    context.update(
        months=months,
        non_working_weekdays=non_working,
        working_weekends=working,
        total_working_days=sum(m["working_days"] for m in months),
        today=timezone.localdate(),
    )
    return render(request, "workcalendar/year.html", context)
