"""Service facts (SOC-10): recorded once with the catalogue's code, form and tariff of the
day; corrected in place while the month is open, by reversal once the head closed it; a
closed month's numbers never change."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from resurs.casework.socialservices import services, statistics
from resurs.casework.socialservices.models import (
    Basis,
    MonthClosure,
    Payment,
    ServiceFact,
    Tariff,
    month_start,
)
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes.errors import DomainError

pytestmark = pytest.mark.django_db


def last_month() -> datetime.date:
    return month_start(month_start(timezone.localdate()) - datetime.timedelta(days=1))


def record(casework, service, **kw):
    values = {
        "by": casework.specialist,
        "unit": casework.a.support,
        "service": service,
        "provided_on": last_month() + datetime.timedelta(days=3),
        "person": casework.person,
    }
    values.update(kw)
    return services.fact_record(**values)


def test_a_fact_copies_code_form_and_the_tariff_of_its_day(casework, catalogue):
    paid = catalogue["paid"]
    before = record(casework, paid, provided_on=datetime.date(2026, 6, 30), quantity=2)
    after = record(casework, paid, provided_on=datetime.date(2026, 7, 1))
    assert (before.price, before.amount, before.payment) == (Decimal("100"), Decimal("200"), "paid")
    assert after.price == Decimal("120")
    assert before.service_code == "ДУ-01" and before.service_form == paid.form
    assert before.district_id == casework.person.district_id
    assert before.specialist_id == casework.specialist.user_id
    # A new tariff rewrites no fact.
    Tariff.objects.create(service=paid, valid_from=datetime.date(2026, 6, 1), price=Decimal("1"))
    before.refresh_from_db()
    assert before.price == Decimal("100")


def test_the_part_paid_is_never_more_than_the_cost(casework, catalogue):
    with pytest.raises(DomainError, match="меньше стоимости"):
        record(casework, catalogue["paid"], payment=Payment.PARTLY, amount=Decimal("500"))
    with pytest.raises(DomainError, match="бесплатна"):
        record(casework, catalogue["free"], payment=Payment.FREE, amount=Decimal("5"))
    partly = record(casework, catalogue["paid"], payment=Payment.PARTLY, amount=Decimal("30"))
    assert partly.amount == Decimal("30")


def test_anonymous_only_where_the_service_allows_it(casework, catalogue):
    with pytest.raises(DomainError, match="известному получателю"):
        record(casework, catalogue["free"], person=None)
    call = record(casework, catalogue["call"], person=None, basis=Basis.CALL)
    assert call.person_id is None and call.district_id is None


def test_bad_input_is_refused_in_russian(casework, catalogue):
    with pytest.raises(DomainError, match="позже сегодняшнего"):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        record(casework, catalogue["free"], provided_on=tomorrow)
    with pytest.raises(DomainError, match="Количество"):
        record(casework, catalogue["free"], quantity=0)
    with pytest.raises(DomainError, match="строку ИППСУ"):
        record(casework, catalogue["free"], basis=Basis.PLAN_LINE)
    catalogue["free"].is_active = False
    catalogue["free"].save()
    with pytest.raises(DomainError, match="исключена"):
        record(casework, catalogue["free"])
    assert not ServiceFact.objects.unscoped(reason="тест").exists()


def test_only_the_staff_of_the_unit_record_and_only_whom_they_see(casework, catalogue):
    with pytest.raises(PermissionDenied):
        record(casework, catalogue["free"], by=casework.other_specialist)
    with pytest.raises(PermissionDenied):
        record(casework, catalogue["free"], by=casework.uszn)
    with pytest.raises(DomainError, match="вне вашей зоны"):
        record(casework, catalogue["free"], by=casework.specialist2)


def test_the_trail_names_no_recipient(casework, catalogue):
    fact = record(casework, catalogue["free"], note="Смирнова просила позже")
    entry = AuditEntry.objects.filter(object_id=str(fact.pk)).get()
    trail = str(entry.changes) + entry.object_repr
    assert "Смирнова" not in trail and "Ольга" not in trail


def test_an_open_month_is_corrected_in_place(casework, catalogue):
    fact = record(casework, catalogue["free"])
    services.fact_update(by=casework.specialist, fact=fact, expected_version=1, quantity=3)
    fact.refresh_from_db()
    assert fact.quantity == 3 and fact.version == 2
    services.fact_delete(by=casework.specialist, fact=fact)
    assert not ServiceFact.all_records.filter(pk=fact.pk).exists()


def test_a_closed_month_is_corrected_by_reversal_and_its_numbers_stay(casework, catalogue):
    fact = record(casework, catalogue["free"], quantity=2)
    month = fact.period
    facts = ServiceFact.objects.unscoped(reason="тест")
    closed_numbers = statistics.totals(statistics.in_period(facts, month, month))
    with pytest.raises(PermissionDenied):
        services.month_close(by=casework.specialist, unit=casework.a.support, month=month)
    services.month_close(by=casework.head, unit=casework.a.support, month=month)
    with pytest.raises(DomainError, match="уже закрыт"):
        services.month_close(by=casework.head, unit=casework.a.support, month=month)
    with pytest.raises(DomainError, match="сторно"):
        services.fact_update(by=casework.specialist, fact=fact, expected_version=1, quantity=1)
    with pytest.raises(DomainError, match="сторно"):
        services.fact_delete(by=casework.specialist, fact=fact)
    reversal, corrected = services.fact_correct(
        by=casework.specialist,
        fact=fact,
        reason="внесено два раза вместо одного",
        quantity=1,
        provided_on=fact.provided_on,
    )
    current = month_start(timezone.localdate())
    assert reversal.quantity == -2 and reversal.reverses_id == fact.pk
    assert reversal.period == current and corrected.period == current
    assert corrected.provided_on == fact.provided_on
    fact.refresh_from_db()
    assert fact.quantity == 2  # the original stands as it was
    after = statistics.totals(statistics.in_period(facts, month, month))
    assert after == closed_numbers
    now = statistics.totals(statistics.in_period(facts, current, current))
    assert now.services == -1  # -2 reversed, +1 corrected
    with pytest.raises(DomainError, match="уже сторнирован"):
        services.fact_reverse(by=casework.specialist, fact=fact, reason="ещё раз")
    with pytest.raises(DomainError, match="не сторнируется"):
        services.fact_reverse(by=casework.specialist, fact=reversal, reason="ещё раз")


def test_a_late_fact_of_a_closed_month_counts_in_the_open_one(casework, catalogue):
    services.month_close(by=casework.head, unit=casework.a.support, month=last_month())
    late = record(casework, catalogue["free"])
    assert late.period == month_start(timezone.localdate())
    assert MonthClosure.objects.count() == 1


def test_the_current_month_cannot_be_closed(casework):
    with pytest.raises(DomainError, match="прошедший"):
        services.month_close(by=casework.head, unit=casework.a.support, month=timezone.localdate())


def test_a_day_is_recorded_whole_or_not_at_all(casework, catalogue):
    lines = [
        services.FactLine(person=casework.person, service=catalogue["free"], quantity=2),
        services.FactLine(person=None, service=catalogue["free"]),
    ]
    with pytest.raises(DomainError, match="Строка 2"):
        services.facts_record_day(
            by=casework.specialist,
            unit=casework.a.support,
            provided_on=timezone.localdate(),
            lines=lines,
        )
    assert not ServiceFact.objects.unscoped(reason="тест").exists()
    facts = services.facts_record_day(
        by=casework.specialist,
        unit=casework.a.support,
        provided_on=timezone.localdate(),
        lines=lines[:1],
    )
    assert [f.quantity for f in facts] == [2]


def test_the_statistics_count_persons_once_and_reversed_ones_not(casework, catalogue):
    first = record(casework, catalogue["free"], quantity=2)
    record(casework, catalogue["paid"])
    record(casework, catalogue["call"], person=None, basis=Basis.CALL)
    facts = ServiceFact.objects.unscoped(reason="тест")
    month = first.period
    numbers = statistics.totals(statistics.in_period(facts, month, month))
    assert (numbers.recipients, numbers.services) == (1, 4)
    by_kind = {row.key: row for row in statistics.breakdown(facts, "kind")}
    assert by_kind["household"].services == 2
    services.fact_reverse(by=casework.specialist, fact=first, reason="ошибка")
    numbers = statistics.totals(statistics.in_period(facts, month, month))
    assert numbers.services == 2 and numbers.recipients == 1
