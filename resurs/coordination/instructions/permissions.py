"""Who may send, manage and answer requests and instructions (REP-9).

Reading is decided by the scope alone (`models.InstructionQuerySet`, `AddresseeQuerySet`).
Sending: a resource centre (000:5.1.1) and the Department (000:5.2.3), and the administrator.
Providers and УСЗН only answer. The sender organisation manages what it sent (accepts or
returns answers, closes or cancels); the administrator manages anything.
"""

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

SENDER_ROLES = frozenset({Role.RESOURCE_CENTRE, Role.DEPARTMENT, Role.ADMINISTRATOR})
# A department's specialist works with citizens; everyone else of an addressee answers.
ANSWER_ROLES = frozenset(Role) - {Role.SPECIALIST}


def can_send(scope: Scope | None) -> bool:
    return scope is not None and scope.role in SENDER_ROLES


def can_manage(scope: Scope | None, instruction) -> bool:
    if scope is None:
        return False
    if scope.role == Role.ADMINISTRATOR:
        return True
    return scope.role in SENDER_ROLES and scope.organisation_id == instruction.sender_id


def can_answer(scope: Scope | None, addressee) -> bool:
    """The addressee organisation answers an open row of an instruction on control."""
    from resurs.coordination.instructions.models import AddresseeStatus

    return (
        scope is not None
        and scope.role in ANSWER_ROLES
        and scope.organisation_id == addressee.organisation_id
        and addressee.status == AddresseeStatus.OPEN
        and addressee.instruction.is_open
    )


def can_review(scope: Scope | None, addressee) -> bool:
    """The sender accepts or returns an answer awaiting its review."""
    from resurs.coordination.instructions.models import AddresseeStatus

    return (
        addressee.status == AddresseeStatus.ANSWERED
        and addressee.instruction.is_open
        and can_manage(scope, addressee.instruction)
    )
