"""REP-8: the downloads of a report and of the receiver's board (XLSX in the form's layout,
PDF). Reports are read through the scoped selectors: one outside the caller's scope is 404."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from reporting import exports, selectors


@login_required
@require_GET
def report_xlsx(request, pk):
    return exports.report_xlsx(selectors.report_for(request, pk))


@login_required
@require_GET
def report_pdf(request, pk):
    return exports.report_pdf(selectors.report_for(request, pk))


@login_required
@require_GET
def board_xlsx(request):
    return exports.board_xlsx(request)


@login_required
@require_GET
def board_pdf(request):
    return exports.board_pdf(request)
