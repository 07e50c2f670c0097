"""Pages of the reporting chain (SPEC §4): what I owe («Мои отчёты»), what I receive
(«Контроль представления», REP-2), a report with its workflow (REP-3) and what the system
counted (REP-4), the catalogue of forms (REP-1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from resurs.coordination.reporting import form_versions, forms, permissions, selectors, services
from resurs.coordination.reporting.models import Report
from resurs.coordination.reporting.values import display
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import apply_domain_error, form_page, submit
from resurs.kernel.workcalendar.periods import Period, PeriodKind
from resurs.kernel.writes.errors import DomainError

REPORTING_CRUMB = ("Отчётность", "/reporting/")
BOARD_PAGE_SIZE = 100


def _crumbs(*items):
    return [REPORTING_CRUMB, *items]


@login_required
def my_reports(request):
    """REP-2 for the sender: every report the user's organisation owes, newest period first."""
    today = timezone.localdate()
    reports = list(selectors.owed_by(request).order_by("-period_start", "form__order", "id")[:200])
    selectors.mark_timeliness(reports, today)
    return render(
        request,
        "reporting/mine.html",
        {
            "title": "Мои отчёты",
            "breadcrumbs": [("Отчётность", None)],
            "reports": reports,
            "today": today,
        },
    )


@login_required
def board(request):
    """REP-2 for the receiver: expected, submitted, on time, late, missing, «нет данных за
    период» and returned, per form and period."""
    today = timezone.localdate()
    filter_form = forms.BoardFilterForm(request.GET or None, today=today)
    period = filter_form.chosen_period()
    form = filter_form.cleaned_data.get("form") if filter_form.is_valid() else None
    scope = request.scope
    receiver_id = None if scope is None or scope.region_wide else scope.organisation_id
    reports = selectors.board_reports(request, period=period, form=form, receiver_id=receiver_id)
    page = Paginator(reports, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.mark_timeliness(page.object_list, today)
    result = selectors.Board(
        period=period,
        form=form,
        rows=page.object_list,
        totals=selectors.board_totals(reports, today),
    )
    context = {
        "title": "Контроль представления отчётов",
        "breadcrumbs": _crumbs(("Контроль представления", None)),
        "filter_form": filter_form,
        "board": result,
        "page_obj": page,
        "period": period,
        "today": today,
        "can_open": scope is not None and scope.region_wide,
        "open_form": forms.OpenPeriodForm(prefix="open", initial={"period": period.key}),
        "query": request.GET.urlencode(),
    }
    return render(request, "reporting/board.html", context)


@login_required
@require_POST
def open_period(request):
    form = forms.OpenPeriodForm(request.POST, prefix="open")
    if form.is_valid():
        try:
            created = services.open_period(
                by=request.membership,
                form=form.cleaned_data["form"],
                period=form.cleaned_data["period"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Обязательства сформированы: новых отчётов — {created}.")
        period = form.cleaned_data["period"]
        return redirect(
            f"/reporting/board/?form={form.cleaned_data['form'].code}&period={period.key}"
        )
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("reporting:board")


def _rows(report, sections, stored, counted):
    """Sections with rows: indicator, value shown, counted value and its link."""
    values = {code: v.value for code, v in stored.items()}
    result = []
    for section in sections:
        rows = []
        for indicator in section.indicator_list:
            value = values.get(indicator.code)
            count = counted.get(indicator.code)
            stored_counted = stored[indicator.code].counted if indicator.code in stored else None
            counted_value = count.value if count is not None else stored_counted
            rows.append(
                {
                    "indicator": indicator,
                    "value": value,
                    "shown": display(indicator, value),
                    "counted": None if counted_value is None else display(indicator, counted_value),
                    "counted_url": count.url if count is not None else "",
                    "differs": counted_value is not None
                    and value is not None
                    and value != counted_value,
                    "table": value if isinstance(value, list) else None,
                }
            )
        result.append({"section": section, "rows": rows})
    return result


@login_required
def report_detail(request, pk):
    report = selectors.report_for(request, pk)
    sections = selectors.structure(report.form_version_id)
    indicators = [i for s in sections for i in s.indicator_list]
    stored = selectors.stored_values(report)
    # What the system counts now, while the sender can still change the report; once
    # submitted, what was counted at the last save.
    counted = (
        selectors.counted_values(report, indicators)
        if report.state in {"not_started", "draft", "returned"}
        else {}
    )
    scope = request.scope
    today = timezone.localdate()
    selectors.mark(report, today)
    context = {
        "title": str(report),
        "breadcrumbs": _crumbs((report.form.short_title, None)),
        "report": report,
        "sections": _rows(report, sections, stored, counted),
        "can_edit": permissions.can_edit(scope, report),
        "can_decide": permissions.can_decide(scope, report),
        "can_reopen": permissions.can_reopen(scope, report),
        "remarks_form": forms.RemarksForm(initial={"version": report.version}),
        "reopen_form": forms.ReopenForm(initial={"version": report.version}),
        "history": history_of(report)[:50],
        "sources": _readable_sources(request, report),
        "today": today,
    }
    return render(request, "reporting/report_detail.html", context)


def _readable_sources(request, report) -> list:
    """The reports a consolidating report is made of, each marked ``readable`` when the
    viewer may open it: a link that would answer 404 is not shown (the sender's name is)."""
    sources = list(
        selectors.source_reports(report)
        .select_related("sender", *selectors.IN_SERVICE_RELATED)
        .order_by("sender__name", "unit__name", "sender_membership__user__last_name")
    )
    readable = set(
        Report.objects.visible_to(request)
        .filter(pk__in=[source.pk for source in sources])
        .values_list("pk", flat=True)
    )
    for source in sources:
        source.readable = source.pk in readable
    return sources


@login_required
def report_edit(request, pk):
    """REP-3/REP-4: the sender fills the report; what the system counted is offered for
    every empty countable indicator and shown beside a value typed differently."""
    report = selectors.report_for(request, pk)
    if not permissions.can_edit(request.scope, report):
        raise PermissionDenied("Этот отчёт сейчас нельзя изменить.")
    sections = selectors.structure(report.form_version_id)
    indicators = [i for s in sections for i in s.indicator_list]
    stored = selectors.stored_values(report)
    counted = selectors.counted_values(report, indicators)
    initial_values = {code: v.value for code, v in stored.items()}
    for code, count in counted.items():
        if initial_values.get(code) is None:
            initial_values[code] = count.value
    form = forms.ReportValuesForm(
        request.POST or None,
        sections=sections,
        initial_values=initial_values,
        initial={"version": report.version, "nothing_to_report": report.nothing_to_report},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_values(
                by=request.membership,
                report=report,
                values=form.values(),
                nothing_to_report=form.cleaned_data["nothing_to_report"],
                expected_version=form.cleaned_data["version"],
            )
            if "submit" in request.POST:
                report.refresh_from_db()
                services.submit(
                    by=request.membership, report=report, expected_version=report.version
                )
                messages.success(request, "Отчёт представлен получателю.")
            else:
                messages.success(request, "Отчёт сохранён.")
            return redirect(report.get_absolute_url())
        except (DomainError, ValidationError) as exc:
            apply_domain_error(form, exc)
    return render(
        request,
        "reporting/report_edit.html",
        {
            "title": f"Заполнение: {report}",
            "breadcrumbs": _crumbs((str(report), report.get_absolute_url()), ("Заполнение", None)),
            "report": report,
            "form": form,
            "sections": sections,
            "counted": counted,
            "tables": form.table_rows(request.POST if request.method == "POST" else None),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _decision(request, pk, write, success, form_class=forms.DecisionForm):
    report = selectors.report_for(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(report.get_absolute_url())
    try:
        write(report, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_submit(request, pk):
    nothing = request.POST.get("nothing_to_report") == "1"
    return _decision(
        request,
        pk,
        lambda report, data: services.submit(
            by=request.membership,
            report=report,
            expected_version=data["version"],
            nothing_to_report=True if nothing else None,
        ),
        "Отчёт представлен: «нет данных за период»."
        if nothing
        else "Отчёт представлен получателю.",
    )


@login_required
@require_POST
def report_accept(request, pk):
    return _decision(
        request,
        pk,
        lambda report, data: services.accept(
            by=request.membership, report=report, expected_version=data["version"]
        ),
        "Отчёт принят.",
    )


@login_required
@require_POST
def report_return(request, pk):
    return _decision(
        request,
        pk,
        lambda report, data: services.return_for_revision(
            by=request.membership,
            report=report,
            remarks=data["remarks"],
            expected_version=data["version"],
        ),
        "Отчёт возвращён на доработку.",
        forms.RemarksForm,
    )


@login_required
@require_POST
def report_reopen(request, pk):
    return _decision(
        request,
        pk,
        lambda report, data: services.reopen(
            by=request.membership,
            report=report,
            reason=data["reason"],
            expected_version=data["version"],
        ),
        "Отчёт открыт повторно; отправитель увидит причину.",
        forms.ReopenForm,
    )


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
