"""A region's reporting chain over ten years, for the reporting suite (issue 5, item 12).

In a database of its own (``bench.reporting_run.database_url``), smaller than the
directory suite's one and shaped as the issue says:

* the Department, the methodological centre, an УСЗН on each of the 22 territories, ~1,050
  providers (state institutions and non-state providers) and ~200 social partners, each
  working in 1–3 of the 9 directions;
* **100 resource centres** (state institutions) with chains of RC orders across all nine
  directions (a fifth with a second direction): most in force from 2014–2016 to today, some
  opened later, some repealed;
* one user per organisation (RC users with the centre's direction) and the benchmark's users
  ``bench-department``, ``bench-uszn`` (Surgut) and ``bench-rc`` (an RC of Surgut);
* ten years of events (held mostly), participations, consultations with the organisations
  consulted, media plans, publications and the RCs' registries of participants — made by
  ``bench.events_generate`` itself, scaled down to this region (``SCALE``);
* the reports of 41 quarters (2017-Q1 … the current one) and of the roadmap years, owed as
  ``reporting.obligations.expected`` says (the rule ``reporting.services.open_period``
  follows), with a realistic mix of states and timeliness, and the values of every
  submitted report;
* the KPI snapshots of the last 12 quarters, written by ``reporting.kpi.recompute`` itself.

Everything except the snapshots is written with ``bulk_create`` in one transaction.
"""

import datetime
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from bench import events_generate
from bench.generate import (
    BENCH_DEPARTMENT,
    BENCH_PASSWORD,
    BENCH_RC,
    BENCH_USZN,
    BENCH_USZN_TERRITORY,
    POSITIONS,
    _batched,
    _Builder,
    _end,
    _person,
    _years,
)
from resurs.coordination.reporting import kpi, obligations
from resurs.coordination.reporting.models import (
    Indicator,
    Party,
    Report,
    ReportForm,
    ReportState,
    ReportValue,
    ValueType,
)
from resurs.coordination.reporting.periods import due_date, nominal_due_date
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import (
    Organisation,
    OrganisationKind,
    RCStatusState,
    Region,
    ResourceCentreStatus,
)
from resurs.kernel.workcalendar.deadlines import CalendarYearUnknown
from resurs.kernel.workcalendar.periods import Period, PeriodKind

STATE_INSTITUTIONS = 650
NON_STATE_PROVIDERS = 400
SOCIAL_PARTNERS = 200
CENTRES = 100
FIRST_QUARTER = Period(PeriodKind.QUARTER, 2017, 1)
# Values of the submitted reports: every RC report; the providers' and УСЗН reports of the
# last quarters only (a million rows more would not change what the suite measures).
VALUE_QUARTERS = 8
# KPI snapshots (kpi.recompute, 1.5–5 s a quarter) of the last three years: the dashboards'
# trend reads eight quarters; older ones would only make the generation minutes longer.
SNAPSHOT_QUARTERS = 12
# bench.events_generate's volumes, scaled to 100 centres (it is built for 300 and 5,000
# organisations): about 14 events a centre a quarter, growing over the years.
SCALE = {
    "EVENTS": 60_000,
    "PARTICIPATIONS": 240_000,
    "CONSULTATIONS": 20_000,
    "PUBLICATIONS": 15_000,
}


@dataclass
class Generated:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def is_empty() -> bool:
    return not Report.objects.exists()


def quarters(today: datetime.date | None = None) -> list[Period]:
    """The reporting quarters: 2017-Q1 … the current quarter."""
    current = Period.containing(PeriodKind.QUARTER, today or timezone.localdate())
    result = [FIRST_QUARTER]
    while result[-1] < current:
        result.append(result[-1].next())
    return result


def bench_quarter(today: datetime.date | None = None) -> Period:
    """The quarter the suite measures: the last one that has ended."""
    return Period.containing(PeriodKind.QUARTER, today or timezone.localdate()).previous()


# --- the directory -------------------------------------------------------------------------------


def _organisations(builder: _Builder) -> list[Organisation]:
    return builder.organisations(
        state=STATE_INSTITUTIONS, providers=NON_STATE_PROVIDERS, partners=SOCIAL_PARTNERS
    )


def _chains(rng, centres, directions_of, today) -> tuple[list[ResourceCentreStatus], dict]:
    """RC orders per (centre, direction), every direction covered: most in force since
    2014–2016, a tenth opened in 2018–2022, 8 % repealed in 2021–2025."""
    statuses: list[ResourceCentreStatus] = []
    rc_direction: dict[int, int] = {}
    all_directions = sorted({d for ds in directions_of.values() for d in ds}, key=lambda d: d.pk)
    order_no = 0
    for i, centre in enumerate(centres):
        own = directions_of[centre.pk]
        first = all_directions[i % len(all_directions)] if i < 27 else rng.choice(own)
        chosen = [first]
        if i >= 27 and rng.random() < 0.2:
            second = rng.choice(all_directions)
            if second != first:
                chosen.append(second)
        for direction in chosen:
            if direction not in own:
                own.append(direction)
        rc_direction[centre.pk] = first.pk
        late_start = rng.random() < 0.1
        repealed = rng.random() < 0.08
        for direction in chosen:
            year = rng.randint(2018, 2022) if late_start else rng.randint(2014, 2016)
            start = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
            chain: list[ResourceCentreStatus] = []
            while start <= today:
                order_no += 1
                status = ResourceCentreStatus(
                    organisation_id=centre.pk,
                    direction_id=direction.pk,
                    order_number=f"{order_no}-п",
                    order_date=start - datetime.timedelta(days=rng.randint(3, 30)),
                    valid_from=start,
                    valid_to=_years(start, 3) - datetime.timedelta(days=1),
                )
                if chain:
                    _end(chain[-1], RCStatusState.REPLACED, status.valid_from, status)
                chain.append(status)
                start = _years(start, 3)
            if repealed:
                last = chain[-1]
                ended = datetime.date(rng.randint(2021, 2025), rng.randint(1, 12), 15)
                if last.valid_from < ended <= today:
                    order_no += 1
                    last.end_order_number = f"{order_no}-р"
                    _end(last, RCStatusState.REPEALED, ended, None)
            statuses.extend(chain)
    return statuses, rc_direction


def _directory(rng, out: Generated, step) -> None:
    started = time.perf_counter()
    builder = _Builder(rng)
    organisations = _batched(_organisations(builder), Organisation)
    directions_of = builder.directions_of(organisations)
    institutions = [
        o for o in organisations if o.kind == OrganisationKind.STATE_INSTITUTION and o.is_active
    ]
    surgut = [o for o in institutions if o.territory.name == BENCH_USZN_TERRITORY]
    centres = [surgut[0], *rng.sample([o for o in institutions if o != surgut[0]], CENTRES - 1)]
    today = timezone.localdate()
    statuses, rc_direction = _chains(rng, centres, directions_of, today)
    through = Organisation.directions.through
    links = [
        through(organisation_id=o.pk, direction_id=d.pk)
        for o in organisations
        for d in directions_of[o.pk]
    ]
    _batched(links, through)
    successors = {id(s.replaced_by): s for s in statuses if s.replaced_by is not None}
    for status in statuses:
        status.replaced_by = None
    _batched(statuses, ResourceCentreStatus)
    predecessors = []
    for status in statuses:
        predecessor = successors.get(id(status))
        if predecessor is not None:
            predecessor.replaced_by = status
            predecessors.append(predecessor)
    ResourceCentreStatus.objects.bulk_update(predecessors, ["replaced_by"], batch_size=500)
    kinds: dict[str, int] = {}
    for organisation in organisations:
        kinds[organisation.kind] = kinds.get(organisation.kind, 0) + 1
    out.counts["directory"] = f"{len(organisations)} {kinds} (+{len(links)} направлений)"
    out.counts["directory"] += (
        f"; приказов о статусе РЦ {len(statuses)} у {len(centres)} центров, "
        f"{len({(s.organisation_id, s.direction_id) for s in statuses})} пар центр×направление"
    )
    step("directory", started)

    started = time.perf_counter()
    department = organisations[0]
    uszn = {o.territory.name: o for o in organisations if o.kind == OrganisationKind.USZN}
    plan = [
        (BENCH_DEPARTMENT, department, Role.DEPARTMENT, None),
        (BENCH_USZN, uszn[BENCH_USZN_TERRITORY], Role.USZN, None),
        (BENCH_RC, centres[0], Role.RESOURCE_CENTRE, rc_direction[centres[0].pk]),
        ("methodist", organisations[1], Role.METHODICAL_CENTRE, None),
    ]
    for organisation in organisations[2:]:
        if organisation.pk in rc_direction:
            plan.append((None, organisation, Role.RESOURCE_CENTRE, rc_direction[organisation.pk]))
        elif organisation.kind == OrganisationKind.USZN:
            plan.append((None, organisation, Role.USZN, None))
        elif organisation.kind in obligations.PROVIDER_KINDS:
            plan.append((None, organisation, Role.HEAD, None))
    password = make_password(BENCH_PASSWORD)
    users = []
    for i, (username, *_rest) in enumerate(plan):
        last_name, first_name, patronymic = _person(rng)
        username = username or f"user{i:05d}"
        users.append(
            User(
                username=username,
                password=password,
                last_name=last_name,
                first_name=first_name,
                patronymic=patronymic,
                email=f"{username}@example.ru",
            )
        )
    users = _batched(users, User)
    memberships = [
        Membership(
            user_id=user.pk,
            organisation_id=organisation.pk,
            role=role,
            direction_id=direction_id,
            position=rng.choice(POSITIONS),
        )
        for user, (_, organisation, role, direction_id) in zip(users, plan, strict=True)
    ]
    _batched(memberships, Membership)
    out.counts["users"] = f"{len(users)} (+{len(memberships)} членств)"
    step("users", started)


@contextmanager
def _scaled(module, **values):
    """bench.events_generate's volumes for this region, restored afterwards."""
    before = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(module, name, value)


# --- the reports ---------------------------------------------------------------------------------


def _due(form: ReportForm, period: Period) -> datetime.date:
    try:
        return due_date(period, form.due_day)
    except CalendarYearUnknown:
        return nominal_due_date(period, form.due_day)


class _States:
    """A report's state and dates: past periods mostly accepted, on time more often than
    not; the last ended period still has reports on their way; the current one is open."""

    def __init__(self, rng, zone, now):
        self.rng, self.zone, self.now = rng, zone, now

    def _at(self, day: datetime.date) -> datetime.datetime:
        moment = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(9, 17), self.rng.randint(0, 59)), tzinfo=self.zone
        )
        return min(moment, self.now)

    def fill(self, report: Report, *, recent: bool) -> None:
        rng, today = self.rng, self.now.date()
        if report.period_end >= today:  # the current period
            report.state = rng.choices((ReportState.NOT_STARTED, ReportState.DRAFT), (7, 3))[0]
            return
        roll = rng.random()
        missing = 0.12 if recent else 0.04
        if roll < missing:
            report.state = rng.choice((ReportState.NOT_STARTED, ReportState.DRAFT))
            return
        late = rng.random() < 0.15
        if late:
            day = report.due_on + datetime.timedelta(days=rng.randint(1, 25))
        else:
            day = report.due_on - datetime.timedelta(days=rng.randint(0, 12))
        day = max(report.period_end + datetime.timedelta(days=1), min(day, today))
        report.submitted_at = report.last_submitted_at = self._at(day)
        report.submitted_on = day
        report.nothing_to_report = rng.random() < 0.04
        decided = self._at(min(day + datetime.timedelta(days=rng.randint(1, 10)), today))
        roll = rng.random()
        if recent and roll < 0.35:
            report.state = ReportState.SUBMITTED
        elif roll < 0.04 + (0.35 if recent else 0):
            report.state = ReportState.RETURNED
            report.decided_at = decided
            report.remarks = "Уточните показатели раздела 1 и приложите подтверждающие сведения."
        elif roll < 0.07 + (0.35 if recent else 0):
            report.state = ReportState.RESUBMITTED
            report.last_submitted_at = decided
        else:
            report.state = ReportState.ACCEPTED
            report.decided_at = decided


def _value(rng, indicator: Indicator):
    if indicator.value_type == ValueType.INTEGER:
        return rng.randint(0, 60)
    if indicator.value_type == ValueType.DECIMAL:
        return round(rng.uniform(0, 100), 2)
    if indicator.value_type == ValueType.BOOLEAN:
        return rng.random() < 0.7
    if indicator.value_type == ValueType.TEXT:
        return "Работа ведётся по плану." if rng.random() < 0.5 else None
    return None


def _reports(rng, out: Generated, step) -> None:
    started = time.perf_counter()
    zone = ZoneInfo(Region.objects.order_by("pk").first().timezone)
    now = timezone.now()
    states = _States(rng, zone, now)
    last = bench_quarter()
    reports = []
    plans = {}
    for form in ReportForm.objects.filter(is_active=True).order_by("order", "id"):
        version = form.current_version()
        plans[form.pk] = list(Indicator.objects.filter(form_version=version).order_by("id"))
        if form.period_kind == PeriodKind.QUARTER:
            periods = quarters()
        else:
            periods = [
                Period(PeriodKind.YEAR, year, 1) for year in range(FIRST_QUARTER.year, now.year + 1)
            ]
        for period in periods:
            due_on = _due(form, period)
            for obligation in obligations.expected(form, period):
                report = Report(
                    form=form,
                    form_version=version,
                    period_kind=period.kind,
                    period_start=period.start,
                    period_end=period.end,
                    sender_id=obligation.sender_id,
                    receiver_id=obligation.receiver_id,
                    direction_id=obligation.direction_id,
                    due_on=due_on,
                )
                states.fill(report, recent=period.end >= last.start)
                reports.append(report)
    reports = _batched(reports, Report)
    tally: dict[str, int] = {}
    for report in reports:
        tally[report.state] = tally.get(report.state, 0) + 1
    out.counts["reports"] = f"{len(reports)} {tally}"
    step("reports", started)

    started = time.perf_counter()
    values = []
    total = 0
    recent = last.last(VALUE_QUARTERS)[0].start
    rc_forms = {f.pk for f in ReportForm.objects.filter(sender=Party.RESOURCE_CENTRE)}
    for report in reports:
        if report.submitted_at is None or report.nothing_to_report:
            continue
        if report.form_id not in rc_forms and report.period_start < recent:
            continue
        for indicator in plans[report.form_id]:
            value = _value(rng, indicator)
            if value is None:
                continue
            counted = value if indicator.counter and rng.random() < 0.95 else None
            values.append(
                ReportValue(
                    report_id=report.pk, indicator_id=indicator.pk, value=value, counted=counted
                )
            )
        if len(values) >= 50_000:
            total += len(_batched(values, ReportValue))
            values = []
    total += len(_batched(values, ReportValue))
    out.counts["report_values"] = total
    step("report_values", started)


# --- all of it -----------------------------------------------------------------------------------


def generate(seed: int = 86, log=print) -> Generated:
    """Fills an empty database; then the KPI snapshots of every quarter (kpi.recompute) and,
    on PostgreSQL, VACUUM (ANALYZE)."""
    with events_generate._sqlite_cache():
        out = _generate(seed, log)
        started = time.perf_counter()
        written = 0
        for period in quarters()[-SNAPSHOT_QUARTERS:]:
            written += kpi.recompute(period)
        out.seconds["kpi_snapshots"] = round(time.perf_counter() - started, 2)
        out.counts["kpi_snapshots"] = written
        log(f"  kpi_snapshots: {written} за {out.seconds['kpi_snapshots']} с (kpi.recompute)")
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        out.seconds["vacuum_analyze"] = round(time.perf_counter() - started, 2)
    return out


@transaction.atomic
def _generate(seed: int, log) -> Generated:
    rng = random.Random(seed * 1000 + 5)
    out = Generated()

    def step(name, started):
        out.seconds[name] = round(time.perf_counter() - started, 2)
        log(f"  {name}: {out.counts.get(name, '')} за {out.seconds[name]} с")

    _directory(rng, out, step)
    started = time.perf_counter()
    with _scaled(events_generate, **SCALE):
        events = events_generate._generate(seed, log)
    out.counts["events"] = events.counts
    out.seconds["events"] = round(time.perf_counter() - started, 2)
    _reports(rng, out, step)
    return out
