"""Reads of the catalogue and the service facts (SOC-10, SOC-11). Facts are personal data and
are read through the data bank's rule (`citizens.access`): a specialist sees the facts of
their districts and those they gave, a head those of their units, the institution all of
its own, the УСЗН those of its territory; region-wide roles only the facts of a person they
opened with a stated reason (their numbers come from the statistics)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from resurs.casework.citizens.models import Person, TargetGroupMembership
from resurs.casework.socialservices.models import MonthClosure, Service, ServiceFact
from resurs.casework.units.models import SocialDistrict, Unit, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of

PICKER_LIMIT = 20


@dataclass(frozen=True)
class FactFilter:
    """The filters of the facts list — also the drill-down of the statistics (the same
    names in the query string)."""

    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    unit_id: int | None = None
    district_id: int | None = None
    specialist_id: int | None = None
    person_id: int | None = None
    case_id: int | None = None
    service_id: int | None = None
    kind: str = ""
    form: str = ""
    payment: str = ""
    basis: str = ""
    target_group_id: int | None = None
    text: str = ""
    reversals_only: bool = False


@dataclass(frozen=True)
class CatalogueFilter:
    """The filters of the catalogue (SOC-11): nothing personal, so they may be in the URL."""

    text: str = ""
    kind: str = ""
    form: str = ""
    paid: bool | None = None
    active: bool | None = None


def catalogue(
    *,
    text: str = "",
    kind: str = "",
    form: str = "",
    active_only: bool = False,
    filters: CatalogueFilter | None = None,
) -> QuerySet[Service]:
    """The regional list of services (not personal data: every reader sees all of it), with
    the tariffs prefetched: a page of the list costs the same few queries at any length."""
    filters = filters or CatalogueFilter(
        text=text, kind=kind, form=form, active=True if active_only else None
    )
    services = Service.objects.prefetch_related("tariffs")
    text = " ".join(filters.text.split())
    if text:
        # Codes are kept in capitals; SQLite folds the case of Latin letters only.
        services = services.filter(Q(code__startswith=text.upper()) | Q(name__icontains=text))
    if filters.kind:
        services = services.filter(kind=filters.kind)
    if filters.form:
        services = services.filter(form=filters.form)
    if filters.paid is not None:
        services = services.filter(is_paid=filters.paid)
    if filters.active is not None:
        services = services.filter(is_active=filters.active)
    return services.order_by("code")


def service_for(pk: int) -> Service:
    """One service of the list with its tariffs, newest first (404 when there is none)."""
    return get_object_or_404(Service.objects.prefetch_related("tariffs"), pk=pk)


def tariffs_of(service: Service) -> list:
    """The service's tariffs, newest first, each with the day it ended (the next one's start)."""
    tariffs = sorted(service.tariffs.all(), key=lambda t: t.valid_from, reverse=True)
    ended = None
    for tariff in tariffs:
        tariff.valid_to = (  # type: ignore[attr-defined]
            ended - datetime.timedelta(days=1) if ended else None
        )
        ended = tariff.valid_from
    return tariffs


def service_choices():
    return Service.objects.filter(is_active=True).order_by("code")


def facts_visible_to(who, filters: FactFilter | None = None) -> QuerySet[ServiceFact]:
    filters = filters or FactFilter()
    facts = ServiceFact.objects.visible_to(who)
    if filters.period_from:
        facts = facts.filter(period__gte=filters.period_from.replace(day=1))
    if filters.period_to:
        facts = facts.filter(period__lte=filters.period_to)
    for name, value in (
        ("unit_id", filters.unit_id),
        ("district_id", filters.district_id),
        ("specialist_id", filters.specialist_id),
        ("person_id", filters.person_id),
        ("case_id", filters.case_id),
        ("service_id", filters.service_id),
        ("service_kind", filters.kind),
        ("service_form", filters.form),
        ("payment", filters.payment),
        ("basis", filters.basis),
    ):
        if value:
            facts = facts.filter(**{name: value})
    if filters.target_group_id:
        members = TargetGroupMembership.all_records.filter(
            group_id=filters.target_group_id, person__isnull=False
        ).values("person_id")
        facts = facts.filter(person_id__in=members)
    if filters.text:
        facts = facts.filter(
            Q(service_code__istartswith=filters.text) | Q(service__name__icontains=filters.text)
        )
    if filters.reversals_only:
        facts = facts.filter(reverses__isnull=False)
    return facts.select_related(
        "service", "unit", "district", "specialist", "person", "reverses"
    ).order_by("-provided_on", "-id")


def fact_for(who, pk: int) -> ServiceFact:
    return get_object_or_404(
        ServiceFact.objects.visible_to(who).select_related(
            "service", "unit", "organisation", "district", "specialist", "person", "reverses"
        ),
        pk=pk,
    )


def reversal_of(fact: ServiceFact) -> ServiceFact | None:
    return ServiceFact.all_records.filter(reverses=fact).first()


def work_units(who) -> QuerySet[Unit]:
    """The units a user records services in: a head's or specialist's own, the provider's
    every unit of the institution."""
    scope = scope_of(who)
    if scope is None or scope.role not in {Role.HEAD, Role.SPECIALIST, Role.PROVIDER}:
        return Unit.objects.none()
    units = Unit.objects.filter(organisation_id=scope.organisation_id, closed_on__isnull=True)
    if scope.role != Role.PROVIDER:
        units = units.filter(pk__in=staff_units(scope))
    return units.select_related("kind").order_by("kind__order", "name")


def closing_units(who) -> QuerySet[Unit]:
    """The units whose months the user closes: a head's own, the provider's every one."""
    scope = scope_of(who)
    if scope is None or scope.role not in {Role.HEAD, Role.PROVIDER}:
        return Unit.objects.none()
    return work_units(who)


def filter_units(who) -> QuerySet[Unit]:
    scope = scope_of(who)
    if scope is None:
        return Unit.objects.none()
    if scope.role == Role.USZN and scope.territory_id:
        return Unit.objects.filter(organisation__territory_id=scope.territory_id).order_by(
            "organisation__short_name", "name"
        )
    if scope.role in {Role.HEAD, Role.SPECIALIST, Role.PROVIDER}:
        return Unit.objects.filter(organisation_id=scope.organisation_id).order_by("name")
    return Unit.objects.none()


def filter_districts(who) -> QuerySet[SocialDistrict]:
    return SocialDistrict.objects.filter(unit__in=filter_units(who)).order_by("unit__name", "name")


def persons_visible(who):
    return Person.objects.visible_to(who)


def person_search(who, text: str) -> list[Person]:
    """Persons of the data bank the user sees whose surname starts with ``text`` (the
    picker posts the text: a name never goes into a URL)."""
    text = (text or "").strip()
    if len(text) < 2 or any(ord(ch) < 32 for ch in text):
        return []
    return list(persons_visible(who).by_name_start(text)[:PICKER_LIMIT])


def closures(units) -> QuerySet[MonthClosure]:
    return MonthClosure.objects.filter(unit__in=units).select_related("unit", "closed_by")


def closed_months(unit_id: int) -> set[datetime.date]:
    return set(MonthClosure.objects.filter(unit_id=unit_id).values_list("month", flat=True))


def recent_recipients(who, unit: Unit, day: datetime.date, days: int, limit: int) -> list[Person]:
    """The persons the user (a specialist: they themselves; a head or the institution: the
    unit) gave services to in the ``days`` before ``day`` — the usual rows of their day."""
    scope = scope_of(who)
    facts = ServiceFact.objects.visible_to(who).filter(
        unit=unit,
        provided_on__range=(day - datetime.timedelta(days=days), day),
        person__isnull=False,
        quantity__gt=0,
    )
    if scope is not None and scope.role == Role.SPECIALIST:
        facts = facts.filter(specialist_id=scope.user_id)
    ids = list(facts.order_by().values_list("person_id", flat=True).distinct()[:limit])
    return list(persons_visible(who).filter(pk__in=ids).order_by("name_key", "pk"))


def day_counts(
    who, unit: Unit, day: datetime.date, person_ids: list[int], service_ids: list[int]
) -> dict[tuple[int, int], int]:
    """How many of each service each person already has on ``day`` in the unit."""
    if not person_ids or not service_ids:
        return {}
    rows = (
        ServiceFact.objects.visible_to(who)
        .filter(unit=unit, provided_on=day, person_id__in=person_ids, service_id__in=service_ids)
        .order_by()
        .values_list("person_id", "service_id")
        .annotate(total=Sum("quantity"))
    )
    return {(p, s): total for p, s, total in rows if total}
