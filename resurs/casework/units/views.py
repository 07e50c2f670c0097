"""Pages of units and social districts (SOC-1, SOC-2): the institution's units with staff and
settings, the districts with the norm check, assignments and passport editions, and the
head's page «Участки отделения». Querysets from `selectors`, writes from `services`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from resurs.casework.units import forms, norms, permissions, selectors, services
from resurs.casework.units.models import (
    DistrictAssignment,
    SocialDistrict,
    Unit,
    UnitStaff,
)
from resurs.kernel.accounts.roles import INSTITUTION_STAFF_ROLES
from resurs.kernel.ui.pages import form_page, submit

PAGE_SIZE = 50
UNITS_CRUMB = ("Отделения", "/units/")
DISTRICTS_CRUMB = ("Социальные участки", "/units/districts/")


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _unit(request, pk) -> Unit:
    return get_object_or_404(
        Unit.objects.visible_to(request).select_related("kind", "organisation"), pk=pk
    )


def _district(request, pk) -> SocialDistrict:
    return get_object_or_404(
        SocialDistrict.objects.visible_to(request).select_related("unit__kind", "territory"),
        pk=pk,
    )


def _require_manage(request, unit: Unit) -> None:
    if not permissions.can_manage_unit(request.scope, unit):
        raise PermissionDenied


def _unit_crumb(unit):
    return (unit.name, reverse("units:detail", args=[unit.pk]))


def _district_crumb(district):
    return (district.name, reverse("units:district", args=[district.pk]))


@login_required
@require_GET
def unit_list(request):
    """SOC-1: the units of the institutions the user sees."""
    context = {
        "title": "Отделения",
        "breadcrumbs": [(UNITS_CRUMB[0], None)],
        "page_obj": _page(request, selectors.units_visible_to(request)),
        "can_create": permissions.can_create_unit(request.scope, request.scope.organisation_id),
        "show_organisation": request.scope.role not in INSTITUTION_STAFF_ROLES,
    }
    return render(request, "units/unit_list.html", context)


@login_required
@require_GET
def unit_detail(request, pk):
    """SOC-1: the unit card — settings, staff with positions, districts."""
    unit = _unit(request, pk)
    today = timezone.localdate()
    norms_by_kind = norms.norms_in_force(today)
    districts = [
        (district, norms.check_district(district, norms_by_kind))
        for district in selectors.districts_visible_to(request, today=today, unit=unit)
    ]
    context = {
        "title": unit.name,
        "breadcrumbs": [UNITS_CRUMB, (unit.name, None)],
        "unit": unit,
        "staff": list(selectors.unit_staff(unit)),
        "districts": districts,
        "today": today,
        "can_manage": permissions.can_manage_unit(request.scope, unit),
    }
    return render(request, "units/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request):
    if not permissions.can_create_unit(request.scope, request.scope.organisation_id):
        raise PermissionDenied
    form = forms.UnitForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.unit_create(
            by=request.membership, **{k: v for k, v in data.items() if k != "version"}
        ),
        success="Отделение добавлено.",
        target=lambda unit: reverse("units:detail", args=[unit.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Новое отделение",
        breadcrumbs=[UNITS_CRUMB, ("Новое отделение", None)],
        cancel_url=reverse("units:list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk):
    unit = _unit(request, pk)
    _require_manage(request, unit)
    form = forms.UnitForm(request.POST or None, instance=unit)
    done = submit(
        request,
        form,
        lambda data: services.unit_update(
            by=request.membership,
            unit=unit,
            expected_version=data.pop("version"),
            **data,
        ),
        success="Отделение сохранено.",
        target=reverse("units:detail", args=[unit.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Отделение: {unit.name}",
        breadcrumbs=[UNITS_CRUMB, _unit_crumb(unit), ("Изменение", None)],
        cancel_url=reverse("units:detail", args=[unit.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_add(request, pk):
    unit = _unit(request, pk)
    _require_manage(request, unit)
    form = forms.StaffForm(request.POST or None, unit=unit)
    done = submit(
        request,
        form,
        lambda data: services.staff_add(by=request.membership, unit=unit, **data),
        success="Сотрудник включён в штат отделения.",
        target=reverse("units:detail", args=[unit.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Сотрудник отделения",
        breadcrumbs=[UNITS_CRUMB, _unit_crumb(unit), ("Сотрудник", None)],
        cancel_url=reverse("units:detail", args=[unit.pk]),
        submit="Включить в штат",
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_end(request, pk):
    staff = get_object_or_404(
        UnitStaff.objects.visible_to(request).select_related("unit", "membership__user"), pk=pk
    )
    _require_manage(request, staff.unit)
    form = forms.EndForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.staff_end(by=request.membership, staff=staff, **data),
        success="Работа сотрудника в отделении завершена.",
        target=reverse("units:detail", args=[staff.unit_id]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Завершить работу в отделении: {staff.membership.user}",
        breadcrumbs=[UNITS_CRUMB, _unit_crumb(staff.unit), ("Завершение работы", None)],
        cancel_url=reverse("units:detail", args=[staff.unit_id]),
        submit="Завершить",
    )


@login_required
@require_GET
def district_list(request):
    """SOC-1: the districts the user sees, each with its norm check and passport state."""
    today = timezone.localdate()
    norms_by_kind = norms.norms_in_force(today)
    page_obj = _page(request, selectors.districts_visible_to(request, today=today))
    rows = [
        (
            district,
            norms.check_district(district, norms_by_kind),
            selectors.passport_outdated(selectors.passport_date(district), today),
        )
        for district in page_obj.object_list
    ]
    context = {
        "title": "Социальные участки",
        "breadcrumbs": [(DISTRICTS_CRUMB[0], None)],
        "page_obj": page_obj,
        "rows": rows,
    }
    return render(request, "units/district_list.html", context)


@login_required
@require_GET
def district_detail(request, pk):
    """SOC-1, SOC-2: the district card — norm check, specialists, passport editions."""
    try:
        district = selectors.district_for(request, pk)
    except SocialDistrict.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    check = norms.check_district(district, norms.norms_in_force(today))
    passports = list(selectors.district_passports(district))
    context = {
        "title": district.name,
        "breadcrumbs": [DISTRICTS_CRUMB, (district.name, None)],
        "district": district,
        "check": check,
        "assignments": list(selectors.district_assignments(district)),
        "passports": passports,
        "outdated": selectors.passport_outdated(selectors.passport_date(district), today),
        "today": today,
        "can_manage": permissions.can_manage_unit(request.scope, district.unit),
    }
    return render(request, "units/district_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def district_create(request, pk):
    unit = _unit(request, pk)
    _require_manage(request, unit)
    form = forms.DistrictForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.district_create(
            by=request.membership, unit=unit, **{k: v for k, v in data.items() if k != "version"}
        ),
        success="Участок добавлен.",
        target=lambda district: reverse("units:district", args=[district.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Новый социальный участок",
        breadcrumbs=[UNITS_CRUMB, _unit_crumb(unit), ("Новый участок", None)],
        cancel_url=reverse("units:detail", args=[unit.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def district_edit(request, pk):
    district = _district(request, pk)
    _require_manage(request, district.unit)
    form = forms.DistrictForm(request.POST or None, instance=district)
    done = submit(
        request,
        form,
        lambda data: services.district_update(
            by=request.membership,
            district=district,
            expected_version=data.pop("version"),
            **data,
        ),
        success="Участок сохранён.",
        target=reverse("units:district", args=[district.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Участок: {district.name}",
        breadcrumbs=[DISTRICTS_CRUMB, _district_crumb(district), ("Изменение", None)],
        cancel_url=reverse("units:district", args=[district.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def district_assign(request, pk):
    district = _district(request, pk)
    _require_manage(request, district.unit)
    form = forms.AssignForm(request.POST or None, district=district)
    done = submit(
        request,
        form,
        lambda data: services.district_assign(by=request.membership, district=district, **data),
        success="Специалист закреплён за участком.",
        target=reverse("units:district", args=[district.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Закрепить специалиста: {district.name}",
        breadcrumbs=[DISTRICTS_CRUMB, _district_crumb(district), ("Закрепление", None)],
        cancel_url=reverse("units:district", args=[district.pk]),
        submit="Закрепить",
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_end(request, pk):
    assignment = get_object_or_404(
        DistrictAssignment.objects.visible_to(request).select_related(
            "district__unit", "membership__user"
        ),
        pk=pk,
    )
    district = assignment.district
    _require_manage(request, district.unit)
    form = forms.EndForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.assignment_end(by=request.membership, assignment=assignment, **data),
        success="Закрепление завершено.",
        target=reverse("units:district", args=[district.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Завершить закрепление: {assignment.membership.user}",
        breadcrumbs=[DISTRICTS_CRUMB, _district_crumb(district), ("Завершение", None)],
        cancel_url=reverse("units:district", args=[district.pk]),
        submit="Завершить",
    )


@login_required
@require_http_methods(["GET", "POST"])
def passport_create(request, pk):
    district = _district(request, pk)
    _require_manage(request, district.unit)
    form = forms.PassportForm(request.POST or None, who=request)
    done = submit(
        request,
        form,
        lambda data: services.passport_create(by=request.membership, district=district, **data),
        success="Новая редакция паспорта участка сохранена.",
        target=reverse("units:district", args=[district.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Паспорт участка: {district.name}",
        breadcrumbs=[DISTRICTS_CRUMB, _district_crumb(district), ("Новая редакция", None)],
        cancel_url=reverse("units:district", args=[district.pk]),
        submit="Сохранить редакцию",
    )


@login_required
@require_GET
def board(request):
    """Issue 13 item 2: the head's page «Участки отделения» — what needs the head's action."""
    if request.scope.role not in selectors.BOARD_ROLES:
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        "title": "Участки отделения",
        "breadcrumbs": [("Участки отделения", None)],
        "board": selectors.board(request, today),
        "today": today,
    }
    return render(request, "units/board.html", context)
