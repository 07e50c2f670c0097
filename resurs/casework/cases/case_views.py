"""Pages of the cases (SOC-6): the list with filters, opening a case (also from an appeal),
the card with its steps and deadlines (every opening logged), recording a step, and the
head's deadline board by specialist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from resurs.casework.cases import deadlines, forms, home, permissions, selectors, services
from resurs.casework.cases.appeal_views import JOURNAL_CRUMB
from resurs.casework.citizens.accesslog import log_access
from resurs.kernel.ui.pages import submit

PAGE_SIZE = 50
LIST_CRUMB = ("Случаи", "/cases/")


def _link(record) -> str | None:
    """The card of the case's person or family, once the citizens app serves it."""
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return None


@login_required
def case_list(request):
    form = forms.CaseFilterForm(request.GET or None, who=request)
    today = timezone.localdate()
    rows = selectors.cases(request, form.filters(), today)
    context = {
        "title": "Случаи",
        "breadcrumbs": [(LIST_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_open": permissions.can_write(request.scope),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "cases/cases.html#results", context)
    return render(request, "cases/cases.html", context)


def _create(request, appeal=None):
    if not permissions.can_write(request.scope):
        raise PermissionDenied
    form = forms.CaseForm(request.POST or None, who=request, appeal=appeal)
    searching = request.POST.get("action") == "search"

    def write(data):
        return services.case_open(
            by=request.membership,
            unit=appeal.unit if appeal is not None else data["unit"],
            person=data.get("person"),
            family=data.get("family"),
            problem=data["problem"],
            detected_on=data["detected_on"],
            appealed_on=None if appeal is not None else data.get("appealed_on"),
            appeal=appeal,
        )

    done = None
    if not searching:
        done = submit(
            request,
            form,
            write,
            success="Случай открыт.",
            target=lambda case: case.get_absolute_url(),
        )
    if done:
        return done
    crumbs = [LIST_CRUMB, ("Новый случай", None)]
    if appeal is not None:
        crumbs = [JOURNAL_CRUMB, (str(appeal), appeal.get_absolute_url()), ("Открыть случай", None)]
    return render(
        request,
        "cases/case_form.html",
        {
            "title": "Открыть случай"
            + (f" по обращению № {appeal.number}/{appeal.year}" if appeal else ""),
            "breadcrumbs": crumbs,
            "form": form,
            "searching": searching,
            "cancel_url": appeal.get_absolute_url() if appeal else reverse("cases:list"),
            "submit_label": "Открыть случай",
        },
        status=400 if request.method == "POST" and not searching and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    return _create(request)


@login_required
@require_http_methods(["GET", "POST"])
def case_create_from_appeal(request, pk):
    appeal = selectors.appeal_for(request, pk)
    if not permissions.can_work_in(request.scope, appeal.unit):
        raise PermissionDenied
    return _create(request, appeal)


def _card(request, case, step_form=None, status=200):
    log_access(request, case)
    today = timezone.localdate()
    may_write = permissions.can_write(request.scope) and case.closed_on is None
    subject = case.person or case.family
    return render(
        request,
        "cases/case.html",
        {
            "title": f"{case}: {subject}",
            "breadcrumbs": [LIST_CRUMB, (str(case), None)],
            "case": case,
            "subject": subject,
            "subject_url": _link(subject),
            "steps": selectors.steps_of(request, case),
            "deadlines": deadlines.annotate(selectors.deadlines_of(request, case), today),
            "acts": selectors.acts_of(request, case),
            "may_edit": permissions.can_write(request.scope),
            "step_form": (step_form or forms.StepForm(case=case)) if may_write else None,
        },
        status=status,
    )


@login_required
def case_detail(request, pk):
    return _card(request, selectors.case_for(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def step_create(request, pk):
    """Recording a step; a GET (a reload after a refused step) shows the card with its form."""
    case = selectors.case_for(request, pk)
    if request.method == "GET":
        return _card(request, case)
    if not permissions.can_write(request.scope):
        raise PermissionDenied
    form = forms.StepForm(request.POST, case=case)
    done = submit(
        request,
        form,
        lambda data: services.step_record(
            by=request.membership,
            case=case,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            note=data["note"],
            expected_version=data["version"],
        ),
        success="Шаг записан.",
        target=case.get_absolute_url(),
    )
    return done or _card(request, case, step_form=form, status=400)


@login_required
def deadline_board(request):
    """The unit's deadlines due this week or overdue, by specialist (head, provider)."""
    if not permissions.can_see_board(request.scope):
        raise PermissionDenied
    today = timezone.localdate()
    return render(
        request,
        "cases/board.html",
        {
            "title": "Сроки отделения",
            "breadcrumbs": [("Сроки отделения", None)],
            "groups": home.board(request, today),
            "bucket_titles": dict(selectors.BUCKETS),
            "today": today,
            "by_specialist": True,
        },
    )
