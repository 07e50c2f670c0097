"""Who may keep a public section and answer its visitors (EVT-5).

Reading public pages needs nothing; the staff side is decided here and checked in services.
"""

from resurs.coordination.public.models import REGION_KEEPER_ROLES
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope


def can_edit_page(scope: Scope | None, organisation) -> bool:
    """The RC keeps its own page; the Department (and the administrator) keeps every page."""
    if scope is None:
        return False
    if scope.role in REGION_KEEPER_ROLES:
        return True
    return scope.role == Role.RESOURCE_CENTRE and scope.organisation_id == organisation.pk


def can_answer_questions(scope: Scope | None, organisation) -> bool:
    """Questions to a centre are answered by the centre or by the Department."""
    return can_edit_page(scope, organisation)


def uses_public_section(scope: Scope | None) -> bool:
    """Roles that have the staff pages of the public section in their work at all."""
    return scope is not None and (
        scope.role in REGION_KEEPER_ROLES or scope.role == Role.RESOURCE_CENTRE
    )
