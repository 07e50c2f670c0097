"""A checkpoint's mark and the evidence behind it (MAP-4)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from resurs.coordination.roadmaps.models.structure import Checkpoint, RoadmapChildQuerySet


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
