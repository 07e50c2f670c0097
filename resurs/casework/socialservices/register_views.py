"""The register of recipients of social services (442-FZ art. 25): the page by period with
filters, a POSTed search, pagination and the XLSX export through the document layer. Every
showing writes the access log of the recipients it showed (channel «веб-интерфейс»), every
export of those it carried (channel «выгрузка»)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from resurs.casework.citizens import selectors as citizens_selectors
from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.socialservices import permissions, register
from resurs.casework.socialservices.register_export import register_document
from resurs.casework.socialservices.register_forms import RegisterFilterForm, RegisterSearchForm
from resurs.kernel import documents

PAGE_SIZE = 50
TITLE = "Регистр получателей социальных услуг"


def _allowed(request) -> None:
    if not permissions.can_read_register(request.scope):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def register_page(request):
    """442-FZ art. 25: the recipients of the period, derived from the service facts."""
    _allowed(request)
    filter_form = RegisterFilterForm(request.GET or None, who=request)
    search_form = RegisterSearchForm(request.POST or None)
    searched = request.method == "POST" and search_form.is_valid()
    person_ids = None
    if searched:
        found = citizens_selectors.search(request, search_form.cleaned_data["q"])
        person_ids = frozenset(found.values_list("pk", flat=True))
    filters = filter_form.filters(person_ids)
    page = Paginator(register.recipients(request, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = register.rows(request, filters, list(page.object_list), start=page.start_index())
    log_records(request, [row.person for row in rows], channel=AccessChannel.UI)
    context = {
        "title": TITLE,
        "breadcrumbs": [(TITLE, None)],
        "filter_form": filter_form,
        "search_form": search_form,
        "searched": searched,
        "filters": filters,
        "page_obj": page,
        "rows": rows,
        "legend": register.CONTRACT_LEGEND,
        "query": request.GET.urlencode(),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "socialservices/register.html#results", context)
    return render(request, "socialservices/register.html", context)


@login_required
@require_GET
def register_xlsx(request):
    """The register of the page's period and filters, every row, as XLSX."""
    _allowed(request)
    filters = RegisterFilterForm(request.GET or None, who=request).filters()
    rows = list(register.all_rows(request, filters))
    log_records(request, [row.person for row in rows], channel=AccessChannel.EXPORT)
    document = register_document(
        rows,
        filters=filters,
        organisation_name=request.membership.organisation.name,
        today=timezone.localdate(),
    )
    return documents.render(document, "xlsx")
