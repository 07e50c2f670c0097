"""Files attached to records of any domain: registry items, events, publications, answers.

An attachment is visible exactly when its record is: `selectors.attachment_for` finds the
record through its model's ``objects.visible_to``; a record model that accepts attachments
defines ``attachments_editable_by(scope) -> bool``. A record model that holds personal data
(a signed act, say) sets ``attachments_personal = True``: its files are stored under a
neutral name and the audit trail keeps neither their description nor their file name.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from resurs.kernel.attachments.uploads import validate_document_file


class AttachmentQuerySet(models.QuerySet):
    def of(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class Attachment(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name="вид записи"
    )
    object_id = models.PositiveBigIntegerField("запись")
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField("описание", max_length=255, blank=True)
    file = models.FileField(
        "файл", upload_to="attachments/%Y/%m/", validators=[validate_document_file]
    )
    original_name = models.CharField("имя файла", max_length=255)
    size = models.PositiveBigIntegerField("размер, байт", default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="загрузил",
    )
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "файл"
        verbose_name_plural = "файлы"
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record")]

    def __str__(self):
        return self.title or self.original_name

    # Set on an instance whose record holds personal data (see `services`).
    PERSONAL_FIELDS = frozenset({"title", "original_name", "file"})
