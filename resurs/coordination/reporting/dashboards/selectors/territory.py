"""REP-6: an УСЗН's territory: its providers' reports of the quarter."""

from __future__ import annotations

import datetime
from collections import Counter as Tally
from dataclasses import dataclass

from django.db.models import Q

from resurs.coordination.reporting.dashboards.selectors.common import INCOMING_FORM, PROVIDER_FORM
from resurs.coordination.reporting.dashboards.selectors.rows import _mark, _period_reports
from resurs.coordination.reporting.selectors import Status
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.workcalendar.periods import Period

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
