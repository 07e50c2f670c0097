"""Pages of loading from Excel (X-4): upload, watch the check, read the verdicts, save."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.kernel import documents
from resurs.kernel.exchange import selectors, services
from resurs.kernel.exchange.forms import ImportUploadForm
from resurs.kernel.exchange.importers import (
    SUMMARY_LABELS,
    Action,
    ImportRefused,
    get_importer,
    importers_for,
)
from resurs.kernel.exchange.models import ImportState

LIST_TITLE = "Загрузка из файлов"
BATCHES_PER_PAGE = 20
ROWS_PER_PAGE = 100


def _importer_or_none(name: str):
    try:
        return get_importer(name)
    except LookupError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    available = importers_for(request.scope)
    if not available:
        raise PermissionDenied
    form = ImportUploadForm(
        request.POST or None,
        request.FILES or None,
        importers=available,
        who=request.membership,
        initial={"importer": request.GET.get("importer"), "target": request.GET.get("target")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_start(
                by=request.membership,
                importer=form.cleaned_data["importer"],
                file=form.cleaned_data["file"],
                target=form.cleaned_data.get("target", ""),
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        except ImportRefused as exc:
            form.add_error("file", str(exc))
        else:
            if batch.is_running:  # a finished check speaks for itself on the batch page
                messages.success(request, f"Файл «{batch.original_name}» принят и проверяется.")
            return redirect(batch)
    batches = Paginator(selectors.batches_of(request, request.user), BATCHES_PER_PAGE)
    titles = {i.name: i.title for i in available}
    return render(
        request,
        "exchange/list.html",
        {
            "title": LIST_TITLE,
            "breadcrumbs": [(LIST_TITLE, None)],
            "form": form,
            "importers": available,
            "page_obj": batches.get_page(request.GET.get("page")),
            "importer_titles": titles,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def import_template(request, importer):
    try:
        importer_class = get_importer(importer)
    except LookupError:
        raise Http404 from None
    if not importer_class.allows(request.scope):
        raise PermissionDenied
    document = documents.Document(
        filename=f"template-{importer_class.name}",
        title=importer_class.title,
        columns=importer_class.template_columns(),
        rows=[],
    )
    return documents.render(document, "xlsx")


@login_required
def import_detail(request, pk):
    batch = selectors.batch_for(request, pk)
    importer = _importer_or_none(batch.importer)
    applied = batch.state == ImportState.APPLIED
    only_errors = request.GET.get("errors") == "1"

    def label(action: str) -> str:
        return importer.action_label(action, applied=applied) if importer else action

    rows = [
        {**row, "action_label": label(row["action"])}
        for row in batch.rows
        if row["errors"] or not only_errors
    ]
    counts = Counter(row["action"] for row in batch.rows if not row["errors"])
    context = {
        "title": f"Загрузка «{batch.original_name}»",
        "breadcrumbs": [(LIST_TITLE, reverse("exchange:import_list")), (batch.original_name, None)],
        "batch": batch,
        "importer_title": importer.title if importer else batch.importer,
        "page_obj": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "only_errors": only_errors,
        "summary": [
            (SUMMARY_LABELS[action][1 if applied else 0], counts[action])
            for action in Action
            if counts[action]
        ],
        "can_confirm": batch.state == ImportState.VALID
        and request.membership is not None
        and batch.membership_id == request.membership.pk,
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "import-status":
        return render(request, "exchange/detail.html#status", context)
    return render(request, "exchange/detail.html", context)


@login_required
@require_POST
def import_confirm(request, pk):
    batch = selectors.batch_for(request, pk)
    try:
        batch = services.import_confirm(batch=batch, by=request.membership)
    except ImportRefused as exc:
        messages.error(request, str(exc))
    else:
        # A finished save is shown by the batch page's status; only a queued one is told here.
        if batch.state == ImportState.APPLYING:
            messages.info(request, "Загрузка сохраняется. Страница обновится сама.")
    return redirect(batch)
