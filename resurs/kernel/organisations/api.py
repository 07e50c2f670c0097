"""X-4: directory endpoints. Every query goes through the selectors' scope."""

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations import selectors, services
from resurs.kernel.organisations.models import (
    Appointment,
    AppointmentKind,
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    Sector,
    Territory,
    TerritoryKind,
)
from resurs.kernel.organisations.permissions import can_edit_directory

router = Router(tags=["Справочник"])


MAX_PAGE_SIZE = 200
# Far beyond any list's last page, and small enough that no offset overflows a database.
MAX_PAGE = 1_000_000


class Page(PageNumberPagination):
    """Every list endpoint: ?page=N&page_size=M, at most MAX_PAGE_SIZE rows a page."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Номер страницы")
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Записей на странице")

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=MAX_PAGE_SIZE, **kwargs)


def _scope(request):
    return request.scope


def _require_editor(request):
    if not can_edit_directory(request.scope):
        raise PermissionDenied("Изменять справочник может Департамент или администратор.")


# --- territories ----------------------------------------------------------------------------


class TerritoryOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    name: str
    kind: TerritoryKind
    oktmo: str


class TerritoryIn(Schema):
    name: str = Field(min_length=2, max_length=255)
    kind: TerritoryKind
    oktmo: str = Field("", max_length=11)


class TerritoryPatch(PatchSchema):
    model = Territory
    name: str | None = Field(None, min_length=2, max_length=255)
    kind: TerritoryKind | None = None
    oktmo: str | None = Field(None, max_length=11)


class TerritoryFilter(FilterSchema):
    kind: TerritoryKind | None = None
    q: Annotated[str | None, FilterLookup("name__icontains")] = None


@router.get("/territories", response=list[TerritoryOut], summary="Территории")
@paginate(Page)
def territory_list(request, filters: Query[TerritoryFilter]):
    return filters.filter(selectors.territories(request))


@router.get("/territories/{int:pk}", response=TerritoryOut, summary="Территория")
def territory_detail(request, pk: int):
    return get_object_or_404(selectors.territories(), pk=pk)


@router.post("/territories", response={201: TerritoryOut}, summary="Добавить территорию")
def territory_create(request, payload: TerritoryIn):
    _require_editor(request)
    from resurs.kernel.organisations.models import Region, Territory

    region = Region.objects.order_by("id").first()
    territory = services.territory_save(
        by=request.membership, territory=Territory(region=region), **payload.dict()
    )
    return Status(201, territory)


@router.patch("/territories/{int:pk}", response=TerritoryOut, summary="Изменить территорию")
def territory_update(request, pk: int, payload: TerritoryPatch):
    _require_editor(request)
    territory = get_object_or_404(selectors.territories(), pk=pk)
    return services.territory_save(
        by=request.membership, territory=territory, **payload.dict(exclude_unset=True)
    )


# --- directions -----------------------------------------------------------------------------


class DirectionOut(Schema):
    id: int
    number: int
    name: str
    short_name: str
    is_active: bool
    source: str


class DirectionIn(Schema):
    number: int = Field(ge=1, le=999)
    name: str = Field(min_length=3, max_length=500)
    short_name: str = Field(min_length=2, max_length=120)
    is_active: bool = True
    source: str = Field("", max_length=255)


class DirectionPatch(PatchSchema):
    model = Direction
    name: str | None = Field(None, min_length=3, max_length=500)
    short_name: str | None = Field(None, min_length=2, max_length=120)
    is_active: bool | None = None
    source: str | None = Field(None, max_length=255)


@router.get("/directions", response=list[DirectionOut], summary="Приоритетные направления")
@paginate(Page)
def direction_list(request, active: bool | None = None):
    return selectors.directions(active_only=bool(active))


@router.get("/directions/{int:pk}", response=DirectionOut, summary="Направление")
def direction_detail(request, pk: int):
    return get_object_or_404(selectors.directions(), pk=pk)


@router.post("/directions", response={201: DirectionOut}, summary="Добавить направление")
def direction_create(request, payload: DirectionIn):
    _require_editor(request)
    from resurs.kernel.organisations.models import Direction

    return Status(
        201, services.direction_save(by=request.membership, direction=Direction(), **payload.dict())
    )


@router.patch("/directions/{int:pk}", response=DirectionOut, summary="Изменить направление")
def direction_update(request, pk: int, payload: DirectionPatch):
    _require_editor(request)
    direction = get_object_or_404(selectors.directions(), pk=pk)
    return services.direction_save(
        by=request.membership, direction=direction, **payload.dict(exclude_unset=True)
    )


# --- organisations --------------------------------------------------------------------------


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: OrganisationKind
    legal_form: LegalForm
    sector: Sector
    territory_id: int
    direction_ids: list[int]
    inn: str
    ogrn: str
    address: str
    phone: str
    email: str
    website: str
    head_name: str
    is_active: bool
    is_resource_centre: bool = False
    version: int

    @staticmethod
    def resolve_direction_ids(obj):
        return [d.pk for d in obj.direction_list]


class OrganisationIn(Schema):
    name: str = Field(min_length=3, max_length=500)
    short_name: str = Field("", max_length=255)
    kind: OrganisationKind
    legal_form: LegalForm
    sector: Sector = Sector.SOCIAL
    territory_id: int
    direction_ids: list[int] = []
    inn: str = Field("", max_length=12)
    ogrn: str = Field("", max_length=15)
    address: str = Field("", max_length=500)
    phone: str = Field("", max_length=64)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    head_name: str = Field("", max_length=255)
    is_active: bool = True


class OrganisationPatch(PatchSchema):
    model = Organisation
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    name: str | None = Field(None, min_length=3, max_length=500)
    short_name: str | None = Field(None, max_length=255)
    kind: OrganisationKind | None = None
    legal_form: LegalForm | None = None
    sector: Sector | None = None
    territory_id: int | None = None
    direction_ids: list[int] | None = None
    inn: str | None = Field(None, max_length=12)
    ogrn: str | None = Field(None, max_length=15)
    address: str | None = Field(None, max_length=500)
    phone: str | None = Field(None, max_length=64)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    head_name: str | None = Field(None, max_length=255)
    is_active: bool | None = None


class OrganisationFilterIn(Schema):
    q: str = Field("", description="Поиск по наименованию, ИНН, ОГРН")
    kind: OrganisationKind | None = None
    legal_form: LegalForm | None = None
    territory_id: int | None = None
    direction_id: int | None = None
    resource_centre: bool | None = None
    is_active: bool | None = None


def _organisation_fields(payload: dict) -> tuple[dict, list | None]:
    direction_ids = payload.pop("direction_ids", None)
    territory_id = payload.pop("territory_id", None)
    if territory_id is not None:
        payload["territory"] = get_object_or_404(selectors.territories(), pk=territory_id)
    directions = None
    if direction_ids is not None:
        directions = list(selectors.directions().filter(pk__in=direction_ids))
        if len(directions) != len(set(direction_ids)):
            from django.core.exceptions import ValidationError

            raise ValidationError({"direction_ids": ["Указано несуществующее направление."]})
    return payload, directions


@router.get("/organisations", response=list[OrganisationOut], summary="Организации")
@paginate(Page)
def organisation_list(request, filters: Query[OrganisationFilterIn]):
    return selectors.organisations_visible_to(
        _scope(request),
        selectors.OrganisationFilter(
            text=filters.q,
            kind=filters.kind or "",
            legal_form=filters.legal_form or "",
            territory_id=filters.territory_id,
            direction_id=filters.direction_id,
            resource_centre=filters.resource_centre,
            is_active=filters.is_active,
        ),
    )


@router.get("/organisations/{int:pk}", response=OrganisationOut, summary="Организация")
def organisation_detail(request, pk: int):
    return get_object_or_404(selectors.organisations_visible_to(_scope(request)), pk=pk)


@router.post("/organisations", response={201: OrganisationOut}, summary="Добавить организацию")
def organisation_create(request, payload: OrganisationIn):
    _require_editor(request)
    fields, directions = _organisation_fields(payload.dict())
    organisation = services.organisation_create(
        by=request.membership, directions=directions or [], **fields
    )
    return Status(201, selectors.organisations_visible_to(_scope(request)).get(pk=organisation.pk))


@router.patch("/organisations/{int:pk}", response=OrganisationOut, summary="Изменить организацию")
def organisation_update(request, pk: int, payload: OrganisationPatch):
    organisation = selectors.organisation_for(_scope(request), pk)
    _require_editor(request)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    fields, directions = _organisation_fields(data)
    services.organisation_update(
        organisation=organisation,
        by=request.membership,
        expected_version=version,
        directions=directions,
        **fields,
    )
    return selectors.organisations_visible_to(_scope(request)).get(pk=pk)


# --- resource-centre statuses ---------------------------------------------------------------


class RCStatusOut(Schema):
    id: int
    organisation_id: int
    direction_id: int
    order_number: str
    order_date: date
    valid_from: date
    valid_to: date | None
    state: str
    in_force: bool = Field(alias="is_in_force")
    ended_on: date | None
    end_order_number: str
    end_order_date: date | None
    replaced_by_id: int | None
    note: str


class RCStatusIn(Schema):
    organisation_id: int
    direction_id: int
    order_number: str = Field(min_length=1, max_length=64)
    order_date: date
    valid_from: date
    valid_to: date | None = None
    note: str = ""


class RCStatusRepealIn(Schema):
    order_number: str = Field(min_length=1, max_length=64)
    order_date: date
    effective_on: date | None = None


class RCStatusReplaceIn(Schema):
    order_number: str = Field(min_length=1, max_length=64)
    order_date: date
    valid_from: date
    valid_to: date | None = None
    note: str = ""


class RCStatusFilter(FilterSchema):
    organisation_id: int | None = None
    direction_id: int | None = None
    state: str | None = None


@router.get("/rc-statuses", response=list[RCStatusOut], summary="Статусы ресурсных центров")
@paginate(Page)
def rc_status_list(request, filters: Query[RCStatusFilter]):
    return filters.filter(selectors.rc_statuses_visible_to(_scope(request))).order_by(
        "-valid_from", "-id"
    )


@router.get("/rc-statuses/{int:pk}", response=RCStatusOut, summary="Статус ресурсного центра")
def rc_status_detail(request, pk: int):
    return get_object_or_404(selectors.rc_statuses_visible_to(_scope(request)), pk=pk)


@router.post("/rc-statuses", response={201: RCStatusOut}, summary="Присвоить статус РЦ")
def rc_status_create(request, payload: RCStatusIn):
    organisation = selectors.organisation_for(_scope(request), payload.organisation_id)
    direction = get_object_or_404(selectors.directions(), pk=payload.direction_id)
    data = payload.dict(exclude={"organisation_id", "direction_id"})
    status = services.rc_status_assign(
        by=request.membership, organisation=organisation, direction=direction, **data
    )
    return Status(201, status)


@router.post(
    "/rc-statuses/{int:pk}/repeal", response=RCStatusOut, summary="Отменить статус приказом"
)
def rc_status_repeal(request, pk: int, payload: RCStatusRepealIn):
    status = get_object_or_404(selectors.rc_statuses_visible_to(_scope(request)), pk=pk)
    return services.rc_status_repeal(by=request.membership, status=status, **payload.dict())


@router.post(
    "/rc-statuses/{int:pk}/replace",
    response={201: RCStatusOut},
    summary="Заменить статус новым приказом",
)
def rc_status_replace(request, pk: int, payload: RCStatusReplaceIn):
    status = get_object_or_404(selectors.rc_statuses_visible_to(_scope(request)), pk=pk)
    return Status(
        201, services.rc_status_replace(by=request.membership, status=status, **payload.dict())
    )


# --- appointments ---------------------------------------------------------------------------


class AppointmentOut(Schema):
    id: int
    organisation_id: int
    direction_id: int | None
    kind: AppointmentKind
    person_name: str
    position: str
    duties: str
    order_number: str
    order_date: date
    valid_from: date
    valid_to: date | None
    current: bool = Field(alias="is_current")
    version: int


class AppointmentIn(Schema):
    organisation_id: int
    direction_id: int | None = None
    kind: AppointmentKind
    person_name: str = Field(min_length=3, max_length=255)
    position: str = Field("", max_length=255)
    duties: str = ""
    order_number: str = Field(min_length=1, max_length=64)
    order_date: date
    valid_from: date
    valid_to: date | None = None


class AppointmentPatch(PatchSchema):
    model = Appointment
    version: int
    direction_id: int | None = None
    kind: AppointmentKind | None = None
    person_name: str | None = Field(None, min_length=3, max_length=255)
    position: str | None = Field(None, max_length=255)
    duties: str | None = None
    order_number: str | None = Field(None, min_length=1, max_length=64)
    order_date: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class AppointmentFilter(FilterSchema):
    organisation_id: int | None = None
    direction_id: int | None = None
    kind: AppointmentKind | None = None


def _direction_or_none(direction_id):
    if direction_id is None:
        return None
    return get_object_or_404(selectors.directions(), pk=direction_id)


@router.get("/appointments", response=list[AppointmentOut], summary="Назначения ответственных")
@paginate(Page)
def appointment_list(request, filters: Query[AppointmentFilter], current: bool | None = None):
    queryset = filters.filter(selectors.appointments_visible_to(_scope(request)))
    if current:
        queryset = queryset.current()
    return queryset.order_by("-valid_from", "id")


@router.get("/appointments/{int:pk}", response=AppointmentOut, summary="Назначение")
def appointment_detail(request, pk: int):
    return get_object_or_404(selectors.appointments_visible_to(_scope(request)), pk=pk)


@router.post("/appointments", response={201: AppointmentOut}, summary="Добавить назначение")
def appointment_create(request, payload: AppointmentIn):
    organisation = selectors.organisation_for(_scope(request), payload.organisation_id)
    data = payload.dict(exclude={"organisation_id", "direction_id"})
    appointment = services.appointment_create(
        by=request.membership,
        organisation=organisation,
        direction=_direction_or_none(payload.direction_id),
        **data,
    )
    return Status(201, appointment)


@router.patch("/appointments/{int:pk}", response=AppointmentOut, summary="Изменить назначение")
def appointment_update(request, pk: int, payload: AppointmentPatch):
    appointment = get_object_or_404(selectors.appointments_visible_to(_scope(request)), pk=pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    if "direction_id" in data:
        data["direction"] = _direction_or_none(data.pop("direction_id"))
    return services.appointment_update(
        by=request.membership, appointment=appointment, expected_version=version, **data
    )
