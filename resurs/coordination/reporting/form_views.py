"""Pages of the forms as data (REP-1): the catalogue of forms, a form's settings, its
versions with their sections and indicators, edited by the Department."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from resurs.coordination.reporting import form_versions, forms, selectors, services
from resurs.coordination.reporting.views import _crumbs
from resurs.kernel.ui.pages import form_page, submit
from resurs.kernel.workcalendar.periods import Period, PeriodKind
from resurs.kernel.writes.errors import DomainError

# --- REP-1: forms ---------------------------------------------------------------------------


@login_required
def form_list(request):
    today = timezone.localdate()
    rows = []
    for form in selectors.forms():
        period = Period.containing(form.period_kind, today)
        previous = period.previous()
        rows.append((form, previous, selectors.due_of(form, previous)))
    return render(
        request,
        "reporting/form_list.html",
        {
            "title": "Формы отчётности",
            "breadcrumbs": _crumbs(("Формы отчётности", None)),
            "rows": rows,
            "can_edit": request.scope is not None and request.scope.region_wide,
        },
    )


@login_required
def form_detail(request, code):
    form = selectors.form_by_code(code)
    versions = list(form.versions.order_by("-number"))
    current = form.current_version()
    draft = form_versions.draft_of(form)
    return render(
        request,
        "reporting/form_detail.html",
        {
            "title": form.title,
            "breadcrumbs": _crumbs(
                ("Формы отчётности", "/reporting/forms/"), (form.short_title, None)
            ),
            "form_obj": form,
            "versions": versions,
            "current": current,
            "sections": selectors.structure(current) if current else [],
            "draft": draft,
            "draft_sections": selectors.structure(draft) if draft else [],
            "can_edit": request.scope is not None and request.scope.region_wide,
            "new_version_form": forms.NewVersionForm(),
            "period_kinds": dict(PeriodKind.choices),
        },
    )


@login_required
def form_settings(request, code):
    """REP-1/REP-2: the Department sets a form's due day (and names, activity)."""
    form_obj = selectors.form_by_code(code)
    if request.scope is None or not request.scope.region_wide:
        raise PermissionDenied("Настраивать формы может Департамент.")
    form = forms.FormSettingsForm(
        request.POST or None, instance=form_obj, initial={"version": form_obj.version}
    )
    response = submit(
        request,
        form,
        lambda data: services.update_form_settings(
            by=request.membership, form=form_obj, data=data, expected_version=data["version"]
        ),
        success="Настройки формы сохранены.",
        target=lambda result: result.get_absolute_url(),
    )
    return response or form_page(
        request,
        form=form,
        title=f"Настройки формы «{form_obj.short_title}»",
        breadcrumbs=_crumbs(
            ("Формы отчётности", "/reporting/forms/"),
            (form_obj.short_title, form_obj.get_absolute_url()),
            ("Настройки", None),
        ),
        cancel_url=form_obj.get_absolute_url(),
    )


# --- REP-1: changing a form's structure in a draft version -----------------------------------


def _require_editor(request):
    if request.scope is None or not request.scope.region_wide:
        raise PermissionDenied(form_versions.EDIT_MESSAGE)


def _version_crumbs(version, title):
    form = version.form
    return _crumbs(
        ("Формы отчётности", "/reporting/forms/"),
        (form.short_title, form.get_absolute_url()),
        (title, None),
    )


@login_required
@require_POST
def version_create(request, code):
    _require_editor(request)
    form_obj = selectors.form_by_code(code)
    form = forms.NewVersionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Черновик не создан: {error}")
        return redirect(form_obj.get_absolute_url() + "#draft")
    try:
        form_versions.new_version(
            by=request.membership, form=form_obj, note=form.cleaned_data.get("note", "")
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, "Создан черновик новой версии: измените его и введите в действие."
        )
    return redirect(form_obj.get_absolute_url() + "#draft")


@login_required
@require_POST
def version_publish(request, pk):
    _require_editor(request)
    version = selectors.version_of(pk)
    try:
        form_versions.publish(by=request.membership, version=version)
    except (DomainError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(
            request,
            f"Версия {version.number} введена в действие: по ней открываются новые периоды.",
        )
    return redirect(version.form.get_absolute_url())


@login_required
@require_POST
def version_delete(request, pk):
    _require_editor(request)
    version = selectors.version_of(pk)
    try:
        form_versions.delete_draft(by=request.membership, version=version)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Черновик версии удалён.")
    return redirect(version.form.get_absolute_url())


@login_required
def section_edit(request, pk, section=None):
    _require_editor(request)
    version = selectors.version_of(pk)
    instance = get_object_or_404(version.sections, pk=section) if section else None
    initial = {"title": instance.title, "order": instance.order} if instance else None
    form = forms.SectionForm(request.POST or None, initial=initial)
    response = submit(
        request,
        form,
        lambda data: form_versions.save_section(
            by=request.membership, version=version, data=data, section=instance
        ),
        success="Раздел сохранён.",
        target=version.form.get_absolute_url() + "#draft",
    )
    return response or form_page(
        request,
        form=form,
        title="Раздел формы" if instance else "Новый раздел",
        breadcrumbs=_version_crumbs(version, f"Версия {version.number}: раздел"),
        cancel_url=version.form.get_absolute_url(),
    )


@login_required
def indicator_edit(request, pk, indicator=None):
    _require_editor(request)
    version = selectors.version_of(pk)
    instance = get_object_or_404(version.indicators, pk=indicator) if indicator else None
    initial = None
    if instance:
        initial = {
            name: getattr(instance, name)
            for name in (
                "section",
                "order",
                "number",
                "title",
                "code",
                "value_type",
                "unit",
                "required",
                "counter",
                "formula",
                "consolidation",
                "help_text",
                "part_of",
            )
        }
        initial["columns"] = forms.IndicatorForm.columns_text(instance.columns)
    elif request.GET.get("section"):
        initial = {"section": request.GET["section"]}
    form = forms.IndicatorForm(request.POST or None, initial=initial, version=version)
    response = submit(
        request,
        form,
        lambda data: form_versions.save_indicator(
            by=request.membership, version=version, data=data, indicator=instance
        ),
        success="Показатель сохранён.",
        target=version.form.get_absolute_url() + "#draft",
    )
    return response or form_page(
        request,
        form=form,
        title=f"Показатель «{instance}»" if instance else "Новый показатель",
        breadcrumbs=_version_crumbs(version, f"Версия {version.number}: показатель"),
        cancel_url=version.form.get_absolute_url(),
    )


@login_required
@require_POST
def indicator_delete(request, pk, indicator):
    _require_editor(request)
    version = selectors.version_of(pk)
    instance = get_object_or_404(version.indicators, pk=indicator)
    try:
        form_versions.delete_indicator(by=request.membership, indicator=instance)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Показатель удалён из черновика.")
    return redirect(version.form.get_absolute_url() + "#draft")
