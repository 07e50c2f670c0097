"""Who may change what in the directory. Reading is decided by the scope alone."""

from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, Role
from resurs.kernel.accounts.scoping import Scope


def can_edit_directory(scope: Scope | None) -> bool:
    """ORG-1/ORG-2: the Department keeps the directory (and the administrator)."""
    return scope is not None and scope.role in DIRECTORY_EDITOR_ROLES


def can_change_territory(scope: Scope | None) -> bool:
    """ORG-1: an organisation's territory decides who sees its records (УСЗН of the
    territory), so only those who keep the directory move an organisation to another one."""
    return scope is not None and scope.role in DIRECTORY_EDITOR_ROLES


def can_manage_rc_status(scope: Scope | None) -> bool:
    """ORG-3: RC status is assigned by a Department order."""
    return scope is not None and scope.role in DIRECTORY_EDITOR_ROLES


def can_manage_own_records(scope: Scope | None, organisation) -> bool:
    """ORG-4/ORG-5: an organisation appoints its responsibles and keeps its local documents."""
    if scope is None:
        return False
    if scope.role in DIRECTORY_EDITOR_ROLES:
        return True
    return scope.organisation_id == organisation.pk and scope.role in {
        Role.RESOURCE_CENTRE,
        Role.USZN,
        Role.PROVIDER,
        Role.METHODICAL_CENTRE,
    }
