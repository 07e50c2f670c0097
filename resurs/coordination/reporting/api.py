"""X-4: the reporting endpoints (SPEC §4); every query goes through the selectors' scope.

Forms with their current structure (REP-1), reports with their values, what the system
counted and their timeliness (REP-3/REP-4), the workflow — save values, submit, accept,
return with remarks, reopen with a reason — each with the report's version (optimistic
locking: a stale version is 409), the receiver's board (REP-2) and the KPI snapshots of
resource centres (REP-5). Lists are paginated (?page, ?page_size ≤ 200); writes go through
`resurs.coordination.reporting.services`, so the rules and the audit are those of the UI.
"""

from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from resurs.coordination.reporting import forms, selectors, services
from resurs.coordination.reporting.models import EDITABLE_STATES, KpiSnapshot
from resurs.coordination.reporting.schemas import (
    BoardOut,
    FormDetailOut,
    FormOut,
    KpiOut,
    ReasonIn,
    RemarksIn,
    ReportDetailOut,
    ReportFilterIn,
    ReportOut,
    ReportVersionIn,
    SubmitIn,
    ValuesIn,
)
from resurs.kernel.organisations.api import Page
from resurs.kernel.workcalendar.periods import Period

router = Router(tags=["Отчётность"])


def _period(key: str | None) -> Period | None:
    if not key:
        return None
    try:
        return Period.from_key(key.strip())
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc


def _default_period() -> Period:
    """The period the board page opens with (the last finished quarter early in a quarter)."""
    return forms.BoardFilterForm(None, today=timezone.localdate()).default_period


# --- forms (REP-1) ----------------------------------------------------------------------------


@router.get("/forms", response=list[FormOut], summary="Формы отчётности")
@paginate(Page)
def form_list(request):
    return selectors.forms()


@router.get("/forms/{code}", response=FormDetailOut, summary="Форма с действующей структурой")
def form_detail(request, code: str):
    form = selectors.form_by_code(code)
    current = form.current_version()
    form.form_version = current.number if current else None
    form.section_list = selectors.structure(current) if current else []
    return form


# --- reports (REP-3, REP-4) -------------------------------------------------------------------


def _detail(request, pk):
    """A report with its values in the form's order and what the system counted: the live
    count while the sender may change the report, the stored one after submission."""
    report = selectors.report_for(request, pk)
    sections = selectors.structure(report.form_version_id)
    indicators = [i for s in sections for i in s.indicator_list]
    stored = selectors.stored_values(report)
    live = selectors.counted_values(report, indicators) if report.state in EDITABLE_STATES else {}
    values = []
    for section in sections:
        for indicator in section.indicator_list:
            saved = stored.get(indicator.code)
            value = saved.value if saved is not None else None
            count = live.get(indicator.code)
            counted = count.value if count is not None else (saved.counted if saved else None)
            values.append(
                {
                    "code": indicator.code,
                    "number": indicator.number,
                    "title": indicator.title,
                    "section": section.title,
                    "value_type": indicator.value_type,
                    "unit": indicator.unit,
                    "value": value,
                    "counted": counted,
                    "counted_url": count.url if count is not None else "",
                    "differs": counted is not None and value is not None and value != counted,
                }
            )
    report.value_list = values
    return report


@router.get("/reports", response=list[ReportOut], summary="Отчёты")
@paginate(Page)
def report_list(request, filters: Query[ReportFilterIn]):
    reports = selectors.report_rows(request)
    period = _period(filters.period)
    if period is not None:
        reports = reports.of_period(period)
    if filters.form:
        reports = reports.filter(form__code=filters.form)
    if filters.state:
        reports = reports.filter(state=filters.state)
    if filters.sender_id:
        reports = reports.filter(sender_id=filters.sender_id)
    if filters.receiver_id:
        reports = reports.filter(receiver_id=filters.receiver_id)
    return reports.order_by("-period_start", "form__order", "sender__name", "id")


@router.get("/reports/{int:pk}", response=ReportDetailOut, summary="Отчёт со значениями")
def report_detail(request, pk: int):
    return _detail(request, pk)


@router.put("/reports/{int:pk}/values", response=ReportDetailOut, summary="Заполнить отчёт")
def report_values(request, pk: int, payload: ValuesIn):
    """Ошибка в значении — 422 с кодом показателя в ``errors[].field``; устаревшая версия —
    409. Пустой показатель, который считает система, получает посчитанное значение."""
    report = selectors.report_for(request, pk)
    services.save_values(
        by=request.membership,
        report=report,
        values=payload.values,
        nothing_to_report=payload.nothing_to_report,
        expected_version=payload.version,
    )
    return _detail(request, pk)


@router.post("/reports/{int:pk}/submit", response=ReportDetailOut, summary="Представить отчёт")
def report_submit(request, pk: int, payload: SubmitIn):
    report = selectors.report_for(request, pk)
    services.submit(
        by=request.membership,
        report=report,
        expected_version=payload.version,
        nothing_to_report=payload.nothing_to_report,
    )
    return _detail(request, pk)


@router.post("/reports/{int:pk}/accept", response=ReportDetailOut, summary="Принять отчёт")
def report_accept(request, pk: int, payload: ReportVersionIn):
    report = selectors.report_for(request, pk)
    services.accept(by=request.membership, report=report, expected_version=payload.version)
    return _detail(request, pk)


@router.post("/reports/{int:pk}/return", response=ReportDetailOut, summary="Вернуть на доработку")
def report_return(request, pk: int, payload: RemarksIn):
    report = selectors.report_for(request, pk)
    services.return_for_revision(
        by=request.membership,
        report=report,
        remarks=payload.remarks,
        expected_version=payload.version,
    )
    return _detail(request, pk)


@router.post("/reports/{int:pk}/reopen", response=ReportDetailOut, summary="Открыть принятый отчёт")
def report_reopen(request, pk: int, payload: ReasonIn):
    report = selectors.report_for(request, pk)
    services.reopen(
        by=request.membership,
        report=report,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return _detail(request, pk)


# --- the board (REP-2) and KPIs (REP-5) -------------------------------------------------------


@router.get("/board", response=BoardOut, summary="Контроль представления отчётов")
def board(request, period: str | None = None, form: str | None = None):
    """Отчёты периода, которые получает ваша организация (региональный уровень — все), с
    итогами: ожидается, представлено, в срок, с опозданием, не представлено, «нет данных за
    период», возвращено, принято."""
    chosen = _period(period) or _default_period()
    report_form = selectors.form_by_code(form) if form else None
    scope = request.scope
    receiver_id = None if scope is None or scope.region_wide else scope.organisation_id
    result = selectors.board(request, period=chosen, form=report_form, receiver_id=receiver_id)
    return {
        "period": chosen.key,
        "period_label": chosen.label,
        "form": report_form.code if report_form else None,
        "receiver_id": receiver_id,
        "totals": result.totals,
        "rows": result.rows,
    }


@router.get("/kpi", response=list[KpiOut], summary="Показатели ресурсных центров")
@paginate(Page)
def kpi_list(request, period: str | None = None):
    """Показатели 6.1–6.6 и коэффициент эффективности за период (по умолчанию — период
    страницы контроля), которые вам разрешено видеть."""
    chosen = _period(period) or _default_period()
    return (
        KpiSnapshot.objects.visible_to(request)
        .of_period(chosen)
        .select_related("organisation", "direction")
        .order_by("direction__number", "organisation__name", "id")
    )
