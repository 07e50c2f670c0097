import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from resurs.kernel.russian import decimal

# Technical fields kept in the trail but not shown to people.
HIDDEN_FIELDS = frozenset({"id", "version", "search_text"})


class AuditAction(models.TextChoices):
    CREATE = "create", "создание"
    UPDATE = "update", "изменение"
    DELETE = "delete", "удаление"
    VIEW = "view", "просмотр"
    LOGIN_FAILED = "login_failed", "неудачный вход"
    LOCKED = "locked", "блокировка учётной записи"


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=str(instance.pk)
        )

    def for_objects(self, model, ids):
        return self.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(i) for i in ids],
        )


class AuditEntry(models.Model):
    """X-3: who changed what and when. Entries are only ever added."""

    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="кто",
    )
    actor_role = models.CharField("в роли", max_length=64, blank=True)
    action = models.CharField("действие", max_length=16, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name="вид записи"
    )
    object_id = models.CharField("идентификатор записи", max_length=64)
    object_repr = models.CharField("запись", max_length=500)
    changes = models.JSONField("изменения", default=dict, blank=True)
    # The card a change belongs to, so a card's history shows its children's changes too.
    parent_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent_id = models.CharField(max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "запись журнала изменений"
        verbose_name_plural = "журнал изменений"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="audit_object"),
            models.Index(fields=["parent_type", "parent_id"], name="audit_parent"),
        ]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.get_action_display()} {self.object_repr}"

    @property
    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field label, old, new) for display, with the model's Russian field names."""
        model = self.content_type.model_class()
        labels = {}
        if model is not None:
            labels = {
                f.name: str(f.verbose_name)
                for f in model._meta.get_fields()
                if hasattr(f, "verbose_name")
            }
        rows: list[tuple[str, object, object]] = []
        for key, value in (self.changes or {}).items():
            if key in HIDDEN_FIELDS:
                continue
            old, new = value if isinstance(value, list) and len(value) == 2 else (None, value)
            rows.append((labels.get(key, key), display_value(old, empty=""), display_value(new)))
        return rows


def display_value(value, empty: str = "—") -> str:
    """A stored snapshot value as a person reads it: да/нет, lists joined, dates as dd.mm.yyyy."""
    if value is None or value == "" or value == []:
        return empty
    if value is True:
        return "да"
    if value is False:
        return "нет"
    if isinstance(value, list):
        return "; ".join(display_value(item) for item in value)
    if isinstance(value, float):
        return decimal(value, places=max(1, min(6, len(repr(value).partition(".")[2]))))
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        year, month, day = value.split("-")
        if year.isdigit() and month.isdigit() and day.isdigit():
            return f"{day}.{month}.{year}"
    if isinstance(value, str) and len(value) > 16 and value[4] == "-" and value[10] == "T":
        # A moment is stored in UTC (ISO 8601); a person reads the region's local time.
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{moment:%d.%m.%Y %H:%M}"
    return str(value)
