"""A state change of a product or a practice, shared by the modules of this package."""

from django.db import models

from resurs.kernel.audit.models import AuditAction
from resurs.kernel.writes import audit


def save_transition[M: models.Model](by, instance: M, before: dict, fields: list[str]) -> M:
    """Save the changed ``fields`` of a locked row (with ``updated_at``) and audit the change."""
    instance.save(update_fields=[*fields, "updated_at"])
    audit(by, instance, AuditAction.UPDATE, before=before)
    return instance
