"""The register of recipients of social services (442-FZ art. 25; SPEC SOC-11), derived from
the data: nothing in it is typed a second time.

A row is a recipient who received at least one service of the institution in the period:
the person of the data bank (full name, СНИЛС, birth date), the ИППСУ (its approval date and
term: the latest «support» plan approved by the end of the period), the date of the contract,
the forms of service and the services received (how many, by code). The facts counted are
those that stand — a reversed fact and its reversal («сторно») cancel each other — by the date
the service was given (``provided_on``), not the accounting month: the register says what a
person received and when.

The system keeps no record of the contract on social services (442-FZ art. 17), so its date
is derived and the page says how (`CONTRACT_LEGEND`):

* a recipient with an ИППСУ — the ИППСУ's approval date: the contract is concluded within a
  day of the ИППСУ being presented to the provider (art. 17 p. 1);
* without an ИППСУ — the date of the first service the institution gave them on another
  basis than an urgent one (a rental, a paid or additional service is given under a contract
  made no later than that day);
* only urgent services — no contract: they are given without an ИППСУ and a contract
  (art. 21), and the row says so.

Facts are personal data: everything is read through ``visible_to`` (the data bank's rule), so
the register of a head is that of their units, of an institution its own, of the УСЗН its
territory's.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.db.models import Max, Min, QuerySet, Sum

from resurs.casework.citizens.models import Person
from resurs.casework.plans.models import Plan, PlanKind, PlanStatus
from resurs.casework.socialservices.models import Basis, ServiceFact, ServiceForm

CONTRACT_LEGEND = (
    "Дата договора о предоставлении социальных услуг определяется по данным системы "
    "(отдельного учёта договоров в ней нет): при наличии ИППСУ — дата её утверждения "
    "(договор заключается в течение суток с даты представления ИППСУ поставщику, "
    "ч. 1 ст. 17 Федерального закона № 442-ФЗ); без ИППСУ — дата первой услуги, оказанной "
    "учреждением не в срочном порядке; срочные социальные услуги предоставляются без "
    "договора (ст. 21 того же закона)."
)
NO_CONTRACT = "не заключается: только срочные услуги"
# Facts given without a contract (442-FZ art. 21: urgent services; a call to the helpline).
WITHOUT_CONTRACT = (Basis.URGENT, Basis.CALL)
FORM_LABELS = dict(ServiceForm.choices)
MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip


@dataclass(frozen=True)
class RegisterFilter:
    """The register's period (a month or a whole year) and its filters, none of them
    personal; ``person_ids`` narrows it to the persons a POSTed search found."""

    year: int
    month: int | None = None
    organisation_id: int | None = None
    unit_id: int | None = None
    form: str = ""
    person_ids: frozenset[int] | None = None

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, 1)

    @property
    def ends_on(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        if self.month:
            return f"{MONTHS[self.month - 1]} {self.year} г."
        return f"{self.year} год"


@dataclass
class RegisterRow:
    number: int
    person: Person
    services: int
    first_on: datetime.date
    last_on: datetime.date
    forms: list[str] = field(default_factory=list)
    codes: list[tuple[str, int]] = field(default_factory=list)
    plan: Plan | None = None
    contract_on: datetime.date | None = None

    @property
    def contract_text(self) -> str:
        return f"{self.contract_on:%d.%m.%Y}" if self.contract_on else NO_CONTRACT

    @property
    def plan_text(self) -> str:
        if self.plan is None or self.plan.approved_on is None:
            return "нет"
        text = f"утверждена {self.plan.approved_on:%d.%m.%Y}"
        if self.plan.starts_on or self.plan.ends_on:
            start = f"{self.plan.starts_on:%d.%m.%Y}" if self.plan.starts_on else "…"
            end = f"{self.plan.ends_on:%d.%m.%Y}" if self.plan.ends_on else "…"
            text += f", срок {start} – {end}"
        return text

    @property
    def codes_text(self) -> str:
        return ", ".join(f"{code} × {count}" for code, count in self.codes)


def facts_in_register(who, filters: RegisterFilter) -> QuerySet[ServiceFact]:
    """The facts that stand, of known recipients, given in the period, that ``who`` sees."""
    facts = (
        ServiceFact.objects.visible_to(who)
        .effective()
        .filter(
            person__isnull=False,
            provided_on__gte=filters.starts_on,
            provided_on__lte=filters.ends_on,
        )
    )
    if filters.organisation_id:
        facts = facts.filter(organisation_id=filters.organisation_id)
    if filters.unit_id:
        facts = facts.filter(unit_id=filters.unit_id)
    if filters.form:
        facts = facts.filter(service_form=filters.form)
    if filters.person_ids is not None:
        facts = facts.filter(person_id__in=filters.person_ids)
    return facts


def recipients(who, filters: RegisterFilter):
    """One row per recipient (``person_id``, services, first and last day), in the order of
    names: what the page paginates. The rest of a row comes from `rows`."""
    return (
        facts_in_register(who, filters)
        .order_by()
        .values("person_id")
        .annotate(
            services=Sum("quantity"),
            first_on=Min("provided_on"),
            last_on=Max("provided_on"),
            name=Min("person__name_key"),
        )
        .order_by("name", "person_id")
    )


def rows(who, filters: RegisterFilter, items: Sequence[dict], start: int = 1) -> list[RegisterRow]:
    """The register's rows for a page of `recipients`: four queries whatever the page size
    (the persons, their services by code and form, their ИППСУ, their first contract day)."""
    ids = [item["person_id"] for item in items]
    if not ids:
        return []
    persons = Person.objects.visible_to(who).in_bulk(ids)
    codes: dict[int, list[tuple[str, int]]] = defaultdict(list)
    forms: dict[int, list[str]] = defaultdict(list)
    for line in (
        facts_in_register(who, filters)
        .filter(person_id__in=ids)
        .order_by()
        .values("person_id", "service_code", "service_form")
        .annotate(count=Sum("quantity"))
        .order_by("person_id", "service_code")
    ):
        codes[line["person_id"]].append((line["service_code"], line["count"]))
        label = str(FORM_LABELS.get(line["service_form"], line["service_form"]))
        if label not in forms[line["person_id"]]:
            forms[line["person_id"]].append(label)
    plans: dict[int, Plan] = {}
    for plan in (
        Plan.objects.visible_to(who)
        .filter(
            person_id__in=ids,
            kind=PlanKind.SUPPORT,
            status__in=[PlanStatus.APPROVED, PlanStatus.CLOSED],
            approved_on__isnull=False,
            approved_on__lte=filters.ends_on,
        )
        .order_by("person_id", "-approved_on", "-id")
    ):
        plans.setdefault(plan.person_id, plan)
    first_contracted = dict(
        ServiceFact.objects.visible_to(who)
        .effective()
        .filter(person_id__in=ids, provided_on__lte=filters.ends_on)
        .exclude(basis__in=WITHOUT_CONTRACT)
        .order_by()
        .values("person_id")
        .annotate(first=Min("provided_on"))
        .values_list("person_id", "first")
    )
    result = []
    for number, item in enumerate(items, start=start):
        person_id = item["person_id"]
        person = persons.get(person_id)
        if person is None:  # not in the user's scope any more
            continue
        plan = plans.get(person_id)
        result.append(
            RegisterRow(
                number=number,
                person=person,
                services=item["services"] or 0,
                first_on=item["first_on"],
                last_on=item["last_on"],
                forms=forms[person_id],
                codes=codes[person_id],
                plan=plan,
                contract_on=plan.approved_on if plan else first_contracted.get(person_id),
            )
        )
    return result


def all_rows(who, filters: RegisterFilter, chunk: int = 500) -> Iterator[RegisterRow]:
    """Every row of the register, a chunk of recipients at a time (the XLSX export)."""
    items = list(recipients(who, filters))
    for offset in range(0, len(items), chunk):
        yield from rows(who, filters, items[offset : offset + chunk], start=offset + 1)
