"""MAP-4: the execution percentage of a roadmap and of its sections.

Rule (documented on the roadmap page):

* a checkpoint counts once it is *due* — its date has passed — or once it is marked;
  a future checkpoint without a mark is not yet expected and is left out;
* its weight is 1 for «выполнено», 0.5 for «выполнено частично», 0 for «не выполнено»
  and 0 for an overdue checkpoint (due, no mark);
* a continuous item («в актуальном режиме», «по мере принятия») is reviewed each quarter:
  its four quarter-end review checkpoints count like dated ones;
* an item whose timeframe was not understood has no checkpoint until a person sets its
  schedule, so it does not count (the page lists it as «срок не распознан»);
* the percentage is the sum of weights over the counted checkpoints; none counted — no
  percentage («—»), not 0 %.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, FloatField, Q, Sum, Value, When

from resurs.coordination.roadmaps.models import MARK_WEIGHTS, MarkResult


@dataclass
class Progress:
    counted: int = 0
    score: float = 0.0
    done: int = 0
    partly: int = 0
    not_done: int = 0
    overdue: int = 0
    pending: int = 0

    @property
    def percent(self) -> int | None:
        if not self.counted:
            return None
        return round(100 * self.score / self.counted)

    def add(self, checkpoint, today: datetime.date, *, agreed: bool = True) -> None:
        mark = checkpoint.mark_or_none
        if mark is None:
            if agreed and checkpoint.due_on < today:
                self.counted += 1
                self.overdue += 1
            else:
                self.pending += 1
            return
        self.counted += 1
        self.score += MARK_WEIGHTS[mark.result]
        if mark.result == MarkResult.DONE:
            self.done += 1
        elif mark.result == MarkResult.PARTLY:
            self.partly += 1
        else:
            self.not_done += 1


def progress_of(
    sections, today: datetime.date, *, agreed: bool = True
) -> tuple[Progress, dict[int, Progress]]:
    """The roadmap's and each section's progress; sections carry ``item_list`` and items
    ``checkpoint_list`` with their marks (see `selectors.plan_of`). A plan not yet agreed
    has nothing overdue: its past dates are still ahead of its execution."""
    total = Progress()
    by_section = {}
    for section in sections:
        section_progress = Progress()
        for item in section.item_list:
            for checkpoint in item.checkpoint_list:
                section_progress.add(checkpoint, today, agreed=agreed)
                total.add(checkpoint, today, agreed=agreed)
        by_section[section.pk] = section_progress
    return total, by_section


def annotate_percent(queryset, today: datetime.date, prefix: str = "sections__items__checkpoints"):
    """The same rule in SQL, for list pages: ``counted`` and ``score`` per roadmap."""
    due = Q(**{f"{prefix}__due_on__lt": today})
    marked = Q(**{f"{prefix}__mark__isnull": False})
    weight = Case(
        *(
            When(**{f"{prefix}__mark__result": result}, then=Value(w))
            for result, w in MARK_WEIGHTS.items()
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return queryset.annotate(
        counted=Count(prefix, filter=due | marked),
        score=Sum(weight, filter=due | marked, default=0.0),
    )


def percent(counted: int, score: float) -> int | None:
    return round(100 * score / counted) if counted else None
