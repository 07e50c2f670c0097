"""REP-4/REP-6 drill-down: the records behind a KPI that no list of another app shows as
counted. KPI 6.3 counts organisations from two sources (consultations and attendance at
methodological events); this page lists them, each with the records that put it there."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from resurs.coordination.events.selectors import consulted_organisations_for
from resurs.coordination.reporting.drilldown.forms import ConsultedFilterForm
from resurs.kernel.organisations.models import Organisation

REPORTING_CRUMB = ("Отчётность", "/reporting/")
CONSULTED_TITLE = "Организации, получившие консультационно-методическую поддержку"
PAGE_SIZE = 100


@login_required
def kpi_consulted(request):
    """KPI 6.3 of an organisation: the organisations it consulted or whose staff attended its
    held methodological events in the period, as many as the KPI counts — read through the
    user's scope (an organisation the user does not see is a 404; records the user does not
    see are not listed)."""
    form = ConsultedFilterForm(
        request.GET or None, organisations=Organisation.objects.visible_to(request)
    )
    if not form.is_bound:
        raise Http404
    form.is_valid()
    organisation = form.cleaned_data.get("organisation")
    if organisation is None:
        raise Http404
    data = form.cleaned_data
    rows = []
    if not form.errors:
        rows = consulted_organisations_for(
            request,
            organisation=organisation,
            direction=data.get("direction"),
            period_start=data["date_from"],
            period_end=data["date_to"],
        )
    return render(
        request,
        "reporting/kpi_consulted.html",
        {
            "title": CONSULTED_TITLE,
            "breadcrumbs": [REPORTING_CRUMB, (CONSULTED_TITLE, None)],
            "filter_form": form,
            "organisation": organisation,
            "direction": data.get("direction"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        },
        status=400 if form.errors else 200,
    )
