"""Writes of the reporting chain (REP-2, REP-3, REP-4): opening a period's reports, filling,
submitting, accepting, returning and reopening them. Every write is attributed and audited."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from resurs.coordination.reporting import obligations, permissions, selectors
from resurs.coordination.reporting.models import (
    EDITABLE_STATES,
    Indicator,
    Report,
    ReportForm,
    ReportState,
    ReportValue,
)
from resurs.coordination.reporting.periods import due_date
from resurs.coordination.reporting.values import clean_value, with_computed
from resurs.coordination.reporting.values import display as values_display
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.workcalendar.deadlines import CalendarYearUnknown
from resurs.kernel.workcalendar.periods import Period
from resurs.kernel.writes import acting, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError, StaleVersion


@transaction.atomic
def open_period(*, form: ReportForm, period: Period, by=None) -> int:
    """REP-2: creates the reports the directory says are owed for the period (state «не
    начат», the form's current version, the due date by the calendar); idempotent.
    Returns how many were created."""
    if period.kind != form.period_kind:
        raise DomainError(f"Форма «{form}» представляется за {form.get_period_kind_display()}.")
    if by is not None:
        _user, scope, _role = acting(by)
        require(scope.region_wide, "Открыть период могут Департамент и администратор.")
    version = form.current_version()
    if version is None:
        raise DomainError(f"У формы «{form}» нет ни одной версии.")
    try:
        due_on = due_date(period, form.due_day)
    except CalendarYearUnknown as exc:
        raise DomainError(str(exc)) from exc
    existing = set(
        Report.objects.filter(form=form, period_start=period.start).values_list(
            "sender_id", "receiver_id", "direction_id", "unit_id", "sender_membership_id"
        )
    )
    created = 0
    for obligation in obligations.expected(form, period):
        if obligation.key in existing:
            continue
        try:
            with transaction.atomic():
                Report.objects.create(
                    form=form,
                    form_version=version,
                    period_kind=period.kind,
                    period_start=period.start,
                    period_end=period.end,
                    sender_id=obligation.sender_id,
                    receiver_id=obligation.receiver_id,
                    direction_id=obligation.direction_id,
                    unit_id=obligation.unit_id,
                    sender_membership_id=obligation.sender_membership_id,
                    due_on=due_on,
                )
        except IntegrityError:
            continue  # another worker opened it at the same moment
        created += 1
    return created


def open_current_periods(*, today: datetime.date | None = None) -> int:
    """The daily job: every active form's current period and the one before it."""
    today = today or timezone.localdate()
    created = 0
    for form in ReportForm.objects.filter(is_active=True):
        current = Period.containing(form.period_kind, today)
        for period in (current.previous(), current):
            created += open_period(form=form, period=period)
    return created


def _indicators(report: Report) -> list[Indicator]:
    return list(
        Indicator.objects.filter(form_version_id=report.form_version_id).order_by(
            "section__order", "order", "id"
        )
    )


def _store(report: Report, indicators, typed: dict, counted: dict) -> None:
    stored = {v.indicator_id: v for v in ReportValue.objects.filter(report=report)}
    values = with_computed(indicators, typed)
    for indicator in indicators:
        value = values.get(indicator.code)
        counted_value = counted.get(indicator.code)
        current = stored.get(indicator.pk)
        if current is None:
            if value is None and counted_value is None:
                continue
            ReportValue.objects.create(
                report=report, indicator=indicator, value=value, counted=counted_value
            )
        elif current.value != value or current.counted != counted_value:
            current.value = value
            current.counted = counted_value
            current.save(update_fields=["value", "counted"])


@transaction.atomic
def save_values(
    *,
    by,
    report: Report,
    values: dict,
    nothing_to_report: bool = False,
    expected_version: int | None,
) -> Report:
    """REP-3/REP-4: the sender's values (code → raw value). What the system counts is
    stored beside them; an empty countable value takes the counted one."""
    _user, scope, _role = acting(by)
    require(permissions.acts_for_sender(scope, report), "Отчёт заполняет отправитель.")
    # Lock the report before its values are read: a second client saving at once waits here
    # and is then refused as stale, instead of colliding on the values' unique rows (a 500).
    stored = locked(report)
    if expected_version is not None and stored.version != expected_version:
        raise StaleVersion("запись отчёта")
    if report.state not in EDITABLE_STATES:
        raise DomainError(
            f"Отчёт {report.get_state_display()}: изменить его нельзя"
            + (
                " — получатель может вернуть его на доработку."
                if report.state != "accepted"
                else "."
            )
        )
    before = snapshot(report)
    indicators = _indicators(report)
    by_code = {i.code: i for i in indicators}
    unknown = set(values) - set(by_code)
    if unknown:
        raise DomainError(f"В форме нет показателей: {', '.join(sorted(unknown))}.")
    errors = {}
    typed = {}
    for indicator in indicators:
        if indicator.formula:
            continue
        try:
            typed[indicator.code] = clean_value(indicator, values.get(indicator.code))
        except ValidationError as exc:
            errors[indicator.code] = exc.messages
    if errors:
        raise ValidationError(errors)
    counted = {code: c.value for code, c in selectors.counted_values(report, indicators).items()}
    for code, value in counted.items():
        if typed.get(code) is None and not nothing_to_report:
            typed[code] = value
    _store(report, indicators, typed, counted)
    report.nothing_to_report = nothing_to_report
    report.counted_at = timezone.now()
    if report.state == ReportState.NOT_STARTED:
        report.state = ReportState.DRAFT
    save_with_version(
        report,
        expected_version=expected_version,
        fields=["state", "nothing_to_report", "counted_at"],
        label="запись отчёта",
    )
    audit(by, report, AuditAction.UPDATE, before=before)
    return report


def _missing_required(report: Report) -> list[str]:
    present = {
        code
        for code, value in ReportValue.objects.filter(report=report).values_list(
            "indicator__code", "value"
        )
        if value not in (None, "", [])
    }
    return [
        f"{i.number} {i.title}".strip()
        for i in _indicators(report)
        if i.required and i.code not in present
    ]


def _contradictions(report: Report) -> list[str]:
    """REP-1's cross-indicator rules on the stored values: a part is not more than its whole
    (``Indicator.part_of``); each message names both indicators."""
    indicators = _indicators(report)
    by_code = {i.code: i for i in indicators}
    values = dict(ReportValue.objects.filter(report=report).values_list("indicator__code", "value"))
    problems = []
    for part in indicators:
        whole = by_code.get(part.part_of)
        if whole is None:
            continue
        part_value, whole_value = values.get(part.code), values.get(whole.code)
        if not isinstance(part_value, int | float) or not isinstance(whole_value, int | float):
            continue
        if part_value > whole_value:
            problems.append(
                f"«{part}» ({values_display(part, part_value)}) больше, чем «{whole}» "
                f"({values_display(whole, whole_value)}): часть не может быть больше целого"
            )
    return problems


@transaction.atomic
def submit(*, by, report: Report, expected_version: int | None, nothing_to_report=None) -> Report:
    """REP-3: draft → submitted, returned → resubmitted. The first submission's time is kept
    for timeliness. «Нет данных за период» submits with no values."""
    user, scope, _role = acting(by)
    require(permissions.acts_for_sender(scope, report), "Отчёт представляет отправитель.")
    if report.state not in EDITABLE_STATES:
        raise DomainError(f"Отчёт уже {report.get_state_display().lower()}.")
    if not report.is_submission_open:
        raise DomainError(
            f"Отчёт за {report.period.label} можно представить с "
            f"{report.submission_opens_on:%d.%m.%Y}: период "
            "ещё не закончился. Значения можно сохранять и сейчас."
        )
    if nothing_to_report is not None:
        report.nothing_to_report = nothing_to_report
    if not report.nothing_to_report:
        missing = _missing_required(report)
        if missing:
            raise DomainError("Не заполнены обязательные показатели: " + "; ".join(missing) + ".")
        contradictions = _contradictions(report)
        if contradictions:
            raise DomainError(
                "Показатели противоречат друг другу: " + "; ".join(contradictions) + "."
            )
    before = snapshot(report)
    now = timezone.now()
    report.state = (
        ReportState.RESUBMITTED if report.state == ReportState.RETURNED else ReportState.SUBMITTED
    )
    if report.submitted_at is None:
        report.submitted_at = now
        report.submitted_on = timezone.localdate(now)
    report.last_submitted_at = now
    report.submitted_by = user
    save_with_version(
        report,
        expected_version=expected_version,
        fields=[
            "state",
            "nothing_to_report",
            "submitted_at",
            "submitted_on",
            "last_submitted_at",
            "submitted_by",
        ],
        label="запись отчёта",
    )
    audit(by, report, AuditAction.UPDATE, before=before)
    return report


def _check_decision(scope, report, message: str) -> None:
    require(permissions.acts_for_receiver(scope, report), message)
    if report.state not in {ReportState.SUBMITTED, ReportState.RESUBMITTED}:
        raise DomainError(
            f"Отчёт {report.get_state_display().lower()}: решение принимается по представленному "
            "отчёту."
        )


def _decide(by, report: Report, *, state: str, remarks: str, expected_version) -> Report:
    """The receiver's (or the Department's) decision on a report, timestamped and audited."""
    user, _scope, _role = acting(by)
    before = snapshot(report)
    report.state = state
    report.remarks = remarks
    report.decided_at = timezone.now()
    report.decided_by = user
    save_with_version(
        report,
        expected_version=expected_version,
        fields=["state", "remarks", "decided_at", "decided_by"],
        label="запись отчёта",
    )
    audit(by, report, AuditAction.UPDATE, before=before)
    return report


@transaction.atomic
def accept(*, by, report: Report, expected_version: int | None) -> Report:
    _check_decision(acting(by)[1], report, "Принять отчёт может получатель.")
    return _decide(
        by, report, state=ReportState.ACCEPTED, remarks="", expected_version=expected_version
    )


@transaction.atomic
def return_for_revision(
    *, by, report: Report, remarks: str, expected_version: int | None
) -> Report:
    _check_decision(acting(by)[1], report, "Вернуть отчёт может получатель.")
    if not remarks.strip():
        raise DomainError("Напишите замечания: что нужно исправить.")
    return _decide(
        by,
        report,
        state=ReportState.RETURNED,
        remarks=remarks.strip(),
        expected_version=expected_version,
    )


@transaction.atomic
def reopen(*, by, report: Report, reason: str, expected_version: int | None) -> Report:
    """REP-3: accepted data is locked; reopening it needs a reason, which is logged and
    becomes the remark the sender sees."""
    require(
        permissions.can_reopen(acting(by)[1], report),
        "Открыть принятый отчёт может получатель или Департамент.",
    )
    if not reason.strip():
        raise DomainError("Укажите причину, по которой принятый отчёт открывается повторно.")
    return _decide(
        by,
        report,
        state=ReportState.RETURNED,
        remarks=f"Открыт повторно: {reason.strip()}",
        expected_version=expected_version,
    )


@transaction.atomic
def update_form_settings(*, by, form: ReportForm, data: dict, expected_version: int | None):
    """REP-1: names, activity and the due day of a form (Department). A changed due day
    applies to periods opened afterwards; reports already opened keep their due dates."""
    _user, scope, _role = acting(by)
    require(scope.region_wide, "Настраивать формы может Департамент.")
    before = snapshot(form)
    for name in ("title", "short_title", "due_day", "is_active"):
        setattr(form, name, data[name])
    form.full_clean(exclude=["consolidates"])
    save_with_version(
        form,
        expected_version=expected_version,
        fields=["title", "short_title", "due_day", "is_active"],
        label="форму отчётности",
    )
    audit(by, form, AuditAction.UPDATE, before=before)
    return form
