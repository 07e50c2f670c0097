"""Writes of the records about a person or a family (SOC-4; seed 002 §1.3, §5.1.7, §5.1.8):
target group membership, social passport editions, preventive registration, personal files,
consents to the processing of personal data (a register: recorded and withdrawn, never a
checkbox). Each write requires that the user keeps the data bank and sees the subject.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.casework.citizens.models import (
    Consent,
    ConsentPurpose,
    Family,
    Person,
    PersonalFile,
    PreventiveRegistration,
    RemovalReason,
    SocialPassport,
    TargetGroup,
    TargetGroupApplies,
    TargetGroupMembership,
)
from resurs.casework.citizens.services import _writable
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import DomainError, acting, audit, locked, save_with_version

PASSPORT_FIELDS = (
    "living_conditions",
    "income",
    "health",
    "education",
    "problems",
    "resources",
)


def _subject(by, person: Person | None, family: Family | None):
    if (person is None) == (family is None):
        raise DomainError("Укажите гражданина или семью (одно из двух).")
    subject = person or family
    _writable(by, subject)
    return subject


@transaction.atomic
def group_add(
    *,
    by,
    group: TargetGroup,
    person: Person | None = None,
    family: Family | None = None,
    starts_on: datetime.date,
    note: str = "",
) -> TargetGroupMembership:
    """002 §1.3: the person or family belongs to a target group from a date."""
    subject = _subject(by, person, family)
    if group.derived:
        raise DomainError(
            "Граждане пожилого возраста определяются по полу и дате рождения автоматически: "
            "вносить их вручную не нужно."
        )
    wanted = TargetGroupApplies.PERSON if person else TargetGroupApplies.FAMILY
    if group.applies_to != wanted:
        raise DomainError(f"Группа «{group.name}» относится к: {group.get_applies_to_display()}.")
    open_rows = TargetGroupMembership.all_records.filter(
        group=group, person=person, family=family, ends_on__isnull=True
    )
    if open_rows.exists():
        raise DomainError(f"Уже отнесено к группе «{group.name}».")
    row = TargetGroupMembership(
        group=group, person=person, family=family, starts_on=starts_on, note=note.strip()
    )
    row.full_clean()
    row.save()
    audit(by, row, AuditAction.CREATE, parent=subject)
    return row


@transaction.atomic
def group_end(
    *, by, membership: TargetGroupMembership, ends_on: datetime.date | None = None
) -> TargetGroupMembership:
    subject = _subject(by, membership.person, membership.family)
    before = snapshot(locked(membership))
    if membership.ends_on is not None:
        raise DomainError("Отнесение к группе уже окончено.")
    membership.ends_on = ends_on or timezone.localdate()
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    audit(by, membership, AuditAction.UPDATE, before=before, parent=subject)
    return membership


@transaction.atomic
def passport_new_edition(
    *,
    by,
    person: Person | None = None,
    family: Family | None = None,
    compiled_on: datetime.date | None = None,
    **fields,
) -> SocialPassport:
    """002 §3.2.9, §5.1.8: a new edition of the social passport; earlier editions stay."""
    user, _scope, _role = acting(by)
    subject = _subject(by, person, family)
    locked(subject)  # two editions saved at once get different numbers
    unknown = set(fields) - set(PASSPORT_FIELDS)
    if unknown:
        raise DomainError(f"Поле «{sorted(unknown)[0]}» нельзя изменить.")
    last = SocialPassport.all_records.filter(person=person, family=family).aggregate(
        n=Max("edition")
    )["n"]
    passport = SocialPassport(
        person=person,
        family=family,
        edition=(last or 0) + 1,
        compiled_on=compiled_on or timezone.localdate(),
        author=user,
        **{k: (v or "").strip() for k, v in fields.items()},
    )
    if passport.compiled_on > timezone.localdate():
        raise ValidationError({"compiled_on": "Дата актуализации не может быть в будущем."})
    passport.full_clean()
    passport.save()
    audit(by, passport, AuditAction.CREATE, parent=subject)
    return passport


@transaction.atomic
def registration_register(
    *,
    by,
    person: Person | None = None,
    family: Family | None = None,
    registered_on: datetime.date,
    grounds: str,
) -> PreventiveRegistration:
    """SOC-4: поставлен на профилактический учёт (grounds required)."""
    subject = _subject(by, person, family)
    if not (grounds or "").strip():
        raise ValidationError({"grounds": "Укажите основания постановки на учёт."})
    if PreventiveRegistration.all_records.filter(
        person=person, family=family, removed_on__isnull=True
    ).exists():
        raise DomainError("Уже состоит на профилактическом учёте.")
    row = PreventiveRegistration(
        person=person,
        family=family,
        unit=subject.unit,
        registered_on=registered_on,
        grounds=grounds.strip(),
    )
    row.full_clean()
    row.save()
    audit(by, row, AuditAction.CREATE, parent=subject)
    return row


@transaction.atomic
def registration_remove(
    *,
    by,
    registration: PreventiveRegistration,
    removed_on: datetime.date,
    reason: str,
    note: str = "",
) -> PreventiveRegistration:
    """SOC-4: снят с профилактического учёта — the reason is required."""
    subject = _subject(by, registration.person, registration.family)
    before = snapshot(locked(registration))
    if registration.removed_on is not None:
        raise DomainError("Уже снят с профилактического учёта.")
    if reason not in RemovalReason.values:
        raise ValidationError({"removal_reason": "Укажите причину снятия с учёта."})
    if reason == RemovalReason.OTHER and not (note or "").strip():
        raise ValidationError({"removal_note": "Поясните причину снятия («иное»)."})
    registration.removed_on = removed_on
    registration.removal_reason = reason
    registration.removal_note = (note or "").strip()
    registration.full_clean()
    registration.save(update_fields=["removed_on", "removal_reason", "removal_note"])
    audit(by, registration, AuditAction.UPDATE, before=before, parent=subject)
    return registration


@transaction.atomic
def personal_file_open(
    *,
    by,
    person: Person | None = None,
    family: Family | None = None,
    number: str,
    opened_on: datetime.date,
    kept_at: str = "",
) -> PersonalFile:
    """002 §5.1.7: a personal file opened with its number in the unit's journal."""
    subject = _subject(by, person, family)
    number = (number or "").strip()
    if PersonalFile.all_records.filter(unit=subject.unit, number=number).exists():
        raise ValidationError({"number": "Личное дело с таким номером в отделении уже есть."})
    if PersonalFile.all_records.filter(
        person=person, family=family, closed_on__isnull=True
    ).exists():
        raise DomainError("Открытое личное дело уже есть: закройте его, прежде чем заводить новое.")
    row = PersonalFile(
        person=person,
        family=family,
        unit=subject.unit,
        number=number,
        opened_on=opened_on,
        kept_at=(kept_at or "").strip(),
    )
    row.full_clean()
    row.save()
    audit(by, row, AuditAction.CREATE, parent=subject)
    return row


@transaction.atomic
def personal_file_close(
    *, by, personal_file: PersonalFile, closed_on: datetime.date
) -> PersonalFile:
    subject = _subject(by, personal_file.person, personal_file.family)
    before = snapshot(locked(personal_file))
    if personal_file.closed_on is not None:
        raise DomainError("Личное дело уже закрыто.")
    if closed_on < personal_file.opened_on:
        raise ValidationError({"closed_on": "Дата закрытия раньше даты заведения."})
    personal_file.closed_on = closed_on
    personal_file.save(update_fields=["closed_on"])
    audit(by, personal_file, AuditAction.UPDATE, before=before, parent=subject)
    return personal_file


@transaction.atomic
def consent_record(
    *,
    by,
    person: Person,
    purpose: str,
    signatory: str,
    document: str,
    signed_on: datetime.date,
    valid_until: datetime.date | None = None,
    representative_name: str = "",
    representative_basis: str = "",
) -> Consent:
    """152-FZ art. 9: a written consent entered into the register."""
    user, _scope, _role = acting(by)
    _writable(by, person)
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": "Выберите цель обработки из списка."})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "Дата подписания не может быть в будущем."})
    consent = Consent(
        person=person,
        purpose=purpose,
        signatory=signatory,
        document=(document or "").strip(),
        signed_on=signed_on,
        valid_until=valid_until,
        representative_name=(representative_name or "").strip(),
        representative_basis=(representative_basis or "").strip(),
        recorded_by=user,
    )
    consent.full_clean()
    consent.save()
    audit(by, consent, AuditAction.CREATE, parent=person)
    return consent


@transaction.atomic
def consent_withdraw(
    *, by, consent: Consent, withdrawn_on: datetime.date, document: str
) -> Consent:
    """152-FZ art. 9 p. 2: the consent withdrawn, with the document; it stays in the register."""
    _writable(by, consent.person)
    before = snapshot(locked(consent))
    if consent.withdrawn_on is not None:
        raise DomainError("Согласие уже отозвано.")
    if not (document or "").strip():
        raise ValidationError({"withdrawal_document": "Укажите документ об отзыве согласия."})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_document = document.strip()
    consent.full_clean()
    save_with_version(
        consent,
        expected_version=None,
        fields=["withdrawn_on", "withdrawal_document"],
        label="согласие",
    )
    audit(by, consent, AuditAction.UPDATE, before=before, parent=consent.person)
    return consent
