"""REP-6: one resource centre's direction: its row, history and chart."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from resurs.coordination.reporting.dashboards.selectors.common import (
    INCOMING_FORM,
    RC_FORMS,
    TREND_LENGTH,
)
from resurs.coordination.reporting.dashboards.selectors.department import _mark_or_none
from resurs.coordination.reporting.dashboards.selectors.rows import (
    CentreRow,
    ChainTally,
    _fill_kpis,
    _links,
    _mark,
    _period_reports,
    _tally_incoming,
)
from resurs.coordination.reporting.models import CoefficientComponent, KpiSnapshot
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES, Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period

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
