"""What every REP-8 export writes the same way: dates, moments, numbers, a report's
timeliness and a direction, as the pages show them."""

from __future__ import annotations

import datetime

from django.utils import timezone

from resurs.coordination.reporting.models import Report


def day_text(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def moment_text(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else "—"


def status_text(report: Report | None) -> str:
    """A report's timeliness as its page says it (reporting.selectors.status_words)."""
    if report is None:
        return "не сформирован"
    text = report.status_words
    if report.state == "accepted":
        text += ", принят"
    return text


def cell_value(cell):
    """A dashboard Cell (or a bare number) as a spreadsheet value; Decimal becomes float."""
    value = getattr(cell, "value", cell)
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, int | float | str):
        return value
    return float(value)


def or_dash(value):
    """A number as the page shows it, «—» when there is none."""
    return "—" if value is None else cell_value(value)


def direction_label(direction) -> str:
    return f"{direction.number}. {direction.short_name or direction.name}"


def number_value(value):
    """A stored number (Decimal, float, int) as the page shows it; None stays None."""
    if value is None:
        return None
    number = float(value)
    return int(number) if number == int(number) else round(number, 3)
