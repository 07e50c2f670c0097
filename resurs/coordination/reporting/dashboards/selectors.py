"""REP-6: what the dashboards read — every resource centre × direction × period with its
KPIs (from KpiSnapshot, counted by reporting.kpi), the timeliness of its reports and of the
reports it receives, roadmap execution and the effectiveness coefficient; every number with
the link to the records behind it.

Each dashboard costs a fixed number of queries whatever the number of centres: the rows are
read in bulk and the drill-down links are built from ids (reporting.counters builds the
record lists' links; the public page and the roadmap are looked up once for all centres)."""

from __future__ import annotations

import datetime
from collections import Counter as Tally
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Avg, Count, Q, Sum
from django.http import Http404
from django.urls import reverse

from resurs.coordination.reporting.counters import COUNTERS, Counting
from resurs.coordination.reporting.models import CoefficientComponent, KpiSnapshot, Report
from resurs.coordination.reporting.obligations import centres_in_force
from resurs.coordination.reporting.selectors import Status, mark, timeliness
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES, Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period, PeriodKind

RC_FORMS = (("rc-monitoring", "Мониторинг (Департамент)"), ("rc-kpi", "Формы КПЭ (МЦ)"))
INCOMING_FORM = "uszn-consolidation"
PROVIDER_FORM = "provider-monitoring"
TREND_LENGTH = 8
NOT_OPENED = "not_opened"

DASHBOARD_ROLES = REGION_WIDE_ROLES
COEFFICIENT_EDITOR_ROLES = frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR})
RECOMPUTE_ROLES = REGION_WIDE_ROLES

REGISTRY_LINKS = (
    ("participants", "registry_participants", "участники"),
    ("legal_acts", "registry_legal_acts", "правовые акты"),
    ("technologies", "registry_technologies", "технологии и методики"),
    ("articles", "registry_articles", "статьи"),
    ("social_practices", "registry_social_practices", "социальные практики"),
    ("products_approved", "products_approved", "методические продукты"),
)


# --- periods ---------------------------------------------------------------------------------


def last_finished_quarter(today: datetime.date) -> Period:
    return Period.containing(PeriodKind.QUARTER, today).previous()


def quarter_choices(today: datetime.date, count: int = 12) -> list[tuple[str, str]]:
    """The current quarter and the ones before it, newest first."""
    current = Period.containing(PeriodKind.QUARTER, today)
    return [(p.key, p.label) for p in reversed(current.last(count))]


def chosen_quarter(key: str | None, today: datetime.date) -> Period:
    """The quarter of ``?period=``; the last finished quarter when absent or not a quarter."""
    if key:
        try:
            period = Period.from_key(key)
        except ValueError:
            period = None
        if period is not None and period.kind == PeriodKind.QUARTER:
            return period
    return last_finished_quarter(today)


# --- rows --------------------------------------------------------------------------------------


@dataclass
class Cell:
    value: object
    url: str = ""


@dataclass
class ChainTally:
    """The УСЗН reports a centre receives for the period, by timeliness."""

    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    nothing: int = 0
    waiting: int = 0
    url: str = ""


@dataclass
class CentreRow:
    organisation: Organisation
    direction: Direction
    snapshot: KpiSnapshot | None
    public_page: Cell | None = None
    events: Cell | None = None
    consulted: Cell | None = None
    publications: Cell | None = None
    mass_media: Cell | None = None
    registry: list = field(default_factory=list)
    partners: Cell | None = None
    roadmap: Cell | None = None
    reports: list = field(default_factory=list)  # [(form title, Report or None)]
    incoming: ChainTally = field(default_factory=ChainTally)
    detail_url: str = ""

    @property
    def coefficient(self):
        return self.snapshot.coefficient if self.snapshot else None

    @property
    def name(self) -> str:
        return self.organisation.short_name or self.organisation.name


def public_page_label(snapshot: KpiSnapshot) -> str:
    """6.1 as the dashboard says it: published and current, published but not current, none."""
    parts = (snapshot.components or {}).get("parts", {})
    score = (parts.get(CoefficientComponent.PUBLIC_PAGE) or {}).get("value")
    if not snapshot.public_page:
        return "нет"
    if score is not None and score < 1:
        return "опубликован, не обновлялся"
    return "опубликован, актуален"


def _detail_url(organisation_id: int, direction_id: int, period: Period) -> str:
    query = urlencode(
        {"organisation": organisation_id, "direction": direction_id, "period": period.key}
    )
    return reverse("reporting:dashboard_direction") + "?" + query


def _fill_kpis(row: CentreRow, period: Period, public_slug: str | None, roadmap_id: int | None):
    """The numbers of a snapshot with their drill-down links; no queries."""
    snapshot = row.snapshot
    if snapshot is None:
        return
    counting = Counting(row.organisation, row.direction, period.start, period.end)

    def cell(value, key):
        return Cell(value, COUNTERS[key].records(counting))

    row.public_page = Cell(
        public_page_label(snapshot),
        reverse("public:page", args=[public_slug]) if public_slug else "",
    )
    row.events = cell(snapshot.events_held, "events_held")
    row.consulted = cell(snapshot.consulted_organisations, "consulted_organisations")
    row.publications = cell(snapshot.publications, "publications")
    row.mass_media = cell(snapshot.publications_mass_media, "publications_mass_media")
    breakdown = snapshot.registry_breakdown or {}
    row.registry = [
        (label, breakdown.get(kind, 0), COUNTERS[key].records(counting))
        for kind, key, label in REGISTRY_LINKS
    ]
    row.partners = cell(snapshot.social_partners, "social_partners")
    row.roadmap = Cell(
        snapshot.roadmap_execution,
        reverse("roadmaps:detail", args=[roadmap_id]) + "?tab=execution" if roadmap_id else "",
    )


def _mark(report: Report, today: datetime.date) -> Report:
    return mark(report, today)


def _period_reports(who, period: Period):
    return Report.objects.visible_to(who).filter(period_kind=period.kind, period_start=period.start)


REPORT_COLUMNS = (
    "id",
    "form__code",
    "form__short_title",
    "sender_id",
    "receiver_id",
    "direction_id",
    "state",
    "submitted_at",
    "submitted_on",
    "due_on",
    "nothing_to_report",
    "period_kind",
    "period_start",
)


def _tally_incoming(reports, today: datetime.date) -> dict[tuple[int, int], ChainTally]:
    result: dict[tuple[int, int], ChainTally] = {}
    for report in reports:
        tally = result.setdefault((report.receiver_id, report.direction_id), ChainTally())
        status = timeliness(report, today)
        tally.expected += 1
        if status in (Status.ON_TIME, Status.NOTHING) or (
            status == Status.RETURNED and report.submitted_at and not report.days_late
        ):
            tally.on_time += 1
        elif status == Status.LATE or status == Status.RETURNED and report.submitted_at:
            tally.late += 1
        elif status == Status.MISSING:
            tally.missing += 1
        else:
            tally.waiting += 1
        if status == Status.NOTHING:
            tally.nothing += 1
    return result


def _links(who, period: Period, organisation_ids) -> tuple[dict, dict]:
    """(organisation_id → published public page slug, (organisation_id, direction_id) →
    roadmap id of the period's year): two queries for every centre at once."""
    from resurs.coordination.public.models import PublicPage
    from resurs.coordination.roadmaps.models import Roadmap

    slugs = dict(
        PublicPage.objects.filter(
            organisation_id__in=organisation_ids, is_published=True
        ).values_list("organisation_id", "slug")
    )
    roadmaps = {}
    rows = (
        Roadmap.objects.visible_to(who)
        .filter(organisation_id__in=organisation_ids, year=period.end.year)
        .order_by("id")
        .values_list("organisation_id", "direction_id", "id")
    )
    for organisation_id, direction_id, roadmap_id in rows:
        roadmaps[(organisation_id, direction_id)] = roadmap_id
    return slugs, roadmaps


# --- the Department's dashboard ------------------------------------------------------------------


@dataclass
class TrendPoint:
    period: Period
    centres: int
    events: int
    publications: int
    consulted: int
    coefficient: float | None


@dataclass
class DepartmentDashboard:
    period: Period
    rows: list
    trend: list
    computed_at: datetime.datetime | None
    totals: dict


def active_directions() -> list[Direction]:
    return list(Direction.objects.filter(is_active=True).order_by("number"))


def department(
    who,
    *,
    period: Period,
    today: datetime.date,
    directions: list[Direction],
    direction_id: int | None = None,
) -> DepartmentDashboard:
    """Every centre in force in the period (or with a snapshot of it) × its direction."""
    direction_by_id = {d.pk: d for d in directions}
    centres = set(centres_in_force(period))
    snapshots = (
        KpiSnapshot.objects.visible_to(who)
        .of_period(period)
        .select_related("organisation", "direction")
    )
    if direction_id:
        snapshots = snapshots.filter(direction_id=direction_id)
        centres = {c for c in centres if c[1] == direction_id}
    by_key = {(s.organisation_id, s.direction_id): s for s in snapshots}
    keys = centres | set(by_key)
    unknown = {org for org, direction in keys if (org, direction) not in by_key}
    organisations = {s.organisation_id: s.organisation for s in by_key.values()}
    if unknown:
        organisations.update(
            Organisation.objects.visible_to(who).only("id", "name", "short_name").in_bulk(unknown)
        )
    for snapshot in by_key.values():
        direction_by_id.setdefault(snapshot.direction_id, snapshot.direction)
    organisation_ids = {org for org, _d in keys}

    reports: dict[tuple, Report] = {}
    incoming_reports = []
    rows_of_period = (
        _period_reports(who, period)
        .filter(
            Q(form__code__in=[code for code, _t in RC_FORMS], sender_id__in=organisation_ids)
            | Q(form__code=INCOMING_FORM, receiver_id__in=organisation_ids)
        )
        .select_related("form")
        .only(*REPORT_COLUMNS)
        .order_by("id")
    )
    for report in rows_of_period:
        if report.form.code == INCOMING_FORM:
            incoming_reports.append(report)
        else:
            reports.setdefault((report.sender_id, report.direction_id, report.form.code), report)
    incoming = _tally_incoming(incoming_reports, today)
    slugs, roadmaps = _links(who, period, organisation_ids)

    rows = []
    for organisation_id, direction_id_ in keys:
        if organisation_id not in organisations or direction_id_ not in direction_by_id:
            continue  # an organisation or direction outside the viewer's scope
        row = CentreRow(
            organisation=organisations[organisation_id],
            direction=direction_by_id[direction_id_],
            snapshot=by_key.get((organisation_id, direction_id_)),
        )
        _fill_kpis(
            row, period, slugs.get(organisation_id), roadmaps.get((organisation_id, direction_id_))
        )
        row.reports = [
            (title, _mark_or_none(reports.get((organisation_id, direction_id_, code)), today))
            for code, title in RC_FORMS
        ]
        row.detail_url = _detail_url(organisation_id, direction_id_, period)
        row.incoming = incoming.get((organisation_id, direction_id_), ChainTally())
        row.incoming.url = row.detail_url + "#incoming"
        rows.append(row)
    rows.sort(key=lambda r: (r.direction.number, r.organisation.name))
    computed = [r.snapshot.computed_at for r in rows if r.snapshot]
    return DepartmentDashboard(
        period=period,
        rows=rows,
        trend=trend(who, period, direction_id=direction_id),
        computed_at=max(computed) if computed else None,
        totals=_totals(rows),
    )


def _mark_or_none(report: Report | None, today: datetime.date) -> Report | None:
    return _mark(report, today) if report is not None else None


def _totals(rows: list[CentreRow]) -> dict:
    with_snapshot = [r.snapshot for r in rows if r.snapshot]
    coefficients = [s.coefficient for s in with_snapshot if s.coefficient is not None]
    statuses = Tally(
        report.status for row in rows for _title, report in row.reports if report is not None
    )
    return {
        "centres": len(rows),
        "counted": len(with_snapshot),
        "events": sum(s.events_held for s in with_snapshot),
        "consulted": sum(s.consulted_organisations for s in with_snapshot),
        "publications": sum(s.publications for s in with_snapshot),
        "partners": sum(s.social_partners for s in with_snapshot),
        "coefficient": (round(sum(coefficients) / len(coefficients), 3) if coefficients else None),
        "reports_on_time": statuses[Status.ON_TIME] + statuses[Status.NOTHING],
        "reports_late": statuses[Status.LATE],
        "reports_missing": statuses[Status.MISSING],
    }


def trend(who, period: Period, *, direction_id: int | None = None) -> list[TrendPoint]:
    """The region (or one direction) over the last TREND_LENGTH quarters: one query."""
    periods = period.last(TREND_LENGTH)
    snapshots = KpiSnapshot.objects.visible_to(who).filter(
        period_kind=period.kind,
        period_start__gte=periods[0].start,
        period_start__lte=period.start,
    )
    if direction_id:
        snapshots = snapshots.filter(direction_id=direction_id)
    rows = {
        row["period_start"]: row
        for row in snapshots.order_by()
        .values("period_start")
        .annotate(
            centres=Count("id"),
            events=Sum("events_held"),
            publications=Sum("publications"),
            consulted=Sum("consulted_organisations"),
            coefficient=Avg("coefficient"),
        )
    }
    points = []
    for p in periods:
        row = rows.get(p.start, {})
        coefficient = row.get("coefficient")
        points.append(
            TrendPoint(
                period=p,
                centres=row.get("centres") or 0,
                events=row.get("events") or 0,
                publications=row.get("publications") or 0,
                consulted=row.get("consulted") or 0,
                coefficient=round(float(coefficient), 3) if coefficient is not None else None,
            )
        )
    return points


def trend_chart(points: list[TrendPoint]) -> dict:
    return {
        "type": "line",
        "labels": [p.period.short_label for p in points],
        "datasets": [
            {"label": "Мероприятия (6.2)", "data": [p.events for p in points]},
            {
                "label": "Организации, получившие поддержку (6.3)",
                "data": [p.consulted for p in points],
            },
            {"label": "Публикации (6.4)", "data": [p.publications for p in points]},
            {
                "label": "Средний коэффициент эффективности",
                "data": [p.coefficient for p in points],
                "axis": "ratio",
            },
        ],
    }


def coefficient_chart(rows: list[CentreRow]) -> dict:
    counted = [r for r in rows if r.coefficient is not None]
    return {
        "type": "bar",
        "labels": [f"{r.name} (напр. {r.direction.number})" for r in counted],
        "datasets": [
            {
                "label": "Коэффициент эффективности",
                "data": [float(r.coefficient) for r in counted],
                "axis": "ratio",
            }
        ],
    }


# --- a resource centre's direction ----------------------------------------------------------------


@dataclass
class DirectionView:
    organisation: Organisation
    direction: Direction
    period: Period
    row: CentreRow
    history: list  # [(Period, KpiSnapshot | None)], oldest first
    parts: list  # [(label, part dict)]
    incoming: list  # Reports with timeliness
    incoming_tally: ChainTally


def centre_of(who, organisation_id, direction_id) -> tuple[Organisation, Direction]:
    """The centre × direction a direction view shows. A resource centre sees its own
    direction only (another one is «not found»); region-wide roles choose any."""
    scope = scope_of(who)
    if scope is None:
        raise Http404
    if scope.role == Role.RESOURCE_CENTRE:
        if organisation_id not in (None, scope.organisation_id) or direction_id not in (
            None,
            scope.direction_id,
        ):
            raise Http404
        organisation_id, direction_id = scope.organisation_id, scope.direction_id
    elif scope.role not in REGION_WIDE_ROLES:
        raise Http404
    if not organisation_id or not direction_id:
        raise Http404
    organisation = Organisation.objects.visible_to(who).filter(pk=organisation_id).first()
    direction = Direction.objects.filter(pk=direction_id).first()
    if organisation is None or direction is None:
        raise Http404
    return organisation, direction


def direction_view(
    who, *, organisation: Organisation, direction: Direction, period: Period, today
) -> DirectionView:
    periods = period.last(TREND_LENGTH)
    snapshots = {
        s.period_start: s
        for s in KpiSnapshot.objects.visible_to(who).filter(
            organisation=organisation,
            direction=direction,
            period_kind=period.kind,
            period_start__gte=periods[0].start,
            period_start__lte=period.start,
        )
    }
    snapshot = snapshots.get(period.start)
    row = CentreRow(organisation=organisation, direction=direction, snapshot=snapshot)
    slugs, roadmaps = _links(who, period, [organisation.pk])
    _fill_kpis(
        row, period, slugs.get(organisation.pk), roadmaps.get((organisation.pk, direction.pk))
    )
    reports = list(
        _period_reports(who, period)
        .filter(
            Q(
                form__code__in=[code for code, _t in RC_FORMS],
                sender=organisation,
                direction=direction,
            )
            | Q(form__code=INCOMING_FORM, receiver=organisation, direction=direction)
        )
        .select_related("form", "sender")
        .order_by("sender__name", "id")
    )
    own = {r.form.code: r for r in reports if r.form.code != INCOMING_FORM}
    row.reports = [(title, _mark_or_none(own.get(code), today)) for code, title in RC_FORMS]
    incoming = [_mark(r, today) for r in reports if r.form.code == INCOMING_FORM]
    tally = _tally_incoming(incoming, today).get((organisation.pk, direction.pk), ChainTally())
    labels = dict(CoefficientComponent.choices)
    parts = []
    if snapshot is not None:
        for component, part in (snapshot.components or {}).get("parts", {}).items():
            parts.append((labels.get(component, component), part))
    return DirectionView(
        organisation=organisation,
        direction=direction,
        period=period,
        row=row,
        history=[(p, snapshots.get(p.start)) for p in periods],
        parts=parts,
        incoming=incoming,
        incoming_tally=tally,
    )


def history_chart(history: list) -> dict:
    def series(attribute):
        return [getattr(s, attribute) if s else None for _p, s in history]

    return {
        "type": "line",
        "labels": [p.short_label for p, _s in history],
        "datasets": [
            {"label": "Мероприятия (6.2)", "data": series("events_held")},
            {"label": "Организации (6.3)", "data": series("consulted_organisations")},
            {"label": "Публикации (6.4)", "data": series("publications")},
            {"label": "Записи реестров (6.5)", "data": series("registry_items")},
            {"label": "Социальные партнёры (6.6)", "data": series("social_partners")},
            {
                "label": "Коэффициент эффективности",
                "data": [
                    float(s.coefficient) if s and s.coefficient is not None else None
                    for _p, s in history
                ],
                "axis": "ratio",
            },
        ],
    }


# --- a УСЗН's territory ---------------------------------------------------------------------------


@dataclass
class TerritoryView:
    period: Period
    providers: list  # provider-monitoring reports received, with timeliness
    consolidations: list  # the УСЗН's own reports to resource centres
    totals: dict


def territory_view(who, *, period: Period, today: datetime.date) -> TerritoryView:
    scope = scope_of(who)
    reports = list(
        _period_reports(who, period)
        .filter(
            Q(form__code=PROVIDER_FORM, receiver_id=scope.organisation_id)
            | Q(form__code=INCOMING_FORM, sender_id=scope.organisation_id)
        )
        .select_related("form", "sender", "receiver", "direction")
        .order_by("sender__name", "receiver__name", "id")
    )
    providers = [_mark(r, today) for r in reports if r.form.code == PROVIDER_FORM]
    consolidations = [_mark(r, today) for r in reports if r.form.code == INCOMING_FORM]
    tally = Tally(r.status for r in providers)
    return TerritoryView(
        period=period,
        providers=providers,
        consolidations=consolidations,
        totals={
            "expected": len(providers),
            "on_time": tally[Status.ON_TIME],
            "late": tally[Status.LATE],
            "missing": tally[Status.MISSING],
            "nothing": tally[Status.NOTHING],
            "returned": tally[Status.RETURNED],
            "waiting": tally[Status.EXPECTED],
            "accepted": sum(1 for r in providers if r.state == "accepted"),
            "consolidations_submitted": sum(1 for r in consolidations if r.submitted_at),
            "consolidations": len(consolidations),
        },
    )


# --- the coefficient page and the recount state ----------------------------------------


def coefficient_weights() -> list:
    from resurs.coordination.reporting.models import CoefficientWeight

    order = list(CoefficientComponent.values)
    weights = list(CoefficientWeight.objects.all())
    return sorted(weights, key=lambda w: order.index(w.component) if w.component in order else 99)


def public_page_fresh_days() -> int:
    from django.conf import settings

    return settings.PUBLIC_PAGE_FRESH_DAYS


def computed_at(who, period: Period):
    from django.db.models import Max

    return (
        KpiSnapshot.objects.visible_to(who)
        .of_period(period)
        .aggregate(last=Max("computed_at"))["last"]
    )
