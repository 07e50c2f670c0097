"""Writes of service facts and of the catalogue (SOC-10, SOC-11). The pages, the API, the
journals of the later issues and the demo call these; each write is audited.

A fact is recorded once. While its accounting month is open it may be corrected or removed
by the staff who may record it; after the head closed the month it is corrected only by a
reversal («сторно», a fact with the opposite quantity linked to the one it cancels) and a new
fact, both counted in the open month they are entered in.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import FamilyMember, Person
from resurs.casework.socialservices import permissions, tallies
from resurs.casework.socialservices.models import (
    Basis,
    MonthClosure,
    Payment,
    Service,
    ServiceFact,
    month_start,
)
from resurs.casework.socialservices.services_catalogue import (
    service_create as service_create,
)
from resurs.casework.socialservices.services_catalogue import (
    service_update as service_update,
)
from resurs.casework.socialservices.services_catalogue import tariff_set as tariff_set
from resurs.casework.units.models import Unit
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

NOT_YOURS = "Услуги вносят сотрудники отделения, которое их оказало."
# How far back a service may be dated: the statistics of the years before are submitted.
OLDEST_YEARS = 3
MAX_QUANTITY = 1000
FACT_FIELDS = (
    "service",
    "service_code",
    "service_kind",
    "service_form",
    "price",
    "provided_on",
    "period",
    "quantity",
    "payment",
    "amount",
    "note",
)


def is_closed(unit_id: int, month: datetime.date) -> bool:
    return MonthClosure.objects.filter(unit_id=unit_id, month=month_start(month)).exists()


def accounting_month(unit_id: int, provided_on: datetime.date) -> datetime.date:
    """The month a fact counts in: its own, or the current one if its own is closed."""
    own = month_start(provided_on)
    if not is_closed(unit_id, own):
        return own
    current = month_start(timezone.localdate())
    if is_closed(unit_id, current):
        raise DomainError(
            "Текущий месяц отделения закрыт: исправления вносятся после его открытия."
        )
    return current


def _check_date(day: datetime.date) -> None:
    today = timezone.localdate()
    if day > today:
        raise DomainError("Дата оказания услуги не может быть позже сегодняшнего дня.")
    if day.year < today.year - OLDEST_YEARS:
        raise DomainError("Дата оказания услуги слишком давняя: проверьте год.")


def _price(service: Service, day: datetime.date) -> Decimal:
    tariff = service.tariff_on(day)
    if tariff is None:
        if service.is_paid:
            raise DomainError(
                f"Для платной услуги «{service.code}» на {day:%d.%m.%Y} не установлен тариф."
            )
        return Decimal("0")
    return tariff.price


def _payment(
    service: Service, price: Decimal, quantity: int, payment: str | None, amount
) -> tuple[str, Decimal]:
    """The payment of a fact, checked: the part paid is never more than the cost."""
    cost = price * quantity
    if payment is None:
        payment = Payment.PAID if service.is_paid else Payment.FREE
    if payment not in Payment.values:
        raise DomainError("Выберите порядок оплаты.")
    amount = Decimal(amount or 0)
    if payment == Payment.FREE:
        if amount:
            raise DomainError("Услуга бесплатна: сумма оплаты должна быть 0.")
        return payment, Decimal("0")
    if not service.is_paid and price == 0:
        raise DomainError(f"Услуга «{service.code}» бесплатна: за неё не берут плату.")
    if payment == Payment.PAID:
        if amount and amount != cost:
            raise DomainError(
                f"Услуга оплачена полностью: сумма должна быть равна стоимости ({cost} руб.)."
            )
        return payment, cost
    if amount <= 0:
        raise DomainError("Укажите сумму частичной оплаты.")
    if amount >= cost:
        raise DomainError(
            f"Частичная оплата ({amount} руб.) должна быть меньше стоимости ({cost} руб.)."
        )
    return payment, amount


def _check_subject(by, unit: Unit, person: Person | None, service: Service) -> None:
    if person is None:
        if not service.allows_anonymous:
            raise DomainError(f"Услуга «{service.code}» оказывается только известному получателю.")
        return
    if person.organisation_id != unit.organisation_id:
        raise DomainError("Получатель не состоит на учёте в вашем учреждении.")
    if by is not None and not Person.objects.visible_to(by).filter(pk=person.pk).exists():
        raise DomainError("Получатель вне вашей зоны доступа.")


def _check_basis(by, basis: str, person: Person | None, plan_line, case) -> None:
    if basis not in Basis.values:
        raise DomainError("Выберите основание оказания услуги.")
    if basis == Basis.PLAN_LINE:
        if plan_line is None:
            raise DomainError("Укажите строку ИППСУ, по которой оказана услуга.")
        plan = plan_line.plan
        in_family = (
            person is not None
            and plan.family_id is not None
            and FamilyMember.all_records.filter(family_id=plan.family_id, person=person).exists()
        )
        if person is None or (plan.person_id != person.pk and not in_family):
            raise DomainError("Строка ИППСУ относится к другому получателю.")
    elif plan_line is not None:
        raise DomainError("Строка ИППСУ указывается только для основания «ИППСУ».")
    if case is not None and person is not None:
        in_family = (
            case.family_id is not None
            and FamilyMember.all_records.filter(family_id=case.family_id, person=person).exists()
        )
        if case.person_id != person.pk and not in_family:
            raise DomainError("Случай относится к другому получателю.")


@dataclass(frozen=True)
class FactLine:
    """One service of a day for the grid: whom, what, how many."""

    person: Person | None
    service: Service
    quantity: int = 1


@transaction.atomic
def fact_record(
    *,
    by,
    unit: Unit,
    service: Service,
    provided_on: datetime.date,
    person: Person | None = None,
    quantity: int = 1,
    basis: str = Basis.URGENT,
    plan_line=None,
    case=None,
    payment: str | None = None,
    amount=None,
    note: str = "",
    specialist=None,
) -> ServiceFact:
    """SOC-10: a service given, written once. The code, form and tariff in force on the day
    are copied onto the fact."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_work_in(scope, unit), NOT_YOURS)
    if not service.is_active:
        raise DomainError(f"Услуга «{service.code}» исключена из перечня.")
    if not 0 < int(quantity) <= MAX_QUANTITY:
        raise DomainError(f"Количество услуг — от 1 до {MAX_QUANTITY}.")
    _check_date(provided_on)
    _check_subject(by, unit, person, service)
    _check_basis(by, basis, person, plan_line, case)
    price = _price(service, provided_on)
    payment, paid = _payment(service, price, int(quantity), payment, amount)
    fact = ServiceFact(
        organisation_id=unit.organisation_id,
        unit=unit,
        district_id=person.district_id if person is not None else None,
        specialist=specialist or user,
        person=person,
        service=service,
        service_code=service.code,
        service_kind=service.kind,
        service_form=service.form,
        price=price,
        provided_on=provided_on,
        period=accounting_month(unit.pk, provided_on),
        quantity=int(quantity),
        basis=basis,
        plan_line=plan_line,
        case=case,
        payment=payment,
        amount=paid,
        note=(note or "").strip(),
        recorded_by=user,
    )
    fact.full_clean(exclude=["recorded_by"])  # None when the system records it
    fact.save()
    tallies.apply(after=[tallies.State.of(fact)])
    audit(by, fact, AuditAction.CREATE)
    return fact


@transaction.atomic
def facts_record_day(
    *, by, unit: Unit, provided_on: datetime.date, lines: Iterable[FactLine], basis=Basis.URGENT
) -> list[ServiceFact]:
    """The grid of a day (persons × services): every line recorded, or none (one error
    refuses the whole day, naming the line)."""
    facts = []
    for number, line in enumerate(lines, start=1):
        try:
            facts.append(
                fact_record(
                    by=by,
                    unit=unit,
                    service=line.service,
                    provided_on=provided_on,
                    person=line.person,
                    quantity=line.quantity,
                    basis=basis,
                )
            )
        except DomainError as error:
            raise DomainError(f"Строка {number}: {error}") from error
    return facts


def _editable(by, fact: ServiceFact) -> None:
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_work_in(scope, fact.unit), NOT_YOURS)
    if fact.is_reversal or hasattr(fact, "reversed_by"):
        raise DomainError("Сторнированный факт и сторно не изменяются.")
    if is_closed(fact.unit_id, fact.period):
        raise DomainError("Месяц закрыт заведующим: факт исправляется сторно и новым фактом.")


@transaction.atomic
def fact_update(*, by, fact: ServiceFact, expected_version: int | None, **fields) -> ServiceFact:
    """A fact of an open month corrected in place (a typo): quantity, date, payment, note."""
    stored = locked(fact)
    _editable(by, stored)
    before = snapshot(stored)
    counted = tallies.State.of(stored)
    allowed = {"provided_on", "quantity", "payment", "amount", "note"}
    for name in fields:
        if name not in allowed:
            raise DomainError(f"Поле «{name}» нельзя изменить.")
    provided_on = fields.get("provided_on", stored.provided_on)
    quantity = int(fields.get("quantity", stored.quantity))
    if not 0 < quantity <= MAX_QUANTITY:
        raise DomainError(f"Количество услуг — от 1 до {MAX_QUANTITY}.")
    _check_date(provided_on)
    price = _price(stored.service, provided_on)
    payment, paid = _payment(
        stored.service,
        price,
        quantity,
        fields.get("payment", stored.payment),
        fields.get("amount", stored.amount if "payment" not in fields else None),
    )
    stored.provided_on = provided_on
    stored.quantity = quantity
    stored.price = price
    stored.payment = payment
    stored.amount = paid
    stored.note = (fields.get("note", stored.note) or "").strip()
    stored.period = accounting_month(stored.unit_id, provided_on)
    stored.full_clean()
    stored.version = fact.version
    save_with_version(stored, expected_version=expected_version, fields=FACT_FIELDS, label="факт")
    tallies.apply(before=[counted], after=[tallies.State.of(stored)])
    audit(by, stored, AuditAction.UPDATE, before=before)
    return stored


@transaction.atomic
def fact_delete(*, by, fact: ServiceFact) -> None:
    """A fact of an open month entered by mistake, removed (the trail keeps it)."""
    stored = locked(fact)
    _editable(by, stored)
    before = snapshot(stored)
    audit(by, stored, AuditAction.DELETE, before=before)
    counted = tallies.State.of(stored)
    stored.delete()
    tallies.apply(before=[counted])


@transaction.atomic
def fact_reverse(*, by, fact: ServiceFact, reason: str) -> ServiceFact:
    """«Сторно»: the fact cancelled by a fact of the opposite quantity, counted in the
    current open month when the fact's own month is closed. The fact stays as it was."""
    user, scope, _role = acting(by)
    stored = locked(fact)
    if by is not None:
        require(permissions.can_work_in(scope, stored.unit), NOT_YOURS)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Укажите причину сторно.")
    if stored.is_reversal:
        raise DomainError("Сторно не сторнируется: внесите новый факт.")
    if ServiceFact.all_records.filter(reverses=stored).exists():
        raise DomainError("Этот факт уже сторнирован.")
    if is_closed(stored.unit_id, stored.period):
        period = accounting_month(stored.unit_id, timezone.localdate())
    else:
        period = stored.period
    reversal = ServiceFact(
        organisation_id=stored.organisation_id,
        unit_id=stored.unit_id,
        district_id=stored.district_id,
        specialist_id=stored.specialist_id,
        person_id=stored.person_id,
        service_id=stored.service_id,
        service_code=stored.service_code,
        service_kind=stored.service_kind,
        service_form=stored.service_form,
        price=stored.price,
        provided_on=stored.provided_on,
        period=period,
        quantity=-stored.quantity,
        basis=stored.basis,
        plan_line_id=stored.plan_line_id,
        case_id=stored.case_id,
        payment=stored.payment,
        amount=-stored.amount,
        reverses=stored,
        note=reason[:500],
        recorded_by=user,
    )
    reversal.full_clean(exclude=["recorded_by"])
    reversal.save()
    tallies.apply(
        before=[tallies.State.of(stored)],
        # reversed in its own month, the fact makes no recipient; reversed after its month
        # was closed, that month's recipients stay as they were (statistics.py)
        after=[
            tallies.State.of(stored, reversed_=reversal.period == stored.period),
            tallies.State.of(reversal),
        ],
    )
    audit(by, reversal, AuditAction.CREATE, parent=stored)
    return reversal


@transaction.atomic
def fact_correct(
    *, by, fact: ServiceFact, reason: str, quantity: int, provided_on: datetime.date, **extra
) -> tuple[ServiceFact, ServiceFact]:
    """A fact of a closed month corrected: its reversal and the right fact, one write."""
    reversal = fact_reverse(by=by, fact=fact, reason=reason)
    stored = ServiceFact.all_records.select_related("unit", "service").get(pk=fact.pk)
    corrected = fact_record(
        by=by,
        unit=stored.unit,
        service=extra.pop("service", stored.service),
        provided_on=provided_on,
        person=stored.person,
        quantity=quantity,
        basis=stored.basis,
        plan_line=stored.plan_line,
        case=stored.case,
        payment=extra.pop("payment", None),
        amount=extra.pop("amount", None),
        note=f"Исправление факта № {stored.pk}: {reason}".strip()[:500],
        specialist=stored.specialist,
    )
    return reversal, corrected


@transaction.atomic
def month_close(*, by, unit: Unit, month: datetime.date) -> MonthClosure:
    """The head closes the unit's month: its facts are corrected only by reversal since."""
    user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_close_month(scope, unit),
            "Месяц закрывает заведующий отделением.",
        )
    month = month_start(month)
    if month >= month_start(timezone.localdate()):
        raise DomainError("Закрыть можно только прошедший месяц.")
    locked(unit)
    if MonthClosure.objects.filter(unit=unit, month=month).exists():
        raise DomainError(f"Месяц {month:%m.%Y} уже закрыт.")
    closure = MonthClosure.objects.create(unit=unit, month=month, closed_by=user)
    audit(by, closure, AuditAction.CREATE, parent=unit)
    return closure


# --- the catalogue ---------------------------------------------------------------------------
# Its writes live in `services_catalogue` (service_create, service_update, tariff_set); they
# are named here too, so that every write of the app is found in one place.
