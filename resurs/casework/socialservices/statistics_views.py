"""The department's statistics of services (SOC-10; seed 002 §5.1.11): a page of totals and
a table by one dimension with a chart, every number opening the facts behind it (for those
who may see the facts), printed to XLSX and PDF. Who sees which numbers is the rule of
`statistics_selectors`; a user who sees none gets 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from resurs.casework.socialservices import permissions
from resurs.casework.socialservices.exports.statistics import (
    NOTES,
    TARGET_GROUP_NOTE,
    statistics_document,
)
from resurs.casework.socialservices.statistics import DIMENSIONS
from resurs.casework.socialservices.statistics_forms import StatisticsForm
from resurs.casework.socialservices.statistics_selectors import (
    Statistics,
    dimensions_for,
    statistics_for,
)
from resurs.kernel import documents
from resurs.kernel.russian import decimal, grouped

TITLE = "Статистика услуг"
# The chart shows the largest rows; the table beside it has every row.
CHART_ROWS = 15


def _statistics(request) -> tuple[StatisticsForm, Statistics]:
    if not permissions.can_see_statistics(request.scope):
        raise Http404
    form = StatisticsForm(
        request.GET or None,
        who=request,
        today=timezone.localdate(),
        dimensions=dimensions_for(request),
    )
    stats = statistics_for(request, form.query())
    if stats is None:
        raise Http404
    return form, stats


def _chart(stats: Statistics) -> dict:
    rows = stats.rows if stats.query.dimension == "month" else stats.rows[:CHART_ROWS]
    return {
        "type": "bar",
        "labels": [item.row.label for item in rows],
        "datasets": [
            {"label": "Услуги, ед.", "data": [item.row.services for item in rows]},
            {"label": "Получатели, чел.", "data": [item.row.recipients for item in rows]},
        ],
    }


@login_required
@require_GET
def statistics(request):
    form, stats = _statistics(request)
    rows = [
        {
            "label": item.row.label,
            "recipients": grouped(item.row.recipients),
            "services": grouped(item.row.services),
            "cost": decimal(item.row.cost, 2),
            "url": item.url,
        }
        for item in stats.rows
    ]
    chart = _chart(stats)
    context = {
        "title": TITLE,
        "breadcrumbs": [(TITLE, None)],
        "filter_form": form,
        "filter_fallback": "Показаны числа текущего месяца.",
        "stats": stats,
        "dimension": DIMENSIONS[stats.query.dimension],
        "period_label": form.period_label(),
        "totals": {
            "recipients": grouped(stats.totals.recipients),
            "services": grouped(stats.totals.services),
            "cost": decimal(stats.totals.cost, 2),
        },
        "rows": rows,
        "chart": chart,
        "chart_height": 28 * len(chart["labels"]) + 80 if len(chart["labels"]) > 6 else 320,
        "notes": NOTES,
        "target_group_note": TARGET_GROUP_NOTE if stats.query.dimension == "target_group" else "",
        "query": request.GET.urlencode(),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "socialservices/statistics.html#results", context)
    return render(request, "socialservices/statistics.html", context)


@login_required
@require_GET
def statistics_print(request, format):
    """The page's statistics, with its choice, as XLSX or PDF."""
    form, stats = _statistics(request)
    document = statistics_document(
        stats,
        format=documents.Format(format),
        organisation_name=request.membership.organisation.name,
        period_label=form.period_label(),
        applied=form.applied(),
        today=timezone.localdate(),
    )
    return documents.render(document, format)
