"""Reads of the reporting chain. Every list and card goes through Report.objects.visible_to."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.coordination.reporting import formulas
from resurs.coordination.reporting.counters import Counting, counters
from resurs.coordination.reporting.models import (
    Consolidation,
    FormSection,
    Indicator,
    Report,
    ReportForm,
    ReportState,
    ReportValue,
    ValueType,
)
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.workcalendar.periods import Period

SENDERS_ACCEPTED = "senders_accepted"


def forms() -> list[ReportForm]:
    return list(ReportForm.objects.filter(is_active=True).select_related("consolidates"))


def form_by_code(code: str) -> ReportForm:
    return get_object_or_404(ReportForm.objects.select_related("consolidates"), code=code)


def version_of(pk: int):
    """A form version with its form (forms are public to every signed-in role)."""
    from resurs.coordination.reporting.models import FormVersion

    return get_object_or_404(FormVersion.objects.select_related("form"), pk=pk)


def structure(form_version) -> list[FormSection]:
    """Sections with ``indicator_list`` (ordered) of one form version: two queries. A
    computed indicator carries ``readable_formula`` (numbers of lines instead of codes)."""
    sections = list(
        FormSection.objects.filter(form_version=form_version)
        .order_by("order", "id")
        .prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order", "id"),
                to_attr="indicator_list",
            )
        )
    )
    numbers = {i.code: i.number for s in sections for i in s.indicator_list}
    for section in sections:
        for indicator in section.indicator_list:
            if indicator.formula:
                indicator.readable_formula = formulas.readable(indicator.formula, numbers)
    return sections


IN_SERVICE_RELATED = ("unit", "sender_membership__user")


def reports_visible_to(who):
    return Report.objects.visible_to(who).select_related(
        "form", "sender", "receiver", "direction", "sender__territory", *IN_SERVICE_RELATED
    )


def _acting_q(scope, side: str):
    """Reports the scope's role acts on as the sender or the receiver: its organisation's,
    of the forms whose party the role speaks for, in its direction (REP-2 «what I owe»)."""

    from resurs.coordination.reporting.models import PARTY_ROLES

    parties = [party for party, roles in PARTY_ROLES.items() if scope.role in roles]
    q = Q(**{f"{side}_id": scope.organisation_id, f"form__{side}__in": parties})
    if scope.direction_id:
        q &= Q(direction__isnull=True) | Q(direction_id=scope.direction_id)
    return q


def owed_by(who):
    """The reports the viewer's organisation owes and the viewer's role fills."""
    from resurs.kernel.accounts.scoping import scope_of

    scope = scope_of(who)
    if scope is None:
        return Report.objects.none()
    return reports_visible_to(who).filter(_acting_q(scope, "sender"))


def awaiting_decision_of(who):
    """Submitted reports the viewer's organisation receives and the viewer's role decides on."""
    from resurs.kernel.accounts.scoping import scope_of

    scope = scope_of(who)
    if scope is None:
        return Report.objects.none()
    return Report.objects.visible_to(who).filter(
        _acting_q(scope, "receiver"),
        state__in=[ReportState.SUBMITTED, ReportState.RESUBMITTED],
    )


def report_for(who, pk: int) -> Report:
    return get_object_or_404(reports_visible_to(who), pk=pk)


def stored_values(report: Report) -> dict[str, ReportValue]:
    return {
        v.indicator.code: v
        for v in ReportValue.objects.filter(report=report).select_related("indicator")
    }


# --- REP-4: what the system counts and what the senders reported --------------------------------


def source_reports(report: Report):
    """The senders' accepted reports a consolidating report is made of (REP-4)."""
    source_form = report.form.consolidates
    if source_form is None:
        return Report.objects.none()
    reports = Report.objects.filter(
        form=source_form,
        period_kind=report.period_kind,
        period_start=report.period_start,
        receiver_id=report.sender_id,
        state=ReportState.ACCEPTED,
    )
    if report.unit_id:
        # In-service: the head's report is made of the unit's specialists' reports.
        return reports.filter(unit_id=report.unit_id)
    if report.direction_id:
        direction_reports = reports.filter(direction_id=report.direction_id)
        if reports.filter(direction__isnull=False).exists():
            return direction_reports
        # Senders report without a direction (providers): those taking part in it.
        return reports.filter(sender__directions=report.direction_id)
    return reports


@dataclass
class Counted:
    value: object
    url: str = ""
    sources: int = 0  # senders' reports it was made of, for consolidated values


def _aggregate(indicator: Indicator, values: list) -> object:
    present = [v for v in values if v is not None]
    if indicator.consolidation == Consolidation.SUM and indicator.value_type in {
        ValueType.INTEGER,
        ValueType.DECIMAL,
    }:
        if not present:
            return 0 if indicator.value_type == ValueType.INTEGER else 0.0
        total = sum(present)
        return round(total, 2) if indicator.value_type == ValueType.DECIMAL else int(total)
    if indicator.consolidation == Consolidation.ANY:
        return any(present) if present else None
    if indicator.consolidation == Consolidation.LIST:
        if indicator.value_type == ValueType.TABLE:
            rows = [row for table in present for row in table]
            return rows or None
        return "\n".join(str(v) for v in present) or None
    return None


def counted_values(report: Report, indicators: list[Indicator]) -> dict[str, Counted]:
    """REP-4: for every countable indicator, what the system counts from its records (for
    the report's sender, direction and period) or what the senders' accepted reports add up
    to — with the link to the records or reports behind it."""
    result: dict[str, Counted] = {}
    counting = Counting(
        report.sender,
        report.direction,
        report.period_start,
        report.period_end,
        unit=report.unit,
        specialist=report.sender_membership.user if report.sender_membership_id else None,
    )
    consolidating = report.form.consolidates_id is not None
    sources = []
    source_values: dict[str, list] = {}
    if consolidating:
        sources = list(source_reports(report).values_list("pk", "sender__name"))
        rows = ReportValue.objects.filter(report_id__in=[pk for pk, _ in sources]).values_list(
            "indicator__code", "value"
        )
        for code, value in rows:
            source_values.setdefault(code, []).append(value)
    from django.urls import reverse

    board_url = (
        reverse("reporting:board")
        + f"?form={report.form.consolidates.code}&period={report.period.key}"
        if consolidating
        else ""
    )
    known = counters()
    for indicator in indicators:
        if indicator.formula:
            continue
        if indicator.counter == SENDERS_ACCEPTED:
            result[indicator.code] = Counted(len(sources), board_url, len(sources))
        elif indicator.counter in known:
            counter = known[indicator.counter]
            value = counter.count(counting)
            if indicator.value_type == ValueType.DECIMAL and value is not None:
                value = float(value)
            result[indicator.code] = Counted(value, counter.records(counting))
        elif consolidating and indicator.consolidation != Consolidation.NONE:
            result[indicator.code] = Counted(
                _aggregate(indicator, source_values.get(indicator.code, [])),
                board_url,
                len(sources),
            )
    return result


# --- REP-2: the receiver's board -------------------------------------------------------------


class Status:
    ACCEPTED = "accepted"
    ON_TIME = "on_time"
    LATE = "late"
    NOTHING = "nothing"
    RETURNED = "returned"
    MISSING = "missing"
    EXPECTED = "expected"


STATUS_LABELS = {
    Status.ON_TIME: "в срок",
    Status.LATE: "с опозданием",
    Status.NOTHING: "нет данных за период",
    Status.RETURNED: "возвращён",
    Status.MISSING: "не представлен",
    Status.EXPECTED: "ожидается",
}


def timeliness(report: Report, today: datetime.date) -> str:
    """One word for a report on the board: returned, nothing to report, on time, late,
    missing (past due and never submitted) or expected (not due yet)."""
    if report.state == ReportState.RETURNED:
        return Status.RETURNED
    if report.submitted_at is None:
        return Status.MISSING if today > report.due_on else Status.EXPECTED
    if report.nothing_to_report:
        return Status.NOTHING
    return Status.LATE if report.days_late else Status.ON_TIME


@dataclass
class Board:
    period: Period
    form: ReportForm | None
    rows: list = field(default_factory=list)
    totals: dict = field(default_factory=dict)


# The columns a board row shows (the page, its exports and the API): nothing else is read.
BOARD_COLUMNS = (
    "id",
    "form_id",
    "form__code",
    "form__short_title",
    "form__order",
    "period_kind",
    "period_start",
    "period_end",
    "sender_id",
    "sender__name",
    "sender__short_name",
    "receiver_id",
    "receiver__name",
    "receiver__short_name",
    "direction_id",
    "direction__number",
    "direction__short_name",
    "due_on",
    "state",
    "nothing_to_report",
    "submitted_at",
    "submitted_on",
    "last_submitted_at",
    "decided_at",
    "remarks",
    "version",
    "form__receiver",
    "unit_id",
    "unit__name",
    "sender_membership_id",
    "sender_membership__user__last_name",
    "sender_membership__user__first_name",
    "sender_membership__user__patronymic",
)


def report_rows(who):
    """Reports as lists show them (boards, the API list): the board's columns only."""
    return (
        Report.objects.visible_to(who)
        .select_related("form", "sender", "receiver", "direction", *IN_SERVICE_RELATED)
        .only(*BOARD_COLUMNS)
    )


def received_q(who, receiver_id: int) -> Q:
    """The reports the receiver's board shows: those addressed to the organisation and, of
    the in-service chain, those the viewer decides on — the head their unit's specialists',
    the director the heads' — not a head's own report to the director."""
    from resurs.kernel.accounts.scoping import scope_of

    scope = scope_of(who)
    between = Q(unit__isnull=True, receiver_id=receiver_id)
    if scope is None:
        return between
    return between | Q(unit__isnull=False) & _acting_q(scope, "receiver")


def board_reports(who, *, period: Period, form=None, receiver_id=None, sender_id=None):
    """REP-2: the reports of a board — of the period's kind and within it — the viewer
    receives (or, region-wide, every report), in board order, with the board's columns only."""
    reports = report_rows(who).filter(
        period_kind__in=_kinds_within(period),
        period_start__gte=period.start,
        period_end__lte=period.end,
    )
    if form is not None:
        reports = reports.filter(form=form)
    if receiver_id:
        reports = reports.filter(received_q(who, receiver_id))
    if sender_id:
        reports = reports.filter(sender_id=sender_id)
    return reports.order_by("form__order", "receiver__name", "sender__name", "id")


def _kinds_within(period: Period) -> list[str]:
    """Period kinds that fit inside ``period`` (a year's board also shows its quarters)."""
    from resurs.kernel.workcalendar.periods import MONTHS_IN, PeriodKind

    size = MONTHS_IN[PeriodKind(period.kind)]
    return [kind for kind, months in MONTHS_IN.items() if months <= size]


def board_totals(reports, today: datetime.date) -> dict:
    """The board's totals in one aggregate query, by the same rule as ``timeliness``:
    first submitted on the due date or before (``submitted_on``, the region's day) is on time."""
    from django.db.models import Count, F, Q

    submitted = Q(submitted_at__isnull=False)
    returned = Q(state=ReportState.RETURNED)
    late = submitted & Q(submitted_on__gt=F("due_on"))  # both dates in the region's zone
    not_submitted = Q(submitted_at__isnull=True) & ~returned
    totals = reports.order_by().aggregate(
        expected_total=Count("pk"),
        submitted=Count("pk", filter=submitted),
        on_time_total=Count("pk", filter=submitted & ~late),
        late_total=Count("pk", filter=late),
        returned=Count("pk", filter=returned),
        nothing=Count("pk", filter=submitted & ~returned & Q(nothing_to_report=True)),
        on_time=Count("pk", filter=submitted & ~returned & Q(nothing_to_report=False) & ~late),
        late=Count("pk", filter=late & ~returned & Q(nothing_to_report=False)),
        missing=Count("pk", filter=not_submitted & Q(due_on__lt=today)),
        expected=Count("pk", filter=not_submitted & Q(due_on__gte=today)),
        accepted=Count("pk", filter=Q(state=ReportState.ACCEPTED)),
    )
    return totals


def status_words(report: Report) -> str:
    """A marked report's timeliness in words, the same on pages and in exports."""
    if report.status == Status.LATE:
        return f"с опозданием на {report.days_late} дн."
    if report.status == Status.MISSING:
        return f"не представлен, просрочка {report.overdue} дн."
    if report.status == Status.EXPECTED:
        return f"ожидается до {report.due_on:%d.%m.%Y}"
    return STATUS_LABELS[report.status]


def mark(report: Report, today: datetime.date) -> Report:
    """Sets ``status``, ``status_label``, ``overdue`` and ``status_words`` on a report."""
    report.status = timeliness(report, today)
    report.status_label = STATUS_LABELS[report.status]
    report.overdue = report.overdue_days(today)
    report.status_words = status_words(report)
    return report


def mark_timeliness(rows, today: datetime.date):
    for report in rows:
        mark(report, today)
    return rows


def board(
    who,
    *,
    period: Period,
    form: ReportForm | None = None,
    receiver_id=None,
    sender_id=None,
    today: datetime.date | None = None,
) -> Board:
    """REP-2: every report of a board with its timeliness, and the totals: expected,
    submitted, on time, late, missing, nothing to report, returned, accepted. Two queries
    whatever the number of reports (the page shows them a page at a time: board_reports)."""
    today = today or timezone.localdate()
    reports = board_reports(
        who, period=period, form=form, receiver_id=receiver_id, sender_id=sender_id
    )
    rows = mark_timeliness(list(reports), today)
    return Board(period=period, form=form, rows=rows, totals=board_totals(reports, today))


def receivers_for(who) -> list[Organisation]:
    ids = reports_visible_to(who).values("receiver_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def due_of(form: ReportForm, period: Period):
    """The due date of a form's period, or None for a year the calendar does not know."""
    from resurs.coordination.reporting.periods import due_date
    from resurs.kernel.workcalendar.deadlines import CalendarYearUnknown

    try:
        return due_date(period, form.due_day)
    except CalendarYearUnknown:
        return None
