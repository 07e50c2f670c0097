"""The card's table-like editor of sections and items (htmx rows and whole-page fallbacks)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.roadmaps import forms, permissions, selectors, services
from resurs.coordination.roadmaps.models import ScheduleKind
from resurs.coordination.roadmaps.views.common import _check_direction, _crumbs, _is_htmx
from resurs.coordination.roadmaps.views.plans import _editable, _message, _owned, _plan_fragment
from resurs.kernel.ui.pages import apply_domain_error as _apply_domain_error
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError

# --- sections ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request, pk):
    roadmap = _owned(request, pk)
    _editable(request, roadmap)
    form = forms.SectionForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.section_create(by=request.membership, roadmap=roadmap, **data),
        success="Раздел добавлен.",
        target=roadmap.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый раздел",
        breadcrumbs=_crumbs(roadmap, "Новый раздел"),
        cancel_url=roadmap.get_absolute_url(),
    )


def _editable_section(request, pk):
    section = selectors.section_for(request, pk)
    _editable(request, section.roadmap)
    return section


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    section = _editable_section(request, pk)
    roadmap = section.roadmap
    form = forms.SectionForm(request.POST or None, initial={"title": section.title})
    done = _submit(
        request,
        form,
        lambda data: services.section_update(by=request.membership, section=section, **data),
        success="Раздел переименован.",
        target=roadmap.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Раздел {section.number}",
        breadcrumbs=_crumbs(roadmap, f"Раздел {section.number}"),
        cancel_url=roadmap.get_absolute_url(),
    )


def _structural(request, roadmap, write, success):
    """A POST that changes the plan's structure: the plan fragment for htmx, else a redirect."""
    try:
        write()
    except (DomainError, ValidationError) as exc:
        messages.error(request, _message(exc))
        if _is_htmx(request):
            response = _plan_fragment(request, roadmap)
            return response
    else:
        if not _is_htmx(request):
            messages.success(request, success)
    if _is_htmx(request):
        return _plan_fragment(request, roadmap)
    return redirect(roadmap.get_absolute_url())


@login_required
@require_POST
def section_delete(request, pk):
    section = _editable_section(request, pk)
    return _structural(
        request,
        section.roadmap,
        lambda: services.section_delete(by=request.membership, section=section),
        "Раздел удалён.",
    )


@login_required
@require_POST
def section_move(request, pk, direction):
    _check_direction(direction)
    section = _editable_section(request, pk)
    return _structural(
        request,
        section.roadmap,
        lambda: services.section_move(
            by=request.membership, section=section, step=-1 if direction == "up" else 1
        ),
        "Раздел перемещён.",
    )


# --- items: the table-like editor -------------------------------------------------------------


def _item_fields(data: dict) -> dict:
    fields = dict(data)
    fields.pop("version", None)
    return fields


def _row(request, item_pk, status=200):
    roadmap_item = selectors.item_with_plan_data(request, item_pk)
    roadmap = roadmap_item.section.roadmap
    today = timezone.localdate()
    for checkpoint in roadmap_item.checkpoint_list:
        checkpoint.overdue = checkpoint.is_overdue(today, agreed=roadmap.agreed_version > 0)
    return render(
        request,
        "roadmaps/_item_row.html",
        {
            "item": roadmap_item,
            "roadmap": roadmap,
            "can_edit": permissions.can_edit_plan(request.scope, roadmap),
        },
        status=status,
    )


def _item_form(request, form, roadmap, *, action, item=None, title):
    if _is_htmx(request):
        # 200 even with errors: htmx swaps only successful responses.
        return render(
            request,
            "roadmaps/_item_form.html",
            {"form": form, "action": action, "item": item, "roadmap": roadmap},
        )
    return _form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=_crumbs(roadmap, title),
        cancel_url=roadmap.get_absolute_url(),
    )


def _write_form(request, form, write):
    """Runs a write for a valid POST; None on success is never returned: the result or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except (DomainError, ValidationError) as exc:
        _apply_domain_error(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    """MAP-1: a new measure at the end of a section."""
    section = _editable_section(request, pk)
    roadmap = section.roadmap
    form = forms.ItemForm(request.POST or None, roadmap=roadmap)
    created = _write_form(
        request,
        form,
        lambda data: services.item_create(
            by=request.membership, section=section, **_item_fields(data)
        ),
    )
    if created is not None:
        if _is_htmx(request):
            return _plan_fragment(request, roadmap)
        messages.success(request, f"Мероприятие № {created.number} добавлено.")
        return redirect(roadmap.get_absolute_url())
    return _item_form(
        request,
        form,
        roadmap,
        action=reverse("roadmaps:item_create", args=[section.pk]),
        title=f"Новое мероприятие — раздел {section.number}",
    )


@login_required
def item_row(request, pk):
    """The row of one item (htmx: «Отмена» of the in-place form)."""
    return _row(request, pk)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    """MAP-1: edit in place; a concurrent edit is refused with the other's changes kept."""
    roadmap_item = selectors.item_for(request, pk)
    roadmap = roadmap_item.section.roadmap
    _editable(request, roadmap)
    form = forms.ItemForm(request.POST or None, roadmap=roadmap, item=roadmap_item)
    saved = _write_form(
        request,
        form,
        lambda data: services.item_update(
            by=request.membership,
            item=roadmap_item,
            expected_version=data.get("version"),
            **_item_fields(data),
        ),
    )
    if saved is not None:
        if _is_htmx(request):
            return _row(request, saved.pk)
        messages.success(request, "Мероприятие изменено.")
        return redirect(roadmap.get_absolute_url())
    return _item_form(
        request,
        form,
        roadmap,
        action=reverse("roadmaps:item_edit", args=[roadmap_item.pk]),
        item=roadmap_item,
        title=f"Мероприятие № {roadmap_item.number}",
    )


@login_required
@require_POST
def item_delete(request, pk):
    roadmap_item = selectors.item_for(request, pk)
    roadmap = roadmap_item.section.roadmap
    _editable(request, roadmap)
    return _structural(
        request,
        roadmap,
        lambda: services.item_delete(by=request.membership, item=roadmap_item),
        "Мероприятие удалено.",
    )


@login_required
@require_POST
def item_move(request, pk, direction):
    _check_direction(direction)
    roadmap_item = selectors.item_for(request, pk)
    roadmap = roadmap_item.section.roadmap
    _editable(request, roadmap)
    return _structural(
        request,
        roadmap,
        lambda: services.item_move(
            by=request.membership, item=roadmap_item, step=-1 if direction == "up" else 1
        ),
        "Мероприятие перемещено.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_schedule(request, pk):
    """MAP-2: a person sets the checkpoints of a timeframe the parser did not understand."""
    roadmap_item = selectors.item_for(request, pk)
    roadmap = roadmap_item.section.roadmap
    if not permissions.is_owner(request.scope, roadmap):
        raise PermissionDenied
    initial = {}
    if roadmap_item.schedule_kind == ScheduleKind.DATED:
        initial["dates"] = ", ".join(
            f"{c.due_on:%d.%m.%Y}" for c in roadmap_item.checkpoints.order_by("due_on")
        )
    form = forms.ScheduleForm(request.POST or None, initial=initial)
    done = _submit(
        request,
        form,
        lambda data: services.item_set_schedule(by=request.membership, item=roadmap_item, **data),
        success="Контрольные даты установлены.",
        target=roadmap.get_absolute_url() + "?tab=execution",
    )
    if done:
        return done
    form.fields["dates"].help_text = (
        f"Срок в документе: «{roadmap_item.timeframe}». " + form.fields["dates"].help_text
    )
    return _form_page(
        request,
        form=form,
        title=f"График мероприятия № {roadmap_item.number}",
        breadcrumbs=_crumbs(roadmap, f"График № {roadmap_item.number}"),
        cancel_url=roadmap.get_absolute_url(),
    )
