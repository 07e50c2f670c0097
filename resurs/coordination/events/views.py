"""Pages of events, the training plan, consultations, media plans and publications (EVT-1..4).

Querysets come from `selectors`, writes from `services`; the single-form pages reuse the
directory's `_submit` / `_form_page` pattern.
"""

import calendar
import datetime
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.models import (
    MediaPlanItemState,
    NominationState,
    ParticipationStatus,
)
from resurs.coordination.events.periods import month_bounds, shift_month
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
# The calendar shows at most this many events in a month grid and this many in a day cell;
# the rest is a link to the list filtered by that day.
CALENDAR_LIMIT = 500
CALENDAR_DAY_LIMIT = 4
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")

EVENTS_CRUMB = ("Мероприятия", "/events/")
TRAINING_CRUMB = ("План обучения", "/events/training/")
CONSULTATIONS_CRUMB = ("Консультации", "/events/consultations/")
MEDIA_PLANS_CRUMB = ("Медиапланы", "/events/media-plans/")
PUBLICATIONS_CRUMB = ("Публикации", "/events/publications/")


def _is_fragment(request, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _without_version(data: dict) -> dict:
    fields = dict(data)
    fields.pop("version", None)
    return fields


def _own_organisation(request, fields: dict):
    """The organisation a new record belongs to: chosen by the Department, else the user's."""
    chosen = fields.pop("organisation", None) or fields.pop("organiser", None)
    return chosen or request.membership.organisation


# --- events: list, export, calendar ----------------------------------------------------------


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
        "page_obj": _page(request, queryset),
        "can_create": permissions.can_create(request.scope),
    }
    if _is_fragment(request, "results"):
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


def _calendar_weeks(year: int, month: int, events: list, list_query: dict):
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day = defaultdict(list)
    for event in events:
        day = max(timezone.localdate(event.starts_at), first)
        end = min(timezone.localdate(event.ends_at), last)
        while day <= end:
            by_day[day].append(event)
            day += datetime.timedelta(days=1)
    today = timezone.localdate()
    rows = []
    for week in weeks:
        cells = []
        for day in week:
            day_events = by_day.get(day, [])
            more_url = ""
            if len(day_events) > CALENDAR_DAY_LIMIT:
                query = {**list_query, "date_from": day.isoformat(), "date_to": day.isoformat()}
                more_url = f"{reverse('events:list')}?{urlencode(query)}"
            cells.append(
                {
                    "date": day,
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "events": day_events[:CALENDAR_DAY_LIMIT],
                    "more": max(len(day_events) - CALENDAR_DAY_LIMIT, 0),
                    "more_url": more_url,
                }
            )
        rows.append(cells)
    return rows, first, last


@login_required
def event_calendar(request):
    """EVT-1: a month grid of the events the user sees; previous and next month; filters."""
    today = timezone.localdate()
    form = forms.CalendarFilterForm(
        request.GET or None, who=request, initial={"month": f"{today:%Y-%m}"}
    )
    year, month = today.year, today.month
    if form.is_bound and form.is_valid() and form.cleaned_data.get("month"):
        year, month = form.cleaned_data["month"]
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    events = selectors.events_in_days(
        request, weeks[0][0], weeks[-1][-1], form.filters(), limit=CALENDAR_LIMIT + 1
    )
    truncated = len(events) > CALENDAR_LIMIT
    list_query = {
        key: value for key, value in request.GET.items() if key not in {"month", "page"} and value
    }
    rows, _first, _last = _calendar_weeks(year, month, events[:CALENDAR_LIMIT], list_query)
    previous = shift_month(year, month, -1)
    following = shift_month(year, month, 1)
    first, last = month_bounds(year, month)
    month_list_query = {**list_query, "date_from": first.isoformat(), "date_to": last.isoformat()}
    context = {
        "title": "Календарь мероприятий",
        "breadcrumbs": [EVENTS_CRUMB, ("Календарь", None)],
        "filter_form": form,
        "month_title": f"{MONTHS[month]} {year}",
        "weekdays": WEEKDAYS,
        "weeks": rows,
        "previous_month": f"{previous[0]:04d}-{previous[1]:02d}",
        "next_month": f"{following[0]:04d}-{following[1]:02d}",
        "current_month": f"{today.year:04d}-{today.month:02d}",
        "truncated": truncated,
        "calendar_limit": CALENDAR_LIMIT,
        "has_events": bool(events),
        "month_list_url": f"{reverse('events:list')}?{urlencode(month_list_query)}",
        "can_create": permissions.can_create(request.scope),
    }
    if _is_fragment(request, "results"):
        return render(request, "events/calendar.html#results", context)
    return render(request, "events/calendar.html", context)


# --- events: create, edit, card --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.EventForm(request.POST or None, scope=request.scope)

    def write(data):
        fields = _without_version(data)
        organiser = _own_organisation(request, fields)
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


def _editable_event(request, pk):
    event = selectors.event_for(request, pk)
    if not permissions.can_edit_event(request.scope, event):
        raise PermissionDenied
    return event


def _event_crumbs(event, title=None):
    crumbs = [EVENTS_CRUMB, (event.topic[:80], event.get_absolute_url() if title else None)]
    return crumbs + [(title, None)] if title else crumbs


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk):
    event = _editable_event(request, pk)
    form = forms.EventForm(request.POST or None, instance=event, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.event_update(
            by=request.membership,
            event=event,
            expected_version=data.get("version"),
            **_without_version(data),
        ),
        success="Изменения сохранены.",
        target=event.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {event.topic[:80]}",
        breadcrumbs=_event_crumbs(event, "Изменение"),
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
        "breadcrumbs": _event_crumbs(event),
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
        context["nominations"] = _nomination_rows(
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
    if _is_fragment(request, "card-tab"):
        return render(request, "events/detail.html#tab", context)
    return render(request, "events/detail.html", context)


# --- participants ----------------------------------------------------------------------------


def _participants_url(event):
    return f"{event.get_absolute_url()}?tab=participants"


def _add_participant(request, pk, form_class, title):
    event = _editable_event(request, pk)
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
        breadcrumbs=_event_crumbs(event, title),
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


# --- training plan (EVT-2) -------------------------------------------------------------------


def _nomination_rows(scope, nominations):
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
    page = _page(request, nominations)
    page.object_list = _nomination_rows(request.scope, page.object_list)
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
    if _is_fragment(request, "results"):
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
        title=f"Заявка на обучение: {event.topic[:80]}",
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


# --- consultations (EVT-3) -------------------------------------------------------------------


@login_required
def consultation_list(request):
    form = forms.ConsultationFilterForm(request.GET or None, who=request)
    context = {
        "title": "Консультации",
        "breadcrumbs": [("Консультации", None)],
        "filter_form": form,
        "page_obj": _page(request, selectors.consultations_visible_to(request, form.filters())),
        "can_create": permissions.can_create(request.scope, permissions.CONSULTATION_KEEPER_ROLES),
    }
    if _is_fragment(request, "results"):
        return render(request, "events/consultations.html#results", context)
    return render(request, "events/consultations.html", context)


CONSULTATION_EXPORT_COLUMNS = (
    ("Дата", 12),
    ("Кого консультировали", 30),
    ("Консультируемые организации", 50),
    ("Человек", 9),
    ("Форма", 14),
    ("Способ", 14),
    ("Тема", 60),
    ("Консультант", 30),
    ("Организация", 40),
    ("Направление", 30),
)


@login_required
def consultation_export(request):
    form = forms.ConsultationFilterForm(request.GET or None, who=request)
    rows = (
        (
            c.held_on,
            c.get_audience_display(),
            "; ".join(str(o) for o in c.consulted_list),
            c.people_count,
            c.get_form_display(),
            c.get_mode_display(),
            c.topic,
            c.specialist_name or (str(c.specialist) if c.specialist else ""),
            str(c.organisation),
            str(c.direction or ""),
        )
        for c in selectors.consultations_visible_to(request, form.filters()).iterator(
            chunk_size=2000
        )
    )
    return documents.render(
        documents.Document(
            filename="consultations",
            title="Консультации",
            columns=CONSULTATION_EXPORT_COLUMNS,
            rows=rows,
        ),
        "xlsx",
    )


def _consultation_fields(data: dict) -> tuple[dict, list]:
    fields = _without_version(data)
    return fields, list(fields.pop("consulted_organisations", []))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    if not permissions.can_create(request.scope, permissions.CONSULTATION_KEEPER_ROLES):
        raise PermissionDenied
    form = forms.ConsultationEditForm(request.POST or None, scope=request.scope)

    def write(data):
        fields, consulted = _consultation_fields(data)
        organisation = _own_organisation(request, fields)
        return services.consultation_create(
            by=request.membership,
            organisation=organisation,
            consulted_organisations=consulted,
            **fields,
        )

    done = _submit(
        request,
        form,
        write,
        success="Консультация внесена.",
        target=lambda consultation: consultation.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новая консультация",
        breadcrumbs=[CONSULTATIONS_CRUMB, ("Новая консультация", None)],
        cancel_url=reverse("events:consultation_list"),
    )


@login_required
def consultation_detail(request, pk):
    consultation = selectors.consultation_for(request, pk)
    return render(
        request,
        "events/consultation_detail.html",
        {
            "consultation": consultation,
            "title": f"Консультация от {consultation.held_on:%d.%m.%Y}",
            "breadcrumbs": [CONSULTATIONS_CRUMB, (f"{consultation.held_on:%d.%m.%Y}", None)],
            "can_edit": permissions.can_edit_consultation(request.scope, consultation),
            "history": history_of(consultation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    consultation = selectors.consultation_for(request, pk)
    if not permissions.can_edit_consultation(request.scope, consultation):
        raise PermissionDenied
    form = forms.ConsultationEditForm(
        request.POST or None, instance=consultation, scope=request.scope
    )

    def write(data):
        fields, consulted = _consultation_fields(data)
        return services.consultation_update(
            by=request.membership,
            consultation=consultation,
            expected_version=data.get("version"),
            consulted_organisations=consulted,
            **fields,
        )

    done = _submit(
        request, form, write, success="Изменения сохранены.", target=consultation.get_absolute_url()
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение консультации от {consultation.held_on:%d.%m.%Y}",
        breadcrumbs=[
            CONSULTATIONS_CRUMB,
            (f"{consultation.held_on:%d.%m.%Y}", consultation.get_absolute_url()),
            ("Изменение", None),
        ],
        cancel_url=consultation.get_absolute_url(),
    )


# --- media plans (EVT-4) ---------------------------------------------------------------------


@login_required
def media_plan_list(request):
    form = forms.MediaPlanFilterForm(request.GET or None)
    year = direction_id = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year")
        direction = form.cleaned_data.get("direction")
        direction_id = direction.pk if direction else None
    plans = selectors.media_plans_visible_to(request, year=year, direction_id=direction_id)
    context = {
        "title": "Медиапланы",
        "breadcrumbs": [("Медиапланы", None)],
        "filter_form": form,
        "page_obj": _page(request, plans),
        "can_create": permissions.can_create(request.scope),
    }
    if _is_fragment(request, "results"):
        return render(request, "events/media_plans.html#results", context)
    return render(request, "events/media_plans.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.MediaPlanForm(request.POST or None, scope=request.scope)

    def write(data):
        fields = _without_version(data)
        organisation = _own_organisation(request, fields)
        return services.media_plan_create(
            by=request.membership, organisation=organisation, **fields
        )

    done = _submit(
        request,
        form,
        write,
        success="Медиаплан создан. Добавьте в него пункты.",
        target=lambda plan: plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый медиаплан",
        breadcrumbs=[MEDIA_PLANS_CRUMB, ("Новый медиаплан", None)],
        cancel_url=reverse("events:media_plan_list"),
    )


MEDIA_PLAN_TABS = (("items", "Пункты плана"), ("files", "Файлы"), ("history", "История изменений"))


@login_required
def media_plan_detail(request, pk):
    plan = selectors.media_plan_for(request, pk)
    tab = request.GET.get("tab", "items")
    if tab not in dict(MEDIA_PLAN_TABS):
        tab = "items"
    context = {
        "plan": plan,
        "title": str(plan),
        "breadcrumbs": [MEDIA_PLANS_CRUMB, (str(plan), None)],
        "tabs": MEDIA_PLAN_TABS,
        "tab": tab,
        "can_edit": permissions.can_keep_records(request.scope, plan.organisation_id),
        "item_states": MediaPlanItemState,
    }
    if tab == "items":
        items = list(selectors.media_plan_items_of(request, plan))
        today = timezone.localdate()
        for item in items:
            item.current_state = item.state(today)
        context["items"] = items
    elif tab == "history":
        context["history"] = history_of(plan)
    if _is_fragment(request, "card-tab"):
        return render(request, "events/media_plan_detail.html#tab", context)
    return render(request, "events/media_plan_detail.html", context)


def _editable_plan(request, pk):
    plan = selectors.media_plan_for(request, pk)
    if not permissions.can_keep_records(request.scope, plan.organisation_id):
        raise PermissionDenied
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_edit(request, pk):
    plan = _editable_plan(request, pk)
    form = forms.MediaPlanForm(request.POST or None, instance=plan, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.media_plan_update(
            by=request.membership,
            plan=plan,
            expected_version=data.get("version"),
            **_without_version(data),
        ),
        success="Изменения сохранены.",
        target=plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {plan}",
        breadcrumbs=[MEDIA_PLANS_CRUMB, (str(plan), plan.get_absolute_url()), ("Изменение", None)],
        cancel_url=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_item_create(request, pk):
    plan = _editable_plan(request, pk)
    form = forms.MediaPlanItemForm(request.POST or None, plan=plan)
    done = _submit(
        request,
        form,
        lambda data: services.media_plan_item_create(by=request.membership, plan=plan, **data),
        success="Пункт добавлен.",
        target=plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый пункт медиаплана",
        breadcrumbs=[MEDIA_PLANS_CRUMB, (str(plan), plan.get_absolute_url()), ("Пункт", None)],
        cancel_url=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_item_edit(request, pk):
    item = selectors.media_plan_item_for(request, pk)
    plan = item.plan
    if not permissions.can_keep_records(request.scope, plan.organisation_id):
        raise PermissionDenied
    form = forms.MediaPlanItemForm(request.POST or None, instance=item, plan=plan)
    done = _submit(
        request,
        form,
        lambda data: services.media_plan_item_update(by=request.membership, item=item, **data),
        success="Пункт изменён.",
        target=plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Пункт {item.number} медиаплана",
        breadcrumbs=[MEDIA_PLANS_CRUMB, (str(plan), plan.get_absolute_url()), ("Пункт", None)],
        cancel_url=plan.get_absolute_url(),
    )


# --- publications (EVT-4) --------------------------------------------------------------------


@login_required
def publication_list(request):
    form = forms.PublicationFilterForm(request.GET or None, who=request)
    context = {
        "title": "Публикации",
        "breadcrumbs": [("Публикации", None)],
        "filter_form": form,
        "page_obj": _page(request, selectors.publications_visible_to(request, form.filters())),
        "can_create": permissions.can_create(request.scope),
    }
    if _is_fragment(request, "results"):
        return render(request, "events/publications.html#results", context)
    return render(request, "events/publications.html", context)


PUBLICATION_EXPORT_COLUMNS = (
    ("Дата", 12),
    ("Канал", 18),
    ("Заголовок", 60),
    ("Издание, площадка", 30),
    ("СМИ", 6),
    ("Ссылка", 40),
    ("Организация", 40),
    ("Направление", 30),
    ("Пункт медиаплана", 50),
)


@login_required
def publication_export(request):
    form = forms.PublicationFilterForm(request.GET or None, who=request)
    rows = (
        (
            p.published_on,
            p.get_channel_display(),
            p.title,
            p.outlet,
            "да" if p.is_mass_media else "",
            p.link,
            str(p.organisation),
            str(p.direction or ""),
            str(p.plan_item or ""),
        )
        for p in selectors.publications_visible_to(request, form.filters()).iterator(
            chunk_size=2000
        )
    )
    return documents.render(
        documents.Document(
            filename="publications",
            title="Публикации",
            columns=PUBLICATION_EXPORT_COLUMNS,
            rows=rows,
        ),
        "xlsx",
    )


def _publication_initial(request) -> dict:
    """«Внести публикацию» from a media-plan item or an event card pre-selects them."""
    initial = {}
    for name in ("plan_item", "event"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def publication_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.PublicationForm(
        request.POST or None, scope=request.scope, initial=_publication_initial(request)
    )

    def write(data):
        fields = _without_version(data)
        organisation = _own_organisation(request, fields)
        # Unticked «в СМИ» on a new record: the channel decides (a newspaper is mass media).
        is_mass_media = fields.pop("is_mass_media") or None
        return services.publication_create(
            by=request.membership,
            organisation=organisation,
            is_mass_media=is_mass_media,
            **fields,
        )

    done = _submit(
        request,
        form,
        write,
        success="Публикация внесена.",
        target=lambda publication: publication.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новая публикация",
        breadcrumbs=[PUBLICATIONS_CRUMB, ("Новая публикация", None)],
        cancel_url=reverse("events:publication_list"),
    )


@login_required
def publication_detail(request, pk):
    publication = selectors.publication_for(request, pk)
    return render(
        request,
        "events/publication_detail.html",
        {
            "publication": publication,
            "title": publication.title,
            "breadcrumbs": [PUBLICATIONS_CRUMB, (publication.title[:80], None)],
            "can_edit": permissions.can_keep_records(request.scope, publication.organisation_id),
            "history": history_of(publication),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request, pk):
    publication = selectors.publication_for(request, pk)
    if not permissions.can_keep_records(request.scope, publication.organisation_id):
        raise PermissionDenied
    form = forms.PublicationForm(request.POST or None, instance=publication, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.publication_update(
            by=request.membership,
            publication=publication,
            expected_version=data.get("version"),
            **_without_version(data),
        ),
        success="Изменения сохранены.",
        target=publication.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {publication.title[:80]}",
        breadcrumbs=[
            PUBLICATIONS_CRUMB,
            (publication.title[:80], publication.get_absolute_url()),
            ("Изменение", None),
        ],
        cancel_url=publication.get_absolute_url(),
    )
