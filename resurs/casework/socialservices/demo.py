"""Demo service facts of БУ «Пыть-Яхский КЦСОН» (issue 14, item 8): a year of services of the
social-support and psychological units — each district's specialist serving the persons of
their district on working days, the psychologist the persons referred to psychological help,
anonymous helpline calls — with the month before last closed by the head and one fact of it
corrected by reversal and a new fact.

The year's facts are written in bulk (tens of thousands of rows of a demo load, without an
audit entry per row); the closure, the reversal and the correction go through
the services like any user's. Loading twice changes nothing; the random data come from a
fixed seed. Loads the shipped catalogue first; needs the units' demo.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.models import Person
from resurs.casework.socialservices import services, tallies
from resurs.casework.socialservices.models import (
    Basis,
    Payment,
    Service,
    ServiceFact,
    ServiceKind,
    month_start,
)
from resurs.casework.socialservices.shipped import load_catalogue
from resurs.casework.units.models import DistrictAssignment, Unit, UnitStaff
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.workcalendar.deadlines import is_working_day

SEED = 14
DAYS = 365
BATCH = 2000
# services a specialist gives a person on a visit, by kind, with their weights
SUPPORT_KINDS = {
    ServiceKind.LEGAL: 4,
    ServiceKind.PEDAGOGICAL: 3,
    ServiceKind.HOUSEHOLD: 3,
    ServiceKind.LABOUR: 1,
    ServiceKind.MEDICAL: 1,
}
READ = "the demo load of service facts"


def _working_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days, day = [], start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def _by_kind(kinds) -> dict[str, list[Service]]:
    found: dict[str, list[Service]] = {}
    for service in Service.objects.filter(is_active=True, kind__in=kinds).prefetch_related(
        "tariffs"
    ):
        found.setdefault(service.kind, []).append(service)
    return found


def _fact(service: Service, day, unit, person, specialist_id, basis, rng) -> ServiceFact:
    tariffs = sorted(service.tariffs.all(), key=lambda t: t.valid_from, reverse=True)
    price = next((t.price for t in tariffs if t.valid_from <= day), Decimal("0"))
    quantity = 1 if rng.random() < 0.85 else 2
    payment, amount = Payment.FREE, Decimal("0")
    if service.is_paid and price:
        payment, amount = Payment.PAID, price * quantity
    return ServiceFact(
        organisation_id=unit.organisation_id,
        unit=unit,
        district_id=person.district_id if person else None,
        specialist_id=specialist_id,
        person=person,
        service=service,
        service_code=service.code,
        service_kind=service.kind,
        service_form=service.form,
        price=price,
        provided_on=day,
        period=month_start(day),
        quantity=quantity,
        basis=basis,
        payment=payment,
        amount=amount,
        recorded_by_id=specialist_id,
    )


@transaction.atomic
def load_demo_data() -> None:
    load_catalogue()
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None:
        return
    support = Unit.objects.filter(organisation=organisation, kind__code="social_support").first()
    psychology = Unit.objects.filter(organisation=organisation, kind__code="psychological").first()
    if support is None or ServiceFact.all_records.filter(organisation=organisation).exists():
        return
    kinds = _by_kind([*SUPPORT_KINDS, ServiceKind.PSYCHOLOGICAL, ServiceKind.URGENT])
    if not any(kinds.get(kind) for kind in SUPPORT_KINDS):
        return
    rng = random.Random(SEED)  # noqa: S311 — demo data, not secrets
    today = timezone.localdate()
    days = _working_days(today - datetime.timedelta(days=DAYS), today)
    persons = list(
        Person.objects.unscoped(reason=READ)
        .filter(unit=support, district__isnull=False)
        .order_by("id")
    )
    by_district: dict[int, list[Person]] = {}
    for person in persons:
        by_district.setdefault(person.district_id, []).append(person)
    workers = {
        a.district_id: a.membership.user_id
        for a in DistrictAssignment.objects.current(today)
        .filter(district__unit=support)
        .select_related("membership")
    }
    psychologist = (
        UnitStaff.objects.current(today)
        .filter(unit=psychology)
        .values_list("membership__user_id", flat=True)
        .first()
        if psychology
        else None
    )
    kind_names = [k for k in SUPPORT_KINDS if kinds.get(k)]
    weights = [SUPPORT_KINDS[k] for k in kind_names]
    facts: list[ServiceFact] = []
    for day in days:
        for district_id, specialist_id in workers.items():
            people = by_district.get(district_id) or []
            for person in rng.sample(people, min(len(people), rng.randint(9, 16))):
                for kind in set(rng.choices(kind_names, weights, k=rng.randint(1, 3))):
                    service = rng.choice(kinds[kind])
                    facts.append(
                        _fact(service, day, support, person, specialist_id, Basis.URGENT, rng)
                    )
        if psychology and psychologist and kinds.get(ServiceKind.PSYCHOLOGICAL):
            for person in rng.sample(persons, min(len(persons), rng.randint(1, 4))):
                service = rng.choice(kinds[ServiceKind.PSYCHOLOGICAL])
                facts.append(
                    _fact(service, day, psychology, person, psychologist, Basis.URGENT, rng)
                )
        anonymous = [s for s in kinds.get(ServiceKind.URGENT, []) if s.allows_anonymous]
        if anonymous and psychologist:
            unit = psychology or support
            facts.extend(
                _fact(rng.choice(anonymous), day, unit, None, psychologist, Basis.CALL, rng)
                for _ in range(rng.randint(0, 3))
            )
        if len(facts) >= BATCH:
            ServiceFact.all_records.bulk_create(facts)
            facts = []
    ServiceFact.all_records.bulk_create(facts)
    # the bulk load bypassed the services: the month's numbers are counted again once
    tallies.rebuild(ServiceFact.all_records.filter(organisation=organisation))
    _close_and_correct(support, today)


def _close_and_correct(support: Unit, today: datetime.date) -> None:
    """The month before last closed by the head, one of its facts corrected by reversal."""
    before_last = month_start(
        month_start(month_start(today) - datetime.timedelta(days=1)) - datetime.timedelta(days=1)
    )
    head = (
        UnitStaff.objects.current(today)
        .filter(unit=support, membership__role=Role.HEAD)
        .select_related("membership")
        .first()
    )
    by = head.membership if head else None
    services.month_close(by=by, unit=support, month=before_last)
    fact = (
        ServiceFact.objects.unscoped(reason=READ)
        .filter(unit=support, period=before_last, person__isnull=False, quantity=2)
        .order_by("id")
        .first()
    )
    if fact is None:
        return
    specialist = (
        UnitStaff.objects.current(today)
        .filter(unit=support, membership__user_id=fact.specialist_id)
        .select_related("membership")
        .first()
    )
    services.fact_correct(
        by=specialist.membership if specialist else None,
        fact=fact,
        reason="Услуга оказана один раз, внесена как две",
        quantity=1,
        provided_on=fact.provided_on,
    )
