"""Pages of the registries (REG-1, REG-4, REG-5, REG-6): querysets from `selectors`, writes from
`services`. The four list registries share one set of views driven by `catalogue`; the
social practices also have the matrix, edited cell by cell with htmx."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.registries import permissions, selectors, services
from resurs.coordination.registries.catalogue import PARTICIPANTS, PRACTICES, REGISTRIES
from resurs.coordination.registries.forms import CellForm, MatrixAddForm, MatrixFilterForm
from resurs.coordination.registries.models import PracticeStatus, SocialPractice
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
INDEX_TITLE = "Реестры"
INDEX_CRUMB = (INDEX_TITLE, "/registries/")
CARD_TABS = (("details", "Сведения"), ("files", "Файлы"), ("history", "История изменений"))
MATRIX_TITLE = "Матрица внедрения социальных практик"


def _is_fragment(request, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def _list_url(registry) -> str:
    return reverse(f"registries:{registry.slug}_list")


@login_required
def index(request):
    """The registries with the number of records the user sees in each."""
    sizes = selectors.registry_sizes(request)
    return render(
        request,
        "registries/index.html",
        {
            "title": INDEX_TITLE,
            "breadcrumbs": [(INDEX_TITLE, None)],
            "registries": [
                (registry, sizes[registry.model], _list_url(registry)) for registry in REGISTRIES
            ],
            "matrix_url": reverse("registries:matrix"),
        },
    )


def _filter_form(request, registry):
    owners = selectors.owners_of(
        registry.model.objects.visible_to(request),
        chosen=request.GET.get("organisation"),
        who=request,
    )
    return registry.filter_form(request.GET or None, owners=owners, who=request)


@login_required
def record_list(request, registry):
    form = _filter_form(request, registry)
    queryset = registry.selector(request, form.to_filter())
    context = {
        "title": registry.title,
        "breadcrumbs": [INDEX_CRUMB, (registry.title, None)],
        "registry": registry,
        "filter_form": form,
        "page_obj": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        "rows_template": f"registries/rows/{registry.slug}.html",
        # KPI 6.6 counts organisations; one takes part in several directions of a registry.
        "organisations_count": (
            selectors.distinct_organisations(queryset) if registry is PARTICIPANTS else None
        ),
        "can_add": permissions.can_keep_registries(request.scope),
        "create_url": reverse(f"registries:{registry.slug}_create"),
        "export_url": reverse(f"registries:{registry.slug}_export"),
        "template_url": reverse("exchange:template", args=[registry.importer]),
        # ?importer= preselects the table once exchange's upload form reads it.
        "import_url": f"{reverse('exchange:import_list')}?importer={registry.importer}",
    }
    if _is_fragment(request, "results"):
        return render(request, "registries/list.html#results", context)
    return render(request, "registries/list.html", context)


@login_required
def record_export(request, registry):
    """The list as the user sees it (same filters) in XLSX."""
    form = _filter_form(request, registry)
    queryset = registry.selector(request, form.to_filter())
    document = documents.Document(
        filename=registry.slug,
        title=registry.title,
        columns=registry.export_columns,
        rows=registry.rows_for_export(request.scope, queryset),
    )
    return documents.render(document, "xlsx")


def _card_crumbs(registry, record, title=None):
    crumbs = [INDEX_CRUMB, (registry.title, _list_url(registry))]
    if title is None:
        return [*crumbs, (str(record), None)]
    return [*crumbs, (str(record), record.get_absolute_url()), (title, None)]


@login_required
def record_detail(request, registry, pk):
    record = selectors.record_for(request, registry.model, pk)
    tab = request.GET.get("tab", "details")
    if tab not in dict(CARD_TABS):
        tab = "details"
    can_edit = permissions.can_edit_record(request.scope, record)
    context = {
        "title": str(record),
        "breadcrumbs": _card_crumbs(registry, record),
        "registry": registry,
        "record": record,
        "tabs": CARD_TABS,
        "tab": tab,
        "can_edit": can_edit,
        "details_template": f"registries/details/{registry.slug}.html",
        "edit_url": reverse(f"registries:{registry.slug}_edit", args=[record.pk]),
        "is_practice": registry is PRACTICES,
    }
    if tab == "history":
        context["history"] = history_of(record)
    elif tab == "details" and registry is PRACTICES:
        context["cells"] = (
            selectors.practice_cells_visible_to(request)
            .filter(practice=record)
            .exclude(status=PracticeStatus.NOT_IMPLEMENTED)
            .order_by("status", "institution__name", "id")
        )
        context["matrix_url"] = _matrix_url(record.owner_id)
    if _is_fragment(request, "card-tab"):
        return render(request, "registries/detail.html#tab", context)
    return render(request, "registries/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def record_create(request, registry):
    if not permissions.can_keep_registries(request.scope):
        raise PermissionDenied
    form = registry.form(request.POST or None, scope=request.scope)

    def write(_data):
        fields = form.record_fields()
        fields.setdefault("owner", form.instance.owner)
        return registry.create(by=request.membership, **fields)

    done = _submit(
        request,
        form,
        write,
        success="Запись внесена в реестр.",
        target=lambda record: record.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"{registry.title}: {registry.add_label.lower()}",
        breadcrumbs=[INDEX_CRUMB, (registry.title, _list_url(registry)), ("Новая запись", None)],
        cancel_url=_list_url(registry),
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request, registry, pk):
    record = selectors.record_for(request, registry.model, pk)
    if not permissions.can_edit_record(request.scope, record):
        raise PermissionDenied
    form = registry.form(request.POST or None, instance=record, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: registry.update(
            request.membership, record, data.get("version"), form.record_fields()
        ),
        success="Изменения сохранены.",
        target=lambda saved: saved.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {record}",
        breadcrumbs=_card_crumbs(registry, record, "Изменение"),
        cancel_url=record.get_absolute_url(),
    )


# --- REG-6: the matrix -------------------------------------------------------------------------


def _matrix_context(request):
    form = MatrixFilterForm(request.GET or None, who=request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    matrix = selectors.practice_matrix(
        request,
        owner_id=data["organisation"].pk if data.get("organisation") else None,
        territory_id=data["territory"].pk if data.get("territory") else None,
        text=data.get("q") or "",
    )
    form = MatrixFilterForm(request.GET or None, who=request, owners=matrix.owners)
    if matrix.owner is not None and not form.is_bound:
        form.initial["organisation"] = matrix.owner.pk
    editable = [permissions.can_edit_cell(request.scope, p) for p in matrix.practices]
    editable_practices = [p for p, e in zip(matrix.practices, editable, strict=True) if e]
    rows = [
        {
            "institution": row.institution,
            "cells": [
                {"practice": practice, "institution": row.institution, "cell": cell,
                 "editable": editable[i]}
                for i, (practice, cell) in enumerate(zip(matrix.practices, row.cells, strict=True))
            ],
        }
        for row in matrix.rows
    ]  # fmt: skip
    totals = [
        [(status.label, counts[status]) for status in list(PracticeStatus)[1:] if counts[status]]
        for counts in matrix.totals
    ]
    return {
        "title": MATRIX_TITLE,
        "breadcrumbs": [INDEX_CRUMB, (MATRIX_TITLE, None)],
        "filter_form": form,
        "matrix": matrix,
        "rows": rows,
        "totals": totals,
        "can_edit_any": any(editable),
        "add_form": MatrixAddForm(who=request, practices=editable_practices)
        if editable_practices
        else None,
        "export_url": reverse("registries:matrix_export"),
        "practices_url": _list_url(PRACTICES),
        "can_add_practice": permissions.can_keep_registries(request.scope),
        "statuses": PracticeStatus.choices,
    }


@login_required
def matrix(request):
    """REG-6: practice × institution, every cell editable in place by the practice's keeper."""
    context = _matrix_context(request)
    if _is_fragment(request, "results"):
        return render(request, "registries/matrix.html#results", context)
    return render(request, "registries/matrix.html", context)


@login_required
def matrix_export(request):
    """REG-6: the grid as on the screen: a row per institution, a column per practice."""
    context = _matrix_context(request)
    matrix = context["matrix"]
    columns = [("Учреждение", 50), ("Территория", 22)] + [
        (f"{p.number}. {p.title}", 24) for p in matrix.practices
    ]

    def value(cell):
        if cell is None:
            return PracticeStatus.NOT_IMPLEMENTED.label
        if cell.started_on:
            return f"{cell.get_status_display()} с {cell.started_on:%d.%m.%Y}"
        return cell.get_status_display()

    rows = (
        (row.institution.name, str(row.institution.territory), *map(value, row.cells))
        for row in matrix.rows
    )
    return documents.render(
        documents.Document(
            filename="practices-matrix", title="Матрица практик", columns=columns, rows=rows
        ),
        "xlsx",
    )


@login_required
@require_POST
def matrix_add(request):
    """REG-6: put an institution into the matrix with its first practice."""
    practices = [
        p
        for p in selectors.practices_visible_to(request)
        if permissions.can_edit_cell(request.scope, p)
    ]
    if not practices:
        raise PermissionDenied
    form = MatrixAddForm(request.POST, who=request, practices=practices)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.practice_cell_set(
                by=request.membership,
                practice=data["practice"],
                institution=data["institution"],
                status=data["status"],
                started_on=data["started_on"],
                expected_version=None,
            )
        except (DomainError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"Учреждение «{data['institution']}» добавлено в матрицу.")
        owner = data["practice"].owner_id
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Учреждение не добавлено: {error}")
        owner = practices[0].owner_id
    return redirect(_matrix_url(owner))


def _cell_target(request, practice_pk, institution_pk):
    """The practice (scoped), the institution and the cell, if any, of a matrix cell URL.

    An empty cell exists only in a row of the matrix: the institution has a cell of another
    practice of the same keeper that the user sees.
    """
    practice = get_object_or_404(SocialPractice.objects.visible_to(request), pk=practice_pk)
    cells = selectors.practice_cells_visible_to(request).filter(
        practice__owner_id=practice.owner_id, institution_id=institution_pk
    )
    row = {c.practice_id: c for c in cells}
    if not row:
        raise Http404
    cell = row.get(practice.pk)
    institution = next(iter(row.values())).institution
    return practice, institution, cell


def _cell_context(practice, institution, cell, editable, **extra):
    return {
        "item": {
            "practice": practice,
            "institution": institution,
            "cell": cell,
            "editable": editable,
        },
        **extra,
    }


@login_required
def cell(request, practice_pk, institution_pk):
    """REG-6: one cell as the grid shows it (the «Отмена» of the in-place editor)."""
    practice, institution, found = _cell_target(request, practice_pk, institution_pk)
    editable = permissions.can_edit_cell(request.scope, practice)
    return render(
        request, "registries/_cell.html", _cell_context(practice, institution, found, editable)
    )


@login_required
@require_http_methods(["GET", "POST"])
def cell_edit(request, practice_pk, institution_pk):
    """REG-6: the in-place editor of a cell; without htmx the same form is a page.

    A cell saved by somebody else since the editor opened it is not overwritten: the editor
    gets the form back with a message naming who changed it and the value now stored.
    """
    practice, institution, found = _cell_target(request, practice_pk, institution_pk)
    if not permissions.can_edit_cell(request.scope, practice):
        raise PermissionDenied
    fragment = bool(request.headers.get("HX-Request"))
    prefix = f"cell-{practice.pk}-{institution.pk}"
    initial = {
        "status": found.status if found else PracticeStatus.NOT_IMPLEMENTED,
        "started_on": found.started_on if found else None,
        "version": found.version if found else 0,
    }
    form = CellForm(request.POST or None, initial=initial, prefix=prefix)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.practice_cell_set(
                by=request.membership,
                practice=practice,
                institution=institution,
                status=data["status"],
                started_on=data["started_on"],
                note=found.note if found else "",
                expected_version=data["version"],
            )
        except services.CellConflict as exc:
            conflict = str(exc)
            found = exc.cell
            # The editor keeps what they chose and may save it on top of the current value.
            form = CellForm(
                initial={**data, "version": found.version},
                prefix=prefix,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if fragment:
                return render(
                    request,
                    "registries/_cell.html",
                    _cell_context(practice, institution, saved, True, saved_now=True),
                )
            messages.success(request, "Ячейка сохранена.")
            return redirect(_matrix_url(practice.owner_id))
    context = _cell_context(
        practice, institution, found, True, form=form, conflict=conflict,
        edit_url=reverse("registries:cell_edit", args=[practice.pk, institution.pk]),
        cancel_url=reverse("registries:cell", args=[practice.pk, institution.pk]),
    )  # fmt: skip
    if fragment:
        # htmx swaps only successful responses: the form with its errors comes back as 200.
        return render(request, "registries/_cell_form.html", context)
    context.update(
        title=f"{practice} — {institution}",
        breadcrumbs=[INDEX_CRUMB, (MATRIX_TITLE, _matrix_url(practice.owner_id)), ("Ячейка", None)],
        matrix_url=_matrix_url(practice.owner_id),
    )
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return render(request, "registries/cell_page.html", context, status=status)


def _matrix_url(owner_id) -> str:
    return f"{reverse('registries:matrix')}?organisation={owner_id}"


@login_required
def cell_history(request, pk):
    """REG-6: who changed a cell, when, and from what to what."""
    found = selectors.practice_cell_for(request, pk)
    return render(
        request,
        "registries/cell_history.html",
        {
            "title": f"История ячейки: {found.practice} — {found.institution}",
            "breadcrumbs": [
                INDEX_CRUMB,
                (MATRIX_TITLE, _matrix_url(found.practice.owner_id)),
                ("История ячейки", None),
            ],
            "cell": found,
            "history": history_of(found),
        },
    )
