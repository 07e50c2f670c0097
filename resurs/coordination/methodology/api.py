"""X-4: the methodology endpoints (REG-2, REG-3); every query goes through the selectors' scope,
every write through the services (the same permissions as the pages)."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from resurs.coordination.methodology import permissions, selectors
from resurs.coordination.methodology.models import (
    AnalysisVerdict,
    Practice,
    PracticeState,
    Product,
    ProductKind,
    ProductState,
    Verdict,
)
from resurs.coordination.methodology.services import practices, products, replications, reviews
from resurs.kernel.apischema import PatchSchema
from resurs.kernel.organisations.api import Page
from resurs.kernel.organisations.selectors import directions, organisation_for

router = Router(tags=["Методические продукты и практики"])


def _organisation(request, pk: int | None):
    return organisation_for(request.scope, pk) if pk is not None else None


def _direction(pk: int | None):
    return get_object_or_404(directions(), pk=pk) if pk is not None else None


def _references(request, data: dict, names: tuple[str, ...]) -> dict:
    """``<name>_id`` of the payload replaced by the organisation or direction it names."""
    for name in names:
        key = f"{name}_id"
        if key in data:
            pk = data.pop(key)
            data[name] = _direction(pk) if name == "direction" else _organisation(request, pk)
    return data


class MethodologyFilterIn(Schema):
    q: str = Field("", description="Поиск по наименованию, авторам, целевой группе")
    state: str | None = None
    direction_id: int | None = None
    territory_id: int | None = None
    organisation_id: int | None = Field(None, description="Организация (владелец или автор)")
    year: int | None = None
    is_public: bool | None = None

    def registry_filter(self, kind: str = "") -> selectors.RegistryFilter:
        return selectors.RegistryFilter(
            text=self.q,
            kind=kind,
            state=self.state or "",
            direction_id=self.direction_id,
            territory_id=self.territory_id,
            organisation_id=self.organisation_id,
            year=self.year,
            is_public=self.is_public,
        )


# --- REG-2 methodological products ----------------------------------------------------------


class ProductOut(Schema):
    id: int
    kind: ProductKind
    title: str
    annotation: str
    organisation_id: int = Field(description="Ресурсный центр, который ведёт реестр")
    direction_id: int
    author_organisation_id: int
    authors: str
    target_group: str
    year: int
    link: str
    is_public: bool
    state: ProductState
    submitted_at: datetime | None
    decided_at: datetime | None
    version: int


class ReviewOut(Schema):
    reviewer_id: int
    reviewer: str
    verdict: str = Field(description="approve | return | reject; пусто — заключения ещё нет")
    remarks: str
    decided_at: datetime | None

    @staticmethod
    def resolve_reviewer(obj):
        return str(obj.reviewer)


class RoundOut(Schema):
    number: int
    council_id: int
    council: str
    approvals_needed: int
    rejections_needed: int
    submission_note: str
    started_at: datetime
    outcome: str = Field(description="Решение: approved | returned | rejected; пусто — идёт")
    decided_at: datetime | None
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_council(obj):
        return str(obj.council)

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.all())


class ImplementationOut(Schema):
    id: int
    organisation_id: int
    started_on: date
    note: str


class ProductDetailOut(ProductOut):
    rounds: list[RoundOut]
    implementations: list[ImplementationOut]

    @staticmethod
    def resolve_rounds(obj):
        return selectors.rounds_of(obj)

    @staticmethod
    def resolve_implementations(obj):
        return list(selectors.implementations_of(obj))


class ProductIn(Schema):
    kind: ProductKind
    title: str = Field(min_length=3, max_length=500)
    annotation: str = ""
    organisation_id: int = Field(description="Ресурсный центр, который ведёт реестр")
    direction_id: int
    author_organisation_id: int | None = Field(
        None, description="Пусто — сам ресурсный центр (для поставщика — сам поставщик)"
    )
    authors: str = Field("", max_length=500)
    target_group: str = Field("", max_length=500)
    year: int = Field(ge=1990, le=2100)
    link: str = Field("", max_length=200)
    is_public: bool = False


class ProductPatch(PatchSchema):
    model = Product
    version: int = Field(description="Версия, полученная при чтении (оптимистическая блокировка)")
    kind: ProductKind | None = None
    title: str | None = Field(None, min_length=3, max_length=500)
    annotation: str | None = None
    organisation_id: int | None = None
    direction_id: int | None = None
    author_organisation_id: int | None = None
    authors: str | None = Field(None, max_length=500)
    target_group: str | None = Field(None, max_length=500)
    year: int | None = Field(None, ge=1990, le=2100)
    link: str | None = Field(None, max_length=200)
    is_public: bool | None = None


class ProductFilterIn(MethodologyFilterIn):
    kind: ProductKind | None = None


class ResubmitIn(Schema):
    note: str = Field(min_length=1, description="Что доработано по замечаниям экспертов")


class StartReviewIn(Schema):
    council_id: int
    reviewer_ids: list[int] = Field(min_length=1)


class VerdictIn(Schema):
    verdict: Verdict
    remarks: str = ""


class PublicIn(Schema):
    is_public: bool


class ImplementationIn(Schema):
    organisation_id: int
    started_on: date
    note: str = ""


PRODUCT_REFERENCES = ("organisation", "direction", "author_organisation")


def _product(request, pk: int):
    return selectors.product_for(request.scope, pk)


@router.get("/products", response=list[ProductOut], summary="Методические продукты")
@paginate(Page)
def product_list(request, filters: Query[ProductFilterIn]):
    return selectors.products_visible_to(
        request.scope, filters.registry_filter(kind=filters.kind or "")
    ).defer(None)


@router.get("/products/{int:pk}", response=ProductDetailOut, summary="Методический продукт")
def product_detail(request, pk: int):
    return _product(request, pk)


@router.post("/products", response={201: ProductDetailOut}, summary="Добавить продукт")
def product_create(request, payload: ProductIn):
    data = _references(request, payload.dict(), PRODUCT_REFERENCES)
    product = products.product_create(by=request.membership, **data)
    return Status(201, _product(request, product.pk))


@router.patch("/products/{int:pk}", response=ProductDetailOut, summary="Изменить продукт")
def product_update(request, pk: int, payload: ProductPatch):
    product = _product(request, pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    data = _references(request, data, PRODUCT_REFERENCES)
    products.product_update(
        by=request.membership, product=product, expected_version=version, **data
    )
    return _product(request, pk)


@router.post(
    "/products/{int:pk}/submit",
    response=ProductDetailOut,
    summary="Направить в экспертный совет",
)
def product_submit(request, pk: int):
    products.product_submit(by=request.membership, product=_product(request, pk))
    return _product(request, pk)


@router.post(
    "/products/{int:pk}/resubmit",
    response=ProductDetailOut,
    summary="Направить повторно после доработки",
)
def product_resubmit(request, pk: int, payload: ResubmitIn):
    products.product_resubmit(
        by=request.membership, product=_product(request, pk), note=payload.note
    )
    return _product(request, pk)


@router.post(
    "/products/{int:pk}/start-review",
    response=ProductDetailOut,
    summary="Назначить экспертов и начать экспертизу",
)
def product_start_review(request, pk: int, payload: StartReviewIn):
    product = _product(request, pk)
    if not permissions.can_view_council(request.scope):
        raise PermissionDenied("Назначать экспертов может Департамент или методический центр.")
    council = selectors.council_for(payload.council_id)
    reviewers = list(get_user_model().objects.filter(pk__in=payload.reviewer_ids))
    if len(reviewers) != len(set(payload.reviewer_ids)):
        raise ValidationError({"reviewer_ids": ["Указан несуществующий пользователь."]})
    reviews.product_start_review(
        by=request.membership, product=product, council=council, reviewers=reviewers
    )
    return _product(request, pk)


@router.post(
    "/products/{int:pk}/verdict",
    response=ProductDetailOut,
    summary="Заключение эксперта",
)
def product_verdict(request, pk: int, payload: VerdictIn):
    reviews.product_record_verdict(
        by=request.membership,
        product=_product(request, pk),
        verdict=payload.verdict,
        remarks=payload.remarks,
    )
    return _product(request, pk)


@router.post(
    "/products/{int:pk}/public",
    response=ProductDetailOut,
    summary="Показывать в открытом разделе",
)
def product_public(request, pk: int, payload: PublicIn):
    products.product_set_public(
        by=request.membership, product=_product(request, pk), is_public=payload.is_public
    )
    return _product(request, pk)


@router.post(
    "/products/{int:pk}/implementations",
    response={201: ImplementationOut},
    summary="Отметить внедрение",
)
def implementation_create(request, pk: int, payload: ImplementationIn):
    product = _product(request, pk)
    implementation = products.implementation_add(
        by=request.membership,
        product=product,
        organisation=_organisation(request, payload.organisation_id),
        started_on=payload.started_on,
        note=payload.note,
    )
    return Status(201, implementation)


class CouncilOut(Schema):
    id: int
    name: str
    approvals_needed: int
    rejections_needed: int
    is_active: bool
    member_ids: list[int]

    @staticmethod
    def resolve_member_ids(obj):
        return [m.pk for m in obj.members.all()]


@router.get("/councils", response=list[CouncilOut], summary="Экспертные советы")
def council_list(request):
    if not permissions.can_view_council(request.scope):
        raise PermissionDenied("Состав экспертного совета видят Департамент и методический центр.")
    return list(selectors.councils())


# --- REG-3 best practices -------------------------------------------------------------------


class PracticeOut(Schema):
    id: int
    organisation_id: int = Field(description="Организация-заявитель")
    direction_id: int
    title: str
    description: str
    results: str
    target_group: str
    year: int
    link: str
    is_public: bool
    state: PracticeState
    proposed_at: datetime | None
    analysis: str
    analysis_verdict: str
    analysed_by_organisation_id: int | None
    analysed_at: datetime | None
    submitted_at: datetime | None
    version: int


class ReplicationOut(Schema):
    id: int
    organisation_id: int
    started_on: date
    result: str


class PracticeDetailOut(PracticeOut):
    replications: list[ReplicationOut]

    @staticmethod
    def resolve_replications(obj):
        return list(selectors.replications_of(obj))


class PracticeIn(Schema):
    organisation_id: int = Field(description="Организация-заявитель")
    direction_id: int
    title: str = Field(min_length=3, max_length=500)
    description: str = Field(min_length=1)
    results: str = ""
    target_group: str = Field("", max_length=500)
    year: int = Field(ge=1990, le=2100)
    link: str = Field("", max_length=200)
    is_public: bool = False


class PracticePatch(PatchSchema):
    model = Practice
    version: int
    organisation_id: int | None = None
    direction_id: int | None = None
    title: str | None = Field(None, min_length=3, max_length=500)
    description: str | None = Field(None, min_length=1)
    results: str | None = None
    target_group: str | None = Field(None, max_length=500)
    year: int | None = Field(None, ge=1990, le=2100)
    link: str | None = Field(None, max_length=200)
    is_public: bool | None = None


class AnalysisIn(Schema):
    verdict: AnalysisVerdict
    analysis: str = Field(min_length=1)


class ReplicationIn(Schema):
    organisation_id: int
    started_on: date
    result: str = Field(min_length=1)


PRACTICE_REFERENCES = ("organisation", "direction")


def _practice(request, pk: int):
    return selectors.practice_for(request.scope, pk)


@router.get("/practices", response=list[PracticeOut], summary="Лучшие практики")
@paginate(Page)
def practice_list(request, filters: Query[MethodologyFilterIn]):
    return selectors.practices_visible_to(request.scope, filters.registry_filter()).defer(None)


@router.get("/practices/{int:pk}", response=PracticeDetailOut, summary="Лучшая практика")
def practice_detail(request, pk: int):
    return _practice(request, pk)


@router.post("/practices", response={201: PracticeDetailOut}, summary="Добавить практику")
def practice_create(request, payload: PracticeIn):
    data = _references(request, payload.dict(), PRACTICE_REFERENCES)
    practice = practices.practice_create(by=request.membership, **data)
    return Status(201, _practice(request, practice.pk))


@router.patch("/practices/{int:pk}", response=PracticeDetailOut, summary="Изменить практику")
def practice_update(request, pk: int, payload: PracticePatch):
    practice = _practice(request, pk)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    data = _references(request, data, PRACTICE_REFERENCES)
    practices.practice_update(
        by=request.membership, practice=practice, expected_version=version, **data
    )
    return _practice(request, pk)


@router.post(
    "/practices/{int:pk}/propose",
    response=PracticeDetailOut,
    summary="Направить в ресурсный центр",
)
def practice_propose(request, pk: int):
    practices.practice_propose(by=request.membership, practice=_practice(request, pk))
    return _practice(request, pk)


@router.post(
    "/practices/{int:pk}/analyse",
    response=PracticeDetailOut,
    summary="Анализ ресурсного центра",
)
def practice_analyse(request, pk: int, payload: AnalysisIn):
    practices.practice_analyse(
        by=request.membership,
        practice=_practice(request, pk),
        verdict=payload.verdict,
        analysis=payload.analysis,
    )
    return _practice(request, pk)


@router.post(
    "/practices/{int:pk}/submit",
    response=PracticeDetailOut,
    summary="Направить в методический центр для тиражирования",
)
def practice_submit(request, pk: int):
    practices.practice_submit(by=request.membership, practice=_practice(request, pk))
    return _practice(request, pk)


@router.post(
    "/practices/{int:pk}/public",
    response=PracticeDetailOut,
    summary="Показывать в открытом разделе",
)
def practice_public(request, pk: int, payload: PublicIn):
    practices.practice_set_public(
        by=request.membership, practice=_practice(request, pk), is_public=payload.is_public
    )
    return _practice(request, pk)


@router.post(
    "/practices/{int:pk}/replications",
    response={201: ReplicationOut},
    summary="Отметить тиражирование",
)
def replication_create(request, pk: int, payload: ReplicationIn):
    replication = replications.replication_add(
        by=request.membership,
        practice=_practice(request, pk),
        organisation=_organisation(request, payload.organisation_id),
        started_on=payload.started_on,
        result=payload.result,
    )
    return Status(201, replication)
