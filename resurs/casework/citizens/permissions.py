"""Who may write in the data bank of citizens and families (SOC-3, SOC-4).

The staff of the institution keep it: a head and a specialist in the units they work in, the
institution's provider role in any of its units — and only records they see (the rule of
`access`). The УСЗН of the territory reads; region-wide roles never write, and open a card
only by stating a reason. The duplicates queue is the head's; the access log is shown to the
institution's provider role and the unit head.
"""

from __future__ import annotations

from resurs.casework.units.models import UnitStaff
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

WRITE_ROLES = frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER})
DUPLICATE_ROLES = frozenset({Role.HEAD, Role.PROVIDER})
ACCESS_LOG_ROLES = frozenset({Role.HEAD, Role.PROVIDER})
READ_ROLES = WRITE_ROLES | {Role.USZN}


def can_read_lists(scope: Scope | None) -> bool:
    return scope is not None and scope.role in READ_ROLES


def can_write(scope: Scope | None) -> bool:
    return scope is not None and scope.role in WRITE_ROLES


def can_work_in(scope: Scope | None, unit) -> bool:
    """Whether the user registers citizens and families in ``unit``."""
    if scope is None or not can_write(scope) or unit.organisation_id != scope.organisation_id:
        return False
    if scope.role == Role.PROVIDER:
        return True
    return (
        UnitStaff.objects.current()
        .filter(membership_id=scope.membership_id, unit_id=unit.pk)
        .exists()
    )


def can_decide_duplicates(scope: Scope | None) -> bool:
    return scope is not None and scope.role in DUPLICATE_ROLES


def can_read_access_log(scope: Scope | None) -> bool:
    return scope is not None and scope.role in ACCESS_LOG_ROLES


def can_open_with_reason(scope: Scope | None) -> bool:
    return scope is not None and scope.region_wide
