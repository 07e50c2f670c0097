"""Pages of the directory (ORG-1..ORG-5): querysets from `selectors`, writes from `services`."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from audit.services import history_of
from exchange.xlsx import xlsx_response
from organisations import permissions, selectors, services
from organisations.forms import (
    AppointmentForm,
    DirectionForm,
    LocalDocumentForm,
    LocalDocumentVersionForm,
    OrganisationFilterForm,
    OrganisationForm,
    RCStatusAssignForm,
    RCStatusRepealForm,
    RCStatusReplaceForm,
    TerritoryForm,
)
from organisations.models import Direction, Territory

PAGE_SIZE = 50
CARD_TABS = (
    ("details", "Сведения"),
    ("statuses", "Статус РЦ"),
    ("appointments", "Ответственные"),
    ("documents", "Документы"),
    ("history", "История изменений"),
)
DIRECTORY_CRUMB = ("Организации", "/organisations/")


def _filters(form: OrganisationFilterForm) -> selectors.OrganisationFilter:
    if not form.is_valid():
        return selectors.OrganisationFilter()
    data = form.cleaned_data
    rc = {"yes": True, "no": False}.get(data.get("rc") or "")
    return selectors.OrganisationFilter(
        text=data.get("q") or "",
        kind=data.get("kind") or "",
        legal_form=data.get("legal_form") or "",
        territory_id=data["territory"].pk if data.get("territory") else None,
        direction_id=data["direction"].pk if data.get("direction") else None,
        resource_centre=rc,
    )


def _apply_domain_error(form, exc: Exception) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(exc, ValidationError):
        form.add_error(None, exc.messages)
    else:
        form.add_error(None, str(exc))


def _form_page(
    request, *, form, title, breadcrumbs, cancel_url, multipart=False, submit="Сохранить"
):
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title,
            "breadcrumbs": breadcrumbs,
            "cancel_url": cancel_url,
            "multipart": multipart,
            "submit_label": submit,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    queryset = selectors.organisations_visible_to(request, _filters(form))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": "Организации",
        "breadcrumbs": [("Организации", None)],
        "filter_form": form if form.is_bound else OrganisationFilterForm(),
        "page_obj": page,
        "can_edit": permissions.can_edit_directory(request.scope),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "organisations/list.html#results", context)
    return render(request, "organisations/list.html", context)


EXPORT_COLUMNS = (
    ("Полное наименование", 70),
    ("Краткое наименование", 40),
    ("Вид", 30),
    ("Организационно-правовая форма", 30),
    ("Территория", 22),
    ("Направления", 20),
    ("Ресурсный центр", 12),
    ("ИНН", 14),
    ("ОГРН", 16),
    ("Адрес", 50),
    ("Телефон", 18),
    ("Электронная почта", 28),
    ("Руководитель", 30),
    ("Действует", 10),
)


@login_required
def organisation_export(request):
    """ORG-1: the directory as the user sees it (same filters) in XLSX."""
    form = OrganisationFilterForm(request.GET or None)
    queryset = selectors.organisations_visible_to(request, _filters(form))
    rows = (
        (
            o.name,
            o.short_name,
            o.get_kind_display(),
            o.get_legal_form_display(),
            str(o.territory),
            ", ".join(str(d.number) for d in o.directions.all()),
            "да" if o.is_resource_centre else "",
            o.inn,
            o.ogrn,
            o.address,
            o.phone,
            o.email,
            o.head_name,
            "да" if o.is_active else "нет",
        )
        for o in queryset.iterator(chunk_size=2000)
    )
    return xlsx_response("organisations.xlsx", "Организации", EXPORT_COLUMNS, rows)


def _organisation_fields(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not permissions.can_edit_directory(request.scope):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = _organisation_fields(form)
        directions = fields.pop("directions")
        try:
            organisation = services.organisation_create(
                by=request.membership, directions=directions, **fields
            )
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, f"Организация «{organisation}» добавлена в справочник.")
            return redirect(organisation)
    return _form_page(
        request,
        form=form,
        title="Новая организация",
        breadcrumbs=[DIRECTORY_CRUMB, ("Новая организация", None)],
        cancel_url=reverse("organisations:list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = selectors.organisation_for(request, pk)
    if not permissions.can_edit_directory(request.scope):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        fields = _organisation_fields(form)
        directions = fields.pop("directions")
        try:
            services.organisation_update(
                organisation=organisation,
                by=request.membership,
                expected_version=form.cleaned_data.get("version"),
                directions=directions,
                **fields,
            )
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Изменения сохранены.")
            return redirect(organisation)
    return _form_page(
        request,
        form=form,
        title=f"Изменение: {organisation}",
        breadcrumbs=[
            DIRECTORY_CRUMB,
            (str(organisation), organisation.get_absolute_url()),
            ("Изменение", None),
        ],
        cancel_url=organisation.get_absolute_url(),
    )


@login_required
def organisation_detail(request, pk):
    organisation = selectors.organisation_for(request, pk)
    tab = request.GET.get("tab", "details")
    if tab not in dict(CARD_TABS):
        tab = "details"
    scope = request.scope
    context = {
        "organisation": organisation,
        "title": str(organisation),
        "breadcrumbs": [DIRECTORY_CRUMB, (str(organisation), None)],
        "tabs": CARD_TABS,
        "tab": tab,
        "can_edit": permissions.can_edit_directory(scope),
        "can_manage_status": permissions.can_manage_rc_status(scope),
        "can_manage_own": permissions.can_manage_own_records(scope, organisation),
    }
    if tab == "statuses":
        context["statuses"] = selectors.rc_statuses_visible_to(request).filter(
            organisation=organisation
        )
    elif tab == "appointments":
        context["appointments"] = selectors.appointments_visible_to(request).filter(
            organisation=organisation
        )
    elif tab == "documents":
        context["documents"] = selectors.local_documents_visible_to(request).filter(
            organisation=organisation
        )
    elif tab == "history":
        context["history"] = history_of(organisation)
    else:
        context["active_statuses"] = list(
            selectors.rc_statuses_visible_to(request).active().filter(organisation=organisation)
        )
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "card-tab":
        return render(request, "organisations/detail.html#tab", context)
    return render(request, "organisations/detail.html", context)


def _card_crumbs(organisation, title):
    return [DIRECTORY_CRUMB, (str(organisation), organisation.get_absolute_url()), (title, None)]


def _tab_url(organisation, tab):
    return f"{organisation.get_absolute_url()}?tab={tab}"


@login_required
@require_http_methods(["GET", "POST"])
def rc_status_assign(request, pk):
    organisation = selectors.organisation_for(request, pk)
    if not permissions.can_manage_rc_status(request.scope):
        raise PermissionDenied
    form = RCStatusAssignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rc_status_assign(
                by=request.membership, organisation=organisation, **form.cleaned_data
            )
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Статус ресурсного центра присвоен.")
            return redirect(_tab_url(organisation, "statuses"))
    return _form_page(
        request,
        form=form,
        title="Присвоение статуса ресурсного центра",
        breadcrumbs=_card_crumbs(organisation, "Присвоение статуса"),
        cancel_url=_tab_url(organisation, "statuses"),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rc_status_replace(request, status_pk):
    status = get_object_or_404(selectors.rc_statuses_visible_to(request), pk=status_pk)
    if not permissions.can_manage_rc_status(request.scope):
        raise PermissionDenied
    form = RCStatusReplaceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rc_status_replace(by=request.membership, status=status, **form.cleaned_data)
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Статус заменён новым приказом.")
            return redirect(_tab_url(status.organisation, "statuses"))
    return _form_page(
        request,
        form=form,
        title=f"Замена статуса: {status}",
        breadcrumbs=_card_crumbs(status.organisation, "Замена статуса"),
        cancel_url=_tab_url(status.organisation, "statuses"),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def rc_status_repeal(request, status_pk):
    status = get_object_or_404(selectors.rc_statuses_visible_to(request), pk=status_pk)
    if not permissions.can_manage_rc_status(request.scope):
        raise PermissionDenied
    form = RCStatusRepealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rc_status_repeal(by=request.membership, status=status, **form.cleaned_data)
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Статус отменён.")
            return redirect(_tab_url(status.organisation, "statuses"))
    return _form_page(
        request,
        form=form,
        title=f"Отмена статуса: {status}",
        breadcrumbs=_card_crumbs(status.organisation, "Отмена статуса"),
        cancel_url=_tab_url(status.organisation, "statuses"),
        submit="Отменить статус",
    )


def _download(field_file, original_name: str = ""):
    if not field_file:
        raise Http404
    name = original_name or Path(field_file.name).name
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=name)


@login_required
def rc_status_file(request, status_pk):
    status = get_object_or_404(selectors.rc_statuses_visible_to(request), pk=status_pk)
    return _download(status.order_file)


@login_required
def document_version_file(request, version_pk):
    version = selectors.document_version_for(request, version_pk)
    return _download(version.file, version.original_name)


@login_required
@require_http_methods(["GET", "POST"])
def appointment_create(request, pk):
    organisation = selectors.organisation_for(request, pk)
    if not permissions.can_manage_own_records(request.scope, organisation):
        raise PermissionDenied
    form = AppointmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("version", None)
        try:
            services.appointment_create(by=request.membership, organisation=organisation, **fields)
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Назначение внесено.")
            return redirect(_tab_url(organisation, "appointments"))
    return _form_page(
        request,
        form=form,
        title="Назначение ответственного",
        breadcrumbs=_card_crumbs(organisation, "Назначение"),
        cancel_url=_tab_url(organisation, "appointments"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_edit(request, appointment_pk):
    appointment = get_object_or_404(selectors.appointments_visible_to(request), pk=appointment_pk)
    organisation = appointment.organisation
    if not permissions.can_manage_own_records(request.scope, organisation):
        raise PermissionDenied
    form = AppointmentForm(request.POST or None, instance=appointment)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        expected = fields.pop("version", None)
        try:
            services.appointment_update(
                by=request.membership, appointment=appointment, expected_version=expected, **fields
            )
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Назначение изменено.")
            return redirect(_tab_url(organisation, "appointments"))
    return _form_page(
        request,
        form=form,
        title=f"Изменение назначения: {appointment}",
        breadcrumbs=_card_crumbs(organisation, "Изменение назначения"),
        cancel_url=_tab_url(organisation, "appointments"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request, pk):
    organisation = selectors.organisation_for(request, pk)
    if not permissions.can_manage_own_records(request.scope, organisation):
        raise PermissionDenied
    form = LocalDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.local_document_create(
                by=request.membership, organisation=organisation, **form.cleaned_data
            )
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Документ добавлен.")
            return redirect(_tab_url(organisation, "documents"))
    return _form_page(
        request,
        form=form,
        title="Новый локальный документ",
        breadcrumbs=_card_crumbs(organisation, "Новый документ"),
        cancel_url=_tab_url(organisation, "documents"),
        multipart=True,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_version_add(request, document_pk):
    document = get_object_or_404(selectors.local_documents_visible_to(request), pk=document_pk)
    organisation = document.organisation
    if not permissions.can_manage_own_records(request.scope, organisation):
        raise PermissionDenied
    form = LocalDocumentVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.local_document_add_version(
                by=request.membership, document=document, **form.cleaned_data
            )
        except (services.DomainError, ValidationError) as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, "Новая редакция документа загружена.")
            return redirect(_tab_url(organisation, "documents"))
    return _form_page(
        request,
        form=form,
        title=f"Новая редакция: {document.title}",
        breadcrumbs=_card_crumbs(organisation, "Новая редакция"),
        cancel_url=_tab_url(organisation, "documents"),
        multipart=True,
    )


@login_required
def rc_status_list(request):
    """ORG-3: every resource-centre status the user may see, in force first."""
    statuses = selectors.rc_statuses_visible_to(request).order_by(
        "state", "direction__number", "-valid_from", "id"
    )
    page = Paginator(statuses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/rc_statuses.html",
        {
            "title": "Ресурсные центры",
            "breadcrumbs": [("Ресурсные центры", None)],
            "page_obj": page,
        },
    )


@login_required
def direction_list(request):
    return render(
        request,
        "organisations/directions.html",
        {
            "title": "Приоритетные направления",
            "breadcrumbs": [("Приоритетные направления", None)],
            "directions": selectors.directions(),
            "can_edit": permissions.can_edit_directory(request.scope),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def direction_edit(request, pk=None):
    if not permissions.can_edit_directory(request.scope):
        raise PermissionDenied
    direction = get_object_or_404(Direction, pk=pk) if pk else Direction()
    form = DirectionForm(request.POST or None, instance=direction)
    if request.method == "POST" and form.is_valid():
        services.direction_save(by=request.membership, direction=direction, **form.cleaned_data)
        messages.success(request, "Направление сохранено.")
        return redirect("organisations:directions")
    title = f"Направление {direction}" if pk else "Новое направление"
    return _form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[
            ("Приоритетные направления", reverse("organisations:directions")),
            (title, None),
        ],
        cancel_url=reverse("organisations:directions"),
    )


@login_required
def territory_list(request):
    return render(
        request,
        "organisations/territories.html",
        {
            "title": "Территории",
            "breadcrumbs": [("Территории", None)],
            "territories": selectors.territories().order_by("region__code", "kind", "name"),
            "can_edit": permissions.can_edit_directory(request.scope),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def territory_edit(request, pk=None):
    if not permissions.can_edit_directory(request.scope):
        raise PermissionDenied
    territory = get_object_or_404(Territory, pk=pk) if pk else Territory()
    form = TerritoryForm(request.POST or None, instance=territory)
    if request.method == "POST" and form.is_valid():
        services.territory_save(by=request.membership, territory=territory, **form.cleaned_data)
        messages.success(request, "Территория сохранена.")
        return redirect("organisations:territories")
    title = f"Территория {territory}" if pk else "Новая территория"
    return _form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[("Территории", reverse("organisations:territories")), (title, None)],
        cancel_url=reverse("organisations:territories"),
    )
