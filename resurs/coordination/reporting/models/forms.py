"""Forms as data (REP-1): who reports to whom, a form's versions, sections and indicators."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.workcalendar.periods import PeriodKind


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
