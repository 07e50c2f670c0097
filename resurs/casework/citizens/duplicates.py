"""The duplicates queue of the head (SOC-4; seed 002 §5.1.9): pairs of cards of the unit with
the same folded full name and birth date that nobody has decided on yet. Two cards are
*linked*, never merged or destroyed — both histories stay, and the link can be undone — or
marked as two different people.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from resurs.casework.citizens import permissions
from resurs.casework.citizens.models import DuplicateDecision, DuplicateLink, Person
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import DomainError, acting, audit, locked, require


@dataclass(frozen=True)
class Candidate:
    first: Person
    second: Person


def _decided_pairs(by) -> set[tuple[int, int]]:
    return set(
        DuplicateLink.objects.visible_to(by)
        .filter(undone_at__isnull=True)
        .values_list("first_id", "second_id")
    )


def queue(by, limit: int = 200) -> list[Candidate]:
    """Undecided pairs among the cards the user sees (a head: the unit's)."""
    persons = Person.objects.visible_to(by)
    keys = list(
        persons.values("name_key", "birth_date")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("name_key", "birth_date")[:limit]
    )
    if not keys:
        return []
    same = Q(pk__in=[])
    for key in keys:
        same |= Q(name_key=key["name_key"], birth_date=key["birth_date"])
    groups: dict[tuple, list[Person]] = {}
    for person in persons.filter(same).select_related("district").order_by("pk"):
        groups.setdefault((person.name_key, person.birth_date), []).append(person)
    decided = _decided_pairs(by)
    pairs = [
        Candidate(a, b)
        for group in groups.values()
        for a, b in combinations(group, 2)
        if (a.pk, b.pk) not in decided
    ]
    return pairs[:limit]


def links_of(by, person: Person):
    """Active decisions that name ``person`` (the card shows its linked cards)."""
    return (
        DuplicateLink.objects.visible_to(by)
        .filter(Q(first=person) | Q(second=person), undone_at__isnull=True)
        .select_related("first", "second")
    )


def _pair(by, first: Person, second: Person) -> tuple[Person, Person]:
    _user, scope, _role = acting(by)
    require(
        permissions.can_decide_duplicates(scope),
        "Решение о дубликатах принимает заведующий отделением.",
    )
    if first.pk == second.pk:
        raise DomainError("Выберите две разные карточки.")
    visible = Person.objects.visible_to(by).filter(pk__in=[first.pk, second.pk]).count()
    if visible != 2:
        raise Person.DoesNotExist
    return (first, second) if first.pk < second.pk else (second, first)


@transaction.atomic
def decide(*, by, first: Person, second: Person, decision: str) -> DuplicateLink:
    """The head links two cards as one person or marks them as different people."""
    user, _scope, _role = acting(by)
    first, second = _pair(by, first, second)
    if decision not in DuplicateDecision.values:
        raise DomainError("Выберите решение: одно лицо или разные лица.")
    if DuplicateLink.all_records.filter(
        first=first, second=second, undone_at__isnull=True
    ).exists():
        raise DomainError("По этой паре карточек решение уже принято.")
    link = DuplicateLink(first=first, second=second, decision=decision, decided_by=user)
    link.full_clean()
    link.save()
    audit(by, link, AuditAction.CREATE, parent=first)
    return link


@transaction.atomic
def undo(*, by, link: DuplicateLink) -> DuplicateLink:
    """The decision undone: the pair returns to the queue; both cards were never changed."""
    user, _scope, _role = acting(by)
    _pair(by, link.first, link.second)
    before = snapshot(locked(link))
    if link.undone_at is not None:
        raise DomainError("Решение уже отменено.")
    link.undone_at = timezone.now()
    link.undone_by = user
    link.save(update_fields=["undone_at", "undone_by"])
    audit(by, link, AuditAction.UPDATE, before=before, parent=link.first)
    return link
