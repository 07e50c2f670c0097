"""X-4: the endpoints of units and social districts (SOC-1, SOC-2), read-only; every query
goes through the selectors' scope (a unit and its districts are visible with their
institution: another institution's is 404). Lists are paginated (?page, ?page_size)."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from resurs.casework.units import selectors
from resurs.casework.units.models import DistrictKind, Position, Unit
from resurs.kernel.organisations.api import Page

router = Router(tags=["Отделения и участки"])


class UnitOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(alias="organisation.short_name")
    kind: str = Field(alias="kind.code")
    kind_name: str = Field(alias="kind.name")
    name: str
    daily_capacity: int = Field(description="Пропускная способность, человек в день (002 п. 1.13)")
    caseload_limit: int = Field(description="Открытых случаев на специалиста")
    phone: str
    address: str
    closed_on: date | None
    version: int


class StaffOut(Schema):
    id: int
    membership_id: int
    name: str
    position: Position
    starts_on: date
    ends_on: date | None

    @staticmethod
    def resolve_name(obj):
        return str(obj.membership.user)


class UnitDetailOut(UnitOut):
    staff: list[StaffOut] = Field(description="Штат: сначала работающие, затем завершившие")

    @staticmethod
    def resolve_staff(obj):
        return list(selectors.unit_staff(obj))


class NormCheckOut(Schema):
    status: str = Field(description="within, below, above или no_norm")
    label: str
    minimum: int | None
    maximum: int | None
    basis: str = Field(description="Акт, установивший норматив")


class AssignmentOut(Schema):
    id: int
    district_id: int
    membership_id: int
    name: str
    starts_on: date
    ends_on: date | None

    @staticmethod
    def resolve_name(obj):
        return str(obj.membership.user)


class DistrictOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    organisation_id: int = Field(alias="unit.organisation_id")
    name: str
    territory_id: int
    territory_name: str = Field(alias="territory.name")
    kind: DistrictKind
    bounds: str
    population: int
    population_as_of: date
    passport_compiled_on: date | None = Field(alias="passport_on")
    passport_outdated: bool = Field(description="Паспорт старше шести месяцев или его нет")
    norm: NormCheckOut
    closed_on: date | None
    version: int

    @staticmethod
    def resolve_passport_outdated(obj):
        return selectors.passport_outdated(obj.passport_on, timezone.localdate())

    @staticmethod
    def resolve_norm(obj):
        check = selectors.annotated_check(obj)
        return {
            "status": str(check.status),
            "label": check.label,
            "minimum": check.norm.minimum if check.norm else None,
            "maximum": check.norm.maximum if check.norm else None,
            "basis": check.norm.basis if check.norm else "",
        }


class DistrictDetailOut(DistrictOut):
    assignments: list[AssignmentOut] = Field(description="Закрепления, действующие первыми")

    @staticmethod
    def resolve_assignments(obj):
        return list(selectors.district_assignments(obj))


def _districts(request):
    today = timezone.localdate()
    return selectors.with_norm(selectors.districts_visible_to(request, today=today), today)


@router.get("", response=list[UnitOut], summary="Отделения")
@paginate(Page)
def units(request):
    return selectors.units_visible_to(request)


@router.get("/districts", response=list[DistrictOut], summary="Социальные участки")
@paginate(Page)
def districts(request):
    return _districts(request)


@router.get("/districts/{int:pk}", response=DistrictDetailOut, summary="Социальный участок")
def district(request, pk: int):
    return get_object_or_404(_districts(request), pk=pk)


@router.get(
    "/districts/{int:pk}/assignments",
    response=list[AssignmentOut],
    summary="Закрепления специалистов за участком",
)
@paginate(Page)
def district_assignments(request, pk: int):
    found = get_object_or_404(_districts(request), pk=pk)
    return selectors.district_assignments(found)


@router.get("/{int:pk}", response=UnitDetailOut, summary="Отделение со штатом")
def unit(request, pk: int):
    return get_object_or_404(
        Unit.objects.visible_to(request).select_related("kind", "organisation"), pk=pk
    )
