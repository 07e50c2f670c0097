"""Writes of the contracts (TSR-4, TSR-5): issue under row locks, the extension, the return with
its charges and refunds."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from resurs.casework.rental import money, norms
from resurs.casework.rental.eligibility import eligibility
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Charge,
    ChargeKind,
    Contract,
    ContractState,
    DisabilityGroup,
    Item,
    ItemState,
    Loan,
    Return,
    ReturnCondition,
    ReturnReason,
)
from resurs.casework.rental.services.common import (
    ITEM_TAKEN,
    OLD_AGE,
    _d,
    _offer,
    _offered_to,
    _require_staff,
    _set_state,
)
from resurs.casework.rental.services.inventory import maintenance_start
from resurs.casework.socialservices.models import Basis, Payment, Service
from resurs.casework.socialservices.services import fact_record
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.russian import decimal
from resurs.kernel.workcalendar.periods import add_months
from resurs.kernel.writes import DomainError, acting, audit, locked


def _check_term(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise DomainError("Срок договора: дата окончания раньше даты начала.")
    latest = add_months(starts_on, norms.MAX_TERM_MONTHS) - datetime.timedelta(days=1)
    if ends_on > latest:
        raise DomainError(
            f"Срок договора — не более 1 года (п. 3.6 положения): не позднее {_d(latest)}."
        )


def _delivery_reason(application: Application, on: datetime.date) -> str:
    """§3.5: whom the items are brought home to; the ground, or a DomainError why not."""
    if not application.no_able_relatives:
        raise DomainError(
            "Доставка на дом — при отсутствии трудоспособных родственников (п. 3.5 положения)."
        )
    if application.disability_group in {DisabilityGroup.I, DisabilityGroup.II}:
        group = DisabilityGroup(application.disability_group).label
        return f"Инвалид, {group}; трудоспособных родственников нет (п. 3.5 положения)."
    person = application.person
    age = None
    if person.birth_date:
        age = (
            on.year
            - person.birth_date.year
            - ((on.month, on.day) < (person.birth_date.month, person.birth_date.day))
        )
    if age is not None and age > OLD_AGE and application.cannot_self_care:
        return (
            f"Гражданин старше {OLD_AGE} лет, утративший способность к самообслуживанию и (или) "
            "передвижению; трудоспособных родственников нет (п. 3.5 положения)."
        )
    raise DomainError(
        "Доставка на дом — инвалидам I и II групп и гражданам старше 70 лет, утратившим "
        "способность к самообслуживанию и (или) передвижению (п. 3.5 положения)."
    )


def _next_number(organisation_id: int, year: int) -> str:
    taken = Contract.all_records.filter(
        organisation_id=organisation_id, concluded_on__year=year
    ).count()
    return f"{taken + 1}/{year}"


@transaction.atomic
def issue(
    *,
    by,
    application: Application,
    items: Iterable[Item],
    starts_on: datetime.date,
    ends_on: datetime.date,
    delivery: bool = False,
    representative_name: str = "",
    representative_document: str = "",
) -> Contract:
    """TSR-4: the contract of temporary use and its items, issued the day it is concluded
    (§3.4): each item free or paid by ``eligibility`` (§4.2–4.3), the fee the tariff in force
    times the days; each loan is a service fact (``Basis.RENTAL``)."""
    user, _scope, _role = acting(by)
    # The fixed lock order: the institution (it numbers contracts), the application, items.
    list(
        Organisation.objects.select_for_update()
        .filter(pk=application.organisation_id)
        .values_list("pk", flat=True)
    )
    stored = locked(application)
    _require_staff(by, stored.unit)
    if stored.state not in {ApplicationState.WAITING, ApplicationState.OFFERED}:
        raise DomainError(f"Заявление уже {stored.get_state_display()}: выдача невозможна.")
    missing = stored.missing_documents()
    if missing:
        raise DomainError("Не представлены документы (п. 3.3 положения): " + "; ".join(missing))
    _check_term(starts_on, ends_on)
    if starts_on > timezone.localdate():
        raise DomainError(
            "ТСР выдаётся в день заключения договора (п. 3.4): дата — не позже сегодня."
        )
    wanted = sorted({item.pk for item in items})
    if not wanted:
        raise DomainError("Выберите хотя бы один предмет проката.")
    rows = list(Item.objects.select_for_update().filter(pk__in=wanted).order_by("pk"))
    if len(rows) != len(wanted):
        raise DomainError("Среди предметов есть отсутствующий в прокатном фонде.")
    for item in rows:
        if item.organisation_id != stored.organisation_id:
            raise DomainError(f"Предмет «{item}» — из фонда другого учреждения.")
        if item.state != ItemState.FREE:
            raise DomainError(ITEM_TAKEN.format(item=item, state=item.get_state_display()))
        if item.maintenances.filter(finished_on__isnull=True).exists():
            raise DomainError(f"Предмет «{item}» на обслуживании: выдать его нельзя (п. 3.11).")
        offered = _offered_to(item)
        if offered is not None and offered.pk != stored.pk:
            raise DomainError(
                f"Предмет «{item}» предложен заявителю, стоящему в очереди раньше (п. 2.2)."
            )
    reason = _delivery_reason(stored, starts_on) if delivery else ""
    contract = Contract(
        organisation_id=stored.organisation_id,
        unit_id=stored.unit_id,
        district_id=stored.district_id,
        specialist=stored.specialist or user,
        number=_next_number(stored.organisation_id, starts_on.year),
        application=stored,
        person=stored.person,
        concluded_on=starts_on,
        starts_on=starts_on,
        ends_on=ends_on,
        delivery=delivery,
        delivery_reason=reason,
        representative_name=(representative_name or "").strip(),
        representative_document=(representative_document or "").strip(),
    )
    contract.full_clean()
    contract.save()
    audit(by, contract, AuditAction.CREATE)
    days = money.rental_days(starts_on, ends_on)
    for item in rows:
        decision = eligibility(stored, item.kind)
        price = Decimal("0")
        if not decision.free:
            tariff = item.kind.tariff_on(starts_on)
            if tariff is None:
                raise DomainError(
                    f"Для «{item.kind}» на {_d(starts_on)} не утверждён тариф (п. 4.4)."
                )
            price = tariff.price
        loan = Loan(
            contract=contract,
            item=item,
            free=decision.free,
            reason=decision.reason,
            price=price,
            days=days,
            amount=money.fee(price, days),
        )
        loan.full_clean()
        loan.save()
        audit(by, loan, AuditAction.CREATE, parent=contract)
        _set_state(by, item, ItemState.ON_LOAN)
        loan.service_fact = _fact(by, contract, loan)
        if loan.service_fact is not None:
            loan.save(update_fields=["service_fact"])
    before = snapshot(stored)
    stored.state = ApplicationState.ISSUED
    stored.offered_item = None
    stored.version += 1
    stored.save(update_fields=["state", "offered_item", "version"])
    audit(by, stored, AuditAction.UPDATE, before=before)
    return contract


def _fact(by, contract: Contract, loan: Loan):
    """Item 9 of the issue: the rental as a service fact of the kind's «ПР-…» service, when
    the catalogue has it."""
    code = loan.item.kind.service_code
    service = Service.objects.filter(code=code, is_active=True).first() if code else None
    if service is None:
        return None
    return fact_record(
        by=by,
        unit=contract.unit,
        service=service,
        provided_on=contract.starts_on,
        person=contract.person,
        quantity=loan.days,
        basis=Basis.RENTAL,
        payment=Payment.FREE if loan.free else Payment.PAID,
        amount=None if loan.free else loan.amount,
        note=f"Договор проката № {contract.number}",
    )


@transaction.atomic
def extend(*, by, contract: Contract, until: datetime.date, reason: str = "") -> Contract:
    """TSR-4: the term extended once, by at most six months (§3.6); the paid items' extra
    days are charged at the contract's price."""
    stored = locked(contract)
    _require_staff(by, stored.unit)
    if stored.state != ContractState.ACTIVE:
        raise DomainError("Продлить можно только действующий договор.")
    if stored.extended_until is not None:
        raise DomainError("Договор уже продлевался: продление допускается один раз (п. 3.6).")
    latest = add_months(stored.ends_on, norms.MAX_EXTENSION_MONTHS)
    if until <= stored.ends_on:
        raise DomainError("Новая дата окончания должна быть позже срока договора.")
    if until > latest:
        raise DomainError(
            f"Продление — не более чем на 6 месяцев (п. 3.6 положения): не позднее {_d(latest)}."
        )
    before = snapshot(stored)
    extra = (until - stored.ends_on).days
    stored.extended_until = until
    stored.extension_reason = (reason or "").strip()
    stored.version += 1
    stored.save(update_fields=["extended_until", "extension_reason", "version"])
    audit(by, stored, AuditAction.UPDATE, before=before)
    for loan in stored.loans.filter(returned_on__isnull=True, free=False):
        _charge(
            by,
            loan,
            ChargeKind.EXTENSION,
            money.fee(loan.price, extra),
            f"П. 3.6 положения: продление с {_d(stored.ends_on + datetime.timedelta(days=1))} "
            f"по {_d(until)}, {extra} сут. × {decimal(loan.price, 2)} руб.",
            on=timezone.localdate(),
        )
    return stored


def _charge(by, loan: Loan, kind: str, amount: Decimal, basis: str, *, on, ret=None) -> Charge:
    charge = Charge(
        contract=loan.contract,
        loan=loan,
        ret=ret,
        kind=kind,
        amount=money.money(amount),
        basis=basis,
        recorded_on=on,
    )
    charge.full_clean()
    charge.save()
    audit(by, charge, AuditAction.CREATE, parent=loan.contract)
    return charge


# --- the return (TSR-5) -----------------------------------------------------------------------


def _check_notice(reason: str, returned_on: datetime.date, notice_given_on) -> None:
    if reason != ReturnReason.CITIZEN_EARLY:
        return
    if notice_given_on is None:
        raise DomainError(
            "Досрочное расторжение по инициативе обслуживаемого — по письменному "
            "предупреждению не менее чем за 10 дней (договор, п. 2.4.5): укажите его дату."
        )
    earliest = notice_given_on + datetime.timedelta(days=norms.NOTICE_DAYS)
    if returned_on < earliest:
        raise DomainError(
            f"Предупреждение получено {_d(notice_given_on)}: договор расторгается не ранее чем "
            f"через 10 дней, с {_d(earliest)} (договор, п. 2.4.5)."
        )


@transaction.atomic
def return_items(
    *,
    by,
    contract: Contract,
    returned_on: datetime.date,
    reason: str = ReturnReason.TERM_ENDED,
    conditions: Mapping[int, str] | None = None,
    repair_costs: Mapping[int, Decimal] | None = None,
    notice_given_on: datetime.date | None = None,
    note: str = "",
) -> Return:
    """TSR-5: the act of acceptance. ``conditions`` maps an item's id to its condition
    (every open loan, good by default; a subset returns only those); ``repair_costs`` the
    cost of repair and transport of an item damaged by misuse.

    A paid item returned before the end of the term refunds the unused days from the day
    after the return (contract §3.3); misuse charges repair and transport (§3.9; contract
    §2.3.5); a loss charges the market value (§3.10; contract §2.3.6). A good item is free
    again and offered to the first in line; a faulty one goes to maintenance."""
    user, _scope, _role = acting(by)
    stored = locked(contract)
    _require_staff(by, stored.unit)
    if stored.state != ContractState.ACTIVE:
        raise DomainError("Договор уже исполнен или расторгнут.")
    if reason not in ReturnReason.values:
        raise DomainError("Выберите основание возврата.")
    if returned_on < stored.starts_on:
        raise DomainError("Дата возврата раньше начала срока договора.")
    if returned_on > timezone.localdate():
        raise DomainError(
            f"Дата возврата {_d(returned_on)} ещё не наступила: возврат оформляется в день, "
            "когда ТСР фактически принято."
        )
    _check_notice(reason, returned_on, notice_given_on)
    repair_costs = repair_costs or {}
    open_loans = {
        loan.item_id: loan
        for loan in stored.loans.select_related("item", "item__kind").filter(
            returned_on__isnull=True
        )
    }
    chosen = dict(conditions) if conditions else dict.fromkeys(open_loans, ReturnCondition.GOOD)
    unknown = set(chosen) - set(open_loans)
    if unknown or not chosen:
        raise DomainError("Среди возвращаемых предметов есть не выданный по этому договору.")
    ends_on = stored.current_end
    act = Return(
        contract=stored,
        returned_on=returned_on,
        reason=reason,
        notice_given_on=notice_given_on,
        note=(note or "").strip(),
        accepted_by=user,
    )
    act.full_clean(exclude=["accepted_by"])
    act.save()
    freed: list[Item] = []
    for item_pk in sorted(chosen):
        loan = open_loans[item_pk]
        condition = chosen[item_pk]
        if condition not in ReturnCondition.values:
            raise DomainError("Укажите состояние возвращённого предмета.")
        item = Item.objects.select_for_update().get(pk=item_pk)
        before = snapshot(loan)
        loan.returned_on = returned_on
        loan.return_condition = condition
        loan.save(update_fields=["returned_on", "return_condition"])
        audit(by, loan, AuditAction.UPDATE, before=before, parent=stored)
        act.loans.add(loan)
        paid = loan.amount + sum(
            (c.amount for c in loan.charges.filter(kind=ChargeKind.EXTENSION)), Decimal("0")
        )
        back = Decimal("0")
        if not loan.free and condition != ReturnCondition.LOST:
            back = money.refund(loan.price, returned_on, ends_on, paid)
        if back > 0:
            days = money.unused_days(returned_on, ends_on)
            _charge(
                by,
                loan,
                ChargeKind.REFUND,
                back,
                f"Договор, п. 3.3 (досрочный возврат): {days} сут. неиспользованного срока "
                f"с {_d(returned_on + datetime.timedelta(days=1))} по {_d(ends_on)} × "
                f"{decimal(loan.price, 2)} руб.",
                on=returned_on,
                ret=act,
            )
        if condition == ReturnCondition.MISUSED:
            cost = Decimal(repair_costs.get(item_pk) or 0)
            if cost <= 0:
                raise DomainError(
                    f"Укажите стоимость ремонта и транспортировки «{item}» (п. 3.9 положения)."
                )
            _charge(
                by,
                loan,
                ChargeKind.REPAIR,
                cost,
                "П. 3.9 положения; договор, п. 2.3.5: выход из строя вследствие нарушения "
                "правил эксплуатации — стоимость ремонта и транспортировки.",
                on=returned_on,
                ret=act,
            )
        if condition == ReturnCondition.LOST:
            _charge(
                by,
                loan,
                ChargeKind.LOSS,
                item.market_value,
                "П. 3.10 положения; договор, п. 2.3.6: утрата или порча по вине "
                f"обслуживаемого — рыночная стоимость «{item}».",
                on=returned_on,
                ret=act,
            )
            _set_state(by, item, ItemState.LOST)
        elif condition in {ReturnCondition.MISUSED, ReturnCondition.FAULTY}:
            _set_state(by, item, ItemState.FREE)
            maintenance_start(
                by=by,
                item=item,
                started_on=returned_on,
                what=f"Ремонт после возврата: {ReturnCondition(condition).label}",
            )
        else:
            _set_state(by, item, ItemState.FREE)
            freed.append(item)
    audit(by, act, AuditAction.CREATE, parent=stored, extra_m2m=("loans",))
    if not stored.loans.filter(returned_on__isnull=True).exists():
        before = snapshot(stored)
        stored.state = (
            ContractState.CLOSED
            if reason == ReturnReason.TERM_ENDED and returned_on >= ends_on
            else ContractState.TERMINATED
        )
        stored.version += 1
        stored.save(update_fields=["state", "version"])
        audit(by, stored, AuditAction.UPDATE, before=before)
    for item in freed:
        _offer(by, item)
    return act
