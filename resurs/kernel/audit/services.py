"""X-3: the audit trail, the store of the write path: services audit their writes through
``resurs.kernel.writes.audit``, which takes the snapshots and calls ``record()`` here."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from resurs.kernel.audit.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from resurs.kernel.accounts.models import User

# Fields whose values are never copied into the trail.
SECRET_FIELDS = frozenset({"password", "key_hash", "search_text"})
# What the trail keeps of a redacted field that holds a value (an empty one stays empty).
REDACTED = "указан"


def redacted_fields(model: type[models.Model] | models.Model) -> frozenset[str]:
    """The personal fields a model declares in ``audit_redacted_fields``: the trail says only
    whether such a field is filled («указан») — never its value, not even hashed (a phone
    number's hash is found by trying every number), so a change between two values of it
    leaves no entry of its own."""
    return frozenset(getattr(model, "audit_redacted_fields", ()))


def omitted_fields(model: type[models.Model] | models.Model) -> frozenset[str]:
    """Fields the trail leaves out altogether: the secrets of every model and those a model
    declares in ``audit_omitted_fields`` (a technical value such as an address's hash)."""
    return SECRET_FIELDS | frozenset(getattr(model, "audit_omitted_fields", ()))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def snapshot(instance: models.Model, extra_m2m: Iterable[str] = ()) -> dict:
    """The instance's field values as plain data, with labels resolved for choices and FKs;
    the model's redacted fields as «указан», its omitted ones left out (see
    ``redacted_fields`` and ``omitted_fields``)."""
    data = {}
    redacted, omitted = redacted_fields(instance), omitted_fields(instance)
    for field in instance._meta.concrete_fields:
        if field.name in omitted or field.name in {"version", "created_at", "updated_at"}:
            continue
        if field.name in redacted:
            value = getattr(instance, field.attname)
            data[field.name] = REDACTED if value not in (None, "") else value
        elif field.is_relation:
            related_id = getattr(instance, field.attname)
            data[field.name] = str(getattr(instance, field.name)) if related_id else None
        elif field.choices:
            value = getattr(instance, field.attname)
            data[field.name] = dict(field.flatchoices).get(value, value) if value != "" else ""
        else:
            data[field.name] = _plain(getattr(instance, field.attname))
    for name in extra_m2m:
        if instance.pk:
            data[name] = sorted(str(o) for o in getattr(instance, name).all())
    return data


def diff(before: dict | None, after: dict | None) -> dict:
    before, after = before or {}, after or {}
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    *,
    by: User | None,
    instance: models.Model,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    parent: models.Model | None = None,
    role: str = "",
) -> AuditEntry | None:
    """Add one entry to the trail. An update that changed nothing adds nothing."""
    changes = diff(before, after)
    if action == AuditAction.UPDATE and not changes:
        return None
    return AuditEntry.objects.create(
        actor=by if getattr(by, "pk", None) else None,
        actor_role=role,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=str(instance.pk),
        object_repr=repr_for_trail(instance),
        changes=changes,
        parent_type=ContentType.objects.get_for_model(parent) if parent is not None else None,
        parent_id=str(parent.pk) if parent is not None else "",
    )


def repr_for_trail(instance: models.Model) -> str:
    """How the trail names a record: ``audit_label()`` where the model defines one (a record
    about a citizen is named by its kind and number, never by the person's name), else str()."""
    label = getattr(instance, "audit_label", None)
    return (label() if callable(label) else str(instance))[:500]


def history_of(instance: models.Model) -> models.QuerySet[AuditEntry]:
    """A card's history: its own entries and those of the records filed under it."""
    content_type = ContentType.objects.get_for_model(instance)
    return (
        AuditEntry.objects.filter(
            models.Q(content_type=content_type, object_id=str(instance.pk))
            | models.Q(parent_type=content_type, parent_id=str(instance.pk))
        )
        .select_related("actor", "content_type")
        .order_by("-at", "-id")
    )
