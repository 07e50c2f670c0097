"""Pages of requests and instructions (REP-9): the sender's board, «incoming», the card of an
instruction with its addressees, the answer card with the answer form and the sender's review.

Querysets come from `selectors`, writes from `services`; one-form pages use `ui.pages`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resurs.coordination.instructions import exports, forms, permissions, selectors, services
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page, submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
BOARD_CRUMB = ("Запросы и поручения", "/instructions/")
INCOMING_CRUMB = ("Входящие запросы и поручения", "/instructions/incoming/")


def _is_fragment(request, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _version(data: dict):
    return data.get("version")


@login_required
def board(request):
    """REP-9: the sender's board — its instructions with the addressees by control status."""
    form = forms.BoardFilterForm(request.GET or None)
    filters = form.filters()
    today = timezone.localdate()
    context = {
        "title": "Запросы и поручения",
        "breadcrumbs": [(BOARD_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": _page(request, selectors.board(request, filters, today)),
        "totals": selectors.board_totals(request, filters, today),
        "can_send": permissions.can_send(request.scope),
        "show_sender": request.scope.region_wide,
    }
    if _is_fragment(request, "results"):
        return render(request, "instructions/board.html#results", context)
    return render(request, "instructions/board.html", context)


@login_required
@require_GET
def board_xlsx(request):
    """REP-8: the board with its filters, every instruction with its addressees' control
    status and the totals, as an XLSX sheet."""
    return documents.render(_board_export(request), "xlsx")


@login_required
@require_GET
def board_pdf(request):
    """REP-8: the same board as a PDF."""
    return documents.render(_board_export(request), "pdf")


def _board_export(request):
    return exports.board_export(
        scope=request.scope,
        form=forms.BoardFilterForm(request.GET or None),
        organisation_name=request.membership.organisation.name,
    )


@login_required
def incoming(request):
    """REP-9: what the user's organisation received, with deadlines and states."""
    form = forms.IncomingFilterForm(request.GET or None)
    context = {
        "title": "Входящие запросы и поручения",
        "breadcrumbs": [(INCOMING_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": _page(request, selectors.incoming(request, form.filters())),
    }
    if _is_fragment(request, "results"):
        return render(request, "instructions/incoming.html#results", context)
    return render(request, "instructions/incoming.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def instruction_create(request):
    if not permissions.can_send(request.scope):
        raise PermissionDenied
    form = forms.InstructionForm(request.POST or None, request.FILES or None, who=request)
    done = submit(
        request,
        form,
        lambda data: services.instruction_create(by=request.membership, **data),
        success="Отправлено адресатам.",
        target=lambda instruction: instruction.get_absolute_url(),
    )
    return done or form_page(
        request,
        form=form,
        title="Новый запрос или поручение",
        breadcrumbs=[BOARD_CRUMB, ("Новый запрос", None)],
        cancel_url=reverse("instructions:board"),
        multipart=True,
        submit="Отправить",
    )


def _rows(request, instruction):
    rows = selectors.with_files(list(selectors.addressees_of(request, instruction)))
    for row in rows:
        row.instruction = instruction
        row.may_review = permissions.can_review(request.scope, row)
        row.may_answer = permissions.can_answer(request.scope, row)
    return rows


@login_required
def instruction_detail(request, pk):
    """REP-9: the card — text, files, and the addressees the user may see with their answers
    and control status (the drill-down of the board)."""
    instruction = selectors.instruction_for(request, pk)
    can_manage = permissions.can_manage(request.scope, instruction)
    # The history names every addressee's answer: only the sender's side and region-wide roles.
    show_history = can_manage or request.scope.region_wide
    return render(
        request,
        "instructions/detail.html",
        {
            "instruction": instruction,
            "title": f"{instruction.label}: {instruction.title}",
            "breadcrumbs": [
                BOARD_CRUMB if can_manage else INCOMING_CRUMB,
                (instruction.label, None),
            ],
            "rows": _rows(request, instruction),
            "can_manage": can_manage and instruction.is_open,
            "history": history_of(instruction) if show_history else None,
            "show_history": show_history,
        },
    )


def _finish(request, pk, write, success):
    instruction = selectors.instruction_for(request, pk)
    if not permissions.can_manage(request.scope, instruction):
        raise PermissionDenied
    try:
        write(instruction)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(instruction.get_absolute_url())


@login_required
@require_POST
def instruction_close(request, pk):
    return _finish(
        request,
        pk,
        lambda i: services.instruction_close(
            by=request.membership, instruction=i, expected_version=_post_version(request)
        ),
        "Запрос снят с контроля.",
    )


@login_required
@require_POST
def instruction_cancel(request, pk):
    return _finish(
        request,
        pk,
        lambda i: services.instruction_cancel(
            by=request.membership, instruction=i, expected_version=_post_version(request)
        ),
        "Запрос отменён.",
    )


def _post_version(request):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


# --- the answer card -------------------------------------------------------------------------


def _addressee_crumbs(request, row, title=None):
    instruction = row.instruction
    first = BOARD_CRUMB if permissions.can_manage(request.scope, instruction) else INCOMING_CRUMB
    crumbs = [first, (instruction.label, instruction.get_absolute_url())]
    if title:
        return [*crumbs, (str(row.organisation), row.get_absolute_url()), (title, None)]
    return [*crumbs, (str(row.organisation), None)]


@login_required
def addressee_detail(request, pk):
    """REP-9: one addressee's answer — the instruction, the answer with its files, the
    sender's remark; the addressee answers here, the sender accepts or returns."""
    row = selectors.addressee_for(request, pk)
    instruction = row.instruction
    return render(
        request,
        "instructions/addressee.html",
        {
            "row": row,
            "instruction": instruction,
            "title": f"{instruction.label}: {row.organisation}",
            "breadcrumbs": _addressee_crumbs(request, row),
            "instruction_files": selectors.files_of(instruction),
            "may_answer": permissions.can_answer(request.scope, row),
            "may_review": permissions.can_review(request.scope, row),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    row = selectors.addressee_for(request, pk)
    if not permissions.can_answer(request.scope, row):
        raise PermissionDenied
    form = forms.AnswerForm(
        request.POST or None,
        request.FILES or None,
        initial={"text": row.answer_text, "version": row.version},
    )
    done = submit(
        request,
        form,
        lambda data: services.answer_submit(
            by=request.membership,
            addressee=row,
            text=data["text"],
            files=data["files"],
            expected_version=_version(data),
        ),
        success="Ответ направлен отправителю.",
        target=row.get_absolute_url(),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Ответ: {row.instruction.label}",
        breadcrumbs=_addressee_crumbs(request, row, "Ответ"),
        cancel_url=row.get_absolute_url(),
        multipart=True,
        submit="Направить ответ",
    )


@login_required
@require_POST
def accept(request, pk):
    row = selectors.addressee_for(request, pk)
    if not permissions.can_review(request.scope, row):
        raise PermissionDenied
    try:
        services.answer_accept(
            by=request.membership, addressee=row, expected_version=_post_version(request)
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Ответ принят.")
    return redirect(row.instruction.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def return_answer(request, pk):
    row = selectors.addressee_for(request, pk)
    if not permissions.can_review(request.scope, row):
        raise PermissionDenied
    form = forms.ReturnForm(request.POST or None, initial={"version": row.version})
    done = submit(
        request,
        form,
        lambda data: services.answer_return(
            by=request.membership,
            addressee=row,
            remark=data["remark"],
            expected_version=_version(data),
        ),
        success="Ответ возвращён на доработку.",
        target=row.instruction.get_absolute_url(),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Вернуть на доработку: {row.organisation}",
        breadcrumbs=_addressee_crumbs(request, row, "Возврат на доработку"),
        cancel_url=row.get_absolute_url(),
        submit="Вернуть на доработку",
    )
