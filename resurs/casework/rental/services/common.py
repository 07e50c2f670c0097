"""What the rental point's writes share: who may act, the messages, an item's state and
the offer of a free item to the first in line."""

from __future__ import annotations

import datetime

from resurs.casework.citizens.permissions import can_work_in
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Item,
    ItemState,
)
from resurs.casework.rental.queue import waiting_list
from resurs.casework.units.models import Unit
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, audit, locked, require

NOT_YOURS = "Пунктом проката ведают сотрудники отделения, при котором он организован."
ITEM_TAKEN = (
    "Предмет «{item}» уже выдан по другому договору или недоступен ({state}). "
    "Обновите страницу и выберите другой свободный предмет."
)
OLD_AGE = 70


def _require_staff(by, unit: Unit) -> None:
    _user, scope, _role = acting(by)
    if by is not None:
        require(can_work_in(scope, unit), NOT_YOURS)


def _d(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


# --- inventory (TSR-1) ---------------------------------------------------------------------


def _set_state(by, item: Item, state: str) -> None:
    before = snapshot(item)
    item.state = state
    item.version += 1
    item.save(update_fields=["state", "version"])
    audit(by, item, AuditAction.UPDATE, before=before)


def _offer(by, item: Item) -> Application | None:
    """A free item is offered to the first in its kind's list (§2.2), if anyone waits."""
    if item.state != ItemState.FREE or _offered_to(item) is not None:
        return None
    entries = waiting_list(item.kind, organisation_id=item.organisation_id)
    if not entries:
        return None
    first = locked(entries[0].application)
    before = snapshot(first)
    first.state = ApplicationState.OFFERED
    first.offered_item = item
    first.version += 1
    first.save(update_fields=["state", "offered_item", "version"])
    audit(by, first, AuditAction.UPDATE, before=before)
    return first


def _offered_to(item: Item) -> Application | None:
    return Application.all_records.filter(state=ApplicationState.OFFERED, offered_item=item).first()


def _withdraw_offer(by, item: Item) -> None:
    """An offered item that went to repair or was written off: the applicant waits again."""
    application = _offered_to(item)
    if application is None:
        return
    before = snapshot(application)
    application.state = ApplicationState.WAITING
    application.offered_item = None
    application.version += 1
    application.save(update_fields=["state", "offered_item", "version"])
    audit(by, application, AuditAction.UPDATE, before=before)


# --- the contract (TSR-4) --------------------------------------------------------------------
