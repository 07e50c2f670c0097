"""Demo appeals and cases of БУ «Пыть-Яхский КЦСОН» (issue 13, item 14): the appeals journal
of the current month with one day at the unit's capacity, and cases at every stage — one with
an overdue deadline, one due today, the others on time. Dated relative to the day of
loading; loading twice changes nothing. Needs the units' demo (units, staff, citizens)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.casework.cases import services
from resurs.casework.cases.models import Appeal, Case, Channel, StepKind
from resurs.casework.citizens.models import Person
from resurs.casework.units.models import Unit
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.workcalendar.deadlines import add_working_days, is_working_day

DAY = datetime.timedelta(days=1)
SUBJECTS = (
    "Просит помочь с оформлением ежемесячного пособия на ребёнка.",
    "Сообщает о трудной жизненной ситуации: потеря работы, задолженность за жильё.",
    "Консультация о порядке признания нуждающимся в социальном обслуживании.",
    "Просит содействия в устройстве ребёнка в детский сад.",
    "Сведения школы о пропусках занятий ребёнком.",
)
CHANNELS = (Channel.IN_PERSON, Channel.PHONE, Channel.WRITTEN, Channel.DISTANCE)
# Steps after the detection of the problem, in working days from the previous step.
WALK = (
    (StepKind.INFORMATION_COLLECTED, 1),
    (StepKind.PROPOSALS_DRAFTED, 2),
    (StepKind.IPPSU_APPROVED, 3),
    (StepKind.IMPLEMENTATION_STARTED, 5),
    (StepKind.CORRECTION_PROPOSED, 5),
    (StepKind.IPPSU_APPROVED, 2),
    (StepKind.IMPLEMENTATION_STARTED, 2),
    (StepKind.CONCLUSION, 10),
    (StepKind.CLOSED, 2),
)
# The stage each walked case stops at: how many steps of WALK it has.
STOPS = (1, 2, 3, 4, 5, 8, 9)
PROBLEMS = (
    "Семья в трудной жизненной ситуации: нет дохода, задолженность за коммунальные услуги.",
    "Одинокий пожилой гражданин нуждается в помощи по дому и оформлении документов.",
    "Конфликт в семье, ребёнок пропускает занятия в школе.",
)


def _appeal_days(today: datetime.date) -> list[datetime.date]:
    first = today.replace(day=1)
    return [first + DAY * n for n in range((today - first).days + 1)]


def _appeals(support: Unit, persons: list, taken_by) -> None:
    """A few appeals a working day of the month so far; the first working day is full."""
    now = timezone.localtime()
    days = [d for d in _appeal_days(now.date()) if is_working_day(d)]
    for index, day in enumerate(days):
        count = support.daily_capacity if index == 0 and day < now.date() else 2 + index % 3
        for n in range(count):
            moment = datetime.datetime.combine(
                day, datetime.time(9, 0), tzinfo=now.tzinfo
            ) + datetime.timedelta(minutes=17 * n)
            if moment > now:
                break
            anonymous = n % 7 == 3
            services.appeal_take(
                by=None,
                taken_by=taken_by,
                unit=support,
                received_at=moment,
                channel=CHANNELS[n % len(CHANNELS)],
                is_anonymous=anonymous,
                person=None if anonymous else persons[n % len(persons)],
                subject=SUBJECTS[n % len(SUBJECTS)],
            )


def _walk_dates(today: datetime.date, steps: int) -> tuple[datetime.date, list[datetime.date]]:
    """A detection day and the steps' days, all on time, the last not after today."""
    detected = today
    while True:
        dates, day = [], detected
        for _kind, gap in WALK[:steps]:
            day = add_working_days(day, gap)
            dates.append(day)
        if dates[-1] <= today:
            return detected, dates
        detected -= DAY


def _case(support, person, *, detected, appealed=None, problem):
    return services.case_open(
        by=None,
        unit=support,
        person=person,
        problem=problem,
        detected_on=detected,
        appealed_on=appealed,
    )


@transaction.atomic
def load_demo_data() -> None:
    if Appeal.all_records.exists() or Case.all_records.exists():
        return
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None:
        return
    support = Unit.objects.filter(organisation=organisation, kind__code="social_support").first()
    if support is None:
        return
    persons = list(
        Person.objects.unscoped(reason="the demo's appeals and cases of the demo citizens")
        .filter(unit=support, specialist__isnull=False)
        .select_related("specialist")
        .order_by("id")[: len(STOPS) + 4]
    )
    if len(persons) < len(STOPS) + 2:
        return
    today = timezone.localdate()
    _appeals(support, persons, persons[0].specialist)
    # One overdue: the information of a problem detected two weeks ago is not collected.
    _case(support, persons[0], detected=today - 14 * DAY, problem=PROBLEMS[0])
    # One due today: three working days after the detection end today.
    if is_working_day(today):
        detected = today - DAY
        while add_working_days(detected, 3) > today:
            detected -= DAY
        if add_working_days(detected, 3) == today:
            _case(support, persons[1], detected=detected, problem=PROBLEMS[1])
    for index, stop in enumerate(STOPS):
        detected, dates = _walk_dates(today, stop)
        case = _case(
            support,
            persons[2 + index],
            detected=detected,
            appealed=detected,
            problem=PROBLEMS[index % len(PROBLEMS)],
        )
        for (kind, _gap), day in zip(WALK[:stop], dates, strict=True):
            services.step_record(by=None, case=case, kind=kind, occurred_on=day, note="")
