"""Reports that senders owe receivers per period (REP-2, REP-3) and their values (REP-4)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.casework.units.models import Unit
from resurs.coordination.reporting import inservice
from resurs.coordination.reporting.models.forms import FormVersion, Indicator, Party, ReportForm
from resurs.coordination.reporting.periods import days_late
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope, ScopedQuerySet
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period, PeriodKind


class ReportState(models.TextChoices):
    NOT_STARTED = "not_started", "не начат"
    DRAFT = "draft", "черновик"
    SUBMITTED = "submitted", "представлен"
    RETURNED = "returned", "возвращён на доработку"
    RESUBMITTED = "resubmitted", "представлен повторно"
    ACCEPTED = "accepted", "принят"


SUBMITTED_STATES = {ReportState.SUBMITTED, ReportState.RESUBMITTED, ReportState.ACCEPTED}
EDITABLE_STATES = {ReportState.NOT_STARTED, ReportState.DRAFT, ReportState.RETURNED}


class ReportQuerySet(ScopedQuerySet):
    """A report is seen by its sender and its receiver; УСЗН also sees the providers' reports
    of its territory (it controls the providers, SPEC §0) — not what a resource centre of its
    territory owes the Department or the methodological centre; a resource centre sees every
    report of its direction."""

    def scope_filter(self, scope: Scope) -> Q:
        visible = Q(sender_id=scope.organisation_id) | Q(receiver_id=scope.organisation_id)
        if scope.role == Role.USZN and scope.territory_id:
            visible |= Q(sender__territory_id=scope.territory_id, form__sender=Party.PROVIDER)
        elif scope.role == Role.RESOURCE_CENTRE and scope.direction_id:
            visible |= Q(direction_id=scope.direction_id)
        return Q(unit__isnull=True) & visible | Q(unit__isnull=False) & self._in_service(scope)

    @staticmethod
    def _in_service(scope: Scope) -> Q:
        """REP-2 inside an institution: a specialist sees their own reports, a head those of
        the units they head, the director (the provider role) every one of the institution;
        nobody else below the region (the УСЗН or a resource centre has no business in the
        staff's reports to their head)."""
        own = Q(sender_id=scope.organisation_id)
        if scope.role == Role.PROVIDER:
            return own
        if scope.role == Role.HEAD:
            return own & Q(unit_id__in=inservice.units_headed_by(scope.membership_id))
        if scope.role == Role.SPECIALIST:
            return own & Q(sender_membership_id=scope.membership_id)
        return Q(pk__in=[])

    def of_period(self, period: Period):
        return self.filter(period_kind=period.kind, period_start=period.start)


class Report(models.Model):
    """REP-2/REP-3: what one organisation owes another for a period under one form."""

    form = models.ForeignKey(
        ReportForm, on_delete=models.PROTECT, related_name="reports", verbose_name="форма"
    )
    form_version = models.ForeignKey(
        FormVersion, on_delete=models.PROTECT, related_name="reports", verbose_name="версия формы"
    )
    period_kind = models.CharField("вид периода", max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    sender = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports_sent",
        verbose_name="отправитель",
    )
    receiver = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="reports_received",
        verbose_name="получатель",
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name="направление",
    )
    # The in-service chain (reporting.inservice): the unit the report is about and, for a
    # specialist's report, the specialist who owes it; empty between organisations.
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отделение",
    )
    sender_membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="специалист",
    )
    due_on = models.DateField("срок представления")
    state = models.CharField(
        "состояние", max_length=16, choices=ReportState.choices, default=ReportState.NOT_STARTED
    )
    nothing_to_report = models.BooleanField(
        "нет данных за период",
        default=False,
        help_text="Отправителю нечего сообщить за период (это не то же, что «не представлен»).",
    )
    submitted_at = models.DateTimeField("впервые представлен", null=True, blank=True)
    submitted_on = models.DateField(
        "дата первого представления",
        null=True,
        blank=True,
        help_text="День первого представления в часовом поясе региона: по нему — своевременность.",
    )
    last_submitted_at = models.DateTimeField("представлен последний раз", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="представил",
    )
    decided_at = models.DateTimeField("решение получателя", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="принял решение",
    )
    remarks = models.TextField("замечания получателя", blank=True)
    counted_at = models.DateTimeField("посчитано системой", null=True, blank=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    version = models.PositiveIntegerField("версия записи", default=1)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "отчёт"
        verbose_name_plural = "отчёты"
        ordering = ["period_start", "form__order", "sender__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "period_start", "sender", "receiver", "direction"],
                condition=Q(direction__isnull=False),
                name="report_unique_with_direction",
            ),
            models.UniqueConstraint(
                fields=["form", "period_start", "sender", "receiver"],
                condition=Q(direction__isnull=True, unit__isnull=True),
                name="report_unique_between_organisations",
            ),
            # In-service: one report per specialist, or per unit for its head, and period.
            models.UniqueConstraint(
                fields=["form", "period_start", "sender_membership"],
                condition=Q(sender_membership__isnull=False),
                name="report_unique_specialist",
            ),
            models.UniqueConstraint(
                fields=["form", "period_start", "unit"],
                condition=Q(unit__isnull=False, sender_membership__isnull=True),
                name="report_unique_unit",
            ),
        ]
        indexes = [
            models.Index(
                fields=["receiver", "period_kind", "period_start"], name="report_receiver"
            ),
            models.Index(fields=["sender", "period_kind", "period_start"], name="report_sender"),
            models.Index(fields=["form", "period_start", "state"], name="report_form_period"),
            models.Index(fields=["period_kind", "period_start"], name="report_period"),
        ]

    def __str__(self):
        return f"{self.form.short_title}: {self.sender_label}, {self.period}"

    def get_absolute_url(self):
        return reverse("reporting:report_detail", args=[self.pk])

    @property
    def sender_label(self) -> str:
        """Who owes the report as people say it: the specialist (with the unit), the unit
        for its head's report, or the organisation."""
        if self.sender_membership_id:
            return f"{self.sender_membership.user.get_full_name()} ({self.unit.name})"
        if self.unit_id:
            return f"{self.unit.name}, заведующий"
        return self.sender.short_name or self.sender.name

    @property
    def receiver_label(self) -> str:
        if self.unit_id and self.form.receiver == Party.UNIT_HEAD:
            return f"Заведующий: {self.unit.name}"
        if self.unit_id:
            return f"Директор: {self.receiver.short_name or self.receiver.name}"
        return self.receiver.short_name or self.receiver.name

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.period_start)

    @property
    def submission_opens_on(self) -> datetime.date:
        return self.form.submission_opens_on(self.period_end)

    @property
    def is_submission_open(self) -> bool:
        """REP-3: a report of a period still running is not submitted (the form's setting
        says how many days before the end submission opens; by default the last day)."""
        from django.utils import timezone

        return timezone.localdate() >= self.submission_opens_on

    @property
    def is_submitted(self) -> bool:
        return (
            self.state in SUBMITTED_STATES
            or self.state == ReportState.RETURNED
            and bool(self.submitted_at)
        )

    @property
    def days_late(self) -> int:
        """Timeliness counts the first submission's day in the region's time zone (a returned
        and corrected report keeps it)."""
        return days_late(self.due_on, self.submitted_on)

    def overdue_days(self, today: datetime.date) -> int:
        """Days a not yet submitted report is past its due date."""
        if self.submitted_at:
            return 0
        return max(0, (today - self.due_on).days)


class ReportValue(models.Model):
    """One indicator's value in a report. ``counted`` is what the system counted (REP-4) or
    took from the senders' accepted reports; ``value`` is what the report says."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="values", verbose_name="отчёт"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name="показатель"
    )
    value = models.JSONField("значение", null=True, blank=True)
    counted = models.JSONField("посчитано системой", null=True, blank=True)

    class Meta:
        verbose_name = "значение показателя"
        verbose_name_plural = "значения показателей"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="reportvalue_unique")
        ]

    def __str__(self):
        return f"{self.indicator.code}={self.value}"

    @property
    def differs(self) -> bool:
        return self.counted is not None and self.value is not None and self.value != self.counted
