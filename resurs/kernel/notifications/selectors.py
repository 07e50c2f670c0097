"""Reads of the inbox: a user sees only their own notifications (another's is a 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from resurs.kernel.notifications.models import Notification, NotificationQuerySet

if TYPE_CHECKING:
    from resurs.kernel.accounts.models import User


def notifications_of(user: User) -> NotificationQuerySet:
    return Notification.objects.for_user(user).order_by("-created_at", "-id")


def notification_for(user: User, pk: int) -> Notification:
    return get_object_or_404(Notification.objects.for_user(user), pk=pk)


def unread_count(user: User) -> int:
    return Notification.objects.for_user(user).unread().count()
