"""The work plans of units (SOC-13, seed 002 §5.1.10): their list and the head's new plan.

A plan, once made, is a roadmap: its card, editor, agreement and marks are the roadmap pages.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from resurs.coordination.roadmaps import forms, permissions, selectors, services
from resurs.coordination.roadmaps.progress import percent
from resurs.coordination.roadmaps.views.common import PAGE_SIZE, UNIT_PLANS_CRUMB, _is_fragment
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit

UNIT_PLANS_TITLE = UNIT_PLANS_CRUMB[0]


@login_required
def unit_plan_list(request):
    """SOC-13: the calendar and long-term plans of the units the user sees."""
    form = forms.UnitPlanFilterForm(request.GET or None, who=request)
    page = Paginator(selectors.roadmaps_visible_to(request, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for roadmap in page.object_list:
        roadmap.percent = percent(roadmap.counted, roadmap.score)
    context = {
        "title": UNIT_PLANS_TITLE,
        "breadcrumbs": [(UNIT_PLANS_TITLE, None)],
        "filter_form": form,
        "page_obj": page,
        "unit_plans": True,
        "can_create": permissions.can_create_unit_plan(request.scope),
        "create_url": reverse("roadmaps:unit_create"),
        "create_label": "Составить план работы",
        "empty_title": "Планов работы отделений нет.",
        "empty_hint": "Заведующий отделением составляет календарный или перспективный план "
        "работы на год, добавляет разделы и мероприятия со сроками и направляет план на "
        "согласование руководству учреждения.",
    }
    if _is_fragment(request, "results"):
        return render(request, "roadmaps/list.html#results", context)
    return render(request, "roadmaps/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_plan_create(request):
    """SOC-13: the head makes a calendar or long-term work plan of their unit."""
    if not permissions.can_create_unit_plan(request.scope):
        raise PermissionDenied
    form = forms.UnitPlanForm(request.POST or None, who=request)

    def write(data):
        unit = data["unit"]
        return services.roadmap_create(
            by=request.membership,
            organisation=unit.organisation,
            unit=unit,
            kind=data["kind"],
            year=data["year"],
            title=data["title"],
        )

    done = _submit(
        request,
        form,
        write,
        success="План работы создан. Добавьте разделы и мероприятия.",
        target=lambda roadmap: roadmap.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый план работы отделения",
        breadcrumbs=[UNIT_PLANS_CRUMB, ("Новый план работы", None)],
        cancel_url=reverse("roadmaps:units"),
    )
