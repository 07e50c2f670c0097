"""SOC-4, 152-FZ art. 9; 004 app. 2 §5.1: data leaves the institution only under a valid
written consent for that purpose."""

from __future__ import annotations

import datetime

from django.utils import timezone

from resurs.casework.citizens.models import Consent, ConsentPurpose, Person
from resurs.kernel.writes import DomainError


class ConsentMissing(DomainError):  # noqa: N818 -- a refusal shown to the user
    def __init__(self, person: Person, purpose: str):
        self.person = person
        self.purpose = purpose
        super().__init__(
            f"Нет действующего согласия гражданина на обработку персональных данных с целью "
            f"«{ConsentPurpose(purpose).label}»: внесите согласие в карточке гражданина "
            "(раздел «Согласия»), затем повторите."
        )


def valid_consent(person: Person, purpose: str, on: datetime.date | None = None) -> Consent | None:
    on = on or timezone.localdate()
    return (
        Consent.objects.unscoped(reason="the consent of a person the caller already holds")
        .filter(person=person, purpose=purpose)
        .valid_on(on)
        .order_by("-signed_on")
        .first()
    )


def require_consent(person: Person, purpose: str, on: datetime.date | None = None) -> Consent:
    """The valid consent of ``person`` for ``purpose`` on ``on``; `ConsentMissing` otherwise."""
    consent = valid_consent(person, purpose, on)
    if consent is None:
        raise ConsentMissing(person, purpose)
    return consent
