"""X-5: one way to tell people something — ``notify(...)`` — whatever the channel: the in-app
inbox, e-mail, and the SMS/messenger channel (``sms``). Apps say what and to whom; which
channels are used is the deployment's choice (settings.NOTIFICATIONS_CHANNELS) unless the
caller names them."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mass_mail

from resurs.kernel.notifications import sms
from resurs.kernel.notifications.models import Notification
from resurs.kernel.notifications.reach import links_for
from resurs.kernel.writes.errors import DomainError

if TYPE_CHECKING:
    from resurs.kernel.accounts.models import User

logger = logging.getLogger(__name__)


class Channel:
    INBOX = "inbox"
    EMAIL = "email"
    SMS = "sms"


CHANNELS = (Channel.INBOX, Channel.EMAIL, Channel.SMS)


@dataclass(frozen=True)
class Delivery:
    """How many messages each channel accepted."""

    inbox: int = 0
    email: int = 0
    sms: int = 0


def absolute_url(link: str) -> str:
    """A link for a letter or a message: a path of the site becomes an address under
    settings.SITE_URL; an address that is already absolute stays as it is."""
    if not link or "://" in link:
        return link
    return settings.SITE_URL.rstrip("/") + "/" + link.lstrip("/")


def notify(
    *,
    recipients: Iterable[User],
    title: str,
    text: str = "",
    link: str = "",
    subject: str = "",
    channels: Iterable[str] | None = None,
    phones: Iterable[str] = (),
) -> Delivery:
    """X-5: sends one notice to ``recipients`` (users) through ``channels`` (by default
    settings.NOTIFICATIONS_CHANNELS): an inbox row for each user; a letter to each who has
    an e-mail address (subject ``subject`` or ``title``, the text and the absolute link);
    an SMS to each user's phone and to the extra ``phones`` the caller gives. ``link`` is a
    path of the site (``/reporting/…``). A channel that fails is logged and does not stop
    the others or the caller."""
    recipients = list(recipients)
    chosen = list(settings.NOTIFICATIONS_CHANNELS if channels is None else channels)
    unknown = set(chosen) - set(CHANNELS)
    if unknown:
        raise ValueError(f"Unknown notification channels: {sorted(unknown)}")
    inbox = email = texted = 0
    links = links_for(recipients, link)  # a link only where the person's menu reaches
    if Channel.INBOX in chosen:
        rows = Notification.objects.bulk_create(
            Notification(recipient=user, title=title[:500], text=text, link=links[user.pk][:500])
            for user in recipients
        )
        inbox = len(rows)
    if Channel.EMAIL in chosen:
        email = _send_email(recipients, subject or title, text, links)
    if Channel.SMS in chosen:
        messages: dict[str, str] = {}
        for user in recipients:
            if getattr(user, "phone", ""):
                body = " ".join(part for part in (title, absolute_url(links[user.pk])) if part)
                messages.setdefault(user.phone, body)
        for phone in phones:
            if phone:
                messages.setdefault(phone, " ".join(p for p in (title, absolute_url(link)) if p))
        texted = sms.get_backend().send_messages(
            [sms.Message(phone=phone, text=body) for phone, body in messages.items()]
        )
    return Delivery(inbox=inbox, email=email, sms=texted)


def _send_email(recipients: list[User], subject: str, text: str, links: dict[int, str]) -> int:
    letters = {}
    for user in recipients:
        if user.email and user.email not in letters:
            url = absolute_url(links[user.pk])
            body = f"{text}\n\n{url}\n" if url else text
            # A letter per person over one connection: no one sees the others' addresses.
            letters[user.email] = (subject[:250], body, settings.DEFAULT_FROM_EMAIL, [user.email])
    if not letters:
        return 0
    try:
        return send_mass_mail(list(letters.values()))
    except Exception:  # noqa: BLE001 -- any mail server failure: logged, the others go on
        logger.exception("Не удалось отправить письмо-уведомление «%s»", subject)
        return 0


def notification_read(*, user: User, notification: Notification) -> Notification:
    """X-5: the recipient marks a notice as read."""
    if notification.recipient_id != user.pk:
        raise DomainError("Это уведомление адресовано другому пользователю.")
    if not notification.is_read:
        notification.is_read = True
        notification.save(update_fields=["is_read"])
    return notification
