"""Writes of attachments. The record's own rule decides who may attach (see models)."""

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


@transaction.atomic
def attachment_add(*, by, parent, file, title: str = "") -> Attachment:
    """Attach a checked file (type, signature, size) to a record; audited under the record."""
    _check_editable(by, parent)
    attachment = Attachment(
        record=parent,
        file=file,
        title=title.strip(),
        original_name=Path(getattr(file, "name", "") or "файл").name[:255],
        size=getattr(file, "size", 0) or 0,
        uploaded_by=by.user if by else None,
    )
    attachment.full_clean(exclude=["content_type", "object_id"])
    attachment.save()
    audit(by, attachment, AuditAction.CREATE, parent=parent)
    return attachment


@transaction.atomic
def attachment_remove(*, by, attachment: Attachment) -> None:
    parent = attachment.record
    _check_editable(by, parent)
    audit(by, attachment, AuditAction.DELETE, before=snapshot(attachment), parent=parent)
    attachment.file.delete(save=False)
    attachment.delete()
