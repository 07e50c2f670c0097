"""The inbox (X-5) and the reminder ledger (REP-7). Both tables were created by the apps that
used them first (roadmaps, reporting) and keep their names: the models moved, the data stayed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from resurs.kernel.accounts.models import User


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(is_read=False)


class Notification(models.Model):
    """X-5: an in-app message to one user (reminders, overdue checkpoints, …)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="получатель",
    )
    title = models.CharField("заголовок", max_length=500)
    text = models.TextField("текст", blank=True)
    link = models.CharField("ссылка", max_length=500, blank=True)
    is_read = models.BooleanField("прочитано", default=False)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "roadmaps_notification"
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "is_read"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """REP-7: a reminder stage sent for one deadline (``key`` names the report, instruction or
    other thing with a deadline), so that each stage goes out once whatever the worker's
    schedule."""

    key = models.CharField("о чём", max_length=200)
    stage = models.CharField("этап", max_length=16)
    recipients = models.PositiveIntegerField("получателей", default=0)
    sent_at = models.DateTimeField("отправлено", auto_now_add=True)

    class Meta:
        db_table = "reporting_remindersent"
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        constraints = [models.UniqueConstraint(fields=["key", "stage"], name="remindersent_unique")]

    def __str__(self) -> str:
        return f"{self.key}: {self.stage}"
