"""The structure of a roadmap: sections, items with their schedule, dated checkpoints."""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.coordination.roadmaps.models.roadmap import Roadmap, roadmap_q
from resurs.kernel.accounts.scoping import Scope, ScopedQuerySet


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
        except ObjectDoesNotExist:  # the checkpoint has no mark yet
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
