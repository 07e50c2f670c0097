"""Writes of the applications and their waiting list (TSR-3; seed 002 app. 1 §2.2, §3.3)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Category,
    DisabilityGroup,
    ItemKind,
    Priority,
    RefusalGround,
)
from resurs.casework.rental.services.common import _offer, _require_staff
from resurs.casework.units.models import Unit
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import DomainError, acting, audit, locked


@transaction.atomic
def application_create(
    *,
    by,
    person: Person,
    unit: Unit,
    category: str,
    requested_kind: ItemKind,
    applied_at: datetime.datetime | None = None,
    ipra_kinds: Iterable[ItemKind] = (),
    priority: str = Priority.NONE,
    documents: Iterable[str] = (),
    disability_group: str = DisabilityGroup.NONE,
    cannot_self_care: bool = False,
    no_able_relatives: bool = False,
    needed_until: datetime.date | None = None,
) -> Application:
    """TSR-3: an application (§3.3) with the category of §2.1, the kinds of the ИПР/ИПРА,
    the documents presented and the right of §2.2; it waits in its kind's list."""
    user, _scope, _role = acting(by)
    _require_staff(by, unit)
    if person.organisation_id != unit.organisation_id:
        raise DomainError("Заявитель не состоит на учёте в вашем учреждении.")
    if by is not None and not Person.objects.visible_to(by).filter(pk=person.pk).exists():
        raise DomainError("Заявитель вне вашей зоны доступа.")
    if category not in Category.values:
        raise DomainError("Выберите категорию заявителя (п. 2.1 положения).")
    kinds = list(ipra_kinds)
    if kinds and category not in {Category.QUEUED_IPRA, Category.OWN_IN_REPAIR}:
        raise DomainError(
            "ТСР по ИПР/ИПРА указываются для категорий п. 2.1.1 и 2.1.2: "
            "у категорий п. 2.1.3 и 2.1.4 ИПР/ИПРА нет."
        )
    application = Application(
        organisation_id=unit.organisation_id,
        unit=unit,
        district_id=person.district_id,
        specialist=user,
        person=person,
        applied_at=applied_at or timezone.now(),
        category=category,
        requested_kind=requested_kind,
        priority=priority,
        disability_group=disability_group,
        cannot_self_care=cannot_self_care,
        no_able_relatives=no_able_relatives,
        needed_until=needed_until,
        **{name: True for name in documents},
    )
    application.full_clean()
    application.save()
    application.ipra_kinds.set(kinds)
    audit(by, application, AuditAction.CREATE, extra_m2m=("ipra_kinds",))
    return application


@transaction.atomic
def application_refuse(*, by, application: Application, ground: str, note: str = "") -> Application:
    """TSR-4: a refusal on a ground of contract §2.2.3, recorded with the decision."""
    stored = locked(application)
    _require_staff(by, stored.unit)
    if ground not in RefusalGround.values:
        raise DomainError(
            "Отказать можно по основаниям договора (п. 2.2.3): неполные или недостоверные "
            "данные; состояние опьянения."
        )
    if stored.state not in {ApplicationState.WAITING, ApplicationState.OFFERED}:
        raise DomainError(f"Заявление уже {stored.get_state_display()}.")
    before = snapshot(stored)
    offered = stored.offered_item
    stored.state = ApplicationState.REFUSED
    stored.refusal_ground = ground
    stored.refusal_note = (note or "").strip()
    stored.offered_item = None
    stored.version += 1
    stored.save(
        update_fields=["state", "refusal_ground", "refusal_note", "offered_item", "version"]
    )
    audit(by, stored, AuditAction.UPDATE, before=before)
    if offered is not None:
        _offer(by, offered)
    return stored


@transaction.atomic
def waiting_list_move(*, by, application: Application, position: int, reason: str) -> Application:
    """TSR-3: the order changed by hand — only with a reason, and audited."""
    stored = locked(application)
    _require_staff(by, stored.unit)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Изменение очерёдности вручную требует указать причину.")
    if stored.state != ApplicationState.WAITING:
        raise DomainError("Место в очереди меняется только у заявления, ожидающего ТСР.")
    if position < 1:
        raise DomainError("Место в очереди — с 1.")
    before = snapshot(stored)
    stored.manual_position = position
    stored.manual_reason = reason
    stored.version += 1
    stored.save(update_fields=["manual_position", "manual_reason", "version"])
    audit(by, stored, AuditAction.UPDATE, before=before)
    return stored


@transaction.atomic
def application_withdraw(*, by, application: Application, note: str = "") -> Application:
    """The applicant no longer waits (got the item elsewhere, stopped needing it):
    the application leaves the list, and an item offered to it goes to the next in line.
    One withdrawn while no item was free counts as a refusal for lack of stock in the
    annual demand (demand.py)."""
    stored = locked(application)
    _require_staff(by, stored.unit)
    if stored.state not in {ApplicationState.WAITING, ApplicationState.OFFERED}:
        raise DomainError(f"Заявление уже {stored.get_state_display()}.")
    before = snapshot(stored)
    offered = stored.offered_item
    # The offered item stays named: it says the applicant was offered one (demand.py counts
    # only those who left without an offer); its offer ends with the state.
    stored.state = ApplicationState.WITHDRAWN
    stored.refusal_note = (note or "").strip()
    stored.version += 1
    stored.save(update_fields=["state", "refusal_note", "version"])
    audit(by, stored, AuditAction.UPDATE, before=before)
    if offered is not None:
        _offer(by, offered)
    return stored
