"""X-3, 152-FZ: the log of every opening of a record with personal data, and the region-wide
roles' reasoned access (SPEC §0).

A view or an API endpoint that shows a person card, a family, a case, an act or a personal
file calls `log_access(request, record)` after it found the record through the scope. The
entry names the record by its kind and id (``audit_label``), never the person.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import (
    AccessChannel,
    AccessLogEntry,
    Family,
    Person,
    ReasonedAccess,
)
from resurs.kernel.writes import DomainError

# How long a reason opened by a region-wide user keeps the record open.
REASONED_ACCESS_HOURS = 8
MIN_REASON_LENGTH = 10


def _subject_of(record) -> tuple[Person | None, Family | None]:
    if isinstance(record, Person):
        return record, None
    if isinstance(record, Family):
        return None, record
    for holder in (record, getattr(record, "case", None), getattr(record, "plan", None)):
        if holder is None:
            continue
        person_id = getattr(holder, "person_id", None)
        family_id = getattr(holder, "family_id", None)
        if person_id or family_id:
            return holder.person if person_id else None, holder.family if family_id else None
    return None, None


def _holder_of(record):
    for holder in (record, getattr(record, "case", None), getattr(record, "plan", None)):
        if holder is not None and getattr(holder, "organisation_id", None):
            return holder.organisation_id, getattr(holder, "unit_id", None)
    person, family = _subject_of(record)
    subject = person or family
    if subject is None:
        raise ValueError(f"{type(record).__name__} names no institution to log the access for")
    return subject.organisation_id, subject.unit_id


def log_access(who, record, *, channel: str = AccessChannel.UI) -> AccessLogEntry:
    """Writes who opened ``record`` (a request after the membership middleware or the API
    auth, or a membership), under which role, with the reason if a region-wide role opened
    it by `open_with_reason`."""
    membership = getattr(who, "membership", who)
    person, family = _subject_of(record)
    holder_id, unit_id = _holder_of(record)
    reason = ""
    if membership.scope.region_wide:
        grants = ReasonedAccess.objects.open_for(membership.scope)
        grant = grants.filter(person=person).first() if person else None
        if grant is None and family is not None:
            grant = grants.filter(family=family).first()
        reason = grant.reason if grant else ""
    label = record.audit_label() if hasattr(record, "audit_label") else str(record)
    return AccessLogEntry.objects.create(
        user_id=membership.user_id,
        membership=membership,
        role=membership.get_role_display(),
        viewer_organisation_id=membership.organisation_id,
        record_type=record._meta.verbose_name,
        record_label=label[:120],
        record_id=record.pk,
        person=person,
        family=family,
        holder_id=holder_id,
        unit_id=unit_id,
        channel=channel,
        reason=reason,
    )


# (record) -> (person id, family id, holding institution id, unit id)
Subject = Callable[[object], tuple[int | None, int | None, int, int | None]]


def held_subject(record) -> tuple[int | None, int | None, int, int | None]:
    """The subject of a record held by an institution that names one person (a person's
    card itself, a service fact): its person, no family, its institution and unit."""
    person_id = record.pk if isinstance(record, Person) else getattr(record, "person_id", None)
    return person_id, None, record.organisation_id, record.unit_id


def log_records(
    who,
    records: Iterable,
    *,
    channel: str,
    subject: Subject = held_subject,
    batch_size: int = 1000,
) -> int:
    """One `AccessLogEntry` per record of a list shown or exported (a printed journal, the
    register of recipients, an ЕГИССО file): the institution then finds, for any one citizen,
    every list that carried them. Written in batches (``bulk_create``): a list of a thousand
    rows costs one insert, and an iterator of a million rows never sits in memory. A
    region-wide user's entry carries the reason they stated."""
    membership = getattr(who, "membership", who)
    reasons: dict[tuple[str, int], str] = {}
    if membership.scope.region_wide:
        for grant in ReasonedAccess.objects.open_for(membership.scope).order_by("opened_at"):
            if grant.person_id:
                reasons[("person", grant.person_id)] = grant.reason
            if grant.family_id:
                reasons[("family", grant.family_id)] = grant.reason
    role = membership.get_role_display()
    entries: list[AccessLogEntry] = []
    written = 0
    for record in records:
        person_id, family_id, holder_id, unit_id = subject(record)
        label = record.audit_label() if hasattr(record, "audit_label") else str(record)
        entries.append(
            AccessLogEntry(
                user_id=membership.user_id,
                membership=membership,
                role=role,
                viewer_organisation_id=membership.organisation_id,
                record_type=str(record._meta.verbose_name),
                record_label=label[:120],
                record_id=record.pk,
                person_id=person_id,
                family_id=family_id,
                holder_id=holder_id,
                unit_id=unit_id,
                channel=channel,
                reason=reasons.get(("person", person_id))  # type: ignore[arg-type]
                or reasons.get(("family", family_id))  # type: ignore[arg-type]
                or "",
            )
        )
        if len(entries) >= batch_size:
            AccessLogEntry.objects.bulk_create(entries)
            written += len(entries)
            entries = []
    if entries:
        AccessLogEntry.objects.bulk_create(entries)
        written += len(entries)
    return written


@transaction.atomic
def open_with_reason(
    *, by, person: Person | None = None, family: Family | None = None, reason: str
) -> ReasonedAccess:
    """SPEC §0: a region-wide user opens one person's (or family's) records by stating why.
    The grant lasts `REASONED_ACCESS_HOURS`; every opening under it is logged with the reason,
    which the institution sees in its access log."""
    if not by.scope.region_wide:
        raise DomainError("Открыть карточку с указанием основания может только региональная роль.")
    if (person is None) == (family is None):
        raise DomainError("Укажите гражданина или семью.")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            "Укажите основание доступа: например, номер обращения или поручения, "
            f"не короче {MIN_REASON_LENGTH} знаков."
        )
    now = timezone.now()
    return ReasonedAccess.objects.create(
        membership=by,
        person=person,
        family=family,
        reason=reason,
        opened_at=now,
        expires_at=now + datetime.timedelta(hours=REASONED_ACCESS_HOURS),
    )
