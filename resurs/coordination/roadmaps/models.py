"""Roadmaps — «план мероприятий („дорожная карта“)» (SPEC §3 MAP-1..MAP-5).

A roadmap belongs to an organisation for a year: a resource centre's plan for its priority
direction, or the Department's media plan of a programme (seed 004 appendix 1). Sections hold
items; an item keeps its timeframe as written and the schedule understood from it
(`roadmaps.timeframes`) as dated checkpoints. Each checkpoint gets one mark with evidence.

The same plan mechanism keeps the work plans of a structural unit (отделение) of an
institution — its calendar plan and its long-term plan (SOC-13, seed 002 §5.1.10): a roadmap
of a unit kind names its `Unit`; the unit's head keeps it and the institution (the provider
role) agrees it, so its items, checkpoints and marks are tracked as any roadmap's.

Scope: a roadmap is seen by its owner, by the RC of its direction region-wide, by the УСЗН of
the owner's territory, by the providers taking part in its direction (read-only, to send
proposals) and by the region-wide roles. Everything filed under a roadmap is seen with it,
except proposals: a provider sees only its own.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.accounts.roles import INSTITUTION_STAFF_ROLES
from resurs.kernel.accounts.scoping import DirectionRecordQuerySet, Scope, ScopedQuerySet, record_q
from resurs.kernel.attachments.uploads import validate_document_file

# 000:3.1.7 — the annual information-analytic report is due by the 20th of January.
ANNUAL_REPORT_DUE = (1, 20)


def annual_report_due(year: int) -> datetime.date:
    """The due date of the report on a roadmap of ``year`` (000:3.1.7, 001 flowchart)."""
    month, day = ANNUAL_REPORT_DUE
    return datetime.date(year + 1, month, day)


class RoadmapKind(models.TextChoices):
    RC_ROADMAP = "rc_roadmap", "План мероприятий ресурсного центра"
    MEDIA_PLAN = "media_plan", "Медиаплан программы Департамента"
    # SOC-13 (002 §5.1.10): «Календарные, перспективные планы» of a unit.
    UNIT_CALENDAR = "unit_calendar", "Календарный план работы отделения"
    UNIT_LONG_TERM = "unit_long_term", "Перспективный план работы отделения"


# The kinds that are a unit's work plan (SOC-13): they name the unit, the institution agrees.
UNIT_KINDS = (RoadmapKind.UNIT_CALENDAR, RoadmapKind.UNIT_LONG_TERM)


class RoadmapState(models.TextChoices):
    DRAFT = "draft", "черновик"
    SUBMITTED = "submitted", "на согласовании"
    RETURNED = "returned", "возвращена на доработку"
    RESUBMITTED = "resubmitted", "направлена повторно"
    AGREED = "agreed", "согласована"


EDITABLE_STATES = (RoadmapState.DRAFT, RoadmapState.RETURNED)
AWAITING_STATES = (RoadmapState.SUBMITTED, RoadmapState.RESUBMITTED)


def _own_directions(scope: Scope):
    from resurs.kernel.organisations.models import Organisation

    return Organisation.directions.through.objects.filter(
        organisation_id=scope.organisation_id
    ).values("direction_id")


def roadmap_q(scope: Scope, prefix: str = "") -> Q:
    """The roadmap rule for a non-region-wide scope, on the roadmap found at ``prefix``.

    `record_q` (own organisation; RC — its direction region-wide; УСЗН — its territory), and
    a provider's staff also see the plans of the directions their institution takes part in:
    they send proposals to them (MAP-3, 001:2.4.3).
    """
    p = f"{prefix}__" if prefix else ""
    visible = record_q(scope, organisation_path=f"{p}organisation", direction_path=f"{p}direction")
    if scope.role in INSTITUTION_STAFF_ROLES:
        visible |= Q(**{f"{p}direction_id__in": _own_directions(scope)})
    return visible


class RoadmapQuerySet(DirectionRecordQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        return roadmap_q(scope)

    def of_units(self):
        """SOC-13: the work plans of structural units."""
        return self.filter(kind__in=UNIT_KINDS)

    def coordination(self):
        """The plans the Department agrees and reports on (MAP-3, MAP-5): not a unit's."""
        return self.exclude(kind__in=UNIT_KINDS)


class Roadmap(models.Model):
    """MAP-1: a plan of measures of one organisation for one year."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="roadmaps",
        verbose_name="организация",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="roadmaps",
        verbose_name="приоритетное направление",
    )
    kind = models.CharField(
        "вид плана", max_length=16, choices=RoadmapKind.choices, default=RoadmapKind.RC_ROADMAP
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plans",
        verbose_name="отделение",
        help_text="Для плана работы отделения (002 п. 5.1.10).",
    )
    programme = models.CharField(
        "программа (комплекс мер)",
        max_length=500,
        blank=True,
        help_text="Для медиаплана Департамента: программа, которую он сопровождает.",
    )
    year = models.PositiveSmallIntegerField("год")
    title = models.CharField("наименование", max_length=1000)
    state = models.CharField(
        "состояние", max_length=16, choices=RoadmapState.choices, default=RoadmapState.DRAFT
    )
    agreed_version = models.PositiveIntegerField(
        "согласованная версия", default=0, help_text="0 — план ещё не согласован."
    )
    submitted_at = models.DateTimeField("направлена на согласование", null=True, blank=True)
    decided_at = models.DateTimeField("решение Департамента", null=True, blank=True)
    remark = models.TextField("замечания Департамента", blank=True)
    # MAP-5: the annual information-analytic report (generated by the report builder).
    annual_report = models.FileField(
        "информационно-аналитический отчёт",
        upload_to="roadmap-reports/%Y/",
        blank=True,
        validators=[validate_document_file],
    )
    annual_report_generated_at = models.DateTimeField("отчёт сформирован", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="создал",
    )
    version = models.PositiveIntegerField("версия записи", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = "план мероприятий («дорожная карта»)"
        verbose_name_plural = "планы мероприятий («дорожные карты»)"
        ordering = ["-year", "organisation_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "direction", "year"],
                condition=Q(kind="rc_roadmap"),
                name="roadmap_one_per_rc_direction_year",
                violation_error_message="У организации уже есть дорожная карта по этому "
                "направлению на этот год.",
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "year"],
                condition=Q(unit__isnull=False),
                name="roadmap_one_per_unit_kind_year",
                violation_error_message="У отделения уже есть такой план на этот год.",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "year"], name="roadmap_org_year"),
            models.Index(fields=["direction", "year"], name="roadmap_direction_year"),
            models.Index(fields=["state", "year"], name="roadmap_state_year"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("roadmaps:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind == RoadmapKind.RC_ROADMAP and not self.direction_id:
            errors["direction"] = "Дорожная карта ресурсного центра составляется по направлению."
        if self.kind == RoadmapKind.MEDIA_PLAN and not self.programme:
            errors["programme"] = "Укажите программу, которую сопровождает медиаплан."
        if self.is_unit_plan:
            if not self.unit_id:
                errors["unit"] = "План работы составляется для отделения."
            elif self.organisation_id and self.unit.organisation_id != self.organisation_id:
                errors["unit"] = "Отделение другого учреждения."
            if self.direction_id:
                errors["direction"] = "План работы отделения не относится к направлению."
        elif self.unit_id:
            errors["unit"] = "Отделение указывается только в плане работы отделения."
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = "Год — от 2000 до 2100."
        if errors:
            raise ValidationError(errors)

    def attachments_editable_by(self, scope) -> bool:
        from resurs.coordination.roadmaps.permissions import is_owner

        return is_owner(scope, self)

    @property
    def is_unit_plan(self) -> bool:
        return self.kind in UNIT_KINDS

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def is_awaiting_decision(self) -> bool:
        return self.state in AWAITING_STATES

    @property
    def report_due_on(self) -> datetime.date:
        return annual_report_due(self.year)


class RoadmapChildQuerySet(ScopedQuerySet):
    """Records filed under a roadmap are seen with it; ``roadmap_path`` leads to it."""

    roadmap_path = "roadmap"

    def scope_filter(self, scope: Scope) -> Q:
        return roadmap_q(scope, self.roadmap_path)


class SectionQuerySet(RoadmapChildQuerySet):
    roadmap_path = "roadmap"


class Section(models.Model):
    """MAP-1: a section of the plan (e.g. «1. Организационно-методическая деятельность»).

    ``number`` is the section's place in the plan: moving a section renumbers them.
    """

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="sections", verbose_name="дорожная карта"
    )
    number = models.PositiveSmallIntegerField("номер")
    title = models.CharField("наименование раздела", max_length=500)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = "раздел дорожной карты"
        verbose_name_plural = "разделы дорожной карты"
        ordering = ["roadmap_id", "number", "id"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ScheduleKind(models.TextChoices):
    """What `roadmaps.timeframes.ScheduleKind` says of a timeframe, as stored."""

    DATED = "dated", "контрольные даты"
    CONTINUOUS = "continuous", "постоянно (проверка ежеквартально)"
    UNRECOGNISED = "unrecognised", "срок не распознан"


class ItemQuerySet(RoadmapChildQuerySet):
    roadmap_path = "section__roadmap"

    def awaiting_schedule(self):
        return self.filter(schedule_kind=ScheduleKind.UNRECOGNISED)


class Item(models.Model):
    """MAP-1: a measure of the plan — number, name, timeframe, responsibles, results."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="items", verbose_name="раздел"
    )
    order = models.PositiveIntegerField("порядок в разделе", default=0)
    number = models.PositiveIntegerField("№", default=0)
    name = models.TextField("наименование мероприятия")
    timeframe = models.CharField("срок реализации", max_length=500)
    schedule_kind = models.CharField(
        "график", max_length=16, choices=ScheduleKind.choices, default=ScheduleKind.UNRECOGNISED
    )
    schedule_label = models.CharField("график словами", max_length=255, blank=True)
    window_start = models.DateField("период с", null=True, blank=True)
    window_end = models.DateField("период по", null=True, blank=True)
    schedule_set_by_hand = models.BooleanField("график задан вручную", default=False)
    responsible_text = models.TextField("ответственные исполнители (должности)", blank=True)
    responsibles = models.ManyToManyField(
        "organisations.Appointment",
        blank=True,
        related_name="roadmap_items",
        verbose_name="ответственные (назначенные лица)",
    )
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    remark = models.TextField("замечание Департамента", blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие дорожной карты"
        verbose_name_plural = "мероприятия дорожной карты"
        ordering = ["section__number", "order", "id"]

    def __str__(self):
        return f"{self.number}. {self.name[:120]}"

    def clean(self):
        if self.window_start and self.window_end and self.window_end < self.window_start:
            raise ValidationError({"window_end": "Конец периода раньше его начала."})

    @property
    def roadmap(self) -> Roadmap:
        return self.section.roadmap

    @property
    def needs_schedule(self) -> bool:
        return self.schedule_kind == ScheduleKind.UNRECOGNISED


class CheckpointQuerySet(RoadmapChildQuerySet):
    roadmap_path = "item__section__roadmap"

    def overdue(self, today: datetime.date | None = None):
        """Due date passed and no mark (MAP-4). Due dates are calendar dates of the plan.
        Only an agreed plan is executed and marked: a draft's dates raise no alarm."""
        today = today or timezone.localdate()
        return self.filter(
            due_on__lt=today, mark__isnull=True, item__section__roadmap__agreed_version__gt=0
        )


class Checkpoint(models.Model):
    """MAP-2/MAP-4: one dated checkpoint of an item, marked once it is done (or not).

    A continuous item («в актуальном режиме», «по мере принятия») has no checkpoint in its
    schedule; it is reviewed each quarter, so it gets the four quarter ends of the plan's
    year as *review* checkpoints, marked and counted like the others.
    """

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="checkpoints", verbose_name="мероприятие"
    )
    due_on = models.DateField("срок")
    is_review = models.BooleanField("ежеквартальная проверка", default=False)
    notified_at = models.DateTimeField("напоминание о просрочке", null=True, blank=True)

    objects = CheckpointQuerySet.as_manager()

    class Meta:
        verbose_name = "контрольная точка"
        verbose_name_plural = "контрольные точки"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "due_on"], name="checkpoint_unique_due")
        ]
        indexes = [models.Index(fields=["due_on", "item"], name="checkpoint_due_item")]

    def __str__(self):
        prefix = "Проверка" if self.is_review else "Срок"
        return f"{prefix} {self.due_on:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("roadmaps:checkpoint", args=[self.pk])

    def attachments_editable_by(self, scope) -> bool:
        """MAP-4: the files of a checkpoint are its evidence, kept by the plan's owner."""
        from resurs.coordination.roadmaps.permissions import can_mark

        return can_mark(scope, self.item.section.roadmap)

    @property
    def mark_or_none(self):
        try:
            return self.mark
        except Mark.DoesNotExist:
            return None

    def is_overdue(self, today: datetime.date | None = None, *, agreed: bool | None = None) -> bool:
        """As `CheckpointQuerySet.overdue`; ``agreed`` saves the roadmap's query when the
        caller knows it."""
        today = today or timezone.localdate()
        if self.due_on >= today or self.mark_or_none is not None:
            return False
        if agreed is None:
            agreed = self.item.section.roadmap.agreed_version > 0
        return agreed


class MarkResult(models.TextChoices):
    DONE = "done", "выполнено"
    PARTLY = "partly", "выполнено частично"
    NOT_DONE = "not_done", "не выполнено"


# MAP-4: the weight of a mark in the execution percentage; an overdue checkpoint counts 0.
MARK_WEIGHTS = {MarkResult.DONE: 1.0, MarkResult.PARTLY: 0.5, MarkResult.NOT_DONE: 0.0}


class MarkQuerySet(RoadmapChildQuerySet):
    roadmap_path = "checkpoint__item__section__roadmap"


class Mark(models.Model):
    """MAP-4: how a checkpoint was executed, what was done, and the evidence."""

    checkpoint = models.OneToOneField(
        Checkpoint, on_delete=models.CASCADE, related_name="mark", verbose_name="контрольная точка"
    )
    result = models.CharField("исполнение", max_length=16, choices=MarkResult.choices)
    done_text = models.TextField("что сделано", blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отметил",
    )
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("отмечено", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = MarkQuerySet.as_manager()

    class Meta:
        verbose_name = "отметка об исполнении"
        verbose_name_plural = "отметки об исполнении"
        ordering = ["checkpoint__due_on", "id"]

    def __str__(self):
        return f"{self.get_result_display()} ({self.checkpoint})"

    def clean(self):
        if self.result in (MarkResult.DONE, MarkResult.PARTLY) and not self.done_text.strip():
            raise ValidationError({"done_text": "Опишите, что сделано."})


class EvidenceQuerySet(RoadmapChildQuerySet):
    roadmap_path = "mark__checkpoint__item__section__roadmap"


class Evidence(models.Model):
    """MAP-4: a link from a mark to a record of the system (an event, a publication, a
    consultation, a registry record, a methodological product). Which models may be linked
    and how they are chosen is `resurs.coordination.roadmaps.evidence`."""

    mark = models.ForeignKey(
        Mark, on_delete=models.CASCADE, related_name="evidence", verbose_name="отметка"
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name="вид записи"
    )
    object_id = models.PositiveBigIntegerField("запись")
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField("наименование записи", max_length=1000)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = "подтверждение исполнения"
        verbose_name_plural = "подтверждения исполнения"
        ordering = ["mark_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mark", "content_type", "object_id"], name="evidence_unique_record"
            )
        ]

    def __str__(self):
        return self.title


class ProposalState(models.TextChoices):
    NEW = "new", "на рассмотрении"
    ACCEPTED = "accepted", "принято в план"
    DECLINED = "declined", "отклонено"


class ProposalQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """A provider's staff see their institution's proposals; the others see the
        proposals to the roadmaps they see."""
        own = Q(organisation_id=scope.organisation_id)
        if scope.role in INSTITUTION_STAFF_ROLES:
            return own
        return own | roadmap_q(scope, "roadmap")


class Proposal(models.Model):
    """MAP-3 (001:2.4.3): a provider's proposal to an RC's roadmap."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="proposals", verbose_name="дорожная карта"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="roadmap_proposals",
        verbose_name="организация",
    )
    text = models.TextField("предложение")
    suggested_name = models.TextField("предлагаемое мероприятие", blank=True)
    suggested_timeframe = models.CharField("предлагаемый срок", max_length=500, blank=True)
    suggested_section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="раздел",
    )
    state = models.CharField(
        "состояние", max_length=16, choices=ProposalState.choices, default=ProposalState.NEW
    )
    decision_note = models.TextField("ответ ресурсного центра", blank=True)
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="мероприятие плана",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="автор",
    )
    decided_at = models.DateTimeField("рассмотрено", null=True, blank=True)
    created_at = models.DateTimeField("направлено", auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "предложение в дорожную карту"
        verbose_name_plural = "предложения в дорожную карту"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Предложение {self.organisation}: {(self.suggested_name or self.text)[:80]}"

    def get_absolute_url(self):
        return reverse("roadmaps:detail", args=[self.roadmap_id]) + "?tab=proposals"

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.NEW


class RoadmapVersionQuerySet(RoadmapChildQuerySet):
    roadmap_path = "roadmap"


class RoadmapVersion(models.Model):
    """MAP-3: the plan as the Department agreed it, frozen as JSON (see `roadmaps.versions`)."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="versions", verbose_name="дорожная карта"
    )
    number = models.PositiveIntegerField("версия")
    content = models.JSONField("разделы и мероприятия")
    agreed_at = models.DateTimeField("согласована")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="согласовал",
    )

    objects = RoadmapVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "согласованная версия дорожной карты"
        verbose_name_plural = "согласованные версии дорожных карт"
        ordering = ["roadmap_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="roadmap_version_unique")
        ]

    def __str__(self):
        return f"Версия {self.number} от {timezone.localtime(self.agreed_at):%d.%m.%Y}"
