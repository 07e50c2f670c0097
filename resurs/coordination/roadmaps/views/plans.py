"""Roadmap pages: the list, the card, the plan's own edit, the workflow and versions."""

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.roadmaps import forms, permissions, selectors, services
from resurs.coordination.roadmaps.models import MarkResult, ProposalState, ScheduleKind
from resurs.coordination.roadmaps.progress import percent, progress_of
from resurs.coordination.roadmaps.versions import compare, snapshot_of
from resurs.coordination.roadmaps.views.common import (
    PAGE_SIZE,
    ROADMAPS_CRUMB,
    TABS,
    _crumbs,
    _is_fragment,
)
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError


@login_required
def roadmap_list(request):
    """MAP-1: the plans the user sees, with their state and execution."""
    form = forms.RoadmapFilterForm(request.GET or None)
    # The units' work plans have their own list (views.units).
    filters = dataclasses.replace(form.filters(), unit_plans=False)
    page = Paginator(selectors.roadmaps_visible_to(request, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for roadmap in page.object_list:
        roadmap.percent = percent(roadmap.counted, roadmap.score)
    context = {
        "title": "Дорожные карты",
        "breadcrumbs": [("Дорожные карты", None)],
        "filter_form": form,
        "page_obj": page,
        "can_create": permissions.can_create(request.scope),
        "create_url": reverse("roadmaps:create"),
        "create_label": "Создать дорожную карту",
        "empty_title": "Дорожных карт нет.",
        "empty_hint": "Ресурсный центр создаёт дорожную карту на год, добавляет разделы и "
        "мероприятия и направляет её в Департамент на согласование.",
    }
    if _is_fragment(request, "results"):
        return render(request, "roadmaps/list.html#results", context)
    return render(request, "roadmaps/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.RoadmapForm(request.POST or None, scope=request.scope)

    def write(data):
        fields = dict(data)
        fields.pop("version", None)
        return services.roadmap_create(
            by=request.membership, organisation=request.membership.organisation, **fields
        )

    done = _submit(
        request,
        form,
        write,
        success="Дорожная карта создана. Добавьте разделы и мероприятия.",
        target=lambda roadmap: roadmap.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новая дорожная карта",
        breadcrumbs=[ROADMAPS_CRUMB, ("Новая дорожная карта", None)],
        cancel_url=reverse("roadmaps:list"),
    )


# --- the card ---------------------------------------------------------------------------------


def _plan_context(request, roadmap) -> dict:
    scope = request.scope
    sections = selectors.plan_sections(roadmap)
    today = timezone.localdate()
    agreed = roadmap.agreed_version > 0
    total, by_section = progress_of(sections, today, agreed=agreed)
    for section in sections:
        section.progress = by_section[section.pk]
        for item in section.item_list:
            for checkpoint in item.checkpoint_list:
                checkpoint.overdue = checkpoint.is_overdue(today, agreed=agreed)
    return {
        "roadmap": roadmap,
        "sections": sections,
        "progress": total,
        "can_edit": permissions.can_edit_plan(scope, roadmap),
        "can_mark": permissions.can_mark(scope, roadmap),
        "awaiting_schedule": [
            item
            for section in sections
            for item in section.item_list
            if item.schedule_kind == ScheduleKind.UNRECOGNISED
        ],
    }


@login_required
def roadmap_detail(request, pk):
    roadmap = selectors.roadmap_for(request, pk)
    scope = request.scope
    tab = request.GET.get("tab", "plan")
    if tab not in dict(TABS):
        tab = "plan"
    context = {
        "roadmap": roadmap,
        "title": str(roadmap),
        "breadcrumbs": _crumbs(roadmap),
        "tabs": TABS,
        "tab": tab,
        "is_owner": permissions.is_owner(scope, roadmap),
        "can_edit": permissions.can_edit_plan(scope, roadmap),
        "can_submit": permissions.can_submit(scope, roadmap),
        "can_decide": permissions.can_decide(scope, roadmap),
        "can_reopen": permissions.can_reopen(scope, roadmap),
        "can_propose": permissions.can_propose(scope, roadmap),
        "mark_results": MarkResult,
    }
    if tab in ("plan", "execution"):
        context.update(_plan_context(request, roadmap))
    elif tab == "proposals":
        context["proposals"] = list(
            selectors.proposals_visible_to(request, selectors.ProposalFilter(roadmap_id=roadmap.pk))
        )
        context["proposal_states"] = ProposalState
    elif tab == "versions":
        context["versions"] = list(selectors.versions_of(request, roadmap))
    elif tab == "history":
        context["history"] = history_of(roadmap)
    if _is_fragment(request, "card-tab"):
        return render(request, "roadmaps/detail.html#tab", context)
    return render(request, "roadmaps/detail.html", context)


def _plan_fragment(request, roadmap):
    roadmap = selectors.roadmap_for(request, roadmap.pk)
    response = render(request, "roadmaps/detail.html#plan", _plan_context(request, roadmap))
    response["HX-Retarget"] = "#plan"
    response["HX-Reswap"] = "outerHTML"
    return response


def _owned(request, pk):
    roadmap = selectors.roadmap_for(request, pk)
    if not permissions.is_owner(request.scope, roadmap):
        raise PermissionDenied
    return roadmap


def _editable(request, roadmap):
    if not permissions.can_edit_plan(request.scope, roadmap):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_edit(request, pk):
    roadmap = _owned(request, pk)
    _editable(request, roadmap)
    if roadmap.is_unit_plan:
        form = forms.UnitPlanForm(request.POST or None, roadmap=roadmap)
    else:
        form = forms.RoadmapForm(request.POST or None, roadmap=roadmap)

    def write(data):
        fields = dict(data)
        version = fields.pop("version", None)
        return services.roadmap_update(
            by=request.membership, roadmap=roadmap, expected_version=version, **fields
        )

    done = _submit(
        request, form, write, success="Изменения сохранены.", target=roadmap.get_absolute_url()
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {roadmap}",
        breadcrumbs=_crumbs(roadmap, "Изменение"),
        cancel_url=roadmap.get_absolute_url(),
    )


# --- workflow ---------------------------------------------------------------------------------


def _transition(request, pk, write, success):
    roadmap = selectors.roadmap_for(request, pk)
    try:
        write(roadmap)
    except (DomainError, ValidationError) as exc:
        messages.error(request, _message(exc))
    else:
        messages.success(request, success(roadmap) if callable(success) else success)
    return redirect(roadmap.get_absolute_url())


def _message(exc) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


@login_required
@require_POST
def roadmap_submit(request, pk):
    return _transition(
        request,
        pk,
        lambda r: services.roadmap_submit(by=request.membership, roadmap=r),
        lambda r: (
            "План работы направлен на согласование руководству учреждения."
            if r.is_unit_plan
            else "Дорожная карта направлена в Департамент на согласование."
        ),
    )


@login_required
@require_POST
def roadmap_agree(request, pk):
    return _transition(
        request,
        pk,
        lambda r: services.roadmap_agree(by=request.membership, roadmap=r),
        "Дорожная карта согласована; согласованная версия сохранена.",
    )


@login_required
@require_POST
def roadmap_reopen(request, pk):
    return _transition(
        request,
        pk,
        lambda r: services.roadmap_reopen(by=request.membership, roadmap=r),
        "Можно вносить изменения. Согласованная версия действует, пока Департамент не "
        "согласует новую.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_return(request, pk):
    """MAP-3: the Department returns the plan with remarks on it and on single items."""
    roadmap = selectors.roadmap_for(request, pk)
    if not permissions.can_decide(request.scope, roadmap):
        raise PermissionDenied
    items = [item for section in selectors.plan_sections(roadmap) for item in section.item_list]
    form = forms.ReturnForm(request.POST or None, items=items)

    def write(data):
        return services.roadmap_return(
            by=request.membership,
            roadmap=roadmap,
            remark=data.get("remark") or "",
            item_remarks=form.item_remarks(),
        )

    done = _submit(
        request,
        form,
        write,
        success="Дорожная карта возвращена на доработку с замечаниями.",
        target=roadmap.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Вернуть на доработку: {roadmap}",
        breadcrumbs=_crumbs(roadmap, "Вернуть на доработку"),
        cancel_url=roadmap.get_absolute_url(),
        submit="Вернуть с замечаниями",
    )


# --- versions ---------------------------------------------------------------------------------


def _version_content(request, roadmap, value: str) -> tuple[str, dict]:
    if value == "current":
        return "текущий план", snapshot_of(roadmap, selectors.plan_sections(roadmap))
    try:
        number = int(value)
    except ValueError:
        raise Http404 from None
    version = selectors.version_for(request, roadmap, number)
    return f"версия {version.number} ({version})", version.content


@login_required
def version_compare(request, pk):
    """MAP-3: two versions side by side — added, removed and changed items highlighted."""
    roadmap = selectors.roadmap_for(request, pk)
    versions = list(selectors.versions_of(request, roadmap))
    if not versions:
        messages.info(request, "Согласованных версий пока нет: сравнивать нечего.")
        return redirect(roadmap.get_absolute_url() + "?tab=versions")
    left_key = request.GET.get("a") or str(versions[0].number)
    right_key = request.GET.get("b") or (
        str(versions[-1].number) if len(versions) > 1 else "current"
    )
    left_title, left = _version_content(request, roadmap, left_key)
    right_title, right = _version_content(request, roadmap, right_key)
    changes = compare(left, right)
    options = [(str(v.number), f"Версия {v.number}") for v in versions] + [
        ("current", "Текущий план")
    ]
    return render(
        request,
        "roadmaps/compare.html",
        {
            "title": f"Сравнение версий: {roadmap}",
            "breadcrumbs": _crumbs(roadmap, "Сравнение версий"),
            "roadmap": roadmap,
            "left_title": left_title,
            "right_title": right_title,
            "left_key": left_key,
            "right_key": right_key,
            "options": options,
            "changes": changes,
            "counts": {
                status: sum(1 for c in changes if c.status == status)
                for status in ("added", "removed", "changed")
            },
        },
    )
