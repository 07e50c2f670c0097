"""Writes of the inventory (TSR-1): items, their maintenance and write-off."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from resurs.casework.rental import money
from resurs.casework.rental.models import (
    Item,
    ItemKind,
    ItemSource,
    ItemState,
    Maintenance,
    RentalPoint,
    Tariff,
    TimeUnit,
    WriteOff,
)
from resurs.casework.rental.services.common import (
    _offer,
    _require_staff,
    _set_state,
    _withdraw_offer,
)
from resurs.casework.units.models import Unit
from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import DomainError, acting, audit, locked, require


@transaction.atomic
def item_create(
    *,
    by,
    unit: Unit,
    mark: str,
    kind: ItemKind,
    book_value: Decimal,
    market_value: Decimal,
    source: str,
    in_service_on: datetime.date,
    characteristics: str = "",
    condition: str = "исправно",
    location: str = "",
    transfer_note_number: str = "",
    transfer_note_date: datetime.date | None = None,
) -> Item:
    """TSR-1: an item enters the rental fund with its mark; a waiting applicant is offered it."""
    _require_staff(by, unit)
    if source not in ItemSource.values:
        raise DomainError("Выберите источник поступления.")
    mark = (mark or "").strip()
    if Item.objects.filter(organisation_id=unit.organisation_id, mark=mark).exists():
        raise DomainError(f"Клеймо «{mark}» уже присвоено другому предмету учреждения (п. 5.2).")
    item = Item(
        organisation_id=unit.organisation_id,
        unit=unit,
        mark=mark,
        kind=kind,
        book_value=book_value,
        market_value=market_value,
        source=source,
        in_service_on=in_service_on,
        characteristics=characteristics,
        condition=condition,
        location=location,
        transfer_note_number=transfer_note_number,
        transfer_note_date=transfer_note_date,
    )
    item.full_clean()
    item.save()
    audit(by, item, AuditAction.CREATE)
    _offer(by, item)
    return item


@transaction.atomic
def maintenance_start(*, by, item: Item, started_on: datetime.date, what: str) -> Maintenance:
    """TSR-1: maintenance or repair (§3.11); the item is not issued until it is finished."""
    _require_staff(by, item.unit)
    stored = locked(item)
    if stored.state not in {ItemState.FREE, ItemState.MAINTENANCE}:
        raise DomainError(
            f"Предмет «{stored}» сейчас {stored.get_state_display()}: "
            "на обслуживание передаётся свободный или возвращённый предмет."
        )
    if stored.maintenances.filter(finished_on__isnull=True).exists():
        raise DomainError(f"Предмет «{stored}» уже на обслуживании.")
    maintenance = Maintenance(item=stored, started_on=started_on, what=(what or "").strip())
    maintenance.full_clean()
    maintenance.save()
    audit(by, maintenance, AuditAction.CREATE, parent=stored)
    if stored.state != ItemState.MAINTENANCE:
        _set_state(by, stored, ItemState.MAINTENANCE)
    _withdraw_offer(by, stored)
    return maintenance


@transaction.atomic
def maintenance_finish(
    *, by, maintenance: Maintenance, finished_on: datetime.date, cost: Decimal = Decimal("0")
) -> Maintenance:
    """TSR-1: the item is back in order, free, and offered to the first in line."""
    item = locked(maintenance.item)
    _require_staff(by, item.unit)
    stored = locked(maintenance)
    if stored.finished_on is not None:
        raise DomainError("Обслуживание уже завершено.")
    if finished_on < stored.started_on:
        raise DomainError("Дата завершения раньше даты начала обслуживания.")
    before = snapshot(stored)
    stored.finished_on = finished_on
    stored.cost = money.money(cost)
    stored.save(update_fields=["finished_on", "cost"])
    audit(by, stored, AuditAction.UPDATE, before=before, parent=item)
    _set_state(by, item, ItemState.FREE)
    _offer(by, item)
    return stored


@transaction.atomic
def write_off(*, by, item: Item, act_number: str, act_date: datetime.date, reason: str) -> WriteOff:
    """TSR-1: the item leaves the fund by its act (§5.5)."""
    stored = locked(item)
    _require_staff(by, stored.unit)
    if stored.state == ItemState.ON_LOAN:
        raise DomainError(f"Предмет «{stored}» выдан: списать его можно после возврата.")
    if stored.state == ItemState.WRITTEN_OFF:
        raise DomainError(f"Предмет «{stored}» уже списан.")
    record = WriteOff(item=stored, act_number=act_number, act_date=act_date, reason=reason)
    record.full_clean()
    record.save()
    audit(by, record, AuditAction.CREATE, parent=stored)
    Maintenance.objects.filter(item=stored, finished_on__isnull=True).update(finished_on=act_date)
    _withdraw_offer(by, stored)
    _set_state(by, stored, ItemState.WRITTEN_OFF)
    return record


# --- applications and the waiting list (TSR-3) ---------------------------------------------


@transaction.atomic
def point_save(
    *,
    by,
    unit: Unit,
    address: str,
    hours: str,
    responsible=None,
    responsible_order: str = "",
    expected_version: int | None = None,
) -> RentalPoint:
    """The rental point at ``unit`` (§1.2, §1.7, §3.1, §3.12): created, or its details
    changed. The responsible employee works in the institution."""
    _require_staff(by, unit)
    if responsible is not None and responsible.organisation_id != unit.organisation_id:
        raise DomainError("Ответственное лицо — сотрудник другого учреждения.")
    point = RentalPoint.objects.select_for_update().filter(unit=unit).first()
    before = snapshot(point) if point is not None else None
    if point is not None and expected_version is not None and point.version != expected_version:
        raise DomainError(
            "Сведения о пункте проката уже изменил другой сотрудник. Обновите страницу: "
            "ваши изменения не сохранены, чтобы не затереть чужие."
        )
    if point is None:
        point = RentalPoint(organisation_id=unit.organisation_id, unit=unit)
    else:
        point.version += 1
    point.address = (address or "").strip()
    point.hours = (hours or "").strip()
    point.responsible = responsible
    point.responsible_order = (responsible_order or "").strip()
    point.full_clean()
    point.save()
    audit(by, point, AuditAction.CREATE if before is None else AuditAction.UPDATE, before=before)
    return point


TARIFF_KEEPERS = DIRECTORY_EDITOR_ROLES


def can_set_tariffs(scope) -> bool:
    """TSR-2: the kinds and their tariffs are the region's list (app. 3), kept — like the
    catalogue of services — by the roles that keep the region's directories."""
    return scope is not None and scope.role in TARIFF_KEEPERS


@transaction.atomic
def tariff_set(
    *, by, kind: ItemKind, valid_from: datetime.date, price: Decimal, order_ref: str
) -> Tariff:
    """TSR-2: a new price of ``kind`` from ``valid_from`` by the order named (§4.4); the
    tariffs before it stay, so a contract concluded earlier keeps its own price."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            can_set_tariffs(scope),
            "Тарифы проката утверждаются в перечне ТСР региона: их вносят Департамент "
            "и администратор.",
        )
    order_ref = (order_ref or "").strip()
    if not order_ref:
        raise DomainError("Укажите приказ, которым утверждён тариф (п. 4.4 положения).")
    if Tariff.objects.filter(kind=kind, valid_from=valid_from).exists():
        raise DomainError(
            f"Тариф «{kind}» с {valid_from:%d.%m.%Y} уже утверждён: новый тариф — с другой даты."
        )
    tariff = Tariff(
        kind=kind,
        valid_from=valid_from,
        price=money.money(price),
        time_unit=TimeUnit.DAY,
        order_ref=order_ref,
    )
    tariff.full_clean()
    tariff.save()
    audit(by, tariff, AuditAction.CREATE)
    return tariff
