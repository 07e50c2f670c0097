"""Who manages the units and social districts of an institution (SOC-1, SOC-2).

Reading is decided by the organisation rule alone (`models.*QuerySet.visible_to`). Writing:
the institution's provider role manages all its units, districts and staff; a head manages
the unit they head (its settings, staff, districts, assignments and passports); the
administrator anything. Specialists read.
"""

from __future__ import annotations

from resurs.casework.units.models import Unit, UnitStaff
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope


def can_create_unit(scope: Scope | None, organisation_id: int | None) -> bool:
    if scope is None:
        return False
    if scope.role == Role.ADMINISTRATOR:
        return True
    return scope.role == Role.PROVIDER and scope.organisation_id == organisation_id


def can_manage_unit(scope: Scope | None, unit: Unit) -> bool:
    if scope is None:
        return False
    if scope.role == Role.ADMINISTRATOR:
        return True
    if scope.organisation_id != unit.organisation_id:
        return False
    if scope.role == Role.PROVIDER:
        return True
    return (
        scope.role == Role.HEAD
        and UnitStaff.objects.current()
        .filter(membership_id=scope.membership_id, unit_id=unit.pk)
        .exists()
    )
