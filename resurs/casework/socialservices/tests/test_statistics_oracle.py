"""The statistics' numbers (SOC-10) against an oracle written over the facts in Python, and
their query count: one query for the totals and one per breakdown, whatever the number of
facts (the benchmark of issue 14, item 10, times the same calls on 10,000,000 facts)."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone as django_timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resurs.casework.conftest import make_person
from resurs.casework.socialservices import services, statistics, tallies
from resurs.casework.socialservices.models import (
    Service,
    ServiceFact,
    ServiceForm,
    ServiceKind,
    Tariff,
)
from resurs.kernel.writes.errors import DomainError

TODAY = datetime.date(2025, 5, 14)
MONTHS = (datetime.date(2025, 3, 1), datetime.date(2025, 4, 1), datetime.date(2025, 5, 1))
# The target groups are a person's, not a fact's field: test_statistics.py checks them.
DIMENSIONS = tuple(d for d in statistics.DIMENSIONS if d != "target_group")
TALLIED = tuple(tallies.FIELDS)


@pytest.fixture
def region(casework, monkeypatch):
    """The case-work world on 14.05.2025 with two services (a free one and a paid one with a
    tariff), three persons of «КЦСОН А» and its two units."""
    moment = datetime.datetime(2025, 5, 14, 11, tzinfo=zoneinfo.ZoneInfo(django_settings.TIME_ZONE))
    monkeypatch.setattr(django_timezone, "now", lambda: moment)
    w = casework
    w.free = Service.objects.create(
        code="1.01",
        name="Консультация",
        kind=ServiceKind.HOUSEHOLD,
        form=ServiceForm.HOME,
        allows_anonymous=True,
    )
    w.paid = Service.objects.create(
        code="2.01",
        name="Массаж",
        kind=ServiceKind.MEDICAL,
        form=ServiceForm.SEMI_STATIONARY,
        is_paid=True,
    )
    Tariff.objects.create(
        service=w.paid, valid_from=datetime.date(2024, 1, 1), price=Decimal("150.50")
    )
    w.persons = [
        w.person,
        make_person(w.a.support, w.a.districts[1], last_name="Петров", first_name="Иван"),
        make_person(w.a.psychology, None, last_name="Кузнецова", first_name="Анна"),
    ]
    w.units = [w.a.support, w.a.psychology]
    return w


def _facts(w):
    return ServiceFact.objects.visible_to(w.provider)


def oracle(rows, reversed_ids, dimension=None):
    """The module docstring of statistics.py, in Python over the facts' rows: a fact
    reversed in its own accounting month makes no recipient (one reversed after its month
    was closed still does, in that month)."""
    field = statistics.DIMENSIONS[dimension].field if dimension else None
    groups: dict = {}
    for r in rows:
        key = r[field] if field else None
        persons, services_, cost = groups.get(key, (set(), 0, Decimal("0")))
        if r["quantity"] > 0 and r["person_id"] and r["id"] not in reversed_ids:
            persons = persons | {r["person_id"]}
        groups[key] = (persons, services_ + r["quantity"], cost + r["quantity"] * r["price"])
    found = {k: (len(p), s, c) for k, (p, s, c) in groups.items()}
    return found.get(None, (0, 0, Decimal("0"))) if dimension is None else found


def ours(facts, dimension=None):
    if dimension is None:
        t = statistics.totals(facts)
        return (t.recipients, t.services, t.cost)
    return {
        r.key: (r.recipients, r.services, r.cost) for r in statistics.breakdown(facts, dimension)
    }


def _record(w, person: int, paid: bool, day: int, quantity: int):
    """A service on 01.03.2025 + ``day``: to person 0–2 by their unit, or anonymous (3)."""
    recipient = w.persons[person] if person < len(w.persons) else None
    return services.fact_record(
        by=w.provider,
        unit=w.units[1] if recipient is None else recipient.unit,
        service=w.free if recipient is None or not paid else w.paid,
        provided_on=MONTHS[0] + datetime.timedelta(days=day),
        person=recipient,
        quantity=quantity,
    )


STEP = st.one_of(
    st.tuples(
        st.just("record"),
        st.integers(0, 3),  # person (3: anonymous)
        st.booleans(),  # the paid service
        st.integers(0, 74),  # day from 01.03.2025 to 14.05.2025
        st.integers(1, 5),  # quantity
    ),
    st.tuples(st.just("reverse"), st.integers(0, 50)),
    st.tuples(st.just("update"), st.integers(0, 50), st.integers(0, 74), st.integers(1, 5)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("close"), st.integers(0, 1), st.integers(0, 1)),  # unit, month
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(STEP, max_size=14))
def test_the_numbers_agree_with_the_facts_after_any_records_reversals_and_closures(region, steps):
    w = region
    with transaction.atomic():
        for step in steps:
            try:
                if step[0] == "record":
                    _record(w, *step[1:])
                elif step[0] == "reverse":
                    standing = list(
                        ServiceFact.all_records.filter(
                            reverses__isnull=True, reversed_by__isnull=True
                        ).order_by("pk")
                    )
                    if standing:
                        fact = standing[step[1] % len(standing)]
                        services.fact_reverse(by=w.provider, fact=fact, reason="ошибка ввода")
                elif step[0] in ("update", "delete"):
                    facts = list(ServiceFact.all_records.order_by("pk"))
                    if facts:
                        fact = facts[step[1] % len(facts)]
                        if step[0] == "delete":
                            services.fact_delete(by=w.provider, fact=fact)
                        else:
                            services.fact_update(
                                by=w.provider,
                                fact=fact,
                                expected_version=fact.version,
                                provided_on=MONTHS[0] + datetime.timedelta(days=step[2]),
                                quantity=step[3],
                            )
                else:
                    services.month_close(
                        by=w.provider, unit=w.units[step[1]], month=MONTHS[step[2]]
                    )
            except DomainError:
                pass
        rows = list(ServiceFact.all_records.values())
        period_of = {r["id"]: r["period"] for r in rows}
        reversed_ids = {
            r["reverses_id"]
            for r in rows
            if r["reverses_id"] and r["period"] == period_of[r["reverses_id"]]
        }
        for start, end in (
            (MONTHS[0], datetime.date(2025, 5, 31)),
            (MONTHS[1], datetime.date(2025, 4, 30)),
            (MONTHS[2], datetime.date(2025, 5, 31)),
        ):
            chosen = [r for r in rows if start <= r["period"] <= end]
            facts = statistics.in_period(_facts(w), start, end)
            assert ours(facts) == oracle(chosen, reversed_ids)
            for dimension in DIMENSIONS:
                assert ours(facts, dimension) == oracle(chosen, reversed_ids, dimension), dimension
        for month in MONTHS:
            assert_tally_agrees(w, month)
        transaction.set_rollback(True)


def assert_tally_agrees(w, month):
    """The tally of a month (tallies.py) says what the facts say (statistics.py)."""
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    facts = statistics.in_period(_facts(w), month, end)
    org = [w.a.organisation.pk]
    assert statistics.month_totals(month, org) == statistics.totals(facts)
    assert statistics.month_totals(month) == statistics.totals(facts)
    for dimension in TALLIED:
        expected = [r for r in statistics.breakdown(facts, dimension) if r.services or r.recipients]
        assert statistics.month_breakdown(month, dimension, org) == expected, dimension


def test_a_reversed_fact_s_person_is_no_recipient_and_the_reversal_lowers_the_services(region):
    w = region
    first = _record(w, 0, False, 10, 3)
    _record(w, 1, True, 11, 2)
    services.fact_reverse(by=w.provider, fact=first, reason="не оказывалась")
    totals = statistics.totals(statistics.in_period(_facts(w), MONTHS[0], MONTHS[0]))
    assert totals == statistics.Totals(recipients=1, services=2, cost=Decimal("301.00"))


@pytest.mark.parametrize("facts", [2, 20])
def test_the_totals_and_each_breakdown_are_one_query_whatever_the_number_of_facts(
    region, django_assert_num_queries, facts
):
    w = region
    for n in range(facts):
        fact = _record(w, n % 4, n % 2 == 0, n % 70, 1 + n % 4)
        if n % 7 == 3:
            services.fact_reverse(by=w.provider, fact=fact, reason="ошибка ввода")
    period = statistics.in_period(_facts(w), MONTHS[0], datetime.date(2025, 5, 31))
    with django_assert_num_queries(1 + len(DIMENSIONS)):
        statistics.totals(period)
        for dimension in DIMENSIONS:
            statistics.breakdown(period, dimension)
    # The benchmark's scenario: the totals and three breakdowns of a month.
    month = statistics.in_period(_facts(w), MONTHS[1], datetime.date(2025, 4, 30))
    with django_assert_num_queries(4):
        statistics.totals(month)
        for dimension in ("unit", "kind", "form"):
            statistics.breakdown(month, dimension)


def test_keeping_the_tally_costs_a_fact_record_the_same_queries_however_many_facts(region):
    w = region
    counts = []
    for n in range(4):
        with CaptureQueriesContext(connection) as captured:
            _record(w, n % 3, n % 2 == 0, n, 1)
        counts.append(
            sum("socialservices_statisticstally" in q["sql"] for q in captured.captured_queries)
        )
    # The month locked (insert if missing, select for update), the cells inserted if missing,
    # one update per cell: the totals and seven dimensions.
    assert counts == [11] * 4
