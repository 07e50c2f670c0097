"""EVT-1: the month grid of events."""

import calendar
import datetime
from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.http import urlencode

from resurs.coordination.events import forms, permissions, selectors
from resurs.coordination.events.views.common import (
    EVENTS_CRUMB,
    is_fragment,
)
from resurs.kernel.workcalendar.periods import month_bounds, shift_month

# The calendar shows at most this many events in a month grid and this many in a day cell;
# the rest is a link to the list filtered by that day.
CALENDAR_LIMIT = 500
CALENDAR_DAY_LIMIT = 4
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")


def _calendar_weeks(year: int, month: int, events: list, list_query: dict):
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day = defaultdict(list)
    for event in events:
        day = max(timezone.localdate(event.starts_at), first)
        end = min(timezone.localdate(event.ends_at), last)
        while day <= end:
            by_day[day].append(event)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    rows = []
    for week in weeks:
        cells = []
        for day in week:
            day_events = by_day.get(day, [])
            more_url = ""
            if len(day_events) > CALENDAR_DAY_LIMIT:
                query = {**list_query, "date_from": day.isoformat(), "date_to": day.isoformat()}
                more_url = f"{reverse('events:list')}?{urlencode(query)}"
            cells.append(
                {
                    "date": day,
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "events": day_events[:CALENDAR_DAY_LIMIT],
                    "more": max(len(day_events) - CALENDAR_DAY_LIMIT, 0),
                    "more_url": more_url,
                }
            )
        rows.append(cells)
    return rows, first, last


@login_required
def event_calendar(request):
    """EVT-1: a month grid of the events the user sees; previous and next month; filters."""
    today = timezone.localdate()
    form = forms.CalendarFilterForm(
        request.GET or None, who=request, initial={"month": f"{today:%Y-%m}"}
    )
    year, month = today.year, today.month
    if form.is_bound and form.is_valid() and form.cleaned_data.get("month"):
        year, month = form.cleaned_data["month"]
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    events = selectors.events_in_days(
        request, weeks[0][0], weeks[-1][-1], form.filters(), limit=CALENDAR_LIMIT + 1
    )
    truncated = len(events) > CALENDAR_LIMIT
    list_query = {
        key: value for key, value in request.GET.items() if key not in {"month", "page"} and value
    }
    rows, _first, _last = _calendar_weeks(year, month, events[:CALENDAR_LIMIT], list_query)
    previous = shift_month(year, month, -1)
    following = shift_month(year, month, 1)
    first, last = month_bounds(year, month)
    month_list_query = {**list_query, "date_from": first.isoformat(), "date_to": last.isoformat()}
    context = {
        "title": "Календарь мероприятий",
        "breadcrumbs": [EVENTS_CRUMB, ("Календарь", None)],
        "filter_form": form,
        "month_title": f"{MONTHS[month]} {year}",
        "weekdays": WEEKDAYS,
        "weeks": rows,
        "previous_month": f"{previous[0]:04d}-{previous[1]:02d}",
        "next_month": f"{following[0]:04d}-{following[1]:02d}",
        "current_month": f"{today.year:04d}-{today.month:02d}",
        "truncated": truncated,
        "calendar_limit": CALENDAR_LIMIT,
        "has_events": bool(events),
        "month_list_url": f"{reverse('events:list')}?{urlencode(month_list_query)}",
        "can_create": permissions.can_create(request.scope),
    }
    if is_fragment(request, "results"):
        return render(request, "events/calendar.html#results", context)
    return render(request, "events/calendar.html", context)
