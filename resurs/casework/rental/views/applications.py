"""Applications and the waiting list (TSR-3): the list, a new application with its
checklist, the card with the decision free or paid per kind and why, the place in the
list and why, the refusal and the manual move; the waiting list of a kind."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.permissions import can_work_in
from resurs.casework.rental import forms, selectors, services
from resurs.casework.rental.eligibility import eligibility
from resurs.casework.rental.models import ApplicationState, ItemKind
from resurs.casework.rental.views.common import (
    APPLICATIONS,
    HOME,
    is_staff,
    list_page,
    require_work_in,
)
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.ui.pages import form_page, submit


def _require_staff(request) -> None:
    if not is_staff(request):
        raise PermissionDenied


@login_required
def application_list(request):
    _require_staff(request)
    form = forms.ApplicationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return list_page(
        request,
        "rental/application_list.html",
        rows=selectors.applications_filtered(request, data),
        form=form,
        context={
            "title": "Заявления на прокат ТСР",
            "breadcrumbs": [HOME, (APPLICATIONS[0], None)],
            "can_add": selectors.point_units(request).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request):
    units = selectors.point_units(request)
    if not units.exists():
        raise PermissionDenied
    form = forms.ApplicationForm(request.POST or None, who=request, units=units)

    def write(data):
        data.pop("person_q", None)
        return services.application_create(by=request.membership, **data)

    done = submit(
        request,
        form,
        write,
        success="Заявление принято.",
        target=lambda application: reverse("rental:application_detail", args=[application.pk]),
    )
    if done:
        return done
    return render(
        request,
        "rental/application_form.html",
        {
            "form": form,
            "title": "Заявление на прокат ТСР",
            "breadcrumbs": [HOME, APPLICATIONS, ("Новое заявление", None)],
            "cancel_url": APPLICATIONS[1],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def application_detail(request, pk: int):
    _require_staff(request)
    application = selectors.application_for(request, pk)
    log_access(request, application)
    can_work = is_staff(request) and _works_in(request, application)
    kinds = [application.requested_kind, *application.ipra_kinds.all()]
    decisions = [(kind, eligibility(application, kind)) for kind in dict.fromkeys(kinds)]
    open_decision = application.state in {ApplicationState.WAITING, ApplicationState.OFFERED}
    return render(
        request,
        "rental/application_detail.html",
        {
            "application": application,
            "title": str(application),
            "breadcrumbs": [HOME, APPLICATIONS, (f"№ {application.pk}", None)],
            "decisions": decisions,
            "missing": application.missing_documents(),
            "entry": selectors.position_of(application),
            "can_work": can_work and open_decision,
            "can_issue": can_work
            and open_decision
            and selectors.free_items_for(application).exists(),
            "contract": getattr(application, "contract", None)
            if application.state == ApplicationState.ISSUED
            else None,
            "refuse_form": forms.RefuseForm(),
            "move_form": forms.MoveForm(),
        },
    )


def _works_in(request, application) -> bool:
    return can_work_in(scope_of(request), application.unit)


def _decision(request, pk: int, form_class, write, *, success: str, title: str):
    application = selectors.application_for(request, pk)
    require_work_in(request, application.unit)
    form = form_class(request.POST or None)
    target = reverse("rental:application_detail", args=[application.pk])
    done = submit(
        request, form, lambda data: write(application, data), success=success, target=target
    )
    if done:
        return done
    return form_page(
        request,
        form=form,
        title=f"{title}: заявление № {application.pk}",
        breadcrumbs=[HOME, APPLICATIONS, (f"№ {application.pk}", target), (title, None)],
        cancel_url=target,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_refuse(request, pk: int):
    return _decision(
        request,
        pk,
        forms.RefuseForm,
        lambda application, data: services.application_refuse(
            by=request.membership, application=application, **data
        ),
        success="Отказ записан с основанием.",
        title="Отказ",
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk: int):
    return _decision(
        request,
        pk,
        forms.WithdrawForm,
        lambda application, data: services.application_withdraw(
            by=request.membership, application=application, **data
        ),
        success="Заявление отозвано и исключено из очереди.",
        title="Отзыв заявления",
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_move(request, pk: int):
    return _decision(
        request,
        pk,
        forms.MoveForm,
        lambda application, data: services.waiting_list_move(
            by=request.membership, application=application, **data
        ),
        success="Место в очереди изменено; изменение записано в журнал действий.",
        title="Изменить место в очереди",
    )


@login_required
def waiting_lists(request):
    """TSR-3: the waiting list of every kind, each entry with its place and why."""
    _require_staff(request)
    lists = selectors.waiting_lists_for(request)
    return render(
        request,
        "rental/waiting_lists.html",
        {
            "title": "Очередь на получение ТСР",
            "breadcrumbs": [HOME, ("Очередь", None)],
            "lists": lists,
        },
    )


@login_required
def waiting_list(request, kind_pk: int):
    _require_staff(request)
    kind = get_object_or_404(ItemKind, pk=kind_pk)
    return render(
        request,
        "rental/waiting_lists.html",
        {
            "title": f"Очередь: {kind}",
            "breadcrumbs": [HOME, ("Очередь", reverse("rental:waiting_lists")), (str(kind), None)],
            "lists": [(kind, selectors.waiting_list_for(request, kind))],
        },
    )
