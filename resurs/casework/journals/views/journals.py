"""The department's journals (SOC-8; 002 §5.1): a page per journal with its filters
(period, unit, district) and pagination, printed to XLSX and PDF. Every read goes through
the journal's selector (``visible_to``); a printed journal writes the access log of every
record it carries (journals.exportlog)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from resurs.casework.journals import permissions
from resurs.casework.journals.catalogue import JOURNALS, Journal
from resurs.casework.journals.exportlog import log_export
from resurs.casework.journals.exports.journals import journal_export, journal_xlsx
from resurs.casework.journals.forms import JournalFilterForm
from resurs.kernel import documents
from resurs.kernel.documents import XLSX_CONTENT_TYPE

PAGE_SIZE = 50
INDEX_CRUMB = ("Журналы отделения", "/journals/")


def _journal(request, key: str) -> Journal:
    if not permissions.can_keep_journals(request.scope) or key not in JOURNALS:
        raise Http404
    return JOURNALS[key]


@login_required
@require_GET
def index(request):
    if not permissions.can_keep_journals(request.scope):
        raise Http404
    return render(
        request,
        "journals/index.html",
        {
            "title": "Журналы отделения",
            "breadcrumbs": [(INDEX_CRUMB[0], None)],
            "journals": list(JOURNALS.values()),
        },
    )


@login_required
@require_GET
def journal(request, key):
    journal = _journal(request, key)
    form = JournalFilterForm(request.GET or None, who=request)
    page = Paginator(journal.rows(request, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    records = list(page.object_list)
    extras = journal.extras(request, records, timezone.localdate())
    rows = [
        {
            "number": page.start_index() + index,
            "cells": journal.cells(record, extras),
            "url": journal.url(record) if journal.url else None,
        }
        for index, record in enumerate(records)
    ]
    context = {
        "title": journal.title,
        "breadcrumbs": [INDEX_CRUMB, (journal.title, None)],
        "journal": journal,
        "filter_form": form,
        "page_obj": page,
        "rows": rows,
        "query": request.GET.urlencode(),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "journals/journal.html#results", context)
    return render(request, "journals/journal.html", context)


@login_required
@require_GET
def journal_print(request, key, format):
    """The journal with the page's filters, every row, as XLSX or PDF; one access-log
    entry per exported record."""
    journal = _journal(request, key)
    export = journal_export(
        who=request,
        journal=journal,
        form=JournalFilterForm(request.GET or None, who=request),
        organisation_name=request.membership.organisation.name,
        today=timezone.localdate(),
    )
    log_export(request, journal, export.records)
    document = export.document
    if format == "xlsx":
        return documents.file_response(
            journal_xlsx(document), document.filename_for(documents.Format.XLSX), XLSX_CONTENT_TYPE
        )
    return documents.render(document, "pdf")
