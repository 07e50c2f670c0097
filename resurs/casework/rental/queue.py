"""TSR-3: the waiting list of a kind (seed 002 app. 1 §2.2).

People with the right to be served out of turn — disabled people and participants of the
Great Patriotic War, its veterans — go first; then first come, first served (the time the
application was accepted). A position set by hand (``Application.manual_position``, with its
reason, audited by ``services.waiting_list_move``) overrides the computed order: the
application is put at that place and the others keep their order around it. Each entry says
why it stands where it does.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from resurs.casework.rental.models import Application, ApplicationState, ItemKind, Priority


@dataclass(frozen=True)
class Entry:
    application: Application
    position: int
    explanation: str


def _natural_key(application: Application) -> tuple:
    return (0 if application.priority else 1, application.applied_at, application.pk)


def _why(application: Application, position: int) -> str:
    applied = timezone.localtime(application.applied_at).date()
    if application.manual_position is not None:
        ground = f"место назначено вручную ({application.manual_reason})"
    elif application.priority:
        ground = f"внеочередное право ({Priority(application.priority).label})"
    else:
        ground = "в порядке очерёдности"
    return f"{position}-е место: {ground}, заявление от {applied:%d.%m.%Y}"


def order(applications: list[Application]) -> list[Entry]:
    """The waiting applications of one kind in their order, each with its explanation."""
    natural = sorted((a for a in applications if a.manual_position is None), key=_natural_key)
    placed = sorted(
        (a for a in applications if a.manual_position is not None),
        key=lambda a: (a.manual_position, _natural_key(a)),
    )
    ordered = list(natural)
    for application in placed:
        index = min(max(int(application.manual_position or 1) - 1, 0), len(ordered))
        ordered.insert(index, application)
    return [
        Entry(application, position, _why(application, position))
        for position, application in enumerate(ordered, start=1)
    ]


def waiting_list(kind: ItemKind, *, organisation_id: int) -> list[Entry]:
    """TSR-3: the institution's waiting list of ``kind``, ordered and explained. The
    services call it (the offer of a returned item); pages read it through the selector."""
    waiting = Application.all_records.filter(
        requested_kind=kind, state=ApplicationState.WAITING, organisation_id=organisation_id
    ).select_related("person")
    return order(list(waiting))
