"""Pages of the appeals journal (SOC-5; 002 §5.1.4): the journal with filters, taking an
appeal (with the unit's capacity warning, 002 §1.13), the appeal's card and its result."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.cases import forms, permissions, selectors, services
from resurs.casework.citizens.accesslog import log_access
from resurs.kernel.ui.pages import apply_domain_error
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
JOURNAL_CRUMB = ("Журнал обращений", "/cases/appeals/")


def _is_fragment(request) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == "results"


@login_required
def appeal_list(request):
    form = forms.AppealFilterForm(request.GET or None)
    rows = selectors.appeals(request, form.filters())
    context = {
        "title": "Журнал обращений",
        "breadcrumbs": [(JOURNAL_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_take": permissions.can_write(request.scope),
    }
    if _is_fragment(request):
        return render(request, "cases/appeals.html#results", context)
    return render(request, "cases/appeals.html", context)


def _capacity_warning(form) -> str:
    """«День заполнен: 25 из 25 — принять всё равно?» when the unit's local day is full."""
    data = form.cleaned_data
    unit = data["unit"]
    taken = selectors.appeals_on_day(unit, forms.local_day(data["received_at"]))
    if taken < unit.daily_capacity or data.get("confirm"):
        return ""
    return f"День заполнен: {taken} из {unit.daily_capacity} — принять всё равно?"


@login_required
@require_http_methods(["GET", "POST"])
def appeal_create(request):
    if not permissions.can_write(request.scope):
        raise PermissionDenied
    form = forms.AppealForm(request.POST or None, who=request)
    warning = ""
    searching = request.POST.get("action") == "search"
    if request.method == "POST" and not searching and form.is_valid():
        warning = _capacity_warning(form)
        if not warning:
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in {"confirm", "person_search"}
            }
            try:
                appeal = services.appeal_take(by=request.membership, **data)
            except (DomainError, ValueError) as exc:
                apply_domain_error(form, exc)
            else:
                messages.success(request, f"Обращение принято: № {appeal.number}/{appeal.year}.")
                return redirect(appeal.get_absolute_url())
    status = 400 if request.method == "POST" and not searching and form.errors else 200
    return render(
        request,
        "cases/appeal_form.html",
        {
            "title": "Новое обращение",
            "breadcrumbs": [JOURNAL_CRUMB, ("Новое обращение", None)],
            "form": form,
            "warning": warning,
            "searching": searching,
            "cancel_url": reverse("cases:appeals"),
            "submit_label": "Принять обращение",
        },
        status=status,
    )


@login_required
def appeal_detail(request, pk):
    appeal = selectors.appeal_for(request, pk)
    if not appeal.is_anonymous:
        log_access(request, appeal)  # it names the person
    may_write = permissions.can_work_in(request.scope, appeal.unit)
    case = selectors.case_of_appeal(request, appeal)
    return render(
        request,
        "cases/appeal.html",
        {
            "title": str(appeal),
            "breadcrumbs": [JOURNAL_CRUMB, (str(appeal), None)],
            "appeal": appeal,
            "case": case,
            "may_write": may_write,
            "may_open_case": may_write and case is None,
            "result_form": forms.AppealResultForm(
                initial={
                    "result": appeal.result,
                    "result_note": appeal.result_note,
                    "version": appeal.version,
                }
            ),
        },
    )


@login_required
@require_POST
def appeal_result(request, pk):
    appeal = selectors.appeal_for(request, pk)
    if not permissions.can_work_in(request.scope, appeal.unit):
        raise PermissionDenied
    form = forms.AppealResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите результат обращения.")
        return redirect(appeal.get_absolute_url())
    try:
        services.appeal_result_update(
            by=request.membership,
            appeal=appeal,
            result=form.cleaned_data["result"],
            result_note=form.cleaned_data["result_note"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Результат обращения записан.")
    return redirect(appeal.get_absolute_url())
