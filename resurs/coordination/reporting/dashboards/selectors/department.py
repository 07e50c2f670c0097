"""REP-6: the Department's dashboard, its totals, trend and charts."""

from __future__ import annotations

import datetime
from collections import Counter as Tally
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, Sum

from resurs.coordination.reporting.dashboards.selectors.common import (
    INCOMING_FORM,
    RC_FORMS,
    TREND_LENGTH,
)
from resurs.coordination.reporting.dashboards.selectors.rows import (
    REPORT_COLUMNS,
    CentreRow,
    ChainTally,
    _detail_url,
    _fill_kpis,
    _links,
    _mark,
    _period_reports,
    _tally_incoming,
)
from resurs.coordination.reporting.models import KpiSnapshot, Report
from resurs.coordination.reporting.obligations import centres_in_force
from resurs.coordination.reporting.selectors import Status
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period

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
