"""REG-2: methodological products — the registry entry of an RC's direction, its way to the
expert council and back, publication in the RC's section, implementations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resurs.coordination.methodology import permissions
from resurs.coordination.methodology.models import Implementation, Product, ProductState
from resurs.coordination.methodology.services.transitions import save_transition
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import ResourceCentreStatus
from resurs.kernel.organisations.services import check_direction_tag
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

PRODUCT_FIELDS = [
    "kind",
    "title",
    "annotation",
    "organisation",
    "direction",
    "author_organisation",
    "authors",
    "target_group",
    "year",
    "link",
    "is_public",
]

SUBMISSION_FIELDS = ["state", "submitted_at", "submission_note"]


def rc_owner_error(organisation, direction, *, rc_pairs: set | None = None) -> str | None:
    """Why ``organisation`` cannot keep the registry of ``direction``, or None if it can.

    The registry of a direction is kept by its resource centre (003:4.5); a status since
    repealed still counts, so that the records of its years stay with it.
    """
    if organisation is None or direction is None:
        return None
    if rc_pairs is not None:
        held = (organisation.pk, direction.pk) in rc_pairs
    else:
        held = ResourceCentreStatus.objects.filter(
            organisation=organisation, direction=direction
        ).exists()
    if held:
        return None
    return (
        f"«{organisation}» не является ресурсным центром по направлению "
        f"«{direction.short_name}»: реестр направления ведёт его ресурсный центр."
    )


def duplicate_product_message() -> str:
    return "В реестре этого ресурсного центра уже есть продукт с таким наименованием за этот год."


def _validate_product(product: Product) -> None:
    product.full_clean(validate_unique=False, validate_constraints=False)
    error = rc_owner_error(product.organisation, product.direction)
    if error:
        raise ValidationError({"organisation": error})
    twin = (
        Product.objects.filter(
            organisation_id=product.organisation_id, title=product.title, year=product.year
        )
        .exclude(pk=product.pk)
        .exists()
    )
    if twin:
        raise ValidationError({"title": duplicate_product_message()})


@transaction.atomic
def product_create(
    *,
    by,
    organisation,
    direction,
    kind: str,
    title: str,
    year: int,
    author_organisation=None,
    annotation: str = "",
    authors: str = "",
    target_group: str = "",
    link: str = "",
    is_public: bool = False,
) -> Product:
    """REG-2: add a methodological product to the registry of an RC's direction, as a draft."""
    _user, scope, _role = acting(by)
    if author_organisation is None:
        # A provider registers what it developed; an RC, by default, its own work.
        own = by is not None and scope.role in permissions.RECORD_AUTHOR_ROLES
        author_organisation = by.organisation if own else organisation
    if by is not None:
        require(
            permissions.can_create_product(
                scope,
                organisation=organisation,
                direction=direction,
                author_organisation=author_organisation,
            ),
            "Добавлять продукты в реестр этого ресурсного центра вам не разрешено.",
        )
    product = Product(
        organisation=organisation,
        direction=direction,
        author_organisation=author_organisation,
        kind=kind,
        title=title.strip(),
        year=year,
        annotation=annotation,
        authors=authors,
        target_group=target_group,
        link=link,
        is_public=is_public,
    )
    check_direction_tag(scope, product.direction_id)
    _validate_product(product)
    product.save()
    audit(by, product, AuditAction.CREATE)
    return product


@transaction.atomic
def product_update(*, by, product: Product, expected_version: int | None, **fields) -> Product:
    """REG-2: change a draft or a returned product; a concurrent edit is refused."""
    _user, scope, _role = acting(by)
    stored = locked(product)
    if by is not None:
        require(permissions.can_manage_product(scope, stored))
    if not stored.is_editable:
        raise DomainError(
            f"Продукт в состоянии «{stored.get_state_display()}»: изменить его можно в черновике "
            "или после возврата на доработку."
        )
    before = snapshot(stored)
    assign(product, fields, PRODUCT_FIELDS)
    check_direction_tag(scope, product.direction_id, unchanged_from=stored.direction_id)
    moved = any(
        getattr(product, f"{name}_id") != getattr(stored, f"{name}_id")
        for name in ("organisation", "direction", "author_organisation")
    )
    if by is not None and moved:
        require(
            permissions.can_create_product(
                scope,
                organisation=product.organisation,
                direction=product.direction,
                author_organisation=product.author_organisation,
            ),
            "Перенести продукт в реестр другого ресурсного центра вам не разрешено.",
        )
    product.title = product.title.strip()
    _validate_product(product)
    save_with_version(
        product,
        expected_version=expected_version,
        fields=[*PRODUCT_FIELDS, "updated_at"],
        label="методический продукт",
    )
    audit(by, product, AuditAction.UPDATE, before=before)
    return product


@transaction.atomic
def product_submit(*, by, product: Product) -> Product:
    """REG-2: the author sends a draft to the expert council (draft → sent)."""
    _user, scope, _role = acting(by)
    product = locked(product)
    if by is not None:
        require(permissions.can_manage_product(scope, product))
    if product.state != ProductState.DRAFT:
        raise DomainError(
            f"Направить в экспертный совет можно черновик, а продукт в состоянии "
            f"«{product.get_state_display()}»."
        )
    if not product.annotation.strip():
        raise ValidationError(
            {"annotation": "Перед направлением в экспертный совет заполните аннотацию."}
        )
    before = snapshot(product)
    product.state = ProductState.SENT
    product.submitted_at = timezone.now()
    product.submission_note = ""
    return save_transition(by, product, before, SUBMISSION_FIELDS)


@transaction.atomic
def product_resubmit(*, by, product: Product, note: str) -> Product:
    """REG-2: after revision the author sends a returned product again (returned → sent);
    the council examines it in a new round, the earlier rounds' verdicts are kept."""
    _user, scope, _role = acting(by)
    product = locked(product)
    if by is not None:
        require(permissions.can_manage_product(scope, product))
    if product.state != ProductState.RETURNED:
        raise DomainError("Повторно направить можно только продукт, возвращённый на доработку.")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Опишите, что доработано по замечаниям экспертов."})
    before = snapshot(product)
    product.state = ProductState.SENT
    product.submitted_at = timezone.now()
    product.submission_note = note
    return save_transition(by, product, before, SUBMISSION_FIELDS)


@transaction.atomic
def product_set_public(*, by, product: Product, is_public: bool) -> Product:
    """REG-2: show a product in the RC's public section (only recommended ones appear)."""
    _user, scope, _role = acting(by)
    product = locked(product)
    if by is not None:
        require(permissions.can_manage_product(scope, product))
    before = snapshot(product)
    product.is_public = bool(is_public)
    return save_transition(by, product, before, ["is_public"])


@transaction.atomic
def implementation_add(
    *, by, product: Product, organisation, started_on, note: str = ""
) -> Implementation:
    """REG-2: record that an institution implemented a recommended product."""
    _user, scope, _role = acting(by)
    product = locked(product)
    if by is not None:
        require(permissions.can_manage_product(scope, product))
    if product.state != ProductState.APPROVED:
        raise DomainError("Внедрение отмечается у продукта, рекомендованного к внедрению.")
    implementation = Implementation(
        product=product, organisation=organisation, started_on=started_on, note=note.strip()
    )
    implementation.full_clean(validate_constraints=False)
    if Implementation.objects.filter(product=product, organisation=organisation).exists():
        raise ValidationError({"organisation": "Внедрение в этом учреждении уже отмечено."})
    implementation.save()
    audit(by, implementation, AuditAction.CREATE, parent=product)
    return implementation


@transaction.atomic
def implementation_remove(*, by, implementation: Implementation) -> None:
    """REG-2: remove an implementation recorded by mistake (kept in the history)."""
    _user, scope, _role = acting(by)
    product = implementation.product
    if by is not None:
        require(permissions.can_manage_product(scope, product))
    audit(by, implementation, AuditAction.DELETE, before=snapshot(implementation), parent=product)
    implementation.delete()
