"""Execution marks of checkpoints and providers' proposals to a plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from resurs.coordination.roadmaps import forms, permissions, selectors, services
from resurs.coordination.roadmaps.views.common import _crumbs
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit

# --- execution --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def checkpoint_detail(request, pk):
    """MAP-4: one checkpoint — its mark, what was done, linked records and files."""
    checkpoint = selectors.checkpoint_for(request, pk)
    roadmap_item = checkpoint.item
    roadmap = roadmap_item.section.roadmap
    can_mark = permissions.can_mark(request.scope, roadmap)
    mark = checkpoint.mark_or_none
    form = None
    if can_mark:
        form = forms.MarkForm(request.POST or None, who=request, roadmap=roadmap, mark=mark)
        done = _submit(
            request,
            form,
            lambda data: services.mark_set(
                by=request.membership,
                checkpoint=checkpoint,
                result=data["result"],
                done_text=data.get("done_text") or "",
                evidence=form.evidence_links(),
                expected_version=data.get("version"),
            ),
            success="Отметка об исполнении сохранена.",
            target=checkpoint.get_absolute_url(),
        )
        if done:
            return done
    elif request.method == "POST":
        raise PermissionDenied
    evidence_list = list(mark.evidence.select_related("content_type")) if mark else []
    for link in evidence_list:
        record = link.record
        link.url = record.get_absolute_url() if record is not None else ""
    title = f"№ {roadmap_item.number}: {checkpoint}"
    context = {
        "title": title,
        "breadcrumbs": _crumbs(roadmap, str(checkpoint)),
        "checkpoint": checkpoint,
        "item": roadmap_item,
        "roadmap": roadmap,
        "mark": mark,
        "evidence_list": evidence_list,
        "form": form,
        "can_mark": can_mark,
        "overdue": checkpoint.is_overdue(agreed=roadmap.agreed_version > 0),
    }
    return render(
        request,
        "roadmaps/checkpoint.html",
        context,
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


# --- proposals --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, pk):
    roadmap = selectors.roadmap_for(request, pk)
    if not permissions.can_propose(request.scope, roadmap):
        raise PermissionDenied
    form = forms.ProposalForm(request.POST or None, roadmap=roadmap, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.proposal_create(by=request.membership, roadmap=roadmap, **data),
        success="Предложение направлено в ресурсный центр.",
        target=roadmap.get_absolute_url() + "?tab=proposals",
    )
    return done or _form_page(
        request,
        form=form,
        title="Предложение в дорожную карту",
        breadcrumbs=_crumbs(roadmap, "Предложение"),
        cancel_url=roadmap.get_absolute_url(),
        submit="Направить",
    )


def _decidable(request, pk):
    proposal = selectors.proposal_for(request, pk)
    if not permissions.can_decide_proposal(request.scope, proposal):
        raise PermissionDenied
    return proposal


@login_required
@require_http_methods(["GET", "POST"])
def proposal_accept(request, pk):
    proposal = _decidable(request, pk)
    roadmap = proposal.roadmap
    if not roadmap.is_editable:
        messages.error(request, "Принять предложение можно в черновик или возвращённую карту.")
        return redirect(proposal.get_absolute_url())
    form = forms.AcceptProposalForm(request.POST or None, proposal=proposal, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.proposal_accept(by=request.membership, proposal=proposal, **data),
        success="Предложение принято: мероприятие добавлено в план.",
        target=roadmap.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Принять предложение в план",
        breadcrumbs=_crumbs(roadmap, "Принять предложение"),
        cancel_url=proposal.get_absolute_url(),
        submit="Принять в план",
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decline(request, pk):
    proposal = _decidable(request, pk)
    form = forms.DeclineProposalForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.proposal_decline(by=request.membership, proposal=proposal, **data),
        success="Предложение отклонено, ответ сохранён.",
        target=proposal.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Отклонить предложение",
        breadcrumbs=_crumbs(proposal.roadmap, "Отклонить предложение"),
        cancel_url=proposal.get_absolute_url(),
        submit="Отклонить",
    )
