"""The rental point's printed documents and journals (TSR-4, TSR-5; seed 002 app. 1, its
appendices 1, 2 and 4).

A contract is found through ``selectors.contract_for`` and a return through
``Return.objects.visible_to``: another's record is «not found» (404) like a missing one. Each
document about a citizen is written in the access log (channel «выгрузка»); a journal's page
logs the contracts it showed (channel «веб-интерфейс»), its file those it carried.
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from resurs.casework.citizens.accesslog import log_access, log_records
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.rental import documents, journals, selectors
from resurs.casework.rental.models import ItemKind, Return
from resurs.kernel import documents as document_layer
from resurs.kernel.ui.forms import StyledFormMixin

PAGE_SIZE = 50
DOCUMENT_FORMATS = {"docx", "pdf"}
JOURNAL_FORMATS = {"xlsx", "pdf"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JournalFilterForm(StyledFormMixin, forms.Form):
    """The journal's period and kind (GET: nothing personal goes into the address)."""

    date_from = forms.DateField(label="Выдано с", required=False, widget=DATE)
    date_to = forms.DateField(label="по", required=False, widget=DATE)
    kind = forms.ModelChoiceField(
        label="Вид ТСР", required=False, queryset=ItemKind.objects.none(), empty_label="Все"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["kind"]).queryset = ItemKind.objects.all()

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "Конец периода раньше его начала.")
        return data

    def filters(self) -> journals.JournalFilter:
        year = journals.JournalFilter.this_year()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return journals.JournalFilter(
            date_from=data.get("date_from") or year.date_from,
            date_to=data.get("date_to") or year.date_to,
            kind=data.get("kind"),
        )


def _format(format: str, allowed: set[str]) -> str:
    if format not in allowed:
        raise Http404
    return format


def _printed(request, contract, document, format: str):
    log_access(request, contract, channel=AccessChannel.EXPORT)
    return document_layer.render(document, format)


@login_required
@require_GET
def contract_document(request, pk: int, format: str):
    """The contract of temporary use (app. 1) as DOCX or PDF."""
    format = _format(format, DOCUMENT_FORMATS)
    contract = selectors.contract_for(request, pk)
    return _printed(request, contract, documents.contract_document(contract), format)


@login_required
@require_GET
def transfer_act(request, pk: int, format: str):
    """The act of transfer of the contract's items (app. 1 to the contract)."""
    format = _format(format, DOCUMENT_FORMATS)
    contract = selectors.contract_for(request, pk)
    return _printed(request, contract, documents.transfer_act_document(contract), format)


@login_required
@require_GET
def acceptance_act(request, pk: int, format: str):
    """The act of acceptance of one return, with its charges and refunds."""
    format = _format(format, DOCUMENT_FORMATS)
    ret = get_object_or_404(
        Return.objects.visible_to(request).select_related(
            "contract", "contract__person", "contract__organisation", "contract__application",
            "accepted_by",
        ),
        pk=pk,
    )  # fmt: skip
    return _printed(request, ret.contract, documents.acceptance_act_document(ret), format)


def _contracts_of(rows) -> list:
    """The contracts of the rows, each once (the access log names records, not lines)."""
    seen: dict[int, object] = {}
    for row in rows:
        seen.setdefault(row.contract.pk, row.contract)
    return list(seen.values())


def _journal(request, *, movement: bool):
    filter_form = JournalFilterForm(request.GET or None)
    filters = filter_form.filters()
    loans = journals.loans_visible_to(request, filters, movement=movement)
    make_rows = journals.movement_rows if movement else journals.issue_rows
    format = request.GET.get("format")
    if format:
        format = _format(format, JOURNAL_FORMATS)
        rows = make_rows(list(loans))
        log_records(request, _contracts_of(rows), channel=AccessChannel.EXPORT)
        build = journals.movement_document if movement else journals.issue_document
        holder = request.membership.organisation.name
        return document_layer.render(build(rows, filters, holder=holder), format)  # type: ignore[arg-type]
    page = Paginator(loans, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = make_rows(list(page.object_list), start=page.start_index())
    log_records(request, _contracts_of(rows), channel=AccessChannel.UI)
    title = journals.MOVEMENT_TITLE if movement else journals.ISSUE_TITLE
    groups = journals.MOVEMENT_GROUPS if movement else journals.ISSUE_GROUPS
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "title": title,
        "breadcrumbs": [("Пункт проката ТСР", None), (title, None)],
        "filter_form": filter_form,
        "filters": filters,
        "page_obj": page,
        "rows": rows,
        "header_rows": journals.header_rows(groups),
        "numbers": range(1, len(groups) + 1),
        "query": query.urlencode(),
        "movement": movement,
    }
    template = "rental/journal_movement.html" if movement else "rental/journal_issue.html"
    return render(request, template, context)


@login_required
@require_GET
def journal_issue(request):
    """App. 2: «Журнал учета выдачи ТСР во временное пользование»; ``?format=xlsx|pdf``."""
    return _journal(request, movement=False)


@login_required
@require_GET
def journal_movement(request):
    """App. 4: «Журнал движения ТСР» with the return date by contract and the actual one."""
    return _journal(request, movement=True)
