"""Who draws and edits the acts of a case (002 §3.2.5, §5.1.3).

The staff of the institution who see the case: its specialist (or a specialist of its
district), the unit's head, the institution's provider role. The УСЗН of the territory reads
the acts (it approves the ИППСУ) but draws none; region-wide roles never write here.
"""

from __future__ import annotations

from resurs.casework.citizens.permissions import WRITE_ROLES
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

# Who keeps the department's journals (the menu «Журналы отделения»).
JOURNAL_ROLES = frozenset({Role.HEAD, Role.SPECIALIST, Role.PROVIDER, Role.USZN})


def can_draw(scope: Scope | None, case) -> bool:
    """``case`` was found through ``Case.objects.visible_to`` by the caller."""
    return (
        scope is not None
        and scope.role in WRITE_ROLES
        and case.organisation_id == scope.organisation_id
        and case.closed_on is None
    )


def can_edit(scope: Scope | None, act) -> bool:
    return act.editable_by(scope)


def can_keep_journals(scope: Scope | None) -> bool:
    return scope is not None and scope.role in JOURNAL_ROLES
