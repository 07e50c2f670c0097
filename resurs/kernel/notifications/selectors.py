"""Reads of the inbox: a user sees only their own notifications (another's is a 404)."""

from django.shortcuts import get_object_or_404

from resurs.kernel.notifications.models import Notification


def notifications_of(user):
    return Notification.objects.for_user(user).order_by("-created_at", "-id")


def notification_for(user, pk) -> Notification:
    return get_object_or_404(Notification.objects.for_user(user), pk=pk)


def unread_count(user) -> int:
    return Notification.objects.for_user(user).unread().count()
