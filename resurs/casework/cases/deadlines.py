"""Working-day deadlines of a case (002 §3.2.3, §3.2.7, §3.2.8), from the `DeadlineRule` rows.

The due date always comes from the one calendar module
(`resurs.kernel.workcalendar.deadlines.add_working_days`): the start day itself is not
counted, so a problem detected on 30.04.2025 with three working days is due on 07.05.2025
(1–4 May are days off, 5–7 May the three working days). What the page says about a
deadline — its basis, the working days left, how late it is — is computed here too.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from resurs.casework.cases.models import (
    Case,
    CaseDeadline,
    CaseStep,
    DeadlineRule,
    DeadlineStart,
    StepKind,
)
from resurs.kernel.russian import plural
from resurs.kernel.workcalendar.deadlines import WorkCalendar, add_working_days

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Planned:
    """What one rule gives for one case: counted from ``starts_on``, met on ``met_on``."""

    rule: DeadlineRule
    starts_on: datetime.date
    due_on: datetime.date
    met_on: datetime.date | None


def working_days_phrase(days: int) -> str:
    return f"{days} {plural(days, 'рабочий день', 'рабочих дня', 'рабочих дней')}"


def short_days_phrase(days: int) -> str:
    return f"{days} раб. дн."


def plan(case: Case, steps: Sequence[CaseStep], rules: Iterable[DeadlineRule]) -> list[Planned]:
    """The deadlines the active rules give for the case and its steps (in their order).

    A rule counted from the appeal applies only when the case has an appeal date; one
    counted from the approval of the ИППСУ starts at the latest approval (a corrected ИППСУ
    is implemented anew) and is met by the first step of its kind after it.
    """
    planned = []
    for rule in rules:
        if not rule.is_active:
            continue
        start: datetime.date | None = None
        if rule.counted_from == DeadlineStart.PROBLEM_DETECTED:
            start = case.detected_on
        elif rule.counted_from == DeadlineStart.APPEAL:
            start = case.appealed_on
        met: datetime.date | None = None
        for step in steps:
            if rule.counted_from == DeadlineStart.IPPSU_APPROVED and (
                step.kind == StepKind.IPPSU_APPROVED
            ):
                start, met = step.occurred_on, None
                continue
            if start is not None and met is None and step.kind == rule.met_by:
                met = step.occurred_on
        if start is None:
            continue
        planned.append(Planned(rule, start, add_working_days(start, rule.working_days), met))
    return planned


def basis(deadline: CaseDeadline) -> str:
    """«3 рабочих дня с 30.04.2025 — до 07.05.2025, п. 3.2.3»"""
    rule = deadline.rule
    return (
        f"{working_days_phrase(rule.working_days)} с {deadline.starts_on:%d.%m.%Y} — "
        f"до {deadline.due_on:%d.%m.%Y}, {rule.paragraph}"
    )


def working_days_between(first: datetime.date, last: datetime.date, calendar: WorkCalendar) -> int:
    """Working days in (first, last]: how many working days pass from ``first`` to ``last``."""
    days = 0
    day = first
    while day < last:
        day += ONE_DAY
        if calendar.is_working_day(day):
            days += 1
    return days


@dataclass(frozen=True)
class State:
    """How a deadline stands on a day, in words for the page."""

    code: str  # met | met_late | today | open | overdue
    text: str
    days: int  # working days left (open) or late (overdue, met_late)

    @property
    def is_overdue(self) -> bool:
        return self.code == "overdue"


def state(deadline: CaseDeadline, today: datetime.date, calendar: WorkCalendar) -> State:
    if deadline.met_on is not None:
        if deadline.met_on <= deadline.due_on:
            return State("met", f"выполнено {deadline.met_on:%d.%m.%Y}, в срок", 0)
        late = working_days_between(deadline.due_on, deadline.met_on, calendar)
        return State(
            "met_late",
            f"выполнено {deadline.met_on:%d.%m.%Y}, с опозданием на {short_days_phrase(late)}",
            late,
        )
    if deadline.due_on == today:
        return State("today", "срок сегодня", 0)
    if deadline.due_on > today:
        left = working_days_between(today, deadline.due_on, calendar)
        return State("open", f"осталось {short_days_phrase(left)}", left)
    late = working_days_between(deadline.due_on, today, calendar)
    return State("overdue", f"просрочен на {short_days_phrase(late)}", late)


def annotate(deadlines: Iterable[CaseDeadline], today: datetime.date) -> list[CaseDeadline]:
    """The deadlines with ``basis_text`` and ``state`` set, one calendar for them all."""
    calendar = WorkCalendar()
    rows = list(deadlines)
    for row in rows:
        row.basis_text = basis(row)  # type: ignore[attr-defined]
        row.state = state(row, today, calendar)  # type: ignore[attr-defined]
    return rows
