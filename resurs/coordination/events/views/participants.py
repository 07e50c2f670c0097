"""EVT-1: the participants of an event: people and organisations, their status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.models import ParticipationStatus
from resurs.coordination.events.views.events import editable_event, event_crumbs
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError


def _participants_url(event):
    return f"{event.get_absolute_url()}?tab=participants"


def _add_participant(request, pk, form_class, title):
    event = editable_event(request, pk)
    form = form_class(request.POST or None, who=request)
    done = _submit(
        request,
        form,
        lambda data: services.participation_add(by=request.membership, event=event, **data),
        success="Участник добавлен.",
        target=_participants_url(event),
    )
    return done or _form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=event_crumbs(event, title),
        cancel_url=_participants_url(event),
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_add_person(request, pk):
    return _add_participant(request, pk, forms.PersonParticipantForm, "Добавить участника")


@login_required
@require_http_methods(["GET", "POST"])
def participant_add_organisation(request, pk):
    return _add_participant(
        request, pk, forms.OrganisationParticipantForm, "Добавить организацию-участника"
    )


@login_required
@require_POST
def participation_status(request, pk):
    """EVT-1: registered → attended / absent; htmx swaps the one row."""
    participation = selectors.participation_for(request, pk)
    event = participation.event
    if not permissions.can_edit_event(request.scope, event):
        raise PermissionDenied
    form = forms.ParticipationStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.participation_update(
                by=request.membership, participation=participation, **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            error = "; ".join(getattr(exc, "messages", None) or [str(exc)])
            participation.refresh_from_db(fields=["status"])
    else:
        error = "Выберите статус из списка."
    if request.headers.get("HX-Request"):
        return render(
            request,
            "events/_participant_row.html",
            {
                "p": participation,
                "can_edit": True,
                "status_choices": ParticipationStatus.choices,
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Статус участника сохранён.")
    return redirect(_participants_url(event))


@login_required
@require_POST
def participation_remove(request, pk):
    participation = selectors.participation_for(request, pk)
    event = participation.event
    if not permissions.can_edit_event(request.scope, event):
        raise PermissionDenied
    services.participation_remove(by=request.membership, participation=participation)
    messages.success(request, "Участник удалён из списка.")
    return redirect(_participants_url(event))
