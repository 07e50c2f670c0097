"""Contracts (TSR-4, TSR-5): the issue on an application (items free or paid and why, the
term, delivery, the representative), the list with the overdue ones, the card with its
items, charges and returns, the extension and the return with its act."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.rental import forms, selectors, services
from resurs.casework.rental.eligibility import eligibility
from resurs.casework.rental.models import ContractState, Return
from resurs.casework.rental.norms import MAX_TERM_MONTHS
from resurs.casework.rental.views.common import (
    APPLICATIONS,
    CONTRACTS,
    HOME,
    is_staff,
    list_page,
    require_work_in,
)
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.ui.pages import form_page, submit
from resurs.kernel.workcalendar.periods import add_months


@login_required
def contract_list(request):
    if not is_staff(request):
        raise PermissionDenied
    form = forms.ContractFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return list_page(
        request,
        "rental/contract_list.html",
        rows=selectors.contracts_filtered(request, data),
        form=form,
        context={
            "title": "Договоры проката ТСР",
            "breadcrumbs": [HOME, (CONTRACTS[0], None)],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_issue(request, application_pk: int):
    """TSR-4: the contract on an application; the items offered are the free ones."""
    application = selectors.application_for(request, application_pk)
    require_work_in(request, application.unit)
    items = selectors.free_items_for(application)
    today = timezone.localdate()
    ends_on = add_months(today, MAX_TERM_MONTHS) - datetime.timedelta(days=1)
    if application.needed_until and application.needed_until < ends_on:
        ends_on = application.needed_until
    initial = {
        "ends_on": ends_on,
        "items": [application.offered_item_id] if application.offered_item_id else [],
    }
    form = forms.IssueForm(request.POST or None, items=items, initial=initial)
    back = reverse("rental:application_detail", args=[application.pk])

    def write(data):
        return services.issue(by=request.membership, application=application, **data)

    done = submit(
        request,
        form,
        write,
        success="Договор заключён, предметы выданы.",
        target=lambda contract: reverse("rental:contract_detail", args=[contract.pk]),
    )
    if done:
        return done
    kinds = {item.kind for item in items}
    return render(
        request,
        "rental/contract_issue.html",
        {
            "form": form,
            "application": application,
            "decisions": [(kind, eligibility(application, kind)) for kind in kinds],
            "title": f"Договор по заявлению № {application.pk}",
            "breadcrumbs": [
                HOME,
                APPLICATIONS,
                (f"№ {application.pk}", back),
                ("Договор", None),
            ],
            "cancel_url": back,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def contract_detail(request, pk: int):
    if not is_staff(request):
        raise PermissionDenied
    contract = selectors.contract_for(request, pk)
    log_access(request, contract)
    loans = list(contract.loans.select_related("item", "item__kind", "service_fact"))
    active = contract.state == ContractState.ACTIVE
    can_work = active and is_staff(request)
    if can_work:
        try:
            require_work_in(request, contract.unit)
        except PermissionDenied:
            can_work = False
    return render(
        request,
        "rental/contract_detail.html",
        {
            "contract": contract,
            "title": str(contract),
            "breadcrumbs": [HOME, CONTRACTS, (f"№ {contract.number}", None)],
            "loans": loans,
            "charges": list(contract.charges.select_related("loan__item", "loan__item__kind")),
            "returns": list(
                Return.objects.visible_to(request).filter(contract=contract).order_by("returned_on")
            ),
            "overdue": selectors.is_overdue(contract),
            "can_work": can_work,
            "can_extend": can_work and contract.extended_until is None,
            "can_attach": contract.attachments_editable_by(scope_of(request)),
            "total": sum((loan.amount for loan in loans), start=0),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_extend(request, pk: int):
    contract = selectors.contract_for(request, pk)
    require_work_in(request, contract.unit)
    form = forms.ExtendForm(request.POST or None)
    target = reverse("rental:contract_detail", args=[contract.pk])

    def write(data):
        return services.extend(by=request.membership, contract=contract, **data)

    done = submit(request, form, write, success="Договор продлён.", target=target)
    if done:
        return done
    return form_page(
        request,
        form=form,
        title=f"Продление: {contract}",
        breadcrumbs=[HOME, CONTRACTS, (f"№ {contract.number}", target), ("Продление", None)],
        cancel_url=target,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_return(request, pk: int):
    """TSR-5: the act of acceptance — the items back with their condition; the refund of
    unused days, the repair and loss charges are computed by the service."""
    contract = selectors.contract_for(request, pk)
    require_work_in(request, contract.unit)
    loans = contract.loans.select_related("item", "item__kind").filter(returned_on__isnull=True)
    form = forms.ReturnForm(request.POST or None, loans=loans)
    target = reverse("rental:contract_detail", args=[contract.pk])

    def write(data):
        return services.return_items(
            by=request.membership,
            contract=contract,
            returned_on=data["returned_on"],
            reason=data["reason"],
            conditions=form.conditions(),
            repair_costs=form.repair_costs(),
            notice_given_on=data.get("notice_given_on"),
            note=data.get("note", ""),
        )

    done = submit(
        request,
        form,
        write,
        success="Возврат принят; начисления и возвраты платы — в карточке договора.",
        target=target,
    )
    if done:
        return done
    return form_page(
        request,
        form=form,
        title=f"Возврат по договору № {contract.number}",
        breadcrumbs=[HOME, CONTRACTS, (f"№ {contract.number}", target), ("Возврат", None)],
        cancel_url=target,
    )
