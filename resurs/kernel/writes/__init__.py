"""The one write path every domain's services share: who acts, the permission check, the row
lock, optimistic locking, the audit entry and the background task queued with the commit.
Not an app: no models, no views. The errors they raise live in ``writes.errors``.

A service reads like this::

    @transaction.atomic
    def thing_update(*, by, thing, expected_version, **fields):
        _user, scope, _role = acting(by)
        require(permissions.can_edit(scope, thing))
        before = snapshot(locked(thing))  # the stored state, locked until the commit
        assign(thing, fields, THING_FIELDS)
        thing.full_clean()
        save_with_version(thing, expected_version=expected_version, fields=[...], label="запись")
        audit(by, thing, AuditAction.UPDATE, before=before)
        enqueue_on_commit(tasks.tell_the_owner, thing.pk)

What the trail may keep is declared on the model: ``audit_redacted_fields`` (personal data:
the trail says only «указан» when such a field holds a value, never the value itself) and
``audit_omitted_fields`` (left out altogether, e.g. a hash). An import or a system job passes
``expected_version=None`` and must save the instance it read inside the same transaction:
if somebody saved the row since, the save is refused with ``StaleVersion``, never merged over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record, snapshot
from resurs.kernel.writes.errors import DomainError, StaleVersion

if TYPE_CHECKING:
    from django.tasks import Task

    from resurs.kernel.accounts.models import Membership, User
    from resurs.kernel.accounts.scoping import Scope
    from resurs.kernel.audit.models import AuditEntry

__all__ = [
    "DomainError",
    "StaleVersion",
    "acting",
    "assign",
    "audit",
    "enqueue_on_commit",
    "locked",
    "require",
    "save_with_version",
]

SYSTEM_ROLE = "система"
# The optimistic-locking counter every versioned model carries (a PositiveIntegerField).
VERSION_FIELD = "version"


def acting(by: Membership | None) -> tuple[User | None, Scope | None, str]:
    """(user, scope, role label) of whoever acts: a membership, or None for system jobs."""
    if by is None:
        return None, None, SYSTEM_ROLE
    return by.user, by.scope, by.get_role_display()


def require(allowed: bool, message: str = "Недостаточно прав для этого действия.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def assign(instance: models.Model, fields: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Set ``fields`` on the instance; a field outside ``allowed`` is refused (DomainError)."""
    permitted = set(allowed)
    for name, value in fields.items():
        if name not in permitted:
            raise DomainError(f"Поле «{name}» нельзя изменить.")
        setattr(instance, name, value)


def locked[M: models.Model](instance: M, *, in_place: bool = False) -> M:
    """The instance's row, locked until the transaction ends (``select_for_update``), as stored.

    A fresh object by default: the caller's instance may carry a bound form's unsaved
    changes, which the stored row must not be confused with. With ``in_place`` the caller's
    own instance is re-read and returned, so whoever passed it sees the state the write ends in.
    """
    rows = type(instance)._default_manager.select_for_update()
    if in_place:
        instance.refresh_from_db(from_queryset=rows)
        return instance
    return rows.get(pk=instance.pk)


def save_with_version(
    instance: models.Model, *, expected_version: int | None, fields: Iterable[str], label: str
) -> None:
    """Saves ``fields`` and bumps the version, only if nobody saved the row since it was read.

    The row is always locked and its stored version compared, so two writers never both
    win. ``expected_version`` is the version the editor's form was opened at; None means no
    editor opened it (an import, a system job), and then the version the instance carries
    is the one its writer read: a row saved by somebody else since is refused with
    ``StaleVersion`` (worded for a job, not an editor) rather than overwritten.
    """
    current = list(
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list(VERSION_FIELD, flat=True)
    )
    read = getattr(instance, VERSION_FIELD)
    expected = read if expected_version is None else expected_version
    if not current or current[0] != expected:
        raise StaleVersion(label, editor=expected_version is not None)
    setattr(instance, VERSION_FIELD, current[0] + 1)
    instance.save(update_fields=[*fields, VERSION_FIELD])


def audit(
    by: Membership | None,
    instance: models.Model,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    parent: models.Model | None = None,
    extra_m2m: Iterable[str] = (),
) -> AuditEntry | None:
    """X-3: the trail's entry of a write, attributed to whoever acts (or «система»).

    ``before`` is ``snapshot(instance)`` taken before the change; the state after it is
    taken here (none for a deletion) unless ``after`` gives the part that changed (a
    position moved). Fields a model names in ``audit_redacted_fields`` never reach the
    trail in clear (see ``resurs.kernel.audit.services.snapshot``).
    """
    user, _scope, role = acting(by)
    if after is None and action != AuditAction.DELETE:
        after = snapshot(instance, extra_m2m)
    return record(
        by=user,
        role=role,
        instance=instance,
        action=action,
        before=before,
        after=after,
        parent=parent,
    )


def enqueue_on_commit(task: Task[..., Any], *args: Any, **kwargs: Any) -> None:
    """Queue a background task once the current transaction commits (at once outside one).

    A worker then never sees a row that rolled back, nor misses one not yet committed, and a
    task whose write failed is never queued, whatever the tasks backend.
    """
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))
