"""REP-8: the downloads of a report, of the receiver's board and of the REP-6 dashboards (XLSX
in the form's layout, PDF). Reports are read through the scoped selectors: one outside the
caller's scope is 404; a dashboard keeps its page's access rules."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from resurs.coordination.reporting import exports, selectors


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


# The dashboards (REP-6): each with the page's access rules (403 for a role without the page,
# 404 for a centre or direction outside the scope), raised inside reporting.exports.


@login_required
@require_GET
def dashboard_xlsx(request):
    return exports.department_xlsx(request)


@login_required
@require_GET
def dashboard_pdf(request):
    return exports.department_pdf(request)


@login_required
@require_GET
def dashboard_direction_xlsx(request):
    return exports.direction_xlsx(request)


@login_required
@require_GET
def dashboard_direction_pdf(request):
    return exports.direction_pdf(request)


@login_required
@require_GET
def dashboard_territory_xlsx(request):
    return exports.territory_xlsx(request)


@login_required
@require_GET
def dashboard_territory_pdf(request):
    return exports.territory_pdf(request)
