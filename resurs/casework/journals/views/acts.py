"""Pages of the acts (002 §5.1.3): drawing an act from its case, its card, its correction
and its print (DOCX, PDF). Every opening of an act is logged (X-3)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from resurs.casework.citizens.accesslog import log_access
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.journals import permissions, selectors, services
from resurs.casework.journals.exports.act import act_document
from resurs.casework.journals.forms import ActEditForm, ActForm
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page, submit

ACTS_CRUMB = ("Акты обследования", "/journals/acts/")


def _subject(case) -> str:
    return case.person.full_name if case.person_id else case.family.name


def _address(case) -> str:
    holder = case.person if case.person_id else case.family
    return holder.actual_address if holder is not None else ""


@login_required
@require_http_methods(["GET", "POST"])
def act_create(request, case_pk):
    case = selectors.case_for(request, case_pk)
    if not permissions.can_draw(request.scope, case):
        raise PermissionDenied
    address = _address(case)
    form = ActForm(
        request.POST or None,
        initial={"drawn_on": timezone.localdate(), "address": address},
    )
    done = submit(
        request,
        form,
        lambda data: services.act_draw(by=request.membership, case=case, **data),
        success="Акт составлен.",
        target=lambda act: reverse("journals:act", args=[act.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Новый акт: случай № {case.number}/{case.year}",
        breadcrumbs=[ACTS_CRUMB, ("Новый акт", None)],
        cancel_url=reverse("journals:journal", args=["acts"]),
        submit="Составить акт",
    )


@login_required
@require_GET
def act_detail(request, pk):
    act = selectors.act_for(request, pk)
    log_access(request, act)
    return render(
        request,
        "journals/act_detail.html",
        {
            "title": f"{act.get_kind_display()} № {act.number}/{act.year}",
            "breadcrumbs": [ACTS_CRUMB, (f"Акт № {act.number}/{act.year}", None)],
            "act": act,
            "subject": _subject(act.case),
            "can_edit": permissions.can_edit(request.scope, act),
            "history": history_of(act),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def act_edit(request, pk):
    act = selectors.act_for(request, pk)
    if not permissions.can_edit(request.scope, act):
        raise PermissionDenied
    form = ActEditForm(request.POST or None, instance=act, initial={"version": act.version})
    card = reverse("journals:act", args=[act.pk])

    def write(data):
        version = data.pop("version")
        return services.act_update(by=request.membership, act=act, expected_version=version, **data)

    done = submit(request, form, write, success="Акт исправлен.", target=card)
    return done or form_page(
        request,
        form=form,
        title=f"Исправление акта № {act.number}/{act.year}",
        breadcrumbs=[ACTS_CRUMB, (f"Акт № {act.number}/{act.year}", card), ("Исправление", None)],
        cancel_url=card,
    )


@login_required
@require_GET
def act_print(request, pk, format):
    """The act as DOCX or PDF, the names declined; a print is an opening of the act."""
    act = selectors.act_for(request, pk)
    log_access(request, act, channel=AccessChannel.EXPORT)
    return documents.render(act_document(act, request), format)
