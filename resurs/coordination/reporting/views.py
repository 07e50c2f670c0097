"""Pages of the reporting chain (SPEC §4): what I owe («Мои отчёты»), what I receive
(«Контроль представления», REP-2), a report with its workflow (REP-3) and what the system
counted (REP-4). The catalogue of forms and their editing (REP-1) are `form_views`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from resurs.coordination.reporting import forms, permissions, selectors, services
from resurs.coordination.reporting.models import Report
from resurs.coordination.reporting.values import display
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import apply_domain_error
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
