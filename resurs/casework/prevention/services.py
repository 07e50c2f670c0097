"""Writes of preventive events and open days (SOC-12; seed 002 §2.2.6, §3.7): the unit's
event with who took part — organisations of the directory, persons of the data bank the
user sees, and a count of the others. Views and the demo call these; each write is audited
(the participants by their number only)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.prevention import selectors
from resurs.casework.prevention.models import EventKind, PreventiveEvent
from resurs.casework.units.models import Unit
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import DomainError, acting, audit, locked, require, save_with_version

FIELDS = ("unit", "kind", "title", "held_on", "place", "audience", "other_participants", "notes")
NOT_YOURS = "Мероприятия вносят сотрудники отделения, которое их проводит."


def _check(by, event: PreventiveEvent, organisations, participants) -> None:
    if event.kind not in EventKind.values:
        raise DomainError("Выберите вид мероприятия.")
    if by is not None:
        require(selectors.unit_choices(by).filter(pk=event.unit_id).exists(), NOT_YOURS)
        if organisations:
            known = selectors.organisation_choices(by).filter(pk__in=[o.pk for o in organisations])
            if known.count() != len(organisations):
                raise DomainError(
                    "Среди организаций есть отсутствующая в доступном вам справочнике."
                )
        if participants:
            visible = selectors.persons_visible(by).filter(pk__in=[p.pk for p in participants])
            if visible.count() != len(participants):
                raise DomainError("Среди участников есть гражданин, который вам недоступен.")
    if event.held_on and event.held_on > timezone.localdate() + datetime.timedelta(days=366):
        raise DomainError("Дата мероприятия слишком далеко впереди: проверьте год.")


def _trail(event: PreventiveEvent) -> dict:
    """What the trail keeps: the organisations by name, the persons by number only."""
    data = snapshot(event, ("organisations",))
    data["participants"] = sorted(p.audit_label() for p in event.participants.all())
    return data


def _unique(records) -> list:
    return list({r.pk: r for r in records or ()}.values())


@transaction.atomic
def event_create(
    *,
    by,
    unit: Unit,
    kind: str,
    title: str,
    held_on: datetime.date,
    place: str = "",
    audience: str = "",
    other_participants: int = 0,
    notes: str = "",
    organisations=(),
    participants=(),
) -> PreventiveEvent:
    """SOC-12, 002 §2.2.6, §3.7: a preventive event or an open day of the unit."""
    user, _scope, _role = acting(by)
    organisations, participants = _unique(organisations), _unique(participants)
    event = PreventiveEvent(
        unit=unit,
        kind=kind,
        title=(title or "").strip(),
        held_on=held_on,
        place=(place or "").strip(),
        audience=(audience or "").strip(),
        other_participants=other_participants or 0,
        notes=(notes or "").strip(),
        created_by=user,
    )
    _check(by, event, organisations, participants)
    event.full_clean(exclude=["created_by"])  # set here: the system's events have no author
    event.save()
    event.organisations.set(organisations)
    event.participants.set(participants)
    audit(by, event, AuditAction.CREATE, after=_trail(event))
    return event


@transaction.atomic
def event_update(
    *, by, event: PreventiveEvent, expected_version: int | None, **fields
) -> PreventiveEvent:
    """SOC-12: the event changed. ``participants`` replaces the persons the editor sees;
    those of the data bank the editor does not see stay as they were."""
    stored = locked(event)
    before = _trail(stored)
    if by is not None:
        require(selectors.can_edit(by, stored), NOT_YOURS)
    organisations = (
        _unique(fields.pop("organisations", None)) if "organisations" in fields else None
    )
    participants = _unique(fields.pop("participants", None)) if "participants" in fields else None
    for name, value in fields.items():
        if name not in FIELDS:
            raise DomainError(f"Поле «{name}» нельзя изменить.")
        if isinstance(value, str):
            value = value.strip()
        setattr(stored, name, value)
    _check(by, stored, organisations, participants)
    stored.full_clean(exclude=["created_by"])
    stored.version = event.version  # without an editor's version, the one the caller read
    save_with_version(stored, expected_version=expected_version, fields=FIELDS, label="мероприятие")
    if organisations is not None:
        stored.organisations.set(organisations)
    if participants is not None:
        kept: list[Person] = []
        if by is not None:
            hidden_ids = stored.participants.exclude(
                pk__in=selectors.persons_visible(by).values("pk")
            ).values_list("pk", flat=True)
            kept = list(Person.all_records.filter(pk__in=list(hidden_ids)))
        stored.participants.set([*participants, *kept])
    audit(by, stored, AuditAction.UPDATE, before=before, after=_trail(stored))
    event.refresh_from_db()
    return event
