"""EVT-2: the training plan and the nominations to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.models import NominationState
from resurs.coordination.events.views.common import (
    TRAINING_CRUMB,
    is_fragment,
    paginate,
)
from resurs.kernel.russian import shorten
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError


def nomination_rows(scope, nominations):
    """Nominations with what the user may do with each (no queries: ids only)."""
    rows = []
    for nomination in nominations:
        proposed = nomination.state == NominationState.PROPOSED
        nomination.may_decide = proposed and permissions.can_decide_nomination(scope, nomination)
        nomination.may_withdraw = proposed and permissions.can_withdraw_nomination(
            scope, nomination
        )
        rows.append(nomination)
    return rows


@login_required
def training_plan(request):
    """EVT-2: the training events open for nominations and the nominations the user sees."""
    state = request.GET.get("state", "")
    if state not in NominationState.values:
        state = ""
    nominations = selectors.nominations_visible_to(request, selectors.NominationFilter(state=state))
    page = paginate(request, nominations)
    page.object_list = nomination_rows(request.scope, page.object_list)
    events = list(selectors.training_plan_for(request))
    for event in events:
        event.may_nominate = permissions.can_nominate(request.scope, event)
    context = {
        "title": "План обучения",
        "breadcrumbs": [("План обучения", None)],
        "events": events,
        "page_obj": page,
        "state": state,
        "state_choices": NominationState.choices,
        "can_create": permissions.can_create(request.scope),
    }
    if is_fragment(request, "results"):
        return render(request, "events/training.html#results", context)
    return render(request, "events/training.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def nominate(request, pk):
    event = selectors.event_for(request, pk)
    if not permissions.can_nominate(request.scope, event):
        raise PermissionDenied
    form = forms.NominationForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.nomination_create(by=request.membership, event=event, **data),
        success="Заявка направлена организатору.",
        target=reverse("events:training"),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Заявка на обучение: {shorten(event.topic, 80)}",
        breadcrumbs=[TRAINING_CRUMB, ("Заявка", None)],
        cancel_url=reverse("events:training"),
        submit="Направить заявку",
    )


def _back_to(request, fallback: str) -> str:
    target = request.POST.get("next") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return fallback
    return target


def _decide(request, pk, action, success):
    nomination = selectors.nomination_for(request, pk)
    try:
        action(nomination)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(_back_to(request, reverse("events:training")))


@login_required
@require_POST
def nomination_confirm(request, pk):
    return _decide(
        request,
        pk,
        lambda n: services.nomination_confirm(by=request.membership, nomination=n),
        "Заявка подтверждена: сотрудник внесён в список участников.",
    )


@login_required
@require_POST
def nomination_withdraw(request, pk):
    return _decide(
        request,
        pk,
        lambda n: services.nomination_withdraw(by=request.membership, nomination=n),
        "Заявка отозвана.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_decline(request, pk):
    nomination = selectors.nomination_for(request, pk)
    if not permissions.can_decide_nomination(request.scope, nomination):
        raise PermissionDenied
    form = forms.NominationDeclineForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.nomination_decline(
            by=request.membership, nomination=nomination, **data
        ),
        success="Заявка отклонена.",
        target=reverse("events:training"),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Отклонить заявку: {nomination.organisation}",
        breadcrumbs=[TRAINING_CRUMB, ("Отклонение заявки", None)],
        cancel_url=reverse("events:training"),
        submit="Отклонить",
    )
