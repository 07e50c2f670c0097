"""Writes of the data bank: persons with the duplicate rule, families and their members
(SOC-3, SOC-4; seed 002 §1.3, §5.1.9). Records about a person or a family (target groups,
social passports, preventive registration, personal files, consents) are written by
`record_services`, the duplicates queue by `duplicates`.

Every write goes through `resurs.kernel.writes` and leaves an audit entry; the models keep
personal fields out of the trail in clear and name a record by ``audit_label()``.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens import permissions
from resurs.casework.citizens.identity import name_key, normalise_snils
from resurs.casework.citizens.models import Family, FamilyMember, Person, Relation
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import (
    DomainError,
    acting,
    assign,
    audit,
    locked,
    require,
    save_with_version,
)

PERSON_FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "sex",
    "birth_date",
    "snils",
    "document_kind",
    "document_series",
    "document_number",
    "document_issued_by",
    "document_issued_on",
    "registration_address",
    "actual_address",
    "phones",
)
HOLDER_FIELDS = ("district", "specialist")
FAMILY_FIELDS = ("name", "actual_address", "phones")
SNILS_REASON = "a СНИЛС is known once in the whole region (the duplicate rule at entry)"


class SnilsAlreadyRegistered(DomainError):  # noqa: N818 -- a refusal shown to the user
    """A card with this СНИЛС exists. ``person`` is set only when the user may see it."""

    def __init__(self, message: str, person: Person | None = None):
        self.person = person
        super().__init__(message)


class LikelyDuplicates(DomainError):  # noqa: N818 -- a question put to the user
    """Cards with the same full name and birth date the user sees: asked before saving."""

    def __init__(self, candidates: list[Person]):
        self.candidates = candidates
        listed = "; ".join(f"№ {p.pk} {p.full_name}, {p.birth_date:%d.%m.%Y}" for p in candidates)
        super().__init__(
            f"Похожие карточки: {listed} — это другой человек? Если да, отметьте «Это другой "
            "человек» и сохраните снова; если нет, откройте существующую карточку."
        )


def _clean_snils(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return normalise_snils(value)
    except ValidationError as exc:
        raise ValidationError({"snils": exc.messages}) from exc


def check_snils_free(by, snils: str, *, exclude_pk: int | None = None) -> None:
    """Refuses a СНИЛС already known anywhere in the region: with the card if the user sees
    it, otherwise naming only the institution and unit that hold it (never the record)."""
    if not snils:
        return
    existing = (
        Person.objects.unscoped(reason=SNILS_REASON)
        .filter(snils=snils)
        .exclude(pk=exclude_pk)
        .select_related("organisation", "unit")
        .first()
    )
    if existing is None:
        return
    if Person.objects.visible_to(by).filter(pk=existing.pk).exists():
        raise SnilsAlreadyRegistered(
            f"Гражданин с таким СНИЛС уже есть в банке данных: карточка № {existing.pk}. "
            "Откройте её вместо создания новой.",
            person=existing,
        )
    institution = existing.organisation.short_name or existing.organisation.name
    raise SnilsAlreadyRegistered(
        f"Гражданин с таким СНИЛС уже зарегистрирован в {institution}, "
        f"обратитесь в {existing.unit.name}."
    )


def likely_duplicates(by, *, last_name, first_name, patronymic="", birth_date, exclude_pk=None):
    """Cards the user sees with the same folded full name and birth date (002 §5.1.9)."""
    if not birth_date:
        return []
    key = name_key(last_name, first_name, patronymic)
    return list(
        Person.objects.visible_to(by)
        .filter(name_key=key, birth_date=birth_date)
        .exclude(pk=exclude_pk)
        .order_by("pk")[:10]
    )


def _writable(by, record) -> None:
    """The user keeps the data bank and sees ``record`` (otherwise it does not exist)."""
    _user, scope, _role = acting(by)
    require(
        permissions.can_write(scope), "Вносить сведения в банк данных может персонал учреждения."
    )
    model = type(record)
    if not model.objects.visible_to(by).filter(pk=record.pk).exists():
        raise model.DoesNotExist


def _holder_check(by, unit, district, specialist) -> None:
    _user, scope, _role = acting(by)
    require(
        permissions.can_work_in(scope, unit),
        "Вносить граждан и семьи можно только в отделение, в котором вы работаете.",
    )
    if district is not None and district.unit_id != unit.pk:
        raise ValidationError({"district": "Участок другого отделения."})


@transaction.atomic
def person_create(
    *, by, unit, district=None, specialist=None, confirm_not_duplicate=False, **fields
) -> Person:
    """SOC-4: a citizen in the data bank. A known СНИЛС is refused; cards with the same name
    and birth date are offered first (``confirm_not_duplicate`` says it is another person)."""
    user, scope, _role = acting(by)
    _holder_check(by, unit, district, specialist)
    if specialist is None and scope is not None and scope.role == Role.SPECIALIST:
        specialist = user
    fields["snils"] = _clean_snils(fields.get("snils", ""))
    person = Person(organisation_id=unit.organisation_id, unit=unit)
    assign(person, fields, PERSON_FIELDS)
    person.district = district
    person.specialist = specialist
    person.full_clean(validate_unique=False, validate_constraints=False)
    check_snils_free(by, person.snils)
    if not confirm_not_duplicate:
        candidates = likely_duplicates(
            by,
            last_name=person.last_name,
            first_name=person.first_name,
            patronymic=person.patronymic,
            birth_date=person.birth_date,
        )
        if candidates:
            raise LikelyDuplicates(candidates)
    person.save()
    audit(by, person, AuditAction.CREATE)
    return person


@transaction.atomic
def person_update(*, by, person: Person, expected_version: int | None, **fields) -> Person:
    """SOC-4: the card's data changed (optimistic: refused if somebody saved it since)."""
    _writable(by, person)
    before = snapshot(locked(person))
    if "snils" in fields:
        fields["snils"] = _clean_snils(fields["snils"])
        check_snils_free(by, fields["snils"], exclude_pk=person.pk)
    holder = {k: fields.pop(k) for k in HOLDER_FIELDS if k in fields}
    assign(person, fields, PERSON_FIELDS)
    district = holder.get("district")
    if district is not None and district.unit_id != person.unit_id:
        raise ValidationError({"district": "Участок другого отделения."})
    for name, value in holder.items():
        setattr(person, name, value)
    person.full_clean(validate_unique=False, validate_constraints=False)
    save_with_version(
        person,
        expected_version=expected_version,
        fields=[*fields, *holder, "updated_at"],
        label="карточка гражданина",
    )
    audit(by, person, AuditAction.UPDATE, before=before)
    return person


@transaction.atomic
def family_create(*, by, unit, district=None, specialist=None, **fields) -> Family:
    user, scope, _role = acting(by)
    _holder_check(by, unit, district, specialist)
    if specialist is None and scope is not None and scope.role == Role.SPECIALIST:
        specialist = user
    family = Family(organisation_id=unit.organisation_id, unit=unit)
    assign(family, fields, FAMILY_FIELDS)
    family.district = district
    family.specialist = specialist
    family.full_clean()
    family.save()
    audit(by, family, AuditAction.CREATE)
    return family


@transaction.atomic
def family_update(*, by, family: Family, expected_version: int | None, **fields) -> Family:
    _writable(by, family)
    before = snapshot(locked(family))
    holder = {k: fields.pop(k) for k in HOLDER_FIELDS if k in fields}
    assign(family, fields, FAMILY_FIELDS)
    for name, value in holder.items():
        setattr(family, name, value)
    family.full_clean()
    save_with_version(
        family,
        expected_version=expected_version,
        fields=[*fields, *holder, "updated_at"],
        label="карточка семьи",
    )
    audit(by, family, AuditAction.UPDATE, before=before)
    return family


@transaction.atomic
def member_add(
    *,
    by,
    family: Family,
    person: Person,
    relation: str,
    is_legal_representative: bool = False,
    joined_on: datetime.date | None = None,
) -> FamilyMember:
    """A person of the data bank joins a family with a relation (both seen by the user)."""
    _writable(by, family)
    _writable(by, person)
    if relation not in Relation.values:
        raise DomainError("Укажите родство из списка.")
    if FamilyMember.all_records.filter(family=family, person=person, left_on__isnull=True).exists():
        raise DomainError("Этот гражданин уже в составе семьи.")
    member = FamilyMember.all_records.filter(family=family, person=person).first()
    if member is None:
        member = FamilyMember(family=family, person=person)
    member.relation = relation
    member.is_legal_representative = is_legal_representative
    member.joined_on = joined_on or timezone.localdate()
    member.left_on = None
    member.full_clean(validate_unique=False, validate_constraints=False)
    member.save()
    audit(by, member, AuditAction.CREATE, parent=family)
    return member


@transaction.atomic
def member_remove(*, by, member: FamilyMember, left_on: datetime.date | None = None):
    """A member leaves the family: the row stays with the date (the history is kept)."""
    _writable(by, member.family)
    before = snapshot(locked(member))
    if member.left_on is not None:
        raise DomainError("Этот гражданин уже выбыл из состава семьи.")
    member.left_on = left_on or timezone.localdate()
    if member.joined_on and member.left_on < member.joined_on:
        raise ValidationError({"left_on": "Дата выбытия раньше даты включения в состав."})
    member.save(update_fields=["left_on"])
    audit(by, member, AuditAction.UPDATE, before=before, parent=member.family)
    return member
