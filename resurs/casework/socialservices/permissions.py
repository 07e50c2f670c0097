"""Who records service facts and closes months (SOC-10).

The staff of the institution record the services they give: a head and a specialist in the
units they work in, the institution's provider role in any unit. The month of a unit is
closed by its head (or the institution's provider role); after that its facts are corrected
only by reversal. The УСЗН of the territory reads; region-wide roles see numbers, not facts.
"""

from __future__ import annotations

from resurs.casework.citizens.permissions import WRITE_ROLES, can_work_in
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

CLOSE_ROLES = frozenset({Role.HEAD, Role.PROVIDER})
STATISTICS_ROLES = WRITE_ROLES | {Role.USZN}

__all__ = ["WRITE_ROLES", "can_close_month", "can_record", "can_work_in"]


def can_record(scope: Scope | None) -> bool:
    return scope is not None and scope.role in WRITE_ROLES


def can_close_month(scope: Scope | None, unit) -> bool:
    if scope is None or scope.role not in CLOSE_ROLES:
        return False
    return can_work_in(scope, unit)


# 442-FZ art. 25: the register is the institution's (its staff, in their scope) and the
# УСЗН's of the territory; region-wide roles see numbers, not recipients.
REGISTER_ROLES = WRITE_ROLES | {Role.USZN}


def can_read_register(scope: Scope | None) -> bool:
    return scope is not None and scope.role in REGISTER_ROLES
