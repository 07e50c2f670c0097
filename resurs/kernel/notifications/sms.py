"""X-5: the SMS/messenger channel's backends, chosen like Django's e-mail backends by a dotted
path in settings.NOTIFICATIONS_SMS_BACKEND. Each takes a list of ``Message`` and returns how
many were accepted; a backend never raises on a failed delivery — it logs it, so a reminder
run or a user's action goes on whatever a gateway does."""

from __future__ import annotations

import json
import logging
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    phone: str
    text: str


class Backend(Protocol):
    def send_messages(self, messages: list[Message]) -> int: ...


def get_backend() -> Backend:
    backend: Backend = import_string(settings.NOTIFICATIONS_SMS_BACKEND)()
    return backend


class ConsoleBackend:
    """Writes the messages to standard output (development)."""

    stream: IO[str] | None = None

    def send_messages(self, messages: list[Message]) -> int:
        stream = self.stream or sys.stdout
        for message in messages:
            stream.write(f"SMS → {message.phone}\n{message.text}\n{'-' * 40}\n")
        stream.flush()
        return len(messages)


class FileBackend:
    """The default: one file per sending under settings.NOTIFICATIONS_SMS_FILE_PATH
    (var/sms), so that a demo never reaches a real gateway and the messages can be read."""

    def send_messages(self, messages: list[Message]) -> int:
        if not messages:
            return 0
        folder = Path(settings.NOTIFICATIONS_SMS_FILE_PATH)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            name = f"{timezone.now():%Y%m%d-%H%M%S-%f}.log"
            with open(folder / name, "a", encoding="utf-8") as out:
                for message in messages:
                    out.write(f"Кому: {message.phone}\n{message.text}\n{'-' * 40}\n")
        except OSError as error:
            logger.error("Не удалось записать SMS-сообщения в папку %s: %s", folder, error)
            return 0
        return len(messages)


class HttpGatewayBackend:
    """Posts each message as JSON ``{"phone": …, "text": …}`` to the gateway at
    settings.NOTIFICATIONS_SMS_GATEWAY_URL with ``Authorization: Bearer <token>``; any 2xx
    answer counts as accepted. A gateway of another shape gets its own small adapter class."""

    def send_messages(self, messages: list[Message]) -> int:
        url = settings.NOTIFICATIONS_SMS_GATEWAY_URL
        if not url.startswith(("https://", "http://")):
            logger.error("Адрес SMS-шлюза не задан или неверен: %r; сообщения не отправлены.", url)
            return 0
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if settings.NOTIFICATIONS_SMS_GATEWAY_TOKEN:
            headers["Authorization"] = f"Bearer {settings.NOTIFICATIONS_SMS_GATEWAY_TOKEN}"
        sent = 0
        for message in messages:
            body = json.dumps({"phone": message.phone, "text": message.text}, ensure_ascii=False)
            request = urllib.request.Request(  # noqa: S310 -- the scheme is checked above
                url, data=body.encode("utf-8"), headers=headers, method="POST"
            )
            try:
                with urllib.request.urlopen(  # noqa: S310 -- the scheme is checked above
                    request, timeout=settings.NOTIFICATIONS_SMS_GATEWAY_TIMEOUT
                ) as response:
                    if 200 <= response.status < 300:
                        sent += 1
                        continue
                    reason = f"ответ {response.status}"
            except urllib.error.HTTPError as error:
                reason = f"ответ {error.code}"
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                reason = str(getattr(error, "reason", error))
            logger.warning(
                "SMS-шлюз не принял сообщение для %s: %s", _masked(message.phone), reason
            )
        return sent


def _masked(phone: str) -> str:
    """A phone number in the log shows only its last digits (personal data)."""
    return f"…{phone[-4:]}" if len(phone) > 4 else "…"
