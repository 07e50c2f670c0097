"""EVT-1: the events list, its XLSX export, the card, creating and editing an event."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.models import ParticipationStatus
from resurs.coordination.events.views.common import (
    EVENTS_CRUMB,
    is_fragment,
    own_organisation,
    paginate,
    without_version,
)
from resurs.coordination.events.views.training import nomination_rows
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.russian import shorten
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit


@login_required
def event_list(request):
    """EVT-1: the events the user may see, with search and filters."""
    form = forms.EventFilterForm(request.GET or None, who=request)
    queryset = selectors.events_visible_to(request, form.filters()).only(
        *selectors.EVENT_LIST_COLUMNS
    )
    context = {
        "title": "Мероприятия",
        "breadcrumbs": [("Мероприятия", None)],
        "filter_form": form,
        "page_obj": paginate(request, queryset),
        "can_create": permissions.can_create(request.scope),
    }
    if is_fragment(request, "results"):
        return render(request, "events/list.html#results", context)
    return render(request, "events/list.html", context)


EXPORT_COLUMNS = (
    ("Начало", 17),
    ("Окончание", 17),
    ("Вид", 30),
    ("Тема", 60),
    ("Организатор", 40),
    ("Направление", 30),
    ("Формат", 12),
    ("Место проведения", 40),
    ("Ссылка", 30),
    ("Состояние", 14),
    ("Публичное", 10),
    ("Приём заявок", 12),
)


def _local(value) -> datetime.datetime:
    """An aware datetime as the region's wall-clock time (Excel has no time zones)."""
    return timezone.localtime(value).replace(tzinfo=None)


@login_required
def event_export(request):
    """EVT-1: the list as the user sees it (same filters) in XLSX."""
    form = forms.EventFilterForm(request.GET or None, who=request)
    queryset = selectors.events_visible_to(request, form.filters())
    rows = (
        (
            _local(e.starts_at),
            _local(e.ends_at),
            e.get_kind_display(),
            e.topic,
            str(e.organiser),
            str(e.direction or ""),
            e.get_format_display(),
            e.place,
            e.link,
            e.get_state_display(),
            "да" if e.is_public else "",
            "да" if e.nominations_open else "",
        )
        for e in queryset.iterator(chunk_size=2000)
    )
    return documents.render(
        documents.Document(
            filename="events", title="Мероприятия", columns=EXPORT_COLUMNS, rows=rows
        ),
        "xlsx",
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None, scope=request.scope)

    def write(data):
        fields = without_version(data)
        organiser = own_organisation(request, fields)
        return services.event_create(by=request.membership, organiser=organiser, **fields)

    done = _submit(
        request,
        form,
        write,
        success="Мероприятие внесено.",
        target=lambda event: event.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новое мероприятие",
        breadcrumbs=[EVENTS_CRUMB, ("Новое мероприятие", None)],
        cancel_url=reverse("events:list"),
    )


def editable_event(request, pk):
    event = selectors.event_for(request, pk)
    if not permissions.can_edit_event(request.scope, event):
        raise PermissionDenied
    return event


def event_crumbs(event, title=None):
    crumbs = [EVENTS_CRUMB, (event.topic, event.get_absolute_url() if title else None)]
    return crumbs + [(title, None)] if title else crumbs


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = editable_event(request, pk)
    form = forms.EventForm(request.POST or None, instance=event, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.event_update(
            by=request.membership,
            event=event,
            expected_version=data.get("version"),
            **without_version(data),
        ),
        success="Изменения сохранены.",
        target=event.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {shorten(event.topic, 80)}",
        breadcrumbs=event_crumbs(event, "Изменение"),
        cancel_url=event.get_absolute_url(),
    )


EVENT_TABS = (
    ("details", "Сведения"),
    ("participants", "Участники"),
    ("nominations", "Заявки на обучение"),
    ("materials", "Материалы"),
    ("publications", "Публикации"),
    ("history", "История изменений"),
)


def _event_tabs(scope, event, can_edit):
    hidden = set()
    if not event.nominations_open and not event.nominations.exists():
        hidden.add("nominations")
    # The trail names every participant: only the organiser's side and the region-wide roles
    # read it (personal data of other organisations' staff).
    if not (can_edit or scope.region_wide):
        hidden.add("history")
    return tuple(tab for tab in EVENT_TABS if tab[0] not in hidden)


@login_required
def event_detail(request, pk):
    event = selectors.event_for(request, pk)
    scope = request.scope
    can_edit = permissions.can_edit_event(scope, event)
    tabs = _event_tabs(scope, event, can_edit)
    tab = request.GET.get("tab", "details")
    if tab not in dict(tabs):
        tab = "details"
    context = {
        "event": event,
        "title": event.topic,
        "breadcrumbs": event_crumbs(event),
        "tabs": tabs,
        "tab": tab,
        "can_edit": can_edit,
        "can_nominate": permissions.can_nominate(scope, event),
    }
    if tab == "participants":
        participations = list(selectors.participations_of(request, event))
        context["people"] = [p for p in participations if p.is_person]
        context["organisations"] = [p for p in participations if not p.is_person]
        context["status_choices"] = ParticipationStatus.choices
    elif tab == "nominations":
        context["nominations"] = nomination_rows(
            scope, selectors.nominations_visible_to(request, selectors.NominationFilter(event.pk))
        )
    elif tab == "publications":
        context["publications"] = selectors.publications_visible_to(
            request, selectors.PublicationFilter(event_id=event.pk)
        )
    elif tab == "history":
        context["history"] = history_of(event)
    elif tab == "details":
        context["counts"] = selectors.participation_counts(event)
    if is_fragment(request, "card-tab"):
        return render(request, "events/detail.html#tab", context)
    return render(request, "events/detail.html", context)
