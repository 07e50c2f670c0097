"""Who may write in the appeals journal and the cases (SOC-5, SOC-6).

The staff of the institution work in them: a head and a specialist in the units they work
in, the institution's provider role in any of its units. The УСЗН of the territory reads
the cases (it approves the ИППСУ) but records nothing here; region-wide roles never write.
"""

from __future__ import annotations

from resurs.casework.citizens.permissions import WRITE_ROLES
from resurs.casework.units.models import UnitStaff
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

# Who sees the unit's deadline board (by specialist).
BOARD_ROLES = frozenset({Role.HEAD, Role.PROVIDER})


def can_write(scope: Scope | None) -> bool:
    return scope is not None and scope.role in WRITE_ROLES


def can_work_in(scope: Scope | None, unit) -> bool:
    """Whether the user takes appeals and opens cases in ``unit``."""
    if scope is None or not can_write(scope) or unit.organisation_id != scope.organisation_id:
        return False
    if scope.role == Role.PROVIDER:
        return True
    return (
        UnitStaff.objects.current()
        .filter(membership_id=scope.membership_id, unit_id=unit.pk)
        .exists()
    )


def can_see_board(scope: Scope | None) -> bool:
    return scope is not None and scope.role in BOARD_ROLES
