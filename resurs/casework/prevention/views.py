"""Pages of preventive events and open days (SOC-12; seed 002 §2.2.6, §3.7): the list with
filters, the card with who took part, the form with a person picker that searches by POST
(a name never goes into a URL). Reads from `selectors`, writes from `services`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.prevention import forms, selectors, services
from resurs.casework.prevention.models import EventKind
from resurs.kernel.ui.pages import submit

PAGE_SIZE = 50
LIST_CRUMB = ("Профилактические мероприятия", "/prevention/")


@login_required
def event_list(request):
    """SOC-12: the events of the units the user sees, by kind, quarter and unit."""
    form = forms.EventFilterForm(request.GET or None, who=request)
    page = Paginator(selectors.events_visible_to(request, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": LIST_CRUMB[0],
        "breadcrumbs": [(LIST_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": page,
        "can_create": selectors.can_edit(request),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "prevention/list.html#results", context)
    return render(request, "prevention/list.html", context)


@login_required
def event_detail(request, pk):
    event = selectors.event_for(request, pk)
    persons, others = selectors.participants_of(request, event)
    return render(
        request,
        "prevention/detail.html",
        {
            "event": event,
            "title": event.title,
            "breadcrumbs": [LIST_CRUMB, (event.title, None)],
            "persons": persons,
            "hidden_persons": others,
            "organisations": event.organisations.all(),
            "can_edit": selectors.can_edit(request, event),
        },
    )


def _chosen(request, form, event=None):
    """The persons ticked in the picker: what was posted (those the user sees), else the
    event's participants the user sees."""
    if form.is_bound:
        ids = [v for v in request.POST.getlist("participants") if v.isdigit()]
        return list(selectors.persons_visible(request).filter(pk__in=ids))
    if event is not None:
        return selectors.participants_of(request, event)[0]
    return []


def _form_page(request, form, *, title, crumbs, cancel_url, chosen):
    return render(
        request,
        "prevention/form.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": crumbs,
            "cancel_url": cancel_url,
            "chosen": chosen,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not selectors.can_edit(request):
        raise PermissionDenied
    initial = {"kind": request.GET.get("kind") or EventKind.PREVENTIVE}
    units = selectors.unit_choices(request)
    if len(units) == 1:
        initial["unit"] = units[0].pk
    form = forms.EventForm(request.POST or None, who=request, initial=initial)

    def write(data):
        data.pop("version", None)
        return services.event_create(by=request.membership, **data)

    done = submit(
        request,
        form,
        write,
        success="Мероприятие внесено.",
        target=lambda event: reverse("prevention:detail", args=[event.pk]),
    )
    return done or _form_page(
        request,
        form,
        title="Новое мероприятие",
        crumbs=[LIST_CRUMB, ("Новое мероприятие", None)],
        cancel_url=reverse("prevention:list"),
        chosen=_chosen(request, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = selectors.event_for(request, pk)
    if not selectors.can_edit(request, event):
        raise PermissionDenied
    form = forms.EventForm(
        request.POST or None,
        instance=event,
        who=request,
        initial={"version": event.version, "participants": []},
    )

    def write(data):
        version = data.pop("version")
        return services.event_update(
            by=request.membership, event=event, expected_version=version, **data
        )

    done = submit(
        request,
        form,
        write,
        success="Мероприятие сохранено.",
        target=reverse("prevention:detail", args=[event.pk]),
    )
    return done or _form_page(
        request,
        form,
        title=f"Изменить: {event.title}",
        crumbs=[
            LIST_CRUMB,
            (event.title, reverse("prevention:detail", args=[event.pk])),
            ("Изменение", None),
        ],
        cancel_url=reverse("prevention:detail", args=[event.pk]),
        chosen=_chosen(request, form, event),
    )


@login_required
@require_POST
def person_search(request):
    """The person picker: persons of the data bank the user sees whose surname starts with
    what was typed (POST: a name never goes into a URL or a log line)."""
    found = selectors.person_search(request, request.POST.get("person_q", ""))
    return render(
        request,
        "prevention/_person_results.html",
        {"found": found, "searched": len(request.POST.get("person_q", "").strip()) >= 2},
    )
