"""EVT-3: consultations: list, XLSX export, card, creating and editing."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.views.common import (
    CONSULTATIONS_CRUMB,
    is_fragment,
    own_organisation,
    paginate,
    without_version,
)
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit


@login_required
def consultation_list(request):
    form = forms.ConsultationFilterForm(request.GET or None, who=request)
    context = {
        "title": "Консультации",
        "breadcrumbs": [("Консультации", None)],
        "filter_form": form,
        "page_obj": paginate(request, selectors.consultations_visible_to(request, form.filters())),
        "can_create": permissions.can_create(request.scope, permissions.CONSULTATION_KEEPER_ROLES),
    }
    if is_fragment(request, "results"):
        return render(request, "events/consultations.html#results", context)
    return render(request, "events/consultations.html", context)


CONSULTATION_EXPORT_COLUMNS = (
    ("Дата", 12),
    ("Кого консультировали", 30),
    ("Консультируемые организации", 50),
    ("Человек", 9),
    ("Форма", 14),
    ("Способ", 14),
    ("Тема", 60),
    ("Консультант", 30),
    ("Организация", 40),
    ("Направление", 30),
)


@login_required
def consultation_export(request):
    form = forms.ConsultationFilterForm(request.GET or None, who=request)
    rows = (
        (
            c.held_on,
            c.get_audience_display(),
            "; ".join(str(o) for o in c.consulted_list),
            c.people_count,
            c.get_form_display(),
            c.get_mode_display(),
            c.topic,
            c.specialist_name or (str(c.specialist) if c.specialist else ""),
            str(c.organisation),
            str(c.direction or ""),
        )
        for c in selectors.consultations_visible_to(request, form.filters()).iterator(
            chunk_size=2000
        )
    )
    return documents.render(
        documents.Document(
            filename="consultations",
            title="Консультации",
            columns=CONSULTATION_EXPORT_COLUMNS,
            rows=rows,
        ),
        "xlsx",
    )


def _consultation_fields(data: dict) -> tuple[dict, list]:
    fields = without_version(data)
    return fields, list(fields.pop("consulted_organisations", []))


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    if not permissions.can_create(request.scope, permissions.CONSULTATION_KEEPER_ROLES):
        raise PermissionDenied
    form = forms.ConsultationEditForm(request.POST or None, scope=request.scope)

    def write(data):
        fields, consulted = _consultation_fields(data)
        organisation = own_organisation(request, fields)
        return services.consultation_create(
            by=request.membership,
            organisation=organisation,
            consulted_organisations=consulted,
            **fields,
        )

    done = _submit(
        request,
        form,
        write,
        success="Консультация внесена.",
        target=lambda consultation: consultation.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новая консультация",
        breadcrumbs=[CONSULTATIONS_CRUMB, ("Новая консультация", None)],
        cancel_url=reverse("events:consultation_list"),
    )


@login_required
def consultation_detail(request, pk):
    consultation = selectors.consultation_for(request, pk)
    return render(
        request,
        "events/consultation_detail.html",
        {
            "consultation": consultation,
            "title": f"Консультация от {consultation.held_on:%d.%m.%Y}",
            "breadcrumbs": [CONSULTATIONS_CRUMB, (f"{consultation.held_on:%d.%m.%Y}", None)],
            "can_edit": permissions.can_edit_consultation(request.scope, consultation),
            "history": history_of(consultation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_edit(request, pk):
    consultation = selectors.consultation_for(request, pk)
    if not permissions.can_edit_consultation(request.scope, consultation):
        raise PermissionDenied
    form = forms.ConsultationEditForm(
        request.POST or None, instance=consultation, scope=request.scope
    )

    def write(data):
        fields, consulted = _consultation_fields(data)
        return services.consultation_update(
            by=request.membership,
            consultation=consultation,
            expected_version=data.get("version"),
            consulted_organisations=consulted,
            **fields,
        )

    done = _submit(
        request, form, write, success="Изменения сохранены.", target=consultation.get_absolute_url()
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение консультации от {consultation.held_on:%d.%m.%Y}",
        breadcrumbs=[
            CONSULTATIONS_CRUMB,
            (f"{consultation.held_on:%d.%m.%Y}", consultation.get_absolute_url()),
            ("Изменение", None),
        ],
        cancel_url=consultation.get_absolute_url(),
    )
