"""Who records service facts and closes months (SOC-10).

The staff of the institution record the services they give: a head and a specialist in the
units they work in, the institution's provider role in any unit. The month of a unit is
closed by its head (or the institution's provider role); after that its facts are corrected
only by reversal. The УСЗН of the territory reads; region-wide roles see numbers, not facts.

The catalogue (SOC-11) is the region's list, set by the Department's orders: it is kept —
services created, edited, loaded from a file, tariffs set — by the roles that keep the
region's directories (Департамент, Администратор). Whoever works with citizens or watches
that work reads it: the institution's staff, the УСЗН and the region-wide roles. A resource
centre does no case work and is not shown it.
"""

from __future__ import annotations

from resurs.casework.citizens.permissions import WRITE_ROLES, can_work_in
from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, REGION_WIDE_ROLES, Role
from resurs.kernel.accounts.scoping import Scope

CLOSE_ROLES = frozenset({Role.HEAD, Role.PROVIDER})
STATISTICS_ROLES = WRITE_ROLES | {Role.USZN}
CATALOGUE_EDIT_ROLES = DIRECTORY_EDITOR_ROLES
CATALOGUE_READ_ROLES = WRITE_ROLES | {Role.USZN} | REGION_WIDE_ROLES | CATALOGUE_EDIT_ROLES

__all__ = [
    "CATALOGUE_EDIT_ROLES",
    "CATALOGUE_READ_ROLES",
    "WRITE_ROLES",
    "can_close_month",
    "can_edit_catalogue",
    "can_read_catalogue",
    "can_record",
    "can_see_statistics",
    "can_work_in",
]


def can_record(scope: Scope | None) -> bool:
    return scope is not None and scope.role in WRITE_ROLES


def can_close_month(scope: Scope | None, unit) -> bool:
    if scope is None or scope.role not in CLOSE_ROLES:
        return False
    return can_work_in(scope, unit)


def can_read_catalogue(scope: Scope | None) -> bool:
    return scope is not None and scope.role in CATALOGUE_READ_ROLES


def can_edit_catalogue(scope: Scope | None) -> bool:
    return scope is not None and scope.role in CATALOGUE_EDIT_ROLES


def can_see_statistics(scope: Scope | None) -> bool:
    """SOC-10: the institution's staff and the УСЗН see their facts' numbers, region-wide
    roles the region's numbers only (statistics_selectors)."""
    return scope is not None and (scope.role in STATISTICS_ROLES or scope.region_wide)


# 442-FZ art. 25: the register is the institution's (its staff, in their scope) and the
# УСЗН's of the territory; region-wide roles see numbers, not recipients.
REGISTER_ROLES = WRITE_ROLES | {Role.USZN}


def can_read_register(scope: Scope | None) -> bool:
    return scope is not None and scope.role in REGISTER_ROLES
