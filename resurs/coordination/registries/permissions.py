"""Who may change the registries (SPEC §2, 000:3.1.10–3.1.11). Reading is the scope's business.

A resource centre keeps its registries (the owner organisation's RC role, within the RC's
direction); the Department and the administrator may correct any of them. Everybody else
reads what their scope shows.
"""

from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, Role
from resurs.kernel.accounts.scoping import Scope


def can_keep_registries(scope: Scope | None) -> bool:
    """May add records to some registry (shows the «Добавить» and import buttons)."""
    return scope is not None and (
        scope.role in DIRECTORY_EDITOR_ROLES or scope.role == Role.RESOURCE_CENTRE
    )


def can_choose_owner(scope: Scope | None) -> bool:
    """The Department keeps records for any organisation; an RC only for itself."""
    return scope is not None and scope.role in DIRECTORY_EDITOR_ROLES


def can_write_for(scope: Scope | None, *, owner_id: int | None, direction_id: int | None) -> bool:
    """May create or keep a record owned by ``owner_id`` within ``direction_id``.

    An RC writes in its own organisation's registries and only in its direction; a record
    without a direction (an act for all directions) is its own organisation's.
    """
    if scope is None:
        return False
    if scope.role in DIRECTORY_EDITOR_ROLES:
        return True
    if scope.role != Role.RESOURCE_CENTRE or owner_id != scope.organisation_id:
        return False
    return direction_id is None or direction_id == scope.direction_id


def can_edit_record(scope: Scope | None, record) -> bool:
    return can_write_for(scope, owner_id=record.owner_id, direction_id=record.direction_id)


def can_edit_cell(scope: Scope | None, practice) -> bool:
    """REG-6: a matrix cell is edited by whoever keeps the practice."""
    return can_edit_record(scope, practice)
