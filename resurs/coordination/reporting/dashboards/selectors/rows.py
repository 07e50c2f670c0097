"""A dashboard row of a centre and direction: its KPIs, reports and links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from resurs.coordination.reporting.counters import COUNTERS, Counting
from resurs.coordination.reporting.dashboards.selectors.common import REGISTRY_LINKS
from resurs.coordination.reporting.models import CoefficientComponent, KpiSnapshot, Report
from resurs.coordination.reporting.selectors import Status, mark, timeliness
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period

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
