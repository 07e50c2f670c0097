"""REP-8: the downloads of a report, of the receiver's board and of the REP-6 dashboards (XLSX
in the form's layout, PDF). Each view parses the request as its page does, applies the
page's access rules (403 for a role without the page, 404 for a report, centre or direction
outside the scope), asks an export builder (reporting.exports) for the document and renders
it. Reports are read through the scoped selectors."""

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.views.decorators.http import require_GET

from resurs.coordination.reporting import forms, selectors
from resurs.coordination.reporting.dashboards import selectors as dashboards
from resurs.coordination.reporting.dashboards.forms import DashboardFilterForm
from resurs.coordination.reporting.dashboards.views import int_param, require_role
from resurs.coordination.reporting.exports import board, department, direction, report, territory
from resurs.kernel import documents
from resurs.kernel.accounts.roles import Role


def _report(request, pk):
    return report.report_export(selectors.report_for(request, pk))


@login_required
@require_GET
def report_xlsx(request, pk):
    return documents.render(_report(request, pk), "xlsx")


@login_required
@require_GET
def report_pdf(request, pk):
    return documents.render(_report(request, pk), "pdf")


def _board(request):
    """The board of reporting.views.board for the same GET parameters (form=<code>,
    period=<key>) and the same filter form."""
    today = timezone.localdate()
    filter_form = forms.BoardFilterForm(request.GET or None, today=today)
    period = filter_form.chosen_period()
    form = filter_form.cleaned_data.get("form") if filter_form.is_valid() else None
    return board.board_export(
        scope=request.scope,
        period=period,
        form=form,
        organisation_name=request.membership.organisation.name if request.membership else "",
        today=today,
    )


@login_required
@require_GET
def board_xlsx(request):
    return documents.render(_board(request), "xlsx")


@login_required
@require_GET
def board_pdf(request):
    return documents.render(_board(request), "pdf")


def _department(request):
    """The Department's dashboard for its page's GET parameters (period=<key>,
    direction=<id>) with its filter form and its roles."""
    require_role(
        request, dashboards.DASHBOARD_ROLES, "Панель доступна Департаменту и методическому центру."
    )
    today = timezone.localdate()
    directions = dashboards.active_directions()
    filter_form = DashboardFilterForm(request.GET or None, today=today, directions=directions)
    period, direction_id = filter_form.chosen()
    return department.department_export(
        scope=request.scope,
        period=period,
        directions=directions,
        direction_id=direction_id,
        today=today,
    )


@login_required
@require_GET
def dashboard_xlsx(request):
    return documents.render(_department(request), "xlsx")


@login_required
@require_GET
def dashboard_pdf(request):
    return documents.render(_department(request), "pdf")


def _direction(request):
    """A centre's direction (organisation, direction, period): a centre its own direction
    only, the region-wide roles any centre; anything else is 404, as on the page."""
    organisation, chosen = dashboards.centre_of(
        request, int_param(request.GET.get("organisation")), int_param(request.GET.get("direction"))
    )
    today = timezone.localdate()
    return direction.direction_export(
        scope=request.scope,
        organisation=organisation,
        direction=chosen,
        period=dashboards.chosen_quarter(request.GET.get("period"), today),
        today=today,
    )


@login_required
@require_GET
def dashboard_direction_xlsx(request):
    return documents.render(_direction(request), "xlsx")


@login_required
@require_GET
def dashboard_direction_pdf(request):
    return documents.render(_direction(request), "pdf")


def _territory(request):
    """A УСЗН's territory for the page's period: a УСЗН only (403 for the others)."""
    require_role(request, {Role.USZN}, "Страница территории доступна УСЗН.")
    today = timezone.localdate()
    return territory.territory_export(
        scope=request.scope,
        period=dashboards.chosen_quarter(request.GET.get("period"), today),
        organisation_name=request.membership.organisation.name,
        today=today,
    )


@login_required
@require_GET
def dashboard_territory_xlsx(request):
    return documents.render(_territory(request), "xlsx")


@login_required
@require_GET
def dashboard_territory_pdf(request):
    return documents.render(_territory(request), "pdf")
