"""Pages of the directory (ORG-1..ORG-5): querysets from `selectors`, writes from `services`."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.organisations import permissions, selectors, services
from resurs.kernel.organisations.forms import (
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
from resurs.kernel.organisations.models import Direction, OrganisationKind, Territory
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit

PAGE_SIZE = 50
# The columns the list page shows (the export and the API read every column).
LIST_COLUMNS = (
    "id", "name", "short_name", "kind", "legal_form", "is_active", "inn",
    "territory__id", "territory__name",
)  # fmt: skip
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


@login_required
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None, who=request)
    queryset = selectors.organisations_visible_to(request, _filters(form)).only(*LIST_COLUMNS)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": "Организации",
        "breadcrumbs": [("Организации", None)],
        "filter_form": form if form.is_bound else OrganisationFilterForm(who=request),
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
    form = OrganisationFilterForm(request.GET or None, who=request)
    queryset = selectors.organisations_visible_to(request, _filters(form))
    rows = (
        (
            o.name,
            o.short_name,
            o.get_kind_display(),
            o.get_legal_form_display(),
            str(o.territory),
            ", ".join(str(d.number) for d in o.direction_list),
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
    return documents.render(
        documents.Document(
            filename="organisations", title="Организации", columns=EXPORT_COLUMNS, rows=rows
        ),
        "xlsx",
    )


def _organisation_fields(data: dict) -> tuple[dict, list]:
    fields = dict(data)
    fields.pop("version", None)
    return fields, fields.pop("directions")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not permissions.can_edit_directory(request.scope):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)

    def write(data):
        fields, directions = _organisation_fields(data)
        return services.organisation_create(by=request.membership, directions=directions, **fields)

    done = _submit(
        request,
        form,
        write,
        success="Организация добавлена в справочник.",
        target=lambda organisation: organisation.get_absolute_url(),
    )
    return done or _form_page(
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

    def write(data):
        fields, directions = _organisation_fields(data)
        return services.organisation_update(
            organisation=organisation,
            by=request.membership,
            expected_version=data.get("version"),
            directions=directions,
            **fields,
        )

    done = _submit(
        request, form, write, success="Изменения сохранены.", target=organisation.get_absolute_url()
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {organisation}",
        breadcrumbs=_card_crumbs(organisation, "Изменение"),
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
        # ORG-3: the status is for state institutions (the model refuses anything else).
        "can_manage_status": permissions.can_manage_rc_status(scope)
        and organisation.kind == OrganisationKind.STATE_INSTITUTION,
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
    done = _submit(
        request,
        form,
        lambda data: services.rc_status_assign(
            by=request.membership, organisation=organisation, **data
        ),
        success="Статус ресурсного центра присвоен.",
        target=_tab_url(organisation, "statuses"),
    )
    return done or _form_page(
        request,
        form=form,
        title="Присвоение статуса ресурсного центра",
        breadcrumbs=_card_crumbs(organisation, "Присвоение статуса"),
        cancel_url=_tab_url(organisation, "statuses"),
        multipart=True,
    )


def _status_for_change(request, status_pk):
    status = get_object_or_404(selectors.rc_statuses_visible_to(request), pk=status_pk)
    if not permissions.can_manage_rc_status(request.scope):
        raise PermissionDenied
    return status


@login_required
@require_http_methods(["GET", "POST"])
def rc_status_replace(request, status_pk):
    status = _status_for_change(request, status_pk)
    form = RCStatusReplaceForm(request.POST or None, request.FILES or None)
    done = _submit(
        request,
        form,
        lambda data: services.rc_status_replace(by=request.membership, status=status, **data),
        success="Статус заменён новым приказом.",
        target=_tab_url(status.organisation, "statuses"),
    )
    return done or _form_page(
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
    status = _status_for_change(request, status_pk)
    form = RCStatusRepealForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.rc_status_repeal(by=request.membership, status=status, **data),
        success="Статус отменён.",
        target=_tab_url(status.organisation, "statuses"),
    )
    return done or _form_page(
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


def _own_records_of(request, organisation):
    if not permissions.can_manage_own_records(request.scope, organisation):
        raise PermissionDenied
    return organisation


def _without_version(data: dict) -> dict:
    fields = dict(data)
    fields.pop("version", None)
    return fields


@login_required
@require_http_methods(["GET", "POST"])
def appointment_create(request, pk):
    organisation = _own_records_of(request, selectors.organisation_for(request, pk))
    form = AppointmentForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: services.appointment_create(
            by=request.membership, organisation=organisation, **_without_version(data)
        ),
        success="Назначение внесено.",
        target=_tab_url(organisation, "appointments"),
    )
    return done or _form_page(
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
    organisation = _own_records_of(request, appointment.organisation)
    form = AppointmentForm(request.POST or None, instance=appointment)
    done = _submit(
        request,
        form,
        lambda data: services.appointment_update(
            by=request.membership,
            appointment=appointment,
            expected_version=data.get("version"),
            **_without_version(data),
        ),
        success="Назначение изменено.",
        target=_tab_url(organisation, "appointments"),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение назначения: {appointment}",
        breadcrumbs=_card_crumbs(organisation, "Изменение назначения"),
        cancel_url=_tab_url(organisation, "appointments"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request, pk):
    organisation = _own_records_of(request, selectors.organisation_for(request, pk))
    form = LocalDocumentForm(request.POST or None, request.FILES or None)
    done = _submit(
        request,
        form,
        lambda data: services.local_document_create(
            by=request.membership, organisation=organisation, **data
        ),
        success="Документ добавлен.",
        target=_tab_url(organisation, "documents"),
    )
    return done or _form_page(
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
    organisation = _own_records_of(request, document.organisation)
    form = LocalDocumentVersionForm(request.POST or None, request.FILES or None)
    done = _submit(
        request,
        form,
        lambda data: services.local_document_add_version(
            by=request.membership, document=document, **data
        ),
        success="Новая редакция документа загружена.",
        target=_tab_url(organisation, "documents"),
    )
    return done or _form_page(
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


def _reference_edit(request, *, model, pk, form_class, save, list_url_name, label, noun, success):
    if not permissions.can_edit_directory(request.scope):
        raise PermissionDenied
    instance = get_object_or_404(model, pk=pk) if pk else model()
    form = form_class(request.POST or None, instance=instance)
    list_url = reverse(list_url_name)
    done = _submit(
        request,
        form,
        lambda data: save(request.membership, instance, data),
        success=success,
        target=list_url,
    )
    title = f"{noun} {instance}" if pk else f"{noun}: новая запись"
    return done or _form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[(label, list_url), (title, None)],
        cancel_url=list_url,
    )


@login_required
@require_http_methods(["GET", "POST"])
def direction_edit(request, pk=None):
    return _reference_edit(
        request,
        model=Direction,
        pk=pk,
        form_class=DirectionForm,
        save=lambda by, direction, data: services.direction_save(
            by=by, direction=direction, **data
        ),
        list_url_name="organisations:directions",
        label="Приоритетные направления",
        noun="Направление",
        success="Направление сохранено.",
    )


@login_required
def territory_list(request):
    return render(
        request,
        "organisations/territories.html",
        {
            "title": "Территории",
            "breadcrumbs": [("Территории", None)],
            "territories": selectors.territories(request).order_by("region__code", "kind", "name"),
            "can_edit": permissions.can_edit_directory(request.scope),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def territory_edit(request, pk=None):
    return _reference_edit(
        request,
        model=Territory,
        pk=pk,
        form_class=TerritoryForm,
        save=lambda by, territory, data: services.territory_save(
            by=by, territory=territory, **data
        ),
        list_url_name="organisations:territories",
        label="Территории",
        noun="Территория",
        success="Территория сохранена.",
    )
