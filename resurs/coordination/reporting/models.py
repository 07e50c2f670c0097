"""The reporting chain (SPEC §4): forms as data (REP-1), reports that senders owe receivers
per period (REP-2, REP-3), their values with what the system counted (REP-4), KPI snapshots
of resource centres and the effectiveness coefficient (REP-5). The reminder ledger of REP-7
is the notifications app's."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.casework.units.models import Unit
from resurs.coordination.reporting import inservice
from resurs.coordination.reporting.periods import days_late
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import DirectionRecordQuerySet, Scope, ScopedQuerySet
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period, PeriodKind


class Party(models.TextChoices):
    """Who sends or receives a form (REP-2)."""

    PROVIDER = "provider", "Поставщик социальных услуг"
    USZN = "uszn", "УСЗН"
    RESOURCE_CENTRE = "resource_centre", "Ресурсный центр"
    DEPARTMENT = "department", "Департамент"
    METHODICAL_CENTRE = "methodical_centre", "Методический центр"
    # The in-service chain of one institution (REP-2; 004 app. 2 §5.3–5.4).
    SPECIALIST = "specialist", "Специалист отделения"
    UNIT_HEAD = "unit_head", "Заведующий отделением"
    DIRECTOR = "director", "Директор (заместитель директора) учреждения"


# The parties of the in-service chain: their reports run between the people and units of one
# institution (``Report.unit``), not between organisations.
IN_SERVICE_PARTIES = frozenset({Party.SPECIALIST, Party.UNIT_HEAD, Party.DIRECTOR})


# The role that acts for a party: its members fill, submit, accept and return. An RC is a
# unit of a provider institution: the institution's provider report is owed by the people who
# answer for the centre too, so it is in their «Мои отчёты» and on their home page.
PARTY_ROLES = {
    Party.PROVIDER: {Role.PROVIDER, Role.HEAD, Role.RESOURCE_CENTRE},
    Party.USZN: {Role.USZN},
    Party.RESOURCE_CENTRE: {Role.RESOURCE_CENTRE},
    Party.DEPARTMENT: {Role.DEPARTMENT},
    Party.METHODICAL_CENTRE: {Role.METHODICAL_CENTRE},
    # In-service: the specialist reports for themselves, the head for the unit they head, the
    # institution's provider role is its director (or the deputy) who receives the heads.
    Party.SPECIALIST: {Role.SPECIALIST},
    Party.UNIT_HEAD: {Role.HEAD},
    Party.DIRECTOR: {Role.PROVIDER},
}


class ReportForm(models.Model):
    """REP-1: a form of the chain — who fills it, who receives it, for which period kind and
    by which day of the following month. Its structure lives in versions."""

    code = models.SlugField("код", max_length=64, unique=True)
    title = models.CharField("наименование", max_length=500)
    short_title = models.CharField("краткое наименование", max_length=120)
    period_kind = models.CharField("период", max_length=16, choices=PeriodKind.choices)
    sender = models.CharField("представляет", max_length=32, choices=Party.choices)
    receiver = models.CharField("получает", max_length=32, choices=Party.choices)
    due_day = models.PositiveSmallIntegerField(
        "срок (число месяца, следующего за периодом)",
        help_text="Если день нерабочий, срок переносится по правилу региона.",
    )
    consolidates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consolidated_by",
        verbose_name="сводит отчёты по форме",
        help_text="Принятые отчёты отправителей по этой форме заполняют сводный отчёт.",
    )
    submission_opens_days = models.PositiveSmallIntegerField(
        "подача открывается за (дн. до конца периода)",
        default=0,
        help_text="0 — в последний день периода: отчёт о периоде, который ещё идёт, не "
        "представляется.",
    )
    basis = models.CharField("основание", max_length=500, blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)
    is_active = models.BooleanField("действует", default=True)
    version = models.PositiveIntegerField("версия записи", default=1)

    class Meta:
        verbose_name = "форма отчётности"
        verbose_name_plural = "формы отчётности"
        ordering = ["order", "id"]

    def __str__(self):
        return self.short_title

    def get_absolute_url(self):
        return reverse("reporting:form_detail", args=[self.code])

    def submission_opens_on(self, period_end: datetime.date) -> datetime.date:
        """The first day a report of the period ending on ``period_end`` may be submitted."""
        return period_end - datetime.timedelta(days=self.submission_opens_days)

    def current_version(self) -> FormVersion | None:
        """The version new periods are opened with: the last one put into force."""
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()


class FormVersion(models.Model):
    """REP-1: the structure of a form as it was when a period was opened. A report keeps
    the version it was opened with; a changed structure is a new version."""

    form = models.ForeignKey(
        ReportForm, on_delete=models.CASCADE, related_name="versions", verbose_name="форма"
    )
    number = models.PositiveIntegerField("номер версии")
    note = models.CharField("что изменилось", max_length=500, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    published_at = models.DateTimeField(
        "введена в действие",
        null=True,
        blank=True,
        help_text="Пока версия не введена в действие, её структуру можно менять; "
        "отчёты открываются по последней действующей версии.",
    )

    class Meta:
        verbose_name = "версия формы"
        verbose_name_plural = "версии форм"
        ordering = ["form_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="formversion_unique_number")
        ]

    def __str__(self):
        return f"{self.form} (версия {self.number})"


class FormSection(models.Model):
    form_version = models.ForeignKey(
        FormVersion, on_delete=models.CASCADE, related_name="sections", verbose_name="версия"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    title = models.CharField("заголовок", max_length=500)

    class Meta:
        verbose_name = "раздел формы"
        verbose_name_plural = "разделы формы"
        ordering = ["form_version_id", "order", "id"]

    def __str__(self):
        return self.title


class ValueType(models.TextChoices):
    INTEGER = "integer", "целое число"
    DECIMAL = "decimal", "дробное число"
    TEXT = "text", "текст"
    BOOLEAN = "boolean", "да/нет"
    TABLE = "table", "таблица"


NUMERIC_TYPES = {ValueType.INTEGER, ValueType.DECIMAL}


class Consolidation(models.TextChoices):
    """How a consolidating receiver's report takes this indicator from its senders."""

    SUM = "sum", "суммируется"
    LIST = "list", "перечисляется"
    ANY = "any", "«да», если у кого-либо «да»"
    NONE = "none", "не сводится"


class Indicator(models.Model):
    """REP-1: one line of a form. Its value is typed by hand, counted by the system
    (``counter``, REP-4), taken from the senders' reports (``consolidation``), or computed
    from other indicators of the same version (``formula``, reporting.formulas)."""

    form_version = models.ForeignKey(
        FormVersion, on_delete=models.CASCADE, related_name="indicators", verbose_name="версия"
    )
    section = models.ForeignKey(
        FormSection, on_delete=models.CASCADE, related_name="indicators", verbose_name="раздел"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)
    code = models.SlugField("код", max_length=64)
    number = models.CharField("№", max_length=16, blank=True)
    title = models.CharField("показатель", max_length=500)
    value_type = models.CharField("тип значения", max_length=16, choices=ValueType.choices)
    unit = models.CharField("единица измерения", max_length=32, blank=True)
    required = models.BooleanField("обязательный", default=False)
    counter = models.CharField(
        "считается системой",
        max_length=64,
        blank=True,
        help_text="Ключ из resurs.coordination.reporting.counters.",
    )
    formula = models.CharField(
        "формула",
        max_length=500,
        blank=True,
        help_text="Арифметика над кодами показателей той же версии: (a + b) / c * 100.",
    )
    consolidation = models.CharField(
        "свод", max_length=8, choices=Consolidation.choices, default=Consolidation.NONE
    )
    columns = models.JSONField(
        "столбцы таблицы",
        default=list,
        blank=True,
        help_text='Для таблицы: [{"code": "name", "title": "Наименование", "type": "text"}, …]',
    )
    help_text = models.CharField("пояснение", max_length=500, blank=True)
    part_of = models.SlugField(
        "часть показателя (код)",
        max_length=64,
        blank=True,
        help_text="Код показателя той же версии, которого этот не больше («из них» ≤ «всего»).",
    )

    class Meta:
        verbose_name = "показатель формы"
        verbose_name_plural = "показатели формы"
        ordering = ["form_version_id", "section__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["form_version", "code"], name="indicator_unique_code_in_version"
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()

    @property
    def is_computed(self) -> bool:
        return bool(self.formula)


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


class CoefficientComponent(models.TextChoices):
    PUBLIC_PAGE = "public_page", "6.1 Открытый раздел на сайте (актуален)"
    EVENTS = "events", "6.2 Мероприятия"
    CONSULTED = "consulted", "6.3 Организации, получившие поддержку"
    PUBLICATIONS = "publications", "6.4 Публикации"
    REGISTRY = "registry", "6.5 Информационно-методическая база"
    PARTNERS = "partners", "6.6 Социальные партнёры"
    ROADMAP = "roadmap", "Исполнение дорожной карты"


class CoefficientWeight(models.Model):
    """REP-5: a component of the effectiveness coefficient with its weight and its norm for
    a quarter (resurs.coordination.reporting.coefficient documents the formula)."""

    component = models.CharField(
        "составляющая", max_length=32, choices=CoefficientComponent.choices, unique=True
    )
    weight = models.DecimalField("вес", max_digits=5, decimal_places=2)
    norm = models.DecimalField(
        "норматив за квартал",
        max_digits=8,
        decimal_places=2,
        help_text="Значение, при котором составляющая равна 1 (6.1 — 1, дорожная карта — 100).",
    )
    version = models.PositiveIntegerField("версия записи", default=1)

    class Meta:
        verbose_name = "вес составляющей коэффициента эффективности"
        verbose_name_plural = "веса коэффициента эффективности"
        ordering = ["id"]

    def __str__(self):
        return self.get_component_display()


class KpiSnapshotQuerySet(DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"

    def of_period(self, period: Period):
        return self.filter(period_kind=period.kind, period_start=period.start)


class KpiSnapshot(models.Model):
    """REP-5: the KPIs 6.1–6.6, roadmap execution and the effectiveness coefficient of one
    resource centre (organisation × direction) for one period, as last counted from the
    records (reporting.kpi.recompute). Dashboards read these; the records stay the truth."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="kpi_snapshots", verbose_name="центр"
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        related_name="kpi_snapshots",
        verbose_name="направление",
    )
    period_kind = models.CharField("вид периода", max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    public_page = models.BooleanField("6.1 открытый раздел", default=False)
    public_page_updated_at = models.DateTimeField("6.1 обновлён", null=True, blank=True)
    events_held = models.PositiveIntegerField("6.2 мероприятия", default=0)
    consulted_organisations = models.PositiveIntegerField("6.3 организации", default=0)
    publications = models.PositiveIntegerField("6.4 публикации", default=0)
    publications_mass_media = models.PositiveIntegerField("6.4 в СМИ", default=0)
    registry_items = models.PositiveIntegerField("6.5 записи реестров", default=0)
    registry_breakdown = models.JSONField("6.5 по видам", default=dict, blank=True)
    social_partners = models.PositiveIntegerField("6.6 социальные партнёры", default=0)
    roadmap_execution = models.PositiveSmallIntegerField(
        "исполнение дорожной карты, %", null=True, blank=True
    )
    coefficient = models.DecimalField(
        "коэффициент эффективности", max_digits=5, decimal_places=3, null=True, blank=True
    )
    components = models.JSONField("составляющие коэффициента", default=dict, blank=True)
    computed_at = models.DateTimeField("посчитано")

    objects = KpiSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = "показатели ресурсного центра за период"
        verbose_name_plural = "показатели ресурсных центров"
        ordering = ["period_start", "direction__number", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "direction", "period_kind", "period_start"],
                name="kpisnapshot_unique",
            )
        ]
        indexes = [
            models.Index(fields=["period_kind", "period_start"], name="kpisnapshot_period"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.direction} — {self.period}"

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.period_start)
