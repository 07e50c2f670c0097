"""Who may change a plan and answer a referral (SPEC §0, SOC-6, SOC-7).

Seeing is the scoping rule (`citizens.access`); these say what a user who sees a record may
do with it. The institution's staff keep a plan (head, specialist, the provider role); the
head, the provider and the УСЗН of the territory approve it (an ИППСУ is approved by the
УСЗН, 442-FZ art. 16). An internal referral is answered by the staff of the unit it is
addressed to; an external one by the sending side, on the agency's reply.
"""

from __future__ import annotations

from resurs.casework.plans.models import Referral
from resurs.casework.units.models import staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

EDIT_ROLES = frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER})
APPROVE_ROLES = frozenset({Role.HEAD, Role.PROVIDER, Role.USZN})
RECEIVING_ROLES = frozenset({Role.HEAD, Role.SPECIALIST})


def can_edit(scope: Scope | None) -> bool:
    return scope is not None and scope.role in EDIT_ROLES


def can_approve(scope: Scope | None) -> bool:
    return scope is not None and scope.role in APPROVE_ROLES


def works_in(scope: Scope | None, unit_id: int | None) -> bool:
    if scope is None or unit_id is None or scope.role not in RECEIVING_ROLES:
        return False
    return staff_units(scope).filter(unit_id=unit_id).exists()


def can_answer(scope: Scope | None, referral: Referral, *, sees_plan: bool) -> bool:
    """An internal referral: the receiving unit's staff; an external one: the sending side
    records the agency's answer."""
    if referral.to_unit_id:
        return works_in(scope, referral.to_unit_id)
    return sees_plan and can_edit(scope)


def can_revoke(scope: Scope | None, *, sees_plan: bool) -> bool:
    return sees_plan and can_edit(scope)
