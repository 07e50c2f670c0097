"""Pages of the annual demand request (TSR-7; seed 002 app. 1 §5.1, app. 3): the requests by
year (for the Department every institution's, with the region's total per kind), a request
with its lines and how each was computed, the adjustment, the sending and the print."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from resurs.casework.rental import demand
from resurs.casework.rental.demand_forms import (
    DemandAdjustForm,
    DemandCreateForm,
    DemandFilterForm,
    DemandSendForm,
)
from resurs.kernel import documents
from resurs.kernel.ui.pages import apply_domain_error
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 30
TITLE = "Заявки о потребности в ТСР"


def _region_wide(request) -> bool:
    return request.scope is not None and request.scope.region_wide


def _may_prepare(request) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and demand.can_prepare(membership, membership.organisation_id)


@login_required
@require_GET
def demand_list(request):
    """TSR-7: the institution's requests by year; for the Department, every institution's
    request with the region's total per kind of the year chosen."""
    today = timezone.localdate()
    region_wide = _region_wide(request)
    data = request.GET.copy()
    if region_wide and "year" not in data:
        data["year"] = str(today.year + 1)
    filter_form = DemandFilterForm(data)
    year, state = filter_form.values()
    page = Paginator(
        demand.requests_visible_to(request, year=year, state=state), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {
        "title": TITLE,
        "breadcrumbs": [(TITLE, None)],
        "filter_form": filter_form,
        "page_obj": page,
        "year": year,
        "region_wide": region_wide,
        # The Department, and an УСЗН that sees its territory's institutions, need the name.
        "show_organisation": region_wide
        or any(r.organisation_id != request.membership.organisation_id for r in page),
        "totals": demand.totals(request, year=year, state=state) if region_wide and year else [],
        "create_form": DemandCreateForm(today=today) if _may_prepare(request) else None,
        "due_on": f"01.05.{today.year}",
    }
    return render(request, "rental/demand_list.html", context)


@login_required
@require_POST
def demand_create(request):
    """TSR-7: the draft for the year chosen, computed from the data (or recomputed)."""
    form = DemandCreateForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("year", [])))
        return redirect("rental:demand_list")
    try:
        created = demand.demand_compute(
            by=request.membership,
            organisation=request.membership.organisation,
            year=form.cleaned_data["year"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("rental:demand_list")
    messages.success(request, f"Потребность на {created.year} год рассчитана по данным учёта.")
    return redirect("rental:demand_detail", pk=created.pk)


def _detail(request, record, *, bound_line=None, bound_form=None, send_form=None, status=200):
    lines = demand.lines_of(record)
    editable = not record.is_sent and _may_prepare(request)
    rows = []
    for line in lines:
        form = None
        if editable:
            if bound_line is not None and line.pk == bound_line.pk:
                form = bound_form
            else:
                form = DemandAdjustForm(line=line, version=record.version)
        rows.append((line, form))
    context = {
        "title": str(record),
        "breadcrumbs": [(TITLE, reverse("rental:demand_list")), (str(record), None)],
        "record": record,
        "rows": rows,
        "total": sum(line.quantity for line in lines),
        "computed_total": sum(line.computed for line in lines),
        "editable": editable,
        "send_form": send_form or (DemandSendForm(initial={"version": record.version})),
        "explanation": demand.EXPLANATION,
        "late_if_sent_now": timezone.localdate() > record.due_on,
    }
    return render(request, "rental/demand_detail.html", context, status=status)


@login_required
@require_GET
def demand_detail(request, pk: int):
    """TSR-7: the lines with their computed parts; the forms only for the preparer of a
    draft — the Department and a sent request are read-only."""
    return _detail(request, demand.request_for(request, pk))


@login_required
@require_POST
def demand_adjust(request, pk: int, line_pk: int):
    record = demand.request_for(request, pk)
    line = get_object_or_404(record.lines.select_related("kind"), pk=line_pk)
    form = DemandAdjustForm(request.POST, line=line, version=record.version)
    if form.is_valid():
        try:
            demand.demand_adjust(
                by=request.membership,
                line=line,
                quantity=form.cleaned_data["quantity"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except (DomainError, ValidationError) as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(request, f"Строка «{line.kind}» сохранена.")
            return redirect("rental:demand_detail", pk=record.pk)
    record.refresh_from_db()
    return _detail(request, record, bound_line=line, bound_form=form, status=400)


@login_required
@require_POST
def demand_send(request, pk: int):
    record = demand.request_for(request, pk)
    form = DemandSendForm(request.POST)
    if form.is_valid():
        try:
            sent = demand.demand_send(
                by=request.membership, request=record,
                expected_version=form.cleaned_data["version"],
            )  # fmt: skip
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            note = f": {sent.late_note}" if sent.sent_late else ""
            messages.success(request, f"Заявка направлена в Депсоцразвития Югры{note}.")
            return redirect("rental:demand_detail", pk=record.pk)
    return _detail(request, record, send_form=form, status=400)


def _print(request, pk: int, format: str):
    record = demand.request_for(request, pk)
    return documents.render(demand.demand_document(record, demand.lines_of(record)), format)


@login_required
@require_GET
def demand_xlsx(request, pk: int):
    """App. 3 in XLSX through the document layer."""
    return _print(request, pk, "xlsx")


@login_required
@require_GET
def demand_pdf(request, pk: int):
    """App. 3 in PDF through the document layer."""
    return _print(request, pk, "pdf")
