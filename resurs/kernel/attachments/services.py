"""Writes of attachments. The record's own rule decides who may attach (see models)."""

import uuid
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction

from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import audit


def _check_editable(by, parent) -> None:
    if by is None:
        return
    if not parent.attachments_editable_by(Scope.of(by)):
        raise PermissionDenied("Прикреплять файлы к этой записи вам не разрешено.")


def _personal(attachment: Attachment, parent) -> Attachment:
    """The file of a record with personal data: the trail says only that its description
    and file name are filled (`audit.services.redacted_fields` reads the instance)."""
    if getattr(parent, "attachments_personal", False):
        attachment.audit_redacted_fields = Attachment.PERSONAL_FIELDS  # type: ignore[attr-defined]
    return attachment


@transaction.atomic
def attachment_add(*, by, parent, file, title: str = "") -> Attachment:
    """Attach a checked file (type, signature, size) to a record; audited under the record."""
    _check_editable(by, parent)
    original_name = Path(getattr(file, "name", "") or "файл").name[:255]
    attachment = Attachment(
        record=parent,
        file=file,
        title=title.strip(),
        original_name=original_name,
        size=getattr(file, "size", 0) or 0,
        uploaded_by=by.user if by else None,
    )
    attachment.full_clean(exclude=["content_type", "object_id"])
    _personal(attachment, parent)
    if getattr(parent, "attachments_personal", False):
        # A scan named after the citizen stays findable by its name only on the card.
        attachment.file.name = uuid.uuid4().hex + Path(original_name).suffix.lower()
    attachment.save()
    audit(by, attachment, AuditAction.CREATE, parent=parent)
    return attachment


@transaction.atomic
def attachment_remove(*, by, attachment: Attachment) -> None:
    parent = attachment.record
    _check_editable(by, parent)
    _personal(attachment, parent)
    audit(by, attachment, AuditAction.DELETE, before=snapshot(attachment), parent=parent)
    attachment.file.delete(save=False)
    attachment.delete()
