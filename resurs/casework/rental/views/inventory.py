"""The rental point and its fund (TSR-1, TSR-2): the point's page with its numbers, the
fund's list, an item's card with its whole history, a new item, maintenance and write-off;
the kinds with their tariffs."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from resurs.casework.rental import forms, selectors, services
from resurs.casework.rental.models import ItemKind, ItemState, RentalPoint
from resurs.casework.rental.services.inventory import can_set_tariffs
from resurs.casework.rental.views.common import (
    HOME,
    ITEMS,
    KINDS,
    is_staff,
    list_page,
    require_work_in,
)
from resurs.casework.socialservices.selectors import work_units
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.ui.pages import form_page, submit


@login_required
def home(request):
    """The point's page: where it is, who answers for it, the fund by state, what waits."""
    points = list(selectors.points_visible_to(request))
    items = selectors.items_visible_to(request)
    by_state = dict(items.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    staff = is_staff(request)
    context = {
        "title": HOME[0],
        "breadcrumbs": [(HOME[0], None)],
        "points": points,
        "states": [(label, by_state.get(value, 0), value) for value, label in ItemState.choices],
        "staff": staff,
        "can_set_up": staff and work_units(request).exists(),
        "can_add_point": staff and work_units(request).filter(rental_point__isnull=True).exists(),
    }
    if staff:
        context["waiting"] = (
            selectors.applications_visible_to(request)
            .filter(state__in=["waiting", "offered"])
            .count()
        )
        context["overdue"] = selectors.overdue_contracts(request).count()
    return render(request, "rental/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request, unit_pk: int | None = None):
    """§1.2, §1.7, §3.1, §3.12: the point's unit, address, hours and responsible employee."""
    point = None
    if unit_pk is not None:
        point = get_object_or_404(RentalPoint.objects.visible_to(request), unit_id=unit_pk)
        require_work_in(request, point.unit)
    units = work_units(request)
    if not units.exists():
        raise PermissionDenied
    staff = Membership.objects.filter(
        organisation_id=units[0].organisation_id, is_active=True
    ).select_related("user")
    initial = {}
    if point is not None:
        initial = {
            "address": point.address,
            "hours": point.hours,
            "responsible": point.responsible_id,
            "responsible_order": point.responsible_order,
            "version": point.version,
        }
    form = forms.RentalPointForm(
        request.POST or None,
        staff=staff,
        units=units.filter(rental_point__isnull=True) if point is None else None,
        initial=initial,
    )

    def write(data):
        return services.point_save(
            by=request.membership,
            unit=point.unit if point is not None else data["unit"],
            address=data["address"],
            hours=data["hours"],
            responsible=data.get("responsible"),
            responsible_order=data.get("responsible_order", ""),
            expected_version=data.get("version") if point is not None else None,
        )

    done = submit(
        request, form, write, success="Сведения о пункте проката сохранены.", target=HOME[1]
    )
    if done:
        return done
    return form_page(
        request,
        form=form,
        title="Сведения о пункте проката" if point else "Организовать пункт проката",
        breadcrumbs=[HOME, ("Сведения о пункте", None)],
        cancel_url=HOME[1],
    )


@login_required
def item_list(request):
    form = forms.ItemFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return list_page(
        request,
        "rental/item_list.html",
        rows=selectors.items_filtered(request, data),
        form=form,
        context={
            "title": ITEMS[0],
            "breadcrumbs": [HOME, (ITEMS[0], None)],
            "can_add": selectors.point_units(request).exists(),
        },
    )


@login_required
def item_detail(request, pk: int):
    item = selectors.item_for(request, pk)
    staff = is_staff(request) and item.organisation_id == request.membership.organisation_id
    open_maintenance = item.maintenances.filter(finished_on__isnull=True).first()
    return render(
        request,
        "rental/item_detail.html",
        {
            "item": item,
            "title": str(item),
            "breadcrumbs": [HOME, ITEMS, (f"Клеймо {item.mark}", None)],
            "history": selectors.item_history(request, item),
            "tariff": item.kind.tariff_on(timezone.localdate()),
            "open_maintenance": open_maintenance,
            "staff": staff,
            "maintenance_form": forms.MaintenanceStartForm(),
            "finish_form": forms.MaintenanceFinishForm(),
            "write_off_form": forms.WriteOffForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request):
    units = selectors.point_units(request)
    if not units.exists():
        raise PermissionDenied
    form = forms.ItemForm(request.POST or None, units=units)

    def write(data):
        return services.item_create(by=request.membership, **data)

    done = submit(
        request,
        form,
        write,
        success="Предмет внесён в прокатный фонд.",
        target=lambda item: reverse("rental:item_detail", args=[item.pk]),
    )
    if done:
        return done
    return form_page(
        request,
        form=form,
        title="Новый предмет проката",
        breadcrumbs=[HOME, ITEMS, ("Новый предмет", None)],
        cancel_url=ITEMS[1],
    )


def _item_action(request, pk: int, form_class, write, success: str, title: str):
    item = selectors.item_for(request, pk)
    require_work_in(request, item.unit)
    form = form_class(request.POST or None)
    target = reverse("rental:item_detail", args=[item.pk])
    done = submit(request, form, lambda data: write(item, data), success=success, target=target)
    if done:
        return done
    return form_page(
        request,
        form=form,
        title=f"{title}: {item}",
        breadcrumbs=[HOME, ITEMS, (f"Клеймо {item.mark}", target), (title, None)],
        cancel_url=target,
    )


@login_required
@require_http_methods(["GET", "POST"])
def maintenance_start(request, pk: int):
    return _item_action(
        request,
        pk,
        forms.MaintenanceStartForm,
        lambda item, data: services.maintenance_start(by=request.membership, item=item, **data),
        "Предмет передан на обслуживание: до завершения он не выдаётся.",
        "Обслуживание или ремонт",
    )


@login_required
@require_http_methods(["GET", "POST"])
def maintenance_finish(request, pk: int):
    def write(item, data):
        maintenance = item.maintenances.filter(finished_on__isnull=True).first()
        if maintenance is None:
            raise Http404
        return services.maintenance_finish(by=request.membership, maintenance=maintenance, **data)

    return _item_action(
        request,
        pk,
        forms.MaintenanceFinishForm,
        write,
        "Обслуживание завершено: предмет свободен и предложен первому в очереди.",
        "Завершить обслуживание",
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_write_off(request, pk: int):
    return _item_action(
        request,
        pk,
        forms.WriteOffForm,
        lambda item, data: services.write_off(by=request.membership, item=item, **data),
        "Предмет списан.",
        "Списание",
    )


@login_required
def kinds(request):
    """TSR-2: the kinds of app. 3 with their tariffs and the norm of service life."""
    rows = ItemKind.objects.prefetch_related("tariffs").annotate(
        total=Count("items", filter=Q(items__in=selectors.items_visible_to(request))),
        free=Count(
            "items",
            filter=Q(items__in=selectors.items_visible_to(request), items__state=ItemState.FREE),
        ),
    )
    return render(
        request,
        "rental/kinds.html",
        {
            "title": KINDS[0],
            "breadcrumbs": [HOME, (KINDS[0], None)],
            "kinds": rows,
            "can_set_tariffs": can_set_tariffs(scope_of(request)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tariff_create(request, kind_pk: int):
    """TSR-2: a new dated tariff of a kind by the order that set it."""
    kind = get_object_or_404(ItemKind, pk=kind_pk)
    if not can_set_tariffs(scope_of(request)):
        raise PermissionDenied
    form = forms.TariffForm(request.POST or None)

    def write(data):
        return services.tariff_set(by=request.membership, kind=kind, **data)

    done = submit(request, form, write, success="Тариф утверждён.", target=KINDS[1])
    if done:
        return done
    return form_page(
        request,
        form=form,
        title=f"Новый тариф: {kind}",
        breadcrumbs=[HOME, KINDS, ("Новый тариф", None)],
        cancel_url=KINDS[1],
    )
