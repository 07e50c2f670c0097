"""Reads of units, staff and social districts (SOC-1, SOC-2): every list and card starts from
``visible_to`` (the organisation rule: a unit and its districts are visible with their
institution). The head's board counts open cases through the cases' own scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from resurs.casework.units import norms
from resurs.casework.units.models import (
    PASSPORT_VALID_MONTHS,
    DistrictAssignment,
    DistrictPassport,
    PopulationNorm,
    SocialDistrict,
    Unit,
    UnitStaff,
    months_before,
    staff_units,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of

# Roles whose board («Участки отделения») shows units: the head its own, the provider all.
BOARD_ROLES = frozenset({Role.HEAD, Role.PROVIDER})


def units_visible_to(who) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(who)
        .select_related("kind", "organisation")
        .annotate(
            districts_count=Count(
                "districts", filter=Q(districts__closed_on__isnull=True), distinct=True
            ),
            staff_count=Count("staff", filter=Q(staff__ends_on__isnull=True), distinct=True),
        )
        .order_by("organisation__short_name", "kind__order", "name")
    )


def unit_for(who, pk: int) -> Unit:
    return Unit.objects.visible_to(who).select_related("kind", "organisation").get(pk=pk)


def unit_staff(unit: Unit) -> QuerySet[UnitStaff]:
    """The unit's staff, current first, then those who left."""
    return (
        UnitStaff.objects.filter(unit=unit)
        .select_related("membership__user")
        .order_by(
            F("ends_on").desc(nulls_first=True),
            "membership__user__last_name",
            "membership__user__first_name",
        )
    )


def with_norm(queryset: QuerySet[SocialDistrict], on: datetime.date) -> QuerySet[SocialDistrict]:
    """Each district with the norm of its kind of territory in force on ``on`` (annotations
    ``norm_minimum``, ``norm_maximum``, ``norm_basis``), read in the same query."""
    norm = PopulationNorm.objects.in_force(on).filter(kind=OuterRef("kind")).order_by("-valid_from")
    return queryset.annotate(
        norm_minimum=Subquery(norm.values("minimum")[:1]),
        norm_maximum=Subquery(norm.values("maximum")[:1]),
        norm_basis=Subquery(norm.values("basis")[:1]),
    )


def annotated_check(district: SocialDistrict) -> norms.NormCheck:
    """The norm check of a district read through ``with_norm``."""
    if district.norm_minimum is None:  # type: ignore[attr-defined]
        return norms.check(district.population, None)
    norm = PopulationNorm(
        kind=district.kind,
        minimum=district.norm_minimum,  # type: ignore[attr-defined]
        maximum=district.norm_maximum,  # type: ignore[attr-defined]
        basis=district.norm_basis,  # type: ignore[attr-defined]
    )
    return norms.check(district.population, norm)


def _with_passport(queryset: QuerySet[SocialDistrict]) -> QuerySet[SocialDistrict]:
    latest = DistrictPassport.objects.filter(district=OuterRef("pk")).order_by("-edition")
    return queryset.annotate(
        passport_on=Subquery(latest.values("compiled_on")[:1]),
        passport_edition=Subquery(latest.values("edition")[:1]),
    )


def districts_visible_to(who, *, today: datetime.date, unit: Unit | None = None):
    """Districts with the date of their latest passport and their current specialists."""
    queryset = SocialDistrict.objects.visible_to(who).select_related(
        "unit__organisation", "territory"
    )
    if unit is not None:
        queryset = queryset.filter(unit=unit)
    current = DistrictAssignment.objects.current(today).select_related("membership__user")
    return (
        _with_passport(queryset)
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
        .order_by("unit__organisation__short_name", "unit__name", "name")
    )


def district_for(who, pk: int) -> SocialDistrict:
    return _with_passport(
        SocialDistrict.objects.visible_to(who).select_related("unit__organisation", "territory")
    ).get(pk=pk)


def district_assignments(district: SocialDistrict) -> QuerySet[DistrictAssignment]:
    return (
        DistrictAssignment.objects.filter(district=district)
        .select_related("membership__user")
        .order_by(F("ends_on").desc(nulls_first=True), "-starts_on")
    )


def district_passports(district: SocialDistrict) -> QuerySet[DistrictPassport]:
    return (
        DistrictPassport.objects.filter(district=district)
        .select_related("author")
        .prefetch_related("partners")
        .order_by("-edition")
    )


def passport_date(district: SocialDistrict) -> datetime.date | None:
    """The date of the district's latest passport, read by ``districts_visible_to``."""
    return getattr(district, "passport_on", None)


def passport_outdated(passport_on: datetime.date | None, today: datetime.date) -> bool:
    """002 §3.2.9: no passport, or its last update is older than six months."""
    return passport_on is None or passport_on < months_before(today, PASSPORT_VALID_MONTHS)


def board_units(who) -> QuerySet[Unit]:
    """The units on the user's board: a head's own units, a provider's institution's."""
    scope = scope_of(who)
    if scope is None or scope.role not in BOARD_ROLES:
        return Unit.objects.none()
    units = Unit.objects.visible_to(scope).active()
    if scope.role == Role.HEAD:
        return units.filter(pk__in=staff_units(scope))
    return units.filter(organisation_id=scope.organisation_id)


@dataclass
class Board:
    units: list
    outside_norm: list
    outdated: list
    overloaded: list
    norms: dict

    @property
    def empty(self) -> bool:
        return not (self.outside_norm or self.outdated or self.overloaded)


def open_caseload(request, units) -> QuerySet[UnitStaff]:
    """Current staff of ``units`` with their open cases in the unit (``open_cases``): one query.

    The cases are counted through the cases' own scope, so the board counts only what the
    user may see.
    """
    case_model = apps.get_model("cases", "Case")
    cases = (
        case_model.objects.visible_to(request)
        .filter(closed_on__isnull=True, specialist_id=OuterRef("membership__user_id"))
        .filter(unit_id=OuterRef("unit_id"))
        .order_by()
        .values("specialist_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        UnitStaff.objects.current()
        .filter(unit__in=units)
        .select_related("membership__user", "unit")
        .annotate(open_cases=Coalesce(Subquery(cases), 0))
        .order_by("unit__name", "membership__user__last_name")
    )


def board(request, today: datetime.date) -> Board:
    """The head's page «Участки отделения»: districts outside their norm, districts whose
    passport is outdated or missing, specialists over the unit's caseload limit. A fixed
    number of queries whatever the number of districts, staff and cases."""
    units = list(board_units(request).select_related("kind"))
    norms_by_kind = norms.norms_in_force(today)
    districts = list(
        districts_visible_to(request, today=today)
        .filter(unit__in=units, closed_on__isnull=True)
        .prefetch_related(None)
    )
    outside = [
        (d, norms.check_district(d, norms_by_kind))
        for d in districts
        if norms.check_district(d, norms_by_kind).outside
    ]
    outdated = [d for d in districts if passport_outdated(d.passport_on, today)]
    overloaded = list(
        open_caseload(request, units).filter(
            open_cases__gt=F("unit__caseload_limit")  # type: ignore[misc]  # an annotation
        )
    )
    return Board(units, outside, outdated, overloaded, norms_by_kind)
