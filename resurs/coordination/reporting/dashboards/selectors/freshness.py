"""The coefficient's weights and when the dashboards' figures were counted."""

from __future__ import annotations

from resurs.coordination.reporting.models import CoefficientComponent, KpiSnapshot
from resurs.kernel.workcalendar.periods import Period

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
