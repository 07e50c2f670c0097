"""MAP-4: which records of the system may confirm a checkpoint, and how they are chosen.

Each kind names the model, the selector that gives the records a user sees, and the field of
its owner organisation. A link is accepted only to a record the marking user sees (through the
kind's selector); the choice offered on the page narrows it to the plan owner's own records.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class EvidenceKind:
    key: str
    label: str
    model_label: str
    owner_field: str
    selector_path: str

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_label)

    def visible(self, who):
        module_name, name = self.selector_path.rsplit(".", 1)
        from importlib import import_module

        return getattr(import_module(module_name), name)(who)


KINDS = (
    EvidenceKind("event", "Мероприятие", "events.Event", "organiser",
                 "resurs.coordination.events.selectors.events_visible_to"),
    EvidenceKind("publication", "Публикация", "events.Publication", "organisation",
                 "resurs.coordination.events.selectors.publications_visible_to"),
    EvidenceKind("consultation", "Консультация", "events.Consultation", "organisation",
                 "resurs.coordination.events.selectors.consultations_visible_to"),
    EvidenceKind("product", "Методический продукт", "methodology.Product", "organisation",
                 "resurs.coordination.methodology.selectors.products_visible_to"),
    EvidenceKind("legal_act", "Нормативный правовой акт (реестр)", "registries.LegalAct", "owner",
                 "resurs.coordination.registries.selectors.legal_acts_visible_to"),
    EvidenceKind("technology", "Технология (реестр)", "registries.Technology", "owner",
                 "resurs.coordination.registries.selectors.technologies_visible_to"),
    EvidenceKind("article", "Статья (реестр)", "registries.Article", "owner",
                 "resurs.coordination.registries.selectors.articles_visible_to"),
    EvidenceKind("practice", "Социальная практика (реестр)", "registries.SocialPractice", "owner",
                 "resurs.coordination.registries.selectors.practices_visible_to"),
    EvidenceKind("participant", "Участник (реестр)", "registries.Participant", "owner",
                 "resurs.coordination.registries.selectors.participants_visible_to"),
)  # fmt: skip
BY_KEY = {kind.key: kind for kind in KINDS}
CHOICES = [(kind.key, kind.label) for kind in KINDS]


@cache
def kind_of_content_type(content_type_id: int) -> EvidenceKind | None:
    for kind in KINDS:
        if ContentType.objects.get_for_model(kind.model).pk == content_type_id:
            return kind
    return None


def resolve(who, key: str, object_id: int):
    """The record a user links as evidence; a record they do not see is refused as if it
    did not exist (the same words for «hidden» and «absent»)."""
    kind = BY_KEY.get(key)
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
    kind = BY_KEY[key]
    queryset = kind.visible(who).filter(**{f"{kind.owner_field}_id": organisation_id})
    return [(record.pk, str(record)) for record in queryset.order_by("-pk")[:limit]]
