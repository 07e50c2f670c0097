from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.kernel.accounts.scoping import ScopedQuerySet


class ImportState(models.TextChoices):
    UPLOADED = "uploaded", "загружен, ожидает проверки"
    VALIDATING = "validating", "проверяется"
    VALID = "valid", "проверен: ошибок нет"
    INVALID = "invalid", "проверен: есть ошибки"
    APPLYING = "applying", "сохраняется"
    APPLIED = "applied", "сохранён"
    FAILED = "failed", "не удалось обработать"


class ImportBatchQuerySet(ScopedQuerySet):
    def scope_filter(self, scope):
        # An import holds the uploader's file: only its author (and region-wide roles) see it.
        return Q(created_by_id=scope.user_id, membership_id=scope.membership_id)


class ImportBatch(models.Model):
    """X-4: one uploaded spreadsheet, checked row by row before anything is saved."""

    importer = models.CharField("что загружается", max_length=64)
    file = models.FileField("файл", upload_to="imports/%Y/%m/")
    original_name = models.CharField("имя файла", max_length=255)
    # Where the rows go when the importer lets the uploader choose (a roadmap, say): the
    # importer's own key of a choice it offered (Importer.targets), "" for its default.
    target = models.CharField("куда загружается", max_length=64, blank=True)
    state = models.CharField(
        "состояние", max_length=16, choices=ImportState.choices, default=ImportState.UPLOADED
    )
    total_rows = models.PositiveIntegerField("строк в файле", default=0)
    processed_rows = models.PositiveIntegerField("обработано строк", default=0)
    error_rows = models.PositiveIntegerField("строк с ошибками", default=0)
    saved_rows = models.PositiveIntegerField("сохранено строк", default=0)
    rows = models.JSONField("результаты проверки", default=list, blank=True)
    message = models.TextField("сообщение", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="загрузил",
    )
    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.PROTECT, related_name="+", verbose_name="в роли"
    )
    created_at = models.DateTimeField("загружен", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "загрузка из Excel"
        verbose_name_plural = "загрузки из Excel"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("exchange:import_detail", args=[self.pk])

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.state in {ImportState.UPLOADED, ImportState.VALIDATING, ImportState.APPLYING}
