"""Pages of the catalogue of social services (SOC-11): «Перечень социальных услуг» with its
search and filters, the service card with its tariffs and history, the service form and the
form of a new tariff. Everyone who works with citizens reads the list; the Department and
the administrator keep it (`permissions.CATALOGUE_EDIT_ROLES`). Reads from `selectors`,
writes from `services`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from resurs.casework.socialservices import catalogue_forms as forms
from resurs.casework.socialservices import permissions, selectors, services
from resurs.casework.socialservices.importers import ServiceImporter
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page, submit

PAGE_SIZE = 50
CATALOGUE_TITLE = "Перечень социальных услуг"


def _catalogue_crumb():
    return (CATALOGUE_TITLE, reverse("socialservices:catalogue"))


def _require_read(request) -> None:
    if not permissions.can_read_catalogue(request.scope):
        raise PermissionDenied


def _require_edit(request) -> None:
    if not permissions.can_edit_catalogue(request.scope):
        raise PermissionDenied


def _with_current_tariff(services_page, day) -> None:
    """Each service of the page gets ``current_tariff`` from its prefetched tariffs."""
    for service in services_page:
        in_force = [t for t in service.tariffs.all() if t.valid_from <= day]
        service.current_tariff = max(in_force, key=lambda t: t.valid_from, default=None)


@login_required
@require_GET
def catalogue(request):
    """SOC-11: the regional list of services with its search and filters."""
    _require_read(request)
    filter_form = forms.CatalogueFilterForm(request.GET or None)
    page = Paginator(selectors.catalogue(filters=filter_form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    _with_current_tariff(page.object_list, timezone.localdate())
    can_edit = permissions.can_edit_catalogue(request.scope)
    context = {
        "title": CATALOGUE_TITLE,
        "breadcrumbs": [(CATALOGUE_TITLE, None)],
        "filter_form": filter_form,
        "page_obj": page,
        "can_edit": can_edit,
        "importer_name": ServiceImporter.name,
    }
    return render(request, "socialservices/catalogue.html", context)


@login_required
@require_GET
def service_detail(request, pk):
    """SOC-11: the service card: its data, the tariffs by date, the history of changes."""
    _require_read(request)
    service = selectors.service_for(pk)
    today = timezone.localdate()
    tariffs = selectors.tariffs_of(service)
    context = {
        "title": f"{service.code} — {service.name}",
        "breadcrumbs": [_catalogue_crumb(), (service.code, None)],
        "service": service,
        "tariffs": tariffs,
        "current": next((t for t in tariffs if t.valid_from <= today), None),
        "can_edit": permissions.can_edit_catalogue(request.scope),
        "history": history_of(service).select_related("actor", "content_type")[:50],
    }
    return render(request, "socialservices/catalogue_service.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request):
    _require_edit(request)
    form = forms.ServiceCreateForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.service_create(
            by=request.membership, **{k: v for k, v in data.items() if k != "version"}
        ),
        success="Услуга добавлена в перечень.",
        target=lambda service: reverse("socialservices:catalogue_service", args=[service.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Новая услуга",
        breadcrumbs=[_catalogue_crumb(), ("Новая услуга", None)],
        cancel_url=reverse("socialservices:catalogue"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk):
    _require_edit(request)
    service = selectors.service_for(pk)
    card = reverse("socialservices:catalogue_service", args=[service.pk])
    form = forms.ServiceEditForm(request.POST or None, instance=service)
    done = submit(
        request,
        form,
        lambda data: services.service_update(
            by=request.membership,
            service=service,
            # A form posted without its version is an editor's too: it never overwrites.
            expected_version=data.pop("version") or 0,
            **data,
        ),
        success="Услуга сохранена.",
        target=card,
    )
    return done or form_page(
        request,
        form=form,
        title=f"Изменение услуги {service.code}",
        breadcrumbs=[_catalogue_crumb(), (service.code, card), ("Изменение", None)],
        cancel_url=card,
    )


@login_required
@require_http_methods(["GET", "POST"])
def tariff_create(request, pk):
    _require_edit(request)
    service = selectors.service_for(pk)
    card = reverse("socialservices:catalogue_service", args=[service.pk])
    form = forms.TariffForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.tariff_set(by=request.membership, service=service, **data),
        success="Новый тариф установлен.",
        target=card,
    )
    return done or form_page(
        request,
        form=form,
        title=f"Новый тариф услуги {service.code}",
        breadcrumbs=[_catalogue_crumb(), (service.code, card), ("Новый тариф", None)],
        cancel_url=card,
    )
