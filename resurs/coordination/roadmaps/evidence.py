"""MAP-4: which records of the system may confirm a checkpoint, and how they are chosen.

Each kind names the model, the selector that gives the records a user sees, and the field of
its owner organisation. A link is accepted only to a record the marking user sees (through the
kind's selector); the choice offered on the page narrows it to the plan owner's own records.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from resurs.kernel.contributions import extension


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: str
    model: type
    owner_field: str
    # (who) -> the records of this kind the user sees
    visible: Callable


@cache
def kinds() -> tuple[EvidenceKind, ...]:
    """The kinds the apps offer at the ``roadmap_evidence`` extension point: each entry is a
    mapping with key, label, model, owner_field (the owner organisation's field) and visible
    (the app's selector of the records a user sees)."""
    return tuple(EvidenceKind(**entry) for entry in extension("roadmap_evidence"))


def kind_by_key(key: str) -> EvidenceKind | None:
    return next((kind for kind in kinds() if kind.key == key), None)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in kinds()]


@cache
def kind_of_content_type(content_type_id: int) -> EvidenceKind | None:
    for kind in kinds():
        if ContentType.objects.get_for_model(kind.model).pk == content_type_id:
            return kind
    return None


def resolve(who, key: str, object_id: int):
    """The record a user links as evidence; a record they do not see is refused as if it
    did not exist (the same words for «hidden» and «absent»)."""
    kind = kind_by_key(key)
    if kind is None:
        raise ValidationError({"evidence": f"Неизвестный вид подтверждения: «{key}»."})
    record = kind.visible(who).filter(pk=object_id).first()
    if record is None:
        raise ValidationError(
            {"evidence": f"{kind.label} № {object_id} не найдено среди доступных вам записей."}
        )
    return kind, record


def choices_for(who, organisation_id: int, key: str, limit: int = 200):
    """The owner's own records of one kind the user sees, newest first, for the mark form."""
    kind = kind_by_key(key)
    queryset = kind.visible(who).filter(**{f"{kind.owner_field}_id": organisation_id})
    return [(record.pk, str(record)) for record in queryset.order_by("-pk")[:limit]]
