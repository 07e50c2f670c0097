"""Who keeps an institution's ЕГИССО exports (issue 14 item 6): its provider role and its
heads create them, mark them sent and record ЕГИССО's answer; nobody else sees them."""

from __future__ import annotations

from resurs.casework.egisso.models import EXPORT_ROLES
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

__all__ = ["EXPORT_ROLES", "can_export", "can_set_up"]


def can_export(scope: Scope | None, organisation_id: int | None = None) -> bool:
    if scope is None or scope.role not in EXPORT_ROLES:
        return False
    return organisation_id is None or organisation_id == scope.organisation_id


def can_set_up(scope: Scope | None) -> bool:
    """The institution's requisites in ЕГИССО are set by its provider role."""
    return scope is not None and scope.role == Role.PROVIDER
