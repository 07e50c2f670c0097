"""Pages of referrals (SOC-7; seed 002 §VI): sending a plan line, «Входящие направления» of
the receiving unit, «Исходящие направления», and the referral card with its answers.

The receiving unit's staff see the referral, its plan line and the part of the person's card
they need — name, birth date, phones, address — never the plan, the case or the card
itself. Opening a referral is logged (X-3): it shows personal data."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.plans import forms, permissions, referrals, selectors
from resurs.casework.plans.views import plan_crumbs, post_version
from resurs.kernel.ui.pages import form_page, submit
from resurs.kernel.writes import DomainError

PAGE_SIZE = 50
INCOMING = ("Входящие направления", "/plans/referrals/incoming/")
OUTGOING = ("Исходящие направления", "/plans/referrals/outgoing/")


def _list(request, queryset_of, crumb, *, incoming: bool):
    form = forms.ReferralFilterForm(request.GET or None)
    page = Paginator(queryset_of(request, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": crumb[0],
        "breadcrumbs": [(crumb[0], None)],
        "filter_form": form,
        "page_obj": page,
        "incoming": incoming,
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "plans/referrals.html#results", context)
    return render(request, "plans/referrals.html", context)


@login_required
def incoming(request):
    """SOC-7: referrals addressed to the units the user works in."""
    return _list(request, selectors.incoming, INCOMING, incoming=True)


@login_required
def outgoing(request):
    """SOC-7: referrals of the plans the user keeps."""
    return _list(request, selectors.outgoing, OUTGOING, incoming=False)


def _flags(request, referral) -> dict:
    sees_plan = selectors.sees_plan(request, referral.line.plan_id)
    may_answer = permissions.can_answer(request.scope, referral, sees_plan=sees_plan)
    status = referral.status
    return {
        "sees_plan": sees_plan,
        "may_accept": may_answer and status == "sent",
        "may_done": may_answer and status == "accepted",
        "may_revoke": permissions.can_revoke(request.scope, sees_plan=sees_plan)
        and status in ("sent", "accepted"),
    }


def _crumbs(request, referral, flags, title=None) -> list:
    first = (
        plan_crumbs(referral.line.plan)[0][0],
        reverse("plans:plan", args=[referral.line.plan_id]),
    )
    crumbs = [first if flags["sees_plan"] else INCOMING]
    if title:
        return [*crumbs, (str(referral), referral_url(referral)), (title, None)]
    return [*crumbs, (str(referral), None)]


def referral_url(referral) -> str:
    return reverse("plans:referral", args=[referral.pk])


@login_required
def referral_detail(request, pk):
    referral = selectors.referral_for(request, pk)
    log_access(request, referral)
    flags = _flags(request, referral)
    return render(
        request,
        "plans/referral.html",
        {
            "referral": referral,
            "line": referral.line,
            "subjects": selectors.referral_subject(referral),
            "title": str(referral),
            "breadcrumbs": _crumbs(request, referral, flags),
            **flags,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_send(request, pk):
    """SOC-7: refer one plan line to another unit or another agency."""
    line = selectors.line_for(request, pk)
    plan = selectors.plan_for(request, line.plan_id)
    if not permissions.can_edit(request.scope):
        raise PermissionDenied
    line.plan = plan
    form = forms.ReferralForm(request.POST or None, plan=plan, who=request)
    done = submit(
        request,
        form,
        lambda data: referrals.referral_send(by=request.membership, line=line, **data),
        success="Направление отправлено.",
        target=referral_url,
    )
    return done or form_page(
        request,
        form=form,
        title=f"Направление по мероприятию № {line.number}",
        breadcrumbs=plan_crumbs(plan, f"Направление по мероприятию № {line.number}"),
        cancel_url=reverse("plans:plan", args=[plan.pk]),
        submit="Направить",
    )


def _act(request, pk, write, success, flag):
    referral = selectors.referral_for(request, pk)
    if not _flags(request, referral)[flag]:
        raise PermissionDenied
    try:
        write(referral)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(referral_url(referral))


@login_required
@require_POST
def referral_accept(request, pk):
    return _act(
        request,
        pk,
        lambda r: referrals.referral_accept(
            by=request.membership, referral=r, expected_version=post_version(request)
        ),
        "Направление принято в работу.",
        "may_accept",
    )


@login_required
@require_POST
def referral_revoke(request, pk):
    return _act(
        request,
        pk,
        lambda r: referrals.referral_revoke(
            by=request.membership, referral=r, expected_version=post_version(request)
        ),
        "Направление отозвано.",
        "may_revoke",
    )


def _answer_page(request, pk, *, form_class, flag, write, success, title, submit_label):
    referral = selectors.referral_for(request, pk)
    flags = _flags(request, referral)
    if not flags[flag]:
        raise PermissionDenied
    form = form_class(request.POST or None, initial={"version": referral.version})
    done = submit(
        request,
        form,
        lambda data: write(referral, data),
        success=success,
        target=referral_url(referral),
    )
    return done or form_page(
        request,
        form=form,
        title=f"{title}: {referral}",
        breadcrumbs=_crumbs(request, referral, flags, title),
        cancel_url=referral_url(referral),
        submit=submit_label,
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_reject(request, pk):
    return _answer_page(
        request,
        pk,
        form_class=forms.RejectForm,
        flag="may_accept",
        write=lambda r, data: referrals.referral_reject(
            by=request.membership,
            referral=r,
            expected_version=data["version"],
            reason=data["reason"],
        ),
        success="Направление отклонено, направившая сторона увидит причину.",
        title="Отказ",
        submit_label="Отклонить",
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_done(request, pk):
    return _answer_page(
        request,
        pk,
        form_class=forms.DoneForm,
        flag="may_done",
        write=lambda r, data: referrals.referral_done(
            by=request.membership,
            referral=r,
            expected_version=data["version"],
            result=data["result"],
        ),
        success="Направление исполнено, результат передан направившей стороне.",
        title="Исполнение",
        submit_label="Отметить исполненным",
    )
