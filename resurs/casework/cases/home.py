"""What the home page shows of the cases (issue 13 item 6): the specialist's own deadlines
due today, this week and overdue; the head's the same for the unit, by specialist. One query
for the deadlines and one per calendar year they touch, whatever the number of cases."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from resurs.casework.cases import deadlines, permissions, selectors
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import HomePanel

SHOWN = 200


@dataclass
class Group:
    """One specialist's deadlines by bucket (overdue, today, this week)."""

    specialist: object
    buckets: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.buckets.values())


def board(who, today: datetime.date, *, own_user_id: int | None = None) -> list[Group]:
    """The deadlines due by the end of the week or overdue, grouped by the case's specialist
    (those without one last)."""
    rows = list(selectors.due_deadlines(who, today, own_user_id=own_user_id)[:SHOWN])
    deadlines.annotate(rows, today)
    groups: dict[int | None, Group] = {}
    for row in rows:
        specialist = row.case.specialist
        group = groups.setdefault(specialist.pk if specialist else None, Group(specialist))
        group.buckets.setdefault(selectors.bucket(row, today), []).append(row)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.specialist is None, str(g.specialist) if g.specialist else ""),
    )
    for group in ordered:
        group.buckets = {
            key: group.buckets[key] for key, _title in selectors.BUCKETS if key in group.buckets
        }
    return ordered


def panels_for(request) -> list[HomePanel]:
    scope = request.scope
    today = timezone.localdate()
    context = {"bucket_titles": dict(selectors.BUCKETS), "today": today}
    if scope.role == Role.SPECIALIST:
        groups = board(request, today, own_user_id=scope.user_id)
        return [
            HomePanel(
                "Мои сроки по случаям",
                "cases/_due_panel.html",
                {**context, "groups": groups, "by_specialist": False},
            )
        ]
    if scope.role == Role.HEAD and permissions.can_see_board(scope):
        groups = board(request, today)
        return [
            HomePanel(
                "Сроки отделения по специалистам",
                "cases/_due_panel.html",
                {**context, "groups": groups, "by_specialist": True},
            )
        ]
    return []
