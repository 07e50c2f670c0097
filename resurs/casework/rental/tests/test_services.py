"""TSR-4, TSR-5: issue, extension, return and the money of each (seed 002 app. 1 §3.4–3.10;
the contract §2.3.5–2.3.6, §2.4.5, §3.3)."""

import datetime
from decimal import Decimal

import pytest

from resurs.casework.rental import services
from resurs.casework.rental.models import (
    ApplicationState,
    Category,
    ChargeKind,
    ContractState,
    DisabilityGroup,
    ItemSource,
    ItemState,
    RefusalGround,
    ReturnCondition,
    ReturnReason,
)
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply
from resurs.casework.socialservices.models import Basis, Payment, ServiceFact
from resurs.kernel.writes import DomainError

DAY = datetime.timedelta(days=1)
# The paid contract's term ends today: every return of its tests is on a day that has come.
START = TODAY - 29 * DAY


def _issue(w, application, items, days=30, starts_on=TODAY, **kwargs):
    return services.issue(
        by=w.specialist, application=application, items=items, starts_on=starts_on,
        ends_on=starts_on + (days - 1) * DAY, **kwargs,
    )  # fmt: skip


@pytest.fixture
def paid(rental, catalogue):
    """A paid wheelchair for 30 days: 30 × 32,41 = 972,30 руб."""
    w = rental
    w.chair = add_item(w, w.wheelchair, "КК-1")
    w.application = apply(w, w.wheelchair)
    w.contract = _issue(w, w.application, [w.chair], starts_on=START)
    w.loan = w.contract.loans.get()
    return w


def test_a_paid_issue_charges_the_tariff_times_the_days_and_records_a_fact(paid):
    loan = paid.loan
    assert (loan.free, loan.price, loan.days, loan.amount) == (
        False, Decimal("32.41"), 30, Decimal("972.30"),
    )  # fmt: skip
    assert "п. 4.3" in loan.reason
    fact = ServiceFact.all_records.get(pk=loan.service_fact_id)
    assert (fact.service_code, fact.basis, fact.payment, fact.quantity, fact.amount) == (
        "ПР-04", Basis.RENTAL, Payment.PAID, 30, Decimal("972.30"),
    )  # fmt: skip
    paid.chair.refresh_from_db()
    paid.application.refresh_from_db()
    assert paid.chair.state == ItemState.ON_LOAN
    assert paid.application.state == ApplicationState.ISSUED


def test_a_free_issue_for_an_ipra_kind(rental, catalogue):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-1")
    application = apply(
        w, w.wheelchair, category=Category.QUEUED_IPRA, ipra_kinds=[w.wheelchair],
        documents=("doc_identity", "doc_ipra"),
    )  # fmt: skip
    loan = _issue(w, application, [chair]).loans.get()
    assert (loan.free, loan.amount) == (True, Decimal("0"))
    assert ServiceFact.all_records.get(pk=loan.service_fact_id).payment == Payment.FREE


def test_the_term_is_at_most_a_year(rental):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-1")
    application = apply(w, w.wheelchair)
    year_later = TODAY.replace(year=TODAY.year + 1) if TODAY.month != 2 or TODAY.day != 29 else (
        TODAY + 365 * DAY
    )  # fmt: skip
    with pytest.raises(DomainError, match="не более 1 года"):
        services.issue(
            by=w.specialist, application=application, items=[chair], starts_on=TODAY,
            ends_on=year_later,
        )  # fmt: skip
    contract = services.issue(
        by=w.specialist, application=application, items=[chair], starts_on=TODAY,
        ends_on=year_later - DAY,
    )  # fmt: skip
    assert contract.state == ContractState.ACTIVE


def test_an_item_under_maintenance_is_not_issued(rental):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-1")
    services.maintenance_start(by=w.specialist, item=chair, started_on=TODAY, what="Замена колеса")
    with pytest.raises(DomainError, match="недоступен"):
        _issue(w, apply(w, w.wheelchair), [chair])


def test_missing_documents_refuse_the_issue(rental):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-1")
    with pytest.raises(DomainError, match="п. 3.3"):
        _issue(w, apply(w, w.wheelchair, documents=("doc_identity",)), [chair])


def test_a_refusal_is_recorded_with_its_ground(rental):
    w = rental
    application = services.application_refuse(
        by=w.specialist, application=apply(w, w.wheelchair), ground=RefusalGround.INTOXICATION,
        note="Акт от 03.02.2026",
    )  # fmt: skip
    assert (application.state, application.refusal_ground) == (
        ApplicationState.REFUSED, RefusalGround.INTOXICATION,
    )  # fmt: skip


def test_delivery_only_on_the_grounds_of_3_5(rental):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-1")
    with pytest.raises(DomainError, match="п. 3.5"):
        _issue(w, apply(w, w.wheelchair, no_able_relatives=True), [chair], delivery=True)
    application = apply(
        w, w.wheelchair, person=w.neighbour, disability_group=DisabilityGroup.II,
        no_able_relatives=True,
    )  # fmt: skip
    contract = _issue(w, application, [chair], delivery=True)
    assert "II группа" in contract.delivery_reason


def test_an_unclaimed_ipra_item_needs_its_transfer_note(rental):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="0315006"):
        add_item(rental, rental.crutches, "К-9", source=ItemSource.UNCLAIMED)
    item = add_item(
        rental, rental.crutches, "К-9", source=ItemSource.UNCLAIMED,
        transfer_note_number="12", transfer_note_date=datetime.date(2026, 1, 20),
    )  # fmt: skip
    assert item.source == ItemSource.UNCLAIMED


def test_a_mark_is_unique_in_the_institution(rental):
    add_item(rental, rental.crutches, "К-1")
    with pytest.raises(DomainError, match="Клеймо «К-1»"):
        add_item(rental, rental.wheelchair, "К-1")


def test_extended_once_by_at_most_six_months(paid):
    w = paid
    ends = w.contract.ends_on
    too_far = ends + 200 * DAY
    with pytest.raises(DomainError, match="не более чем на 6 месяцев"):
        services.extend(by=w.specialist, contract=w.contract, until=too_far)
    contract = services.extend(by=w.specialist, contract=w.contract, until=ends + 10 * DAY)
    charge = contract.charges.get(kind=ChargeKind.EXTENSION)
    assert charge.amount == Decimal("324.10")  # 10 × 32,41
    assert "п. 3.6" in charge.basis.lower()
    with pytest.raises(DomainError, match="один раз"):
        services.extend(by=w.specialist, contract=contract, until=ends + 20 * DAY)


def test_an_early_return_refunds_the_days_after_the_return(paid):
    w = paid
    returned_on = START + 9 * DAY  # used 10 of 30 days: 20 days back
    act = services.return_items(
        by=w.specialist, contract=w.contract, returned_on=returned_on,
        reason=ReturnReason.CITIZEN_EARLY, notice_given_on=returned_on - 10 * DAY,
    )  # fmt: skip
    refund = act.charges.get()
    assert (refund.kind, refund.amount) == (ChargeKind.REFUND, Decimal("648.20"))  # 20 × 32,41
    assert "20 сут." in refund.basis and "п. 3.3" in refund.basis
    assert "× 32,41 руб." in refund.basis  # the decimal comma
    w.contract.refresh_from_db()
    w.chair.refresh_from_db()
    assert w.contract.state == ContractState.TERMINATED
    assert w.chair.state == ItemState.FREE


def test_the_citizens_early_termination_needs_ten_days_notice(paid):
    w = paid
    returned_on = START + 9 * DAY
    with pytest.raises(DomainError, match="не ранее чем через 10 дней"):
        services.return_items(
            by=w.specialist, contract=w.contract, returned_on=returned_on,
            reason=ReturnReason.CITIZEN_EARLY, notice_given_on=returned_on - 9 * DAY,
        )  # fmt: skip
    with pytest.raises(DomainError, match="п. 2.4.5"):
        services.return_items(
            by=w.specialist, contract=w.contract, returned_on=returned_on,
            reason=ReturnReason.CITIZEN_EARLY,
        )  # fmt: skip


def test_misuse_charges_repair_and_transport_and_ends_the_contract(paid):
    w = paid
    returned_on = START + 29 * DAY  # the last day: nothing to refund
    act = services.return_items(
        by=w.specialist, contract=w.contract, returned_on=returned_on,
        reason=ReturnReason.WITHDRAWN, conditions={w.chair.pk: ReturnCondition.MISUSED},
        repair_costs={w.chair.pk: Decimal("1500.50")},
    )  # fmt: skip
    charge = act.charges.get()
    assert (charge.kind, charge.amount) == (ChargeKind.REPAIR, Decimal("1500.50"))
    assert "п. 3.9" in charge.basis.lower()
    w.chair.refresh_from_db()
    w.contract.refresh_from_db()
    assert w.chair.state == ItemState.MAINTENANCE
    assert w.contract.state == ContractState.TERMINATED


def test_a_loss_charges_the_market_value_and_refunds_nothing(paid):
    w = paid
    act = services.return_items(
        by=w.specialist, contract=w.contract, returned_on=START + 4 * DAY,
        conditions={w.chair.pk: ReturnCondition.LOST},
    )  # fmt: skip
    charge = act.charges.get()
    assert (charge.kind, charge.amount) == (ChargeKind.LOSS, Decimal("12000.00"))
    assert "п. 3.10" in charge.basis.lower()
    w.chair.refresh_from_db()
    assert w.chair.state == ItemState.LOST


def test_a_return_after_an_extension_refunds_within_what_was_paid(paid):
    w = paid
    contract = services.extend(
        by=w.specialist, contract=w.contract, until=w.contract.ends_on + 10 * DAY
    )
    act = services.return_items(
        by=w.specialist,
        contract=contract,
        returned_on=START + 29 * DAY,  # 10 days left
    )
    assert act.charges.get().amount == Decimal("324.10")


def test_maintenance_finished_frees_the_item_and_write_off_needs_it_back(rental):
    w = rental
    chair = add_item(w, w.wheelchair, "КК-1")
    repair = services.maintenance_start(
        by=w.specialist, item=chair, started_on=TODAY, what="Колесо"
    )
    services.maintenance_finish(by=w.specialist, maintenance=repair, finished_on=TODAY)
    chair.refresh_from_db()
    assert chair.state == ItemState.FREE
    services.write_off(
        by=w.specialist, item=chair, act_number="7", act_date=TODAY, reason="Истёк срок службы"
    )
    chair.refresh_from_db()
    assert chair.state == ItemState.WRITTEN_OFF
