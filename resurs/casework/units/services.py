"""Writes of units and their staff (SOC-1; seed 002 §1.5, §1.13) and of social districts with
their assignments and passports (SOC-1, SOC-2; 002 §1.2, §3.2.9). Views, the API and the demo
call these; each write is checked, validated and audited under the unit's or district's card."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.casework.units import permissions
from resurs.casework.units.models import (
    DistrictAssignment,
    DistrictPassport,
    Position,
    SocialDistrict,
    Unit,
    UnitKind,
    UnitStaff,
)
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

DISTRICT_FIELDS = (
    "name",
    "territory",
    "kind",
    "bounds",
    "population",
    "population_as_of",
    "closed_on",
)
UNIT_FIELDS = ("kind", "name", "daily_capacity", "caseload_limit", "phone", "address", "closed_on")
# A membership of these roles works in a unit (issue 13 item 1).
STAFF_ROLES = frozenset({Role.HEAD, Role.SPECIALIST})
MANAGE_MESSAGE = "Отделением управляют поставщик (учреждение) и заведующий этим отделением."


@transaction.atomic
def unit_create(
    *,
    by: Membership | None,
    kind: UnitKind,
    name: str,
    organisation=None,
    daily_capacity: int | None = None,
    caseload_limit: int | None = None,
    phone: str = "",
    address: str = "",
) -> Unit:
    """SOC-1: a structural unit (отделение) of the user's institution.

    ``organisation`` is for system jobs (the demo, an import): a user creates units of their
    own institution only.
    """
    _user, scope, _role = acting(by)
    if by is not None:
        if by.role != Role.ADMINISTRATOR or organisation is None:
            organisation = by.organisation
        require(
            permissions.can_create_unit(scope, organisation.pk),
            "Отделения учреждения заводит поставщик (учреждение).",
        )
    if organisation is None:
        raise DomainError("Не указано учреждение.")
    unit = Unit(organisation=organisation, kind=kind, name=name, phone=phone, address=address)
    if daily_capacity is not None:
        unit.daily_capacity = daily_capacity
    if caseload_limit is not None:
        unit.caseload_limit = caseload_limit
    unit.full_clean()
    unit.save()
    audit(by, unit, AuditAction.CREATE)
    return unit


@transaction.atomic
def unit_update(*, by: Membership | None, unit: Unit, expected_version: int | None, **fields):
    """SOC-1, 002 §1.13: the unit's name, kind and settings (daily capacity, caseload limit)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_unit(scope, unit), MANAGE_MESSAGE)
    before = snapshot(locked(unit))
    assign(unit, fields, UNIT_FIELDS)
    unit.full_clean()
    save_with_version(
        unit, expected_version=expected_version, fields=list(fields), label="отделение"
    )
    audit(by, unit, AuditAction.UPDATE, before=before)
    return unit


@transaction.atomic
def staff_add(
    *,
    by: Membership | None,
    unit: Unit,
    membership: Membership,
    position: str,
    starts_on: datetime.date | None = None,
) -> UnitStaff:
    """Issue 13 item 1: the membership of a head or a specialist names its unit and position.

    A membership works in one unit at a time; moving it to another unit ends the place it
    had first (`staff_end`). The row of an ended place is reused, its history in the trail.
    """
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_unit(scope, unit), MANAGE_MESSAGE)
    if membership.role not in STAFF_ROLES:
        raise DomainError("В штат отделения включаются роли «Заведующий» и «Специалист».")
    if position not in Position.values:
        raise DomainError("Выберите должность из списка.")
    starts_on = starts_on or timezone.localdate()
    current = UnitStaff.objects.select_for_update().filter(membership=membership).first()
    if current is not None and (current.ends_on is None or current.ends_on >= starts_on):
        raise DomainError(
            f"{membership.user} уже работает в отделении «{current.unit}»: сначала завершите "
            "работу там."
        )
    if current is None:
        row = UnitStaff(membership=membership)
        action, before = AuditAction.CREATE, None
    else:
        row, action, before = current, AuditAction.UPDATE, snapshot(current)
    row.unit, row.position, row.starts_on, row.ends_on = unit, position, starts_on, None
    row.full_clean()
    row.save()
    audit(by, row, action, before=before, parent=unit)
    return row


@transaction.atomic
def staff_end(*, by: Membership | None, staff: UnitStaff, ends_on: datetime.date) -> UnitStaff:
    """Issue 13 item 1: the head or specialist leaves the unit on ``ends_on``."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_unit(scope, staff.unit), MANAGE_MESSAGE)
    row = locked(staff)
    if row.ends_on is not None:
        raise DomainError("Работа в отделении уже завершена.")
    before = snapshot(row)
    row.ends_on = ends_on
    row.full_clean()
    row.save(update_fields=["ends_on"])
    audit(by, row, AuditAction.UPDATE, before=before, parent=row.unit)
    return row


def _require_district_unit(scope, unit: Unit) -> None:
    require(permissions.can_manage_unit(scope, unit), MANAGE_MESSAGE)
    if not unit.kind.works_with_districts:
        raise DomainError(
            f"Отделение «{unit}» не работает по участковому принципу: участков у него нет."
        )


@transaction.atomic
def district_create(
    *,
    by: Membership | None,
    unit: Unit,
    name: str,
    territory,
    kind: str,
    population: int,
    population_as_of: datetime.date,
    bounds: str = "",
) -> SocialDistrict:
    """SOC-1: a social district of a unit — territory, kind of territory, population. The
    population is checked against the norm in force on the pages (002 §1.2 footnote); a
    district outside it is saved and shown to the head, since the norm guides, not forbids."""
    _user, scope, _role = acting(by)
    if by is not None:
        _require_district_unit(scope, unit)
    district = SocialDistrict(
        unit=unit,
        name=name,
        territory=territory,
        kind=kind,
        bounds=bounds,
        population=population,
        population_as_of=population_as_of,
    )
    district.full_clean()
    district.save()
    audit(by, district, AuditAction.CREATE, parent=unit)
    return district


@transaction.atomic
def district_update(
    *, by: Membership | None, district: SocialDistrict, expected_version: int | None, **fields
) -> SocialDistrict:
    """SOC-1: the district's territory, kind, bounds and population (as of a date)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_unit(scope, district.unit), MANAGE_MESSAGE)
    before = snapshot(locked(district))
    assign(district, fields, DISTRICT_FIELDS)
    district.full_clean()
    save_with_version(
        district, expected_version=expected_version, fields=list(fields), label="участок"
    )
    audit(by, district, AuditAction.UPDATE, before=before, parent=district.unit)
    return district


@transaction.atomic
def district_assign(
    *,
    by: Membership | None,
    district: SocialDistrict,
    membership: Membership,
    starts_on: datetime.date,
) -> DistrictAssignment:
    """SOC-1: a specialist of the institution is assigned to the district from a date."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_unit(scope, district.unit), MANAGE_MESSAGE)
    if membership.role not in STAFF_ROLES or not membership.is_active:
        raise DomainError("За участком закрепляется действующий специалист или заведующий.")
    if membership.organisation_id != district.unit.organisation_id:
        raise DomainError("Специалист должен работать в учреждении, которому принадлежит участок.")
    locked(district)
    if (
        DistrictAssignment.objects.current(starts_on)
        .filter(district=district, membership=membership)
        .exists()
        or DistrictAssignment.objects.filter(
            district=district, membership=membership, starts_on__gt=starts_on
        ).exists()
    ):
        raise DomainError(f"{membership.user} уже закреплён(а) за участком «{district}».")
    row = DistrictAssignment(district=district, membership=membership, starts_on=starts_on)
    row.full_clean()
    row.save()
    audit(by, row, AuditAction.CREATE, parent=district)
    return row


@transaction.atomic
def assignment_end(
    *, by: Membership | None, assignment: DistrictAssignment, ends_on: datetime.date
) -> DistrictAssignment:
    """SOC-1: the specialist's assignment to the district ends on ``ends_on``."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage_unit(scope, assignment.district.unit), MANAGE_MESSAGE)
    row = locked(assignment)
    if row.ends_on is not None:
        raise DomainError("Закрепление уже завершено.")
    before = snapshot(row)
    row.ends_on = ends_on
    row.full_clean()
    row.save(update_fields=["ends_on"])
    audit(by, row, AuditAction.UPDATE, before=before, parent=row.district)
    return row


@transaction.atomic
def passport_create(
    *,
    by: Membership | None,
    district: SocialDistrict,
    compiled_on: datetime.date,
    infrastructure: str,
    partners=(),
    social_picture: str = "",
    notes: str = "",
    author=None,
) -> DistrictPassport:
    """SOC-2, 002 §3.2.1, §3.2.9: a new edition of the district's passport (a new row; the
    earlier editions stay). Partners are organisations of the directory the user sees.
    ``author`` is for system jobs (the demo, an import): a user's edition is their own."""
    user, scope, _role = acting(by)
    author = user if by is not None else author
    if by is not None:
        require(permissions.can_manage_unit(scope, district.unit), MANAGE_MESSAGE)
        partner_ids = {p.pk for p in partners}
        visible = set(
            Organisation.objects.visible_to(by)
            .filter(pk__in=partner_ids)
            .values_list("pk", flat=True)
        )
        if visible != partner_ids:
            raise DomainError("Социальных партнёров выбирают из справочника организаций.")
    if compiled_on > timezone.localdate():
        raise DomainError("Дата актуализации паспорта не может быть позже сегодняшней.")
    locked(district)  # two editors get two consecutive editions, never the same number
    last = district.passports.aggregate(n=Max("edition"))["n"] or 0
    passport = DistrictPassport(
        district=district,
        edition=last + 1,
        compiled_on=compiled_on,
        infrastructure=infrastructure,
        social_picture=social_picture,
        notes=notes,
        author=author,
    )
    passport.full_clean(exclude=[] if author else ["author"])
    passport.save()
    passport.partners.set(partners)
    audit(by, passport, AuditAction.CREATE, parent=district, extra_m2m=["partners"])
    return passport
