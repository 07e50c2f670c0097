"""Pages of the ЕГИССО exports (issue 14 item 6): the list with filters and pagination, a
new export (a month), the card with its facts and their states, marking it sent, ЕГИССО's
answer per fact or as a protocol file, the correction of a rejected fact, the download of the
file and the institution's requisites. Reads from `selectors`, writes from `services`; the
card writes the access log of the recipients it shows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resurs.casework.citizens.accesslog import log_records
from resurs.casework.citizens.models import AccessChannel
from resurs.casework.egisso import forms, permissions, selectors, services
from resurs.casework.egisso.layout import SCHEMA_VERSION
from resurs.casework.egisso.models import FactState, LeftOut
from resurs.kernel.ui.pages import apply_domain_error, form_page, submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
LIST_CRUMB = ("Выгрузки в ЕГИССО", "/egisso/")


def _allowed(request) -> None:
    if not permissions.can_export(request.scope):
        raise Http404


@login_required
@require_GET
def export_list(request):
    _allowed(request)
    form = forms.ExportFilterForm(request.GET or None)
    page = Paginator(selectors.exports_visible_to(request, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": LIST_CRUMB[0],
        "breadcrumbs": [(LIST_CRUMB[0], None)],
        "filter_form": form,
        "page_obj": page,
        "participant": selectors.participant_of(request.scope.organisation_id),
        "can_set_up": permissions.can_set_up(request.scope),
        "schema_version": SCHEMA_VERSION,
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "egisso/list.html#results", context)
    return render(request, "egisso/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def export_create(request):
    _allowed(request)
    form = forms.ExportForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.export_create(
            by=request.membership,
            organisation=request.membership.organisation,
            period=form.period(),
        ),
        success="Выгрузка сформирована.",
        target=lambda export: reverse("egisso:detail", args=[export.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title="Новая выгрузка в ЕГИССО",
        breadcrumbs=[LIST_CRUMB, ("Новая выгрузка", None)],
        cancel_url=reverse("egisso:list"),
        submit="Сформировать",
    )


@login_required
@require_GET
def export_detail(request, pk):
    _allowed(request)
    export = selectors.export_for(request, pk)
    state = request.GET.get("state", "")
    if state not in FactState.values:
        state = ""
    page = Paginator(selectors.facts_of(request, export, state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    items = list(page.object_list)
    log_records(request, [item.fact for item in items], channel=AccessChannel.UI)
    return render(
        request,
        "egisso/detail.html",
        {
            "export": export,
            "title": str(export),
            "breadcrumbs": [LIST_CRUMB, (str(export), None)],
            "states": selectors.states_of(export),
            "state_labels": dict(FactState.choices),
            "left_out_labels": dict(LeftOut.choices),
            "state": state,
            "page_obj": page,
            "items": items,
            "answer_form": forms.AnswerForm(),
            "protocol_form": forms.ProtocolForm(),
            "schema_version": SCHEMA_VERSION,
        },
    )


@login_required
@require_GET
def export_file(request, pk):
    """The stored file, streamed; its name says the export and the month, never a person."""
    _allowed(request)
    export = selectors.export_for(request, pk)
    if not export.file:
        raise Http404
    services.file_opened(by=request.membership, export=export)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.filename,
        content_type="application/xml",
    )


def _post_action(request, export, write, success):
    try:
        write()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("egisso:detail", export.pk)


@login_required
@require_POST
def export_sent(request, pk):
    _allowed(request)
    export = selectors.export_for(request, pk)
    return _post_action(
        request,
        export,
        lambda: services.export_mark_sent(by=request.membership, export=export),
        "Выгрузка отмечена отправленной в ЕГИССО.",
    )


@login_required
@require_POST
def export_withdraw(request, pk):
    _allowed(request)
    export = selectors.export_for(request, pk)
    return _post_action(
        request,
        export,
        lambda: services.export_withdraw(by=request.membership, export=export),
        "Выгрузка отозвана: её факты войдут в следующую выгрузку.",
    )


@login_required
@require_POST
def export_accept_rest(request, pk):
    _allowed(request)
    export = selectors.export_for(request, pk)
    return _post_action(
        request,
        export,
        lambda: services.export_accept_rest(by=request.membership, export=export),
        "Остальные отправленные факты отмечены принятыми.",
    )


@login_required
@require_POST
def export_protocol(request, pk):
    _allowed(request)
    export = selectors.export_for(request, pk)
    form = forms.ProtocolForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Выберите файл протокола ЕГИССО.")
        return redirect("egisso:detail", export.pk)
    try:
        accepted, rejected, unknown = services.export_load_protocol(
            by=request.membership, export=export, source=form.cleaned_data["file"]
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        text = f"Ответ ЕГИССО загружен: принято {accepted}, отклонено {rejected}."
        if unknown:
            text += f" Записей, которых нет среди отправленных фактов выгрузки: {unknown}."
        messages.success(request, text)
    return redirect("egisso:detail", export.pk)


@login_required
@require_http_methods(["GET", "POST"])
def fact_answer(request, pk, fact_pk):
    _allowed(request)
    export = selectors.export_for(request, pk)
    item = selectors.export_fact_for(request, export, fact_pk)
    form = forms.AnswerForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.fact_answer(
            by=request.membership, item=item, accepted=data["accepted"], reason=data["reason"]
        ),
        success="Ответ ЕГИССО внесён.",
        target=reverse("egisso:detail", args=[export.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Ответ ЕГИССО по факту № {item.fact_id}",
        breadcrumbs=[
            LIST_CRUMB,
            (str(export), reverse("egisso:detail", args=[export.pk])),
            ("Ответ по факту", None),
        ],
        cancel_url=reverse("egisso:detail", args=[export.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def fact_correct(request, pk, fact_pk):
    """A rejected fact corrected: its reversal and the right fact, for the next export."""
    _allowed(request)
    export = selectors.export_for(request, pk)
    item = selectors.export_fact_for(request, export, fact_pk)
    fact = item.fact
    form = forms.CorrectionForm(
        request.POST or None,
        initial={
            "provided_on": fact.provided_on,
            "quantity": fact.quantity,
            "reason": item.reason[:400],
        },
    )
    done = submit(
        request,
        form,
        lambda data: services.rejected_fact_correct(by=request.membership, item=item, **data),
        success="Факт исправлен: внесены сторно и новый факт, он войдёт в следующую выгрузку.",
        target=reverse("egisso:detail", args=[export.pk]),
    )
    return done or form_page(
        request,
        form=form,
        title=f"Исправить факт № {fact.pk} ({fact})",
        breadcrumbs=[
            LIST_CRUMB,
            (str(export), reverse("egisso:detail", args=[export.pk])),
            ("Исправление факта", None),
        ],
        cancel_url=reverse("egisso:detail", args=[export.pk]),
        submit="Сторнировать и внести исправленный",
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request):
    if not permissions.can_set_up(request.scope):
        raise PermissionDenied
    organisation = request.membership.organisation
    participant = selectors.participant_of(organisation.pk)
    initial = (
        {"osz_code": participant.osz_code, "category_id": participant.category_id}
        if participant
        else {}
    )
    form = forms.ParticipantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(
                by=request.membership, organisation=organisation, **form.cleaned_data
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Реквизиты ЕГИССО сохранены.")
            return redirect("egisso:list")
    return form_page(
        request,
        form=form,
        title="Реквизиты учреждения в ЕГИССО",
        breadcrumbs=[LIST_CRUMB, ("Реквизиты ЕГИССО", None)],
        cancel_url=reverse("egisso:list"),
    )
