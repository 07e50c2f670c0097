"""The appeals journal and the cases of the case-work demo (issue 13, item 14), made through
the services of the cases app (`appeal_take`, `case_open`, `step_record`), so numbering,
stages, deadlines and the audit trail are the real ones.

* appeals of the current month on its working days, one day at the unit's capacity (25);
* cases at every stage of 002 §3.2.3–3.2.8 in each of the four districts, all their
  deadlines met, except two cases of district 1 (the `specialist` login): information not
  collected three working days after the problem was detected — one due today (when today
  is a working day) and one three working days overdue.

Dates are counted back from today on the production calendar. The referrals between units are
the plans app's demo (`plans.demo`). Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from resurs.casework.units.models import DistrictAssignment
from resurs.kernel.organisations.models import Organisation, OrganisationKind
from resurs.kernel.workcalendar.deadlines import WorkCalendar

if TYPE_CHECKING:
    from resurs.casework.cases.models import Appeal, AppealResult, Case, Channel, StepKind
    from resurs.casework.citizens.models import Family, FamilyMember
else:
    # Cases and citizens sit above units (their records name a unit): looked up at run time.
    _cases = import_module("resurs.casework.cases.models")
    Appeal, AppealResult, Case = _cases.Appeal, _cases.AppealResult, _cases.Case
    Channel, StepKind = _cases.Channel, _cases.StepKind
    _citizens = import_module("resurs.casework.citizens.models")
    Family, FamilyMember = _citizens.Family, _citizens.FamilyMember

SEED = 2026
OTHER_DAY_APPEALS = (2, 7)
STEPS_IN_ORDER = (
    "information_collected",
    "proposals_drafted",
    "ippsu_approved",
    "implementation_started",
    "correction_proposed",
    "conclusion",
    "closed",
)


@dataclass(frozen=True)
class Script:
    """A case: working days back from today to the appeal (None: detected without one), to
    the detection, and to each of its steps in the order of the work."""

    appeal: int | None
    detected: int
    steps: tuple[tuple[str, int], ...]
    problem: str


STAGES = (
    Script(1, 1, (), "Многодетная семья просит помощи в оформлении мер социальной поддержки."),
    Script(
        3,
        3,
        (("information_collected", 2),),
        "Задолженность по оплате жилищно-коммунальных услуг, угроза отключения электроэнергии.",
    ),
    Script(
        10,
        10,
        (("information_collected", 8), ("proposals_drafted", 6)),
        "Мать-одиночка после потери работы: нет средств на подготовку детей к школе.",
    ),
    Script(
        20,
        20,
        (("information_collected", 18), ("proposals_drafted", 16), ("ippsu_approved", 5)),
        "Одиноко проживающий гражданин пожилого возраста нуждается в уходе и сопровождении.",
    ),
    Script(
        40,
        40,
        (
            ("information_collected", 38),
            ("proposals_drafted", 36),
            ("ippsu_approved", 30),
            ("implementation_started", 25),
        ),
        "Семья с ребёнком-инвалидом: восстановление документов, технические средства.",
    ),
    Script(
        45,
        45,
        (
            ("information_collected", 43),
            ("proposals_drafted", 41),
            ("ippsu_approved", 35),
            ("implementation_started", 30),
            ("correction_proposed", 4),
        ),
        "Конфликт в семье, ребёнок пропускает занятия; нужна корректировка мероприятий.",
    ),
    Script(
        80,
        80,
        (
            ("information_collected", 78),
            ("proposals_drafted", 76),
            ("ippsu_approved", 70),
            ("implementation_started", 60),
            ("conclusion", 3),
        ),
        "Гражданин, освободившийся из мест лишения свободы: документы, жильё, трудоустройство.",
    ),
    Script(
        120,
        120,
        (
            ("information_collected", 118),
            ("proposals_drafted", 116),
            ("ippsu_approved", 110),
            ("implementation_started", 100),
            ("conclusion", 20),
            ("closed", 15),
        ),
        "Семья в трудной жизненной ситуации после пожара в квартире.",
    ),
)
# District 1 only: the information deadline (3 working days) due today and overdue.
DUE_TODAY = Script(None, 3, (), "Сообщение школы: ребёнок из семьи часто пропускает занятия.")
OVERDUE = Script(None, 6, (), "Сообщение участкового: в квартире шумно, соседи жалуются.")

SUBJECTS = (
    "Консультация о мерах социальной поддержки многодетных семей",
    "Помощь в оформлении ежемесячного пособия на ребёнка",
    "Вопрос о социальном обслуживании на дому для матери",
    "Запись к психологу: трудности в общении с подростком",
    "Помощь в восстановлении паспорта",
    "Консультация юрисконсульта по алиментам",
    "Продуктовый набор и одежда для детей",
    "Вопрос о путёвке в оздоровительный лагерь",
    "Оформление компенсации расходов на оплату жилья",
    "Сообщение о семье, где дети остаются без присмотра",
    "Консультация по социальному контракту",
    "Вопрос о технических средствах реабилитации",
)
RESULTS = (
    ("consulted", 50),
    ("redirected", 15),
    ("service", 15),
    ("in_work", 20),
)


class Days:
    """Working days counted back from today on the production calendar."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.calendar = WorkCalendar()

    def back(self, n: int) -> datetime.date:
        """The n-th working day before today (0: today if it is a working day, else the last
        working day before it)."""
        day = self.today
        if n == 0:
            while not self.calendar.is_working_day(day):
                day -= datetime.timedelta(days=1)
            return day
        while n:
            day -= datetime.timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def this_month(self) -> list[datetime.date]:
        day = self.today.replace(day=1)
        found = []
        while day <= self.today:
            if self.calendar.is_working_day(day):
                found.append(day)
            day += datetime.timedelta(days=1)
        return found


def _at(day: datetime.date, minutes: int) -> datetime.datetime:
    """Local time on ``day``, from 9:00, never later than now (an appeal is not in the future)."""
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(9, 0)) + datetime.timedelta(minutes=minutes)
    )
    return min(moment, timezone.now() - datetime.timedelta(minutes=1))


class Loader:
    def __init__(self, unit, districts, today: datetime.date):
        self.cases = import_module("resurs.casework.cases.services")
        self.unit = unit
        self.days = Days(today)
        self.rng = random.Random(SEED)  # noqa: S311 -- demo data, not secrets
        assignments = (
            DistrictAssignment.objects.current(today)
            .filter(district__in=districts)
            .select_related("membership__user")
            .order_by("district__name", "starts_on")
        )
        self.staff = {a.district_id: a.membership for a in assignments}
        self.families = {
            district.pk: list(
                Family.objects.unscoped(reason="the demo's appeals and cases of demo families")
                .filter(unit=unit, district=district)
                .order_by("id")
            )
            for district in districts
        }
        self.next_family = {district.pk: 0 for district in districts}
        self.applicants = {
            row.family_id: row.person
            for row in FamilyMember.objects.unscoped(reason="the demo's applicants")
            .filter(family__unit=unit, relation="applicant")
            .select_related("person")
        }
        self.agency = Organisation.objects.filter(
            kind=OrganisationKind.USZN, territory=unit.organisation.territory
        ).first()

    def family(self, district_id: int):
        index = self.next_family[district_id]
        self.next_family[district_id] = index + 1
        return self.families[district_id][index]

    def appeal(self, *, by, day, minutes, family=None, subject=None, result="in_work") -> Any:
        anonymous = family is None and self.rng.random() < 0.5
        channel = (
            Channel.PHONE
            if anonymous
            else self.rng.choice(
                [Channel.IN_PERSON, Channel.IN_PERSON, Channel.PHONE, Channel.WRITTEN]
            )
        )
        source = None
        if not anonymous and family is None and self.agency is not None:
            channel, source = Channel.AGENCY, self.agency
        return self.cases.appeal_take(
            by=by,
            unit=self.unit,
            received_at=_at(day, minutes),
            channel=channel,
            is_anonymous=anonymous,
            person=self.applicants.get(family.pk) if family else None,
            family=family,
            source_organisation=source,
            subject=subject or self.rng.choice(SUBJECTS),
            result=result,
        )

    def case(self, district_id: int, script: Script) -> Case:
        by = self.staff[district_id]
        family = self.family(district_id)
        days = self.days
        appeal = None
        appealed_on = days.back(script.appeal) if script.appeal is not None else None
        if appealed_on is not None and appealed_on.month == days.today.month:
            appeal = self.appeal(
                by=by, day=appealed_on, minutes=30, family=family, subject=script.problem
            )
        case = self.cases.case_open(
            by=by,
            unit=self.unit,
            problem=script.problem,
            detected_on=days.back(script.detected),
            family=None if appeal else family,
            appeal=appeal,
            appealed_on=None if appeal else appealed_on,
        )
        for kind, back in script.steps:
            self.cases.step_record(by=None, case=case, kind=kind, occurred_on=days.back(back))
        return case

    def journal(self, busy: set[datetime.date]) -> None:
        """Appeals of the month's working days; the latest day without a case's appeal
        before today is at the unit's capacity."""
        month = self.days.this_month()
        quiet = [day for day in month if day not in busy and day < self.days.today] or month
        full = quiet[-1] if quiet else None
        staff = list(self.staff.items())
        results = [code for code, _weight in RESULTS]
        weights = [weight for _code, weight in RESULTS]
        for day in month:
            count = (
                self.unit.daily_capacity if day == full else self.rng.randint(*OTHER_DAY_APPEALS)
            )
            count -= (
                Appeal.objects.unscoped(reason="the demo counts its journal")
                .filter(unit=self.unit, received_at__date=day)
                .count()
            )
            for index in range(max(count, 0)):
                district_id, by = staff[index % len(staff)]
                family = None
                if self.rng.random() < 0.7:
                    family = self.rng.choice(self.families[district_id])
                self.appeal(
                    by=by,
                    day=day,
                    minutes=15 * index,
                    family=family,
                    result=self.rng.choices(results, weights)[0],
                )


def load(unit, districts) -> None:
    """The journal and the cases of the social-support unit, once."""
    if Appeal.objects.unscoped(reason="the demo loads once").filter(unit=unit).exists():
        return
    today = timezone.localdate()
    loader = Loader(unit, districts, today)
    if len(loader.staff) < len(districts):
        return  # a district without a specialist: the staff demo did not run
    busy: set[datetime.date] = set()
    for district in districts:
        for script in STAGES:
            loader.case(district.pk, script)
            if script.appeal is not None:
                busy.add(loader.days.back(script.appeal))
    first = districts[0].pk
    if loader.days.calendar.is_working_day(today):
        loader.case(first, DUE_TODAY)
    loader.case(first, OVERDUE)
    loader.journal(busy)
