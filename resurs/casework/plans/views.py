"""Pages of an individual plan (SOC-6; seed 002 §IV, §6.1): the card with its lines (status,
overdue lines flagged, referrals), the forms of a line, approval, joint patronage, and the
ИППСУ of a case. Reads come from `selectors` (each through the scope: a plan outside it is
404), writes from `services`; opening a plan is logged (X-3)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.plans import forms, permissions, selectors, services
from resurs.casework.plans.models import Plan
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page, submit
from resurs.kernel.writes import DomainError


def post_version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def plan_crumbs(plan: Plan, title: str | None = None) -> list:
    label = str(plan)
    if title is None:
        return [(label, None)]
    return [(label, reverse("plans:plan", args=[plan.pk])), (title, None)]


@login_required
def plan_detail(request, pk):
    """The plan card: whom it is for, its lines with responsible, dates, status and
    referrals (overdue lines flagged), joint patronage and the history."""
    plan = selectors.plan_for(request, pk)
    log_access(request, plan)
    can_edit = permissions.can_edit(request.scope) and plan.status != "closed"
    lines = selectors.lines_of(request, plan)
    return render(
        request,
        "plans/plan.html",
        {
            "plan": plan,
            "title": str(plan),
            "breadcrumbs": plan_crumbs(plan),
            "lines": lines,
            "overdue": sum(1 for line in lines if selectors.is_overdue(line)),
            "patronages": selectors.patronages_of(request, plan),
            "can_edit": can_edit,
            "can_approve": permissions.can_approve(request.scope) and plan.status == "draft",
            "history": history_of(plan)[:50],
        },
    )


def _keeper_plan(request, pk) -> Plan:
    plan = selectors.plan_for(request, pk)
    if not permissions.can_edit(request.scope):
        raise PermissionDenied
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def line_add(request, pk):
    plan = _keeper_plan(request, pk)
    form = forms.LineForm(request.POST or None, plan=plan, who=request)
    done = submit(
        request,
        form,
        lambda data: services.plan_line_add(by=request.membership, plan=plan, **data),
        success="Мероприятие добавлено в план.",
        target=reverse("plans:plan", args=[plan.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Новое мероприятие плана",
        breadcrumbs=plan_crumbs(plan, "Новое мероприятие"),
        cancel_url=reverse("plans:plan", args=[plan.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, pk):
    line = selectors.line_for(request, pk)
    plan = _keeper_plan(request, line.plan_id)
    line.plan = plan
    form = forms.LineEditForm(
        request.POST or None,
        plan=plan,
        who=request,
        initial=forms.LineEditForm.initial_of(line),
    )

    def write(data):
        version = data.pop("version")
        return services.plan_line_update(
            by=request.membership, line=line, expected_version=version, **data
        )

    done = submit(
        request,
        form,
        write,
        success="Мероприятие сохранено.",
        target=reverse("plans:plan", args=[plan.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Мероприятие № {line.number}",
        breadcrumbs=plan_crumbs(plan, f"Мероприятие № {line.number}"),
        cancel_url=reverse("plans:plan", args=[plan.pk]),
    )


@login_required
@require_POST
def plan_approve(request, pk):
    plan = selectors.plan_for(request, pk)
    if not permissions.can_approve(request.scope):
        raise PermissionDenied
    try:
        services.plan_approve(
            by=request.membership, plan=plan, expected_version=post_version(request)
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "План утверждён.")
    return redirect("plans:plan", pk=plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def patronage_add(request, pk):
    plan = _keeper_plan(request, pk)
    form = forms.PatronageForm(request.POST or None, plan=plan, who=request)
    done = submit(
        request,
        form,
        lambda data: services.patronage_add(by=request.membership, plan=plan, **data),
        success="Совместный патронаж записан.",
        target=reverse("plans:plan", args=[plan.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Совместный патронаж",
        breadcrumbs=plan_crumbs(plan, "Совместный патронаж"),
        cancel_url=reverse("plans:plan", args=[plan.pk]),
    )


@login_required
@require_POST
def for_case(request, case_pk):
    """002 §3.2.7: the ИППСУ «Социальное сопровождение» plan of a case — made on the first
    press, opened on the next ones."""
    case = selectors.case_for(request, case_pk)
    if not permissions.can_edit(request.scope):
        raise PermissionDenied
    try:
        plan = services.support_plan_for(by=request.membership, case=case)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(case.get_absolute_url())
    return redirect("plans:plan", pk=plan.pk)
