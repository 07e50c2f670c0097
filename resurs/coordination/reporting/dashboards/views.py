"""REP-6 pages: the Department's dashboard (every resource centre × direction × quarter with
KPIs, timeliness, roadmap execution and the coefficient), a resource centre's own direction,
a УСЗН's territory; REP-5: the effectiveness coefficient's formula and its weights; the
background recount of the KPIs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist, TaskResultMismatch
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from resurs.coordination.reporting import coefficient_services, tasks
from resurs.coordination.reporting.dashboards import selectors as dashboards
from resurs.coordination.reporting.dashboards.forms import (
    CoefficientWeightsForm,
    DashboardFilterForm,
)
from resurs.coordination.reporting.dashboards.selectors import (
    COEFFICIENT_EDITOR_ROLES,
    DASHBOARD_ROLES,
    RECOMPUTE_ROLES,
    chosen_quarter,
    quarter_choices,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.ui.pages import submit

REPORTING_CRUMB = ("Отчётность", "/reporting/")
TASK_LABELS = {
    TaskResultStatus.READY: "в очереди",
    TaskResultStatus.RUNNING: "выполняется",
    TaskResultStatus.SUCCESSFUL: "завершён",
    TaskResultStatus.FAILED: "не удался",
}


# --- the background recount ------------------------------------------------------------------


def task_state(task_id: str) -> dict | None:
    """What the recount task queued from this page is doing (django.tasks result)."""
    if not task_id:
        return None
    try:
        result = tasks.recompute_kpis.get_result(task_id)
    except (TaskResultDoesNotExist, TaskResultMismatch, NotImplementedError, ValueError):
        return {"label": "нет сведений о задаче", "running": False, "status": ""}
    state = {
        "status": result.status,
        "label": TASK_LABELS.get(result.status, str(result.status)),
        "running": result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING),
        "written": None,
    }
    if result.status == TaskResultStatus.SUCCESSFUL:
        state["written"] = result.return_value
    return state


def require_role(request, roles, message):
    if request.scope is None or request.scope.role not in roles:
        raise PermissionDenied(message)


# --- the Department's dashboard --------------------------------------------------------------


@login_required
def dashboard(request):
    """REP-6: every resource centre × direction for a quarter."""
    require_role(request, DASHBOARD_ROLES, "Панель доступна Департаменту и методическому центру.")
    today = timezone.localdate()
    directions = dashboards.active_directions()
    filter_form = DashboardFilterForm(request.GET or None, today=today, directions=directions)
    period, direction_id = filter_form.chosen()
    task = task_state(request.GET.get("task", ""))
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "kpi-status":
        context = {
            "period": period,
            "task": task,
            "computed_at": dashboards.computed_at(request, period),
        }
        return render(request, "reporting/dashboard.html#kpi_status", context)
    data = dashboards.department(
        request, period=period, today=today, directions=directions, direction_id=direction_id
    )
    context = {
        "title": "Панель Департамента",
        "breadcrumbs": [REPORTING_CRUMB, ("Панель Департамента", None)],
        "filter_form": filter_form,
        "period": period,
        "data": data,
        "computed_at": data.computed_at,
        "task": task,
        "can_recompute": request.scope.role in RECOMPUTE_ROLES,
        "trend_chart": dashboards.trend_chart(data.trend),
        "coefficient_chart": dashboards.coefficient_chart(data.rows),
        "rc_forms": dashboards.RC_FORMS,
    }
    return render(request, "reporting/dashboard.html", context)


@login_required
@require_POST
def kpi_recompute(request):
    """REP-5: recounts every centre's KPIs of a quarter in the background."""
    require_role(request, RECOMPUTE_ROLES, "Пересчитывать показатели может Департамент.")
    period = chosen_quarter(request.POST.get("period"), timezone.localdate())
    result = tasks.recompute_kpis.enqueue(period.key)
    target = reverse("reporting:dashboard") + f"?period={period.key}"
    if result.is_finished:
        if result.status == TaskResultStatus.SUCCESSFUL:
            messages.success(
                request,
                f"Показатели за {period.label} пересчитаны: центров — {result.return_value}.",
            )
        else:
            messages.error(request, f"Пересчитать показатели за {period.label} не удалось.")
        return redirect(target)
    messages.info(request, f"Пересчёт показателей за {period.label} поставлен в очередь.")
    return redirect(f"{target}&task={result.id}")


# --- a resource centre's direction -------------------------------------------------------------


def int_param(value):
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


@login_required
def dashboard_direction(request):
    """REP-6 for a resource centre: its own direction's KPIs over eight quarters, the
    coefficient with its components and the УСЗН reports it receives. Region-wide roles
    open any centre from their dashboard."""
    organisation, direction = dashboards.centre_of(
        request, int_param(request.GET.get("organisation")), int_param(request.GET.get("direction"))
    )
    today = timezone.localdate()
    period = chosen_quarter(request.GET.get("period"), today)
    view = dashboards.direction_view(
        request, organisation=organisation, direction=direction, period=period, today=today
    )
    own = request.scope.role == Role.RESOURCE_CENTRE
    title = "Моё направление" if own else f"{organisation.short_name or organisation.name}"
    crumbs = [REPORTING_CRUMB]
    if not own:
        crumbs.append(
            ("Панель Департамента", reverse("reporting:dashboard") + f"?period={period.key}")
        )
    return render(
        request,
        "reporting/dashboard_direction.html",
        {
            "title": title,
            "breadcrumbs": [*crumbs, (title, None)],
            "view": view,
            "row": view.row,
            "period": period,
            "periods": quarter_choices(today),
            "history_chart": dashboards.history_chart(view.history),
            "rc_forms": dashboards.RC_FORMS,
            "own": own,
        },
    )


# --- a УСЗН's territory ------------------------------------------------------------------------


@login_required
def dashboard_territory(request):
    """REP-6 for a УСЗН: its providers' monitoring reports and its own consolidated ones."""
    require_role(request, {Role.USZN}, "Страница территории доступна УСЗН.")
    today = timezone.localdate()
    period = chosen_quarter(request.GET.get("period"), today)
    view = dashboards.territory_view(request, period=period, today=today)
    return render(
        request,
        "reporting/dashboard_territory.html",
        {
            "title": "Территория: отчёты поставщиков",
            "breadcrumbs": [REPORTING_CRUMB, ("Территория", None)],
            "view": view,
            "period": period,
            "periods": quarter_choices(today),
        },
    )


# --- the effectiveness coefficient (REP-5) ---------------------------------------------


@login_required
def coefficient(request):
    """The formula in words, the weights and norms; the Department edits them."""
    scope = request.scope
    can_edit = scope is not None and scope.role in COEFFICIENT_EDITOR_ROLES
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("Веса коэффициента эффективности устанавливает Департамент.")
    weights = dashboards.coefficient_weights()
    form = CoefficientWeightsForm(request.POST or None, weights=weights) if can_edit else None
    if form is not None:
        response = submit(
            request,
            form,
            lambda data: coefficient_services.update_weights(
                by=request.membership, rows=form.rows()
            ),
            success="Веса и нормативы сохранены. Пересчитайте показатели, чтобы коэффициент "
            "учёл изменения.",
            target=reverse("reporting:coefficient") + "?changed=1",
        )
        if response is not None:
            return response
    today = timezone.localdate()
    return render(
        request,
        "reporting/coefficient.html",
        {
            "title": "Коэффициент эффективности ресурсного центра",
            "breadcrumbs": [REPORTING_CRUMB, ("Коэффициент эффективности", None)],
            "weights": weights,
            "form": form,
            "can_edit": can_edit,
            "can_recompute": scope is not None and scope.role in RECOMPUTE_ROLES,
            "changed": request.GET.get("changed") == "1",
            "periods": quarter_choices(today),
            "default_period": dashboards.last_finished_quarter(today).key,
            "fresh_days": dashboards.public_page_fresh_days(),
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )
