"""What every domain's services share: the errors they raise and how a write is made
(who acts, the permission check, optimistic locking). Not an app: no models, no views."""

from django.core.exceptions import PermissionDenied

from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.writes.errors import StaleVersion


def acting(by):
    """(user, scope, role label) of whoever acts: a membership, or None for system jobs."""
    if by is None:
        return None, None, "система"
    return by.user, Scope.of(by), by.get_role_display()


def require(allowed: bool, message: str = "Недостаточно прав для этого действия.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def save_with_version(instance, *, expected_version: int | None, fields: list[str], label: str):
    """Saves ``fields`` only if nobody bumped the version since the editor loaded it.

    ``expected_version`` None means "no editor opened it" (an import, a system job): the
    save goes ahead and still bumps the version, so an editor who did open it is told.
    """
    model = type(instance)
    if expected_version is not None:
        current = list(
            model.objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
        )
        if not current or current[0] != expected_version:
            raise StaleVersion(label)
    instance.version = (expected_version or instance.version) + 1
    instance.save(update_fields=[*fields, "version"])
