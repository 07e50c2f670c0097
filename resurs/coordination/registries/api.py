"""X-4: the registries endpoints; every query goes through the selectors' scope.

Each registry has the same four endpoints — list (filters, pagination), one record, create,
change (with the version read, for optimistic locking) — with the rights of the pages: the
resource centre that keeps a registry and the Department write, everybody else reads what
their scope shows. The practices matrix adds its cells.
"""

from datetime import date
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.registries import permissions, selectors, services
from resurs.coordination.registries.catalogue import (
    ARTICLES,
    LEGAL_ACTS,
    PARTICIPANTS,
    PRACTICES,
    TECHNOLOGIES,
)
from resurs.coordination.registries.models import (
    ActKind,
    ActLevel,
    ActStatus,
    Article,
    LegalAct,
    Participant,
    ParticipantCategory,
    ParticipantStatus,
    PracticeStatus,
    SocialPractice,
    Technology,
    TechnologyStatus,
)
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations.api import Page
from resurs.kernel.organisations.models import Direction, Organisation

router = Router(tags=["Реестры"])


# A participant category, or every category KPI 6.6 counts as social partners.
ParticipantCategoryFilter = Literal[(*ParticipantCategory.values, selectors.PARTNERS)]


class RegistryFilterIn(Schema):
    q: str = Field("", description="Поиск по тексту записи")
    direction_id: int | None = None
    territory_id: int | None = Field(None, description="Территория (у участников — участника)")
    owner_id: int | None = Field(None, description="Организация, которая ведёт реестр")
    status: str = ""
    year: int | None = Field(None, ge=1900, le=2100)
    is_public: bool | None = None
    registered_from: date | None = Field(None, description="Внесено в реестр не раньше")
    registered_to: date | None = Field(None, description="Внесено в реестр не позже")
    category: ParticipantCategoryFilter | None = Field(
        None,
        description="Только участники: категория или все категории социальных партнёров "
        "(показатель 6.6)",
    )
    active_from: date | None = Field(None, description="Только участники: участвовал с")
    active_to: date | None = Field(None, description="Только участники: участвовал по")

    def to_filter(self) -> selectors.RegistryFilter:
        return selectors.RegistryFilter(
            text=self.q,
            direction_id=self.direction_id,
            territory_id=self.territory_id,
            owner_id=self.owner_id,
            status=self.status,
            year=self.year,
            is_public=self.is_public,
            registered_from=self.registered_from,
            registered_to=self.registered_to,
            category=self.category or "",
            active_from=self.active_from,
            active_to=self.active_to,
        )


class RecordOut(Schema):
    id: int
    owner_id: int
    direction_id: int | None
    is_public: bool
    registered_on: date
    note: str
    version: int


class RecordIn(Schema):
    owner_id: int | None = Field(
        None, description="Кто ведёт реестр; по умолчанию — организация токена"
    )
    direction_id: int | None = Field(
        None, description="Направление; для ресурсного центра по умолчанию — его направление"
    )
    is_public: bool = False
    registered_on: date | None = None
    note: str = ""


class RecordPatch(PatchSchema):
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    owner_id: int | None = None
    direction_id: int | None = None
    is_public: bool | None = None
    registered_on: date | None = None
    note: str | None = None


# Fields of the payloads that name other rows, and where each may be looked up.
def _visible_organisations(request):
    return Organisation.objects.visible_to(request)


RELATIONS = {
    "owner_id": ("owner", _visible_organisations),
    "direction_id": ("direction", lambda request: Direction.objects.all()),
    "organisation_id": ("organisation", lambda request: selectors.nameable_organisations()),
    "author_organisation_id": (
        "author_organisation",
        lambda request: selectors.nameable_organisations(),
    ),
}


def _fields(request, payload: dict, *, creating: bool) -> dict:
    """The payload as service fields: ids resolved to rows (a missing one is a 422)."""
    fields = {}
    for name, value in payload.items():
        if name not in RELATIONS:
            fields[name] = value
            continue
        field, queryset = RELATIONS[name]
        if value is None:
            fields[field] = None
            continue
        found = queryset(request).filter(pk=value).first()
        if found is None:
            raise ValidationError({name: [f"Запись с id {value} не найдена."]})
        fields[field] = found
    if creating:
        scope = request.scope
        if fields.get("owner") is None:
            fields["owner"] = _visible_organisations(request).get(pk=scope.organisation_id)
        if fields.get("registered_on") is None:
            fields.pop("registered_on", None)
    return fields


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _add_endpoints(registry, out_schema, in_schema, patch_schema, *, default_direction: bool):
    """list, retrieve, create and update of one registry, under /registries/<slug>."""
    slug, noun = registry.slug, registry.title

    @router.get(
        f"/{slug}",
        response=list[out_schema],
        summary=noun,
        operation_id=f"registries_{slug}_list",
    )
    @paginate(Page)
    def record_list(request, filters: Query[RegistryFilterIn]):
        if filters.status and not _has_field(registry.model, "status"):
            raise ValidationError({"status": ["У записей этого реестра нет статуса."]})
        return registry.selector(request, filters.to_filter())

    @router.get(
        f"/{slug}/{{int:pk}}",
        response=out_schema,
        summary=f"{noun}: запись",
        operation_id=f"registries_{slug}_detail",
    )
    def record_detail(request, pk: int):
        return selectors.record_for(request, registry.model, pk)

    @router.post(
        f"/{slug}",
        response={201: out_schema},
        summary=f"{noun}: добавить запись",
        operation_id=f"registries_{slug}_create",
    )
    def record_create(request, payload: in_schema):
        if not permissions.can_keep_registries(request.scope):
            raise PermissionDenied(services.WRITE_REFUSED)
        fields = _fields(request, payload.dict(), creating=True)
        if fields.get("direction") is None and default_direction and request.scope.direction_id:
            fields["direction"] = Direction.objects.get(pk=request.scope.direction_id)
        record = registry.create(by=request.membership, **fields)
        return Status(201, selectors.record_for(request, registry.model, record.pk))

    @router.patch(
        f"/{slug}/{{int:pk}}",
        response=out_schema,
        summary=f"{noun}: изменить запись",
        operation_id=f"registries_{slug}_update",
    )
    def record_update(request, pk: int, payload: patch_schema):
        record = selectors.record_for(request, registry.model, pk)
        data = payload.dict(exclude_unset=True)
        version = data.pop("version")
        registry.update(request.membership, record, version, _fields(request, data, creating=False))
        return selectors.record_for(request, registry.model, pk)


# --- REG-1 -------------------------------------------------------------------------------------


class ParticipantOut(RecordOut):
    direction_id: int
    organisation_id: int
    organisation_name: str = Field(alias="organisation.name")
    category: ParticipantCategory
    participation_form: str
    joined_on: date
    agreement_number: str
    agreement_date: date | None
    status: ParticipantStatus
    left_on: date | None


class ParticipantIn(RecordIn):
    organisation_id: int
    category: ParticipantCategory
    participation_form: str = Field(min_length=2, max_length=255)
    joined_on: date
    agreement_number: str = Field("", max_length=64)
    agreement_date: date | None = None
    status: ParticipantStatus = ParticipantStatus.ACTIVE
    left_on: date | None = None


class ParticipantPatch(RecordPatch):
    model = Participant
    organisation_id: int | None = None
    category: ParticipantCategory | None = None
    participation_form: str | None = Field(None, min_length=2, max_length=255)
    joined_on: date | None = None
    agreement_number: str | None = Field(None, max_length=64)
    agreement_date: date | None = None
    status: ParticipantStatus | None = None
    left_on: date | None = None


_add_endpoints(
    PARTICIPANTS, ParticipantOut, ParticipantIn, ParticipantPatch, default_direction=True
)


# --- REG-4 -------------------------------------------------------------------------------------


class LegalActOut(RecordOut):
    level: ActLevel
    kind: ActKind
    number: str
    adopted_on: date
    title: str
    issuer: str
    status: ActStatus
    repealed_on: date | None
    url: str


class LegalActIn(RecordIn):
    level: ActLevel
    kind: ActKind
    number: str = Field(min_length=1, max_length=64)
    adopted_on: date
    title: str = Field(min_length=3, max_length=1000)
    issuer: str = Field("", max_length=255)
    status: ActStatus = ActStatus.IN_FORCE
    repealed_on: date | None = None
    url: str = Field("", max_length=500)


class LegalActPatch(RecordPatch):
    model = LegalAct
    level: ActLevel | None = None
    kind: ActKind | None = None
    number: str | None = Field(None, min_length=1, max_length=64)
    adopted_on: date | None = None
    title: str | None = Field(None, min_length=3, max_length=1000)
    issuer: str | None = Field(None, max_length=255)
    status: ActStatus | None = None
    repealed_on: date | None = None
    url: str | None = Field(None, max_length=500)


_add_endpoints(LEGAL_ACTS, LegalActOut, LegalActIn, LegalActPatch, default_direction=False)


# --- REG-5 -------------------------------------------------------------------------------------


class TechnologyOut(RecordOut):
    direction_id: int
    title: str
    description: str
    author_organisation_id: int | None
    target_group: str
    introduced_year: int | None
    used_where: str
    status: TechnologyStatus


class TechnologyIn(RecordIn):
    title: str = Field(min_length=3, max_length=500)
    description: str = ""
    author_organisation_id: int | None = None
    target_group: str = Field("", max_length=500)
    introduced_year: int | None = Field(None, ge=1950, le=2100)
    used_where: str = ""
    status: TechnologyStatus = TechnologyStatus.IN_USE


class TechnologyPatch(RecordPatch):
    model = Technology
    title: str | None = Field(None, min_length=3, max_length=500)
    description: str | None = None
    author_organisation_id: int | None = None
    target_group: str | None = Field(None, max_length=500)
    introduced_year: int | None = Field(None, ge=1950, le=2100)
    used_where: str | None = None
    status: TechnologyStatus | None = None


_add_endpoints(TECHNOLOGIES, TechnologyOut, TechnologyIn, TechnologyPatch, default_direction=True)


class ArticleOut(RecordOut):
    direction_id: int
    title: str
    authors: str
    organisation_id: int | None
    publication: str
    published_on: date
    url: str


class ArticleIn(RecordIn):
    title: str = Field(min_length=3, max_length=500)
    authors: str = Field(min_length=2, max_length=500)
    organisation_id: int | None = None
    publication: str = Field(min_length=2, max_length=500)
    published_on: date
    url: str = Field("", max_length=500)


class ArticlePatch(RecordPatch):
    model = Article
    title: str | None = Field(None, min_length=3, max_length=500)
    authors: str | None = Field(None, min_length=2, max_length=500)
    organisation_id: int | None = None
    publication: str | None = Field(None, min_length=2, max_length=500)
    published_on: date | None = None
    url: str | None = Field(None, max_length=500)


_add_endpoints(ARTICLES, ArticleOut, ArticleIn, ArticlePatch, default_direction=True)


# --- REG-6 -------------------------------------------------------------------------------------


class SocialPracticeOut(RecordOut):
    programme: str
    number: int
    title: str
    description: str
    basis: str
    planned_count: int = 0
    implementing_count: int = 0
    implemented_count: int = 0


class SocialPracticeIn(RecordIn):
    programme: str = Field("", max_length=500)
    number: int = Field(1, ge=1, le=999)
    title: str = Field(min_length=3, max_length=500)
    description: str = ""
    basis: str = Field("", max_length=500)


class SocialPracticePatch(RecordPatch):
    model = SocialPractice
    programme: str | None = Field(None, max_length=500)
    number: int | None = Field(None, ge=1, le=999)
    title: str | None = Field(None, min_length=3, max_length=500)
    description: str | None = None
    basis: str | None = Field(None, max_length=500)


_add_endpoints(
    PRACTICES, SocialPracticeOut, SocialPracticeIn, SocialPracticePatch, default_direction=True
)


class CellOut(Schema):
    id: int
    practice_id: int
    institution_id: int
    institution_name: str = Field(alias="institution.name")
    status: PracticeStatus
    started_on: date | None
    note: str
    version: int


class CellIn(Schema):
    status: PracticeStatus
    started_on: date | None = None
    note: str = Field("", max_length=500)
    version: int = Field(
        ge=0, description="Версия ячейки, полученная при чтении; 0 — ячейка была пустой"
    )


@router.get(
    "/practices/{int:pk}/cells",
    response=list[CellOut],
    summary="Матрица практик: ячейки практики",
)
@paginate(Page)
def practice_cell_list(request, pk: int):
    practice = get_object_or_404(SocialPractice.objects.visible_to(request), pk=pk)
    return (
        selectors.practice_cells_visible_to(request)
        .filter(practice=practice)
        .order_by("institution__name", "id")
    )


@router.put(
    "/practices/{int:pk}/cells/{int:institution_id}",
    response=CellOut,
    summary="Матрица практик: установить статус практики в учреждении",
)
def practice_cell_put(request, pk: int, institution_id: int, payload: CellIn):
    """Ячейка, изменённая другим пользователем после чтения, не перезаписывается: ответ 409."""
    practice = get_object_or_404(SocialPractice.objects.visible_to(request), pk=pk)
    if not permissions.can_edit_cell(request.scope, practice):
        raise PermissionDenied(services.WRITE_REFUSED)
    institution = get_object_or_404(selectors.nameable_organisations(), pk=institution_id)
    cell = services.practice_cell_set(
        by=request.membership,
        practice=practice,
        institution=institution,
        status=payload.status,
        started_on=payload.started_on,
        note=payload.note,
        expected_version=payload.version,
    )
    return selectors.practice_cells_visible_to(request).get(pk=cell.pk)
