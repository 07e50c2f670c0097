"""X-2: the production calendar of a year, as every role sees it."""

import calendar

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from resurs.kernel.accounts.roles import Role
from resurs.kernel.workcalendar.deadlines import (
    LABOUR_CODE_HOLIDAYS,
    CalendarYearUnknown,
    WorkCalendar,
    is_supported_year,
    is_weekend,
)
from resurs.kernel.workcalendar.models import FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR

MONTHS = (
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
)  # fmt: skip
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")


def _transferred(day, working: bool) -> bool:
    """A working Saturday or Sunday, or a weekday off that is not itself a holiday of art. 112
    (a day off moved by the decree or by art. 112 part 2): what the legend calls «перенесённый»."""
    if is_weekend(day):
        return working
    return not working and (day.month, day.day) not in LABOUR_CODE_HOLIDAYS


def _month(work_calendar: WorkCalendar, year: int, month: int) -> dict:
    weeks = []
    working_days = 0
    for week in calendar.Calendar().monthdatescalendar(year, month):
        cells: list[dict[str, object] | None] = []
        for day in week:
            if day.month != month:
                cells.append(None)
                continue
            working = work_calendar.is_working_day(day)
            working_days += working
            cells.append(
                {"date": day, "working": working, "transferred": _transferred(day, working)}
            )
        weeks.append(cells)
    return {"name": MONTHS[month - 1], "weeks": weeks, "working_days": working_days}


@login_required
def year_view(request, year: int | None = None):
    if year is None:
        year = timezone.localdate().year
    work_calendar = WorkCalendar()
    context = {
        "title": f"Производственный календарь на {year} год",
        "breadcrumbs": [("Производственный календарь", None)],
        "year": year,
        "weekdays": WEEKDAYS,
        # Links lead back into FIRST..LAST_CALENDAR_YEAR from a year outside it.
        "previous_year": min(year - 1, LAST_CALENDAR_YEAR) if year > FIRST_CALENDAR_YEAR else None,
        "next_year": max(year + 1, FIRST_CALENDAR_YEAR) if year < LAST_CALENDAR_YEAR else None,
        "can_edit": request.scope is not None and request.scope.role == Role.ADMINISTRATOR,
    }
    try:
        if not is_supported_year(year):
            # Also keeps a year beyond 9999 in the address from failing in `calendar`.
            raise CalendarYearUnknown(year)
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
