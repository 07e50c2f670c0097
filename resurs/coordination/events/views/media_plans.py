"""EVT-4: media plans and their items."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.models import MediaPlanItemState
from resurs.coordination.events.views.common import (
    MEDIA_PLANS_CRUMB,
    is_fragment,
    own_organisation,
    paginate,
    without_version,
)
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit


@login_required
def media_plan_list(request):
    form = forms.MediaPlanFilterForm(request.GET or None)
    year = direction_id = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data.get("year")
        direction = form.cleaned_data.get("direction")
        direction_id = direction.pk if direction else None
    plans = selectors.media_plans_visible_to(request, year=year, direction_id=direction_id)
    context = {
        "title": "Медиапланы",
        "breadcrumbs": [("Медиапланы", None)],
        "filter_form": form,
        "page_obj": paginate(request, plans),
        "can_create": permissions.can_create(request.scope),
    }
    if is_fragment(request, "results"):
        return render(request, "events/media_plans.html#results", context)
    return render(request, "events/media_plans.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.MediaPlanForm(request.POST or None, scope=request.scope)

    def write(data):
        fields = without_version(data)
        organisation = own_organisation(request, fields)
        return services.media_plan_create(
            by=request.membership, organisation=organisation, **fields
        )

    done = _submit(
        request,
        form,
        write,
        success="Медиаплан создан. Добавьте в него пункты.",
        target=lambda plan: plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый медиаплан",
        breadcrumbs=[MEDIA_PLANS_CRUMB, ("Новый медиаплан", None)],
        cancel_url=reverse("events:media_plan_list"),
    )


MEDIA_PLAN_TABS = (("items", "Пункты плана"), ("files", "Файлы"), ("history", "История изменений"))


@login_required
def media_plan_detail(request, pk):
    plan = selectors.media_plan_for(request, pk)
    tab = request.GET.get("tab", "items")
    if tab not in dict(MEDIA_PLAN_TABS):
        tab = "items"
    context = {
        "plan": plan,
        "title": str(plan),
        "breadcrumbs": [MEDIA_PLANS_CRUMB, (str(plan), None)],
        "tabs": MEDIA_PLAN_TABS,
        "tab": tab,
        "can_edit": permissions.can_keep_records(request.scope, plan.organisation_id),
        "item_states": MediaPlanItemState,
    }
    if tab == "items":
        items = list(selectors.media_plan_items_of(request, plan))
        today = timezone.localdate()
        for item in items:
            item.current_state = item.state(today)
        context["items"] = items
    elif tab == "history":
        context["history"] = history_of(plan)
    if is_fragment(request, "card-tab"):
        return render(request, "events/media_plan_detail.html#tab", context)
    return render(request, "events/media_plan_detail.html", context)


def _editable_plan(request, pk):
    plan = selectors.media_plan_for(request, pk)
    if not permissions.can_keep_records(request.scope, plan.organisation_id):
        raise PermissionDenied
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_edit(request, pk):
    plan = _editable_plan(request, pk)
    form = forms.MediaPlanForm(request.POST or None, instance=plan, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.media_plan_update(
            by=request.membership,
            plan=plan,
            expected_version=data.get("version"),
            **without_version(data),
        ),
        success="Изменения сохранены.",
        target=plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {plan}",
        breadcrumbs=[MEDIA_PLANS_CRUMB, (str(plan), plan.get_absolute_url()), ("Изменение", None)],
        cancel_url=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_item_create(request, pk):
    plan = _editable_plan(request, pk)
    form = forms.MediaPlanItemForm(request.POST or None, plan=plan)
    done = _submit(
        request,
        form,
        lambda data: services.media_plan_item_create(by=request.membership, plan=plan, **data),
        success="Пункт добавлен.",
        target=plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый пункт медиаплана",
        breadcrumbs=[MEDIA_PLANS_CRUMB, (str(plan), plan.get_absolute_url()), ("Пункт", None)],
        cancel_url=plan.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def media_plan_item_edit(request, pk):
    item = selectors.media_plan_item_for(request, pk)
    plan = item.plan
    if not permissions.can_keep_records(request.scope, plan.organisation_id):
        raise PermissionDenied
    form = forms.MediaPlanItemForm(request.POST or None, instance=item, plan=plan)
    done = _submit(
        request,
        form,
        lambda data: services.media_plan_item_update(by=request.membership, item=item, **data),
        success="Пункт изменён.",
        target=plan.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Пункт {item.number} медиаплана",
        breadcrumbs=[MEDIA_PLANS_CRUMB, (str(plan), plan.get_absolute_url()), ("Пункт", None)],
        cancel_url=plan.get_absolute_url(),
    )
