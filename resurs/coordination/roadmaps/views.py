"""Pages of roadmaps (SPEC §3 MAP-1..MAP-4): the list, the card with its table-like editor,
the workflow, execution marks, proposals, versions and the inbox.

The editor works in place with htmx: a row turns into its form (``_item_form.html``) and back
(``_item_row.html``); add, delete and move re-render the plan (``detail.html#plan``), because
numbers change through the whole plan. Without htmx the same URLs serve whole pages.
"""

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
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import apply_domain_error as _apply_domain_error
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
ROADMAPS_CRUMB = ("Дорожные карты", "/roadmaps/")
TABS = (
    ("plan", "План мероприятий"),
    ("execution", "Исполнение"),
    ("proposals", "Предложения"),
    ("versions", "Версии"),
    ("files", "Файлы"),
    ("history", "История изменений"),
)


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _is_fragment(request, target: str) -> bool:
    return _is_htmx(request) and request.headers.get("HX-Target") == target


def _check_direction(direction: str) -> None:
    if direction not in ("up", "down"):
        raise Http404


def _crumbs(roadmap, title=None):
    crumbs = [ROADMAPS_CRUMB, (str(roadmap), roadmap.get_absolute_url() if title else None)]
    if title:
        crumbs.append((title, None))
    return crumbs


# --- list -------------------------------------------------------------------------------------


@login_required
def roadmap_list(request):
    """MAP-1: the plans the user sees, with their state and execution."""
    form = forms.RoadmapFilterForm(request.GET or None)
    page = Paginator(selectors.roadmaps_visible_to(request, form.filters()), PAGE_SIZE).get_page(
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
        messages.success(request, success)
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
        "Дорожная карта направлена в Департамент на согласование.",
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
