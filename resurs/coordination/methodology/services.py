"""Writes of the methodology registries (REG-2, REG-3). Views, the API, importers and the
demo all call these; each checks the permission, validates, saves and writes the audit trail.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.coordination.methodology import permissions
from resurs.coordination.methodology.models import (
    AnalysisVerdict,
    ExpertCouncil,
    Implementation,
    Practice,
    PracticeState,
    Product,
    ProductState,
    Replication,
    Review,
    ReviewRound,
    Verdict,
    review_outcome,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record, snapshot
from resurs.kernel.organisations.models import ResourceCentreStatus
from resurs.kernel.organisations.services import DomainError, _actor, _require, _save_with_version

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
PRACTICE_FIELDS = [
    "organisation",
    "direction",
    "title",
    "description",
    "results",
    "target_group",
    "year",
    "link",
    "is_public",
]
COUNCIL_FIELDS = ["name", "approvals_needed", "rejections_needed", "is_active", "note"]
SUBMISSION_FIELDS = ["state", "submitted_at", "submission_note"]
REMARKS_REQUIRED = "Укажите замечания: по ним автор доработает продукт."


def _set_fields(instance, fields: dict, allowed: list[str]) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise DomainError(f"Поле «{name}» нельзя изменить.")
        setattr(instance, name, value)


# --- REG-2 methodological products ----------------------------------------------------------


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


def _lock(instance):
    """The row re-read under a lock, so two transitions of one record cannot interleave."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


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
    user, scope, role = _actor(by)
    if author_organisation is None:
        # A provider registers what it developed; an RC, by default, its own work.
        own = by is not None and scope.role in permissions.RECORD_AUTHOR_ROLES
        author_organisation = by.organisation if own else organisation
    if by is not None:
        _require(
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
    _validate_product(product)
    product.save()
    record(by=user, role=role, instance=product, action=AuditAction.CREATE, after=snapshot(product))
    return product


@transaction.atomic
def product_update(*, by, product: Product, expected_version: int | None, **fields) -> Product:
    """REG-2: change a draft or a returned product; a concurrent edit is refused."""
    user, scope, role = _actor(by)
    stored = Product.objects.get(pk=product.pk)
    if by is not None:
        _require(permissions.can_manage_product(scope, stored))
    if not stored.is_editable:
        raise DomainError(
            f"Продукт в состоянии «{stored.get_state_display()}»: изменить его можно в черновике "
            "или после возврата на доработку."
        )
    before = snapshot(stored)
    _set_fields(product, fields, PRODUCT_FIELDS)
    moved = any(
        getattr(product, f"{name}_id") != getattr(stored, f"{name}_id")
        for name in ("organisation", "direction", "author_organisation")
    )
    if by is not None and moved:
        _require(
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
    _save_with_version(
        product,
        expected_version=expected_version,
        fields=[*PRODUCT_FIELDS, "updated_at"],
        label="методический продукт",
    )
    record(
        by=user,
        role=role,
        instance=product,
        action=AuditAction.UPDATE,
        before=before,
        after=snapshot(product),
    )
    return product


def _transition(by, product: Product, user, role, before: dict, fields: list[str]) -> Product:
    product.save(update_fields=[*fields, "updated_at"])
    record(
        by=user,
        role=role,
        instance=product,
        action=AuditAction.UPDATE,
        before=before,
        after=snapshot(product),
    )
    return product


@transaction.atomic
def product_submit(*, by, product: Product) -> Product:
    """REG-2: the author sends a draft to the expert council (draft → sent)."""
    user, scope, role = _actor(by)
    product = _lock(product)
    if by is not None:
        _require(permissions.can_manage_product(scope, product))
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
    return _transition(by, product, user, role, before, SUBMISSION_FIELDS)


@transaction.atomic
def product_resubmit(*, by, product: Product, note: str) -> Product:
    """REG-2: after revision the author sends a returned product again (returned → sent);
    the council examines it in a new round, the earlier rounds' verdicts are kept."""
    user, scope, role = _actor(by)
    product = _lock(product)
    if by is not None:
        _require(permissions.can_manage_product(scope, product))
    if product.state != ProductState.RETURNED:
        raise DomainError("Повторно направить можно только продукт, возвращённый на доработку.")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Опишите, что доработано по замечаниям экспертов."})
    before = snapshot(product)
    product.state = ProductState.SENT
    product.submitted_at = timezone.now()
    product.submission_note = note
    return _transition(by, product, user, role, before, SUBMISSION_FIELDS)


def eligible_expert_ids(user_ids) -> set[int]:
    """Users of ``user_ids`` holding an active Department or methodical-centre membership."""
    return set(
        get_user_model()
        .objects.filter(
            pk__in=list(user_ids),
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=permissions.COUNCIL_MEMBER_ROLES,
        )
        .values_list("pk", flat=True)
    )


@transaction.atomic
def product_start_review(*, by, product: Product, council: ExpertCouncil, reviewers) -> ReviewRound:
    """REG-2: the council takes a sent product into review and assigns its experts
    (sent → under review). At least as many experts as the rule's approvals are needed."""
    user, scope, role = _actor(by)
    product = _lock(product)
    if by is not None:
        _require(
            scope.role in permissions.COUNCIL_SECRETARY_ROLES,
            "Назначать экспертов может Департамент или методический центр.",
        )
    if product.state != ProductState.SENT:
        raise DomainError(
            f"На экспертизу берётся продукт, направленный в экспертный совет, а этот — "
            f"«{product.get_state_display()}»."
        )
    if not council.is_active:
        raise ValidationError({"council": "Этот экспертный совет не действует."})
    reviewers = list(dict.fromkeys(reviewers))
    members = set(council.members.values_list("pk", flat=True))
    strangers = [str(r) for r in reviewers if r.pk not in members]
    if strangers:
        raise ValidationError(
            {"reviewers": f"Не члены совета «{council}»: " + ", ".join(strangers) + "."}
        )
    eligible = eligible_expert_ids(r.pk for r in reviewers)
    lapsed = [str(r) for r in reviewers if r.pk not in eligible]
    if lapsed:
        raise ValidationError(
            {
                "reviewers": "Экспертом может быть сотрудник Департамента или методического "
                "центра; нет такой действующей роли: " + ", ".join(lapsed) + "."
            }
        )
    interested = set(
        get_user_model()
        .objects.filter(
            pk__in=[r.pk for r in reviewers],
            memberships__is_active=True,
            memberships__organisation_id__in=[
                product.organisation_id,
                product.author_organisation_id,
            ],
        )
        .values_list("pk", flat=True)
    )
    if interested:
        names = ", ".join(str(r) for r in reviewers if r.pk in interested)
        raise ValidationError(
            {"reviewers": f"Эксперт не может оценивать продукт своей организации: {names}."}
        )
    if len(reviewers) < council.approvals_needed:
        raise ValidationError(
            {
                "reviewers": f"Назначьте не менее {council.approvals_needed} экспертов: "
                "столько одобрений нужно по правилу совета."
            }
        )
    last = product.rounds.aggregate(last=Max("number"))["last"] or 0
    now = timezone.now()
    review_round = ReviewRound.objects.create(
        product=product,
        number=last + 1,
        council=council,
        approvals_needed=council.approvals_needed,
        rejections_needed=council.rejections_needed,
        submission_note=product.submission_note,
        started_at=now,
        started_by=user,
    )
    record(
        by=user,
        role=role,
        instance=review_round,
        action=AuditAction.CREATE,
        after=snapshot(review_round),
        parent=product,
    )
    for reviewer in reviewers:
        review = Review.objects.create(round=review_round, reviewer=reviewer)
        record(
            by=user,
            role=role,
            instance=review,
            action=AuditAction.CREATE,
            after=snapshot(review),
            parent=product,
        )
    before = snapshot(product)
    product.state = ProductState.UNDER_REVIEW
    _transition(by, product, user, role, before, ["state"])
    return review_round


def current_round(product: Product) -> ReviewRound | None:
    """The round under way (no decision yet), if any."""
    return product.rounds.filter(outcome="").order_by("-number").first()


@transaction.atomic
def product_record_verdict(*, by, product: Product, verdict: str, remarks: str = "") -> Review:
    """REG-2: an assigned expert gives a verdict with remarks; when the council's rule is
    met (``review_outcome``) the product is approved, returned or rejected."""
    if by is None:
        raise PermissionDenied("Заключение даёт эксперт, а не система.")
    user, _scope, role = _actor(by)
    product = _lock(product)
    if product.state != ProductState.UNDER_REVIEW:
        raise DomainError(
            f"Продукт не на экспертизе: он в состоянии «{product.get_state_display()}»."
        )
    review_round = current_round(product)
    review = (
        review_round.reviews.select_for_update().filter(reviewer=user).first()
        if review_round
        else None
    )
    if review is None:
        raise PermissionDenied(
            "Заключение даёт эксперт, назначенный на рассмотрение этого продукта."
        )
    if not review_round.council.members.filter(pk=user.pk).exists():
        raise PermissionDenied("Вы больше не состоите в экспертном совете.")
    if review.verdict:
        raise DomainError("Вы уже дали заключение по этому продукту.")
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": "Выберите заключение."})
    remarks = (remarks or "").strip()
    if verdict in (Verdict.RETURN, Verdict.REJECT) and not remarks:
        raise ValidationError({"remarks": REMARKS_REQUIRED})
    now = timezone.now()
    before = snapshot(review)
    review.verdict = verdict
    review.remarks = remarks
    review.decided_at = now
    review.save(update_fields=["verdict", "remarks", "decided_at"])
    record(
        by=user,
        role=role,
        instance=review,
        action=AuditAction.UPDATE,
        before=before,
        after=snapshot(review),
        parent=product,
    )
    outcome = review_outcome(
        review_round.reviews.values_list("verdict", flat=True),
        approvals_needed=review_round.approvals_needed,
        rejections_needed=review_round.rejections_needed,
    )
    if outcome is not None:
        round_before = snapshot(review_round)
        review_round.outcome = outcome
        review_round.decided_at = now
        review_round.save(update_fields=["outcome", "decided_at"])
        record(
            by=user,
            role=role,
            instance=review_round,
            action=AuditAction.UPDATE,
            before=round_before,
            after=snapshot(review_round),
            parent=product,
        )
        product_before = snapshot(product)
        product.state = outcome
        product.decided_at = now
        _transition(by, product, user, role, product_before, ["state", "decided_at"])
    return review


@transaction.atomic
def product_set_public(*, by, product: Product, is_public: bool) -> Product:
    """REG-2: show a product in the RC's public section (only recommended ones appear)."""
    user, scope, role = _actor(by)
    product = _lock(product)
    if by is not None:
        _require(permissions.can_manage_product(scope, product))
    before = snapshot(product)
    product.is_public = bool(is_public)
    return _transition(by, product, user, role, before, ["is_public"])


@transaction.atomic
def implementation_add(
    *, by, product: Product, organisation, started_on, note: str = ""
) -> Implementation:
    """REG-2: record that an institution implemented a recommended product."""
    user, scope, role = _actor(by)
    product = _lock(product)
    if by is not None:
        _require(permissions.can_manage_product(scope, product))
    if product.state != ProductState.APPROVED:
        raise DomainError("Внедрение отмечается у продукта, рекомендованного к внедрению.")
    implementation = Implementation(
        product=product, organisation=organisation, started_on=started_on, note=note.strip()
    )
    implementation.full_clean(validate_constraints=False)
    if Implementation.objects.filter(product=product, organisation=organisation).exists():
        raise ValidationError({"organisation": "Внедрение в этом учреждении уже отмечено."})
    implementation.save()
    record(
        by=user,
        role=role,
        instance=implementation,
        action=AuditAction.CREATE,
        after=snapshot(implementation),
        parent=product,
    )
    return implementation


@transaction.atomic
def implementation_remove(*, by, implementation: Implementation) -> None:
    """REG-2: remove an implementation recorded by mistake (kept in the history)."""
    user, scope, role = _actor(by)
    product = implementation.product
    if by is not None:
        _require(permissions.can_manage_product(scope, product))
    record(
        by=user,
        role=role,
        instance=implementation,
        action=AuditAction.DELETE,
        before=snapshot(implementation),
        parent=product,
    )
    implementation.delete()


@transaction.atomic
def council_save(
    *, by, council: ExpertCouncil, members, expected_version: int | None = None, **fields
) -> ExpertCouncil:
    """REG-2: the Department sets up its expert council: members and the approvals rule."""
    user, scope, role = _actor(by)
    if by is not None:
        _require(
            permissions.can_manage_council(scope),
            "Состав экспертного совета утверждает Департамент.",
        )
    creating = council.pk is None
    before = None if creating else snapshot(ExpertCouncil.objects.get(pk=council.pk), ["members"])
    _set_fields(council, fields, COUNCIL_FIELDS)
    council.full_clean()
    members = list(dict.fromkeys(members))
    eligible = eligible_expert_ids(m.pk for m in members)
    outsiders = [str(m) for m in members if m.pk not in eligible]
    if outsiders:
        raise ValidationError(
            {
                "members": "В экспертный совет включаются сотрудники Департамента или "
                "методического центра; нет такой действующей роли: " + ", ".join(outsiders) + "."
            }
        )
    if council.is_active:
        for name, label in (("approvals_needed", "Одобрений"), ("rejections_needed", "Отклонений")):
            if getattr(council, name) > len(members):
                raise ValidationError(
                    {
                        name: f"{label} требуется больше, чем членов в совете "
                        f"({len(members)}): решение не могло бы состояться."
                    }
                )
    if creating:
        council.save()
    else:
        _save_with_version(
            council,
            expected_version=expected_version,
            fields=[*COUNCIL_FIELDS, "updated_at"],
            label="экспертный совет",
        )
    council.members.set(members)
    record(
        by=user,
        role=role,
        instance=council,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        before=before,
        after=snapshot(council, ["members"]),
    )
    return council


# --- REG-3 best practices -------------------------------------------------------------------


def duplicate_practice_message() -> str:
    return "Эта организация уже предложила практику с таким наименованием."


def _validate_practice(practice: Practice) -> None:
    practice.full_clean(validate_unique=False, validate_constraints=False)
    twin = (
        Practice.objects.filter(organisation_id=practice.organisation_id, title=practice.title)
        .exclude(pk=practice.pk)
        .exists()
    )
    if twin:
        raise ValidationError({"title": duplicate_practice_message()})


@transaction.atomic
def practice_create(
    *,
    by,
    organisation,
    direction,
    title: str,
    description: str,
    year: int,
    results: str = "",
    target_group: str = "",
    link: str = "",
    is_public: bool = False,
) -> Practice:
    """REG-3: a provider describes its practice (a draft until it proposes it to the RC)."""
    user, scope, role = _actor(by)
    if by is not None:
        _require(
            permissions.can_create_practice(scope, organisation=organisation),
            "Предложить практику может сама организация.",
        )
    practice = Practice(
        organisation=organisation,
        direction=direction,
        title=title.strip(),
        description=description,
        results=results,
        target_group=target_group,
        year=year,
        link=link,
        is_public=is_public,
    )
    _validate_practice(practice)
    practice.save()
    record(
        by=user, role=role, instance=practice, action=AuditAction.CREATE, after=snapshot(practice)
    )
    return practice


@transaction.atomic
def practice_update(*, by, practice: Practice, expected_version: int | None, **fields) -> Practice:
    """REG-3: change a draft or a not-recommended practice; a concurrent edit is refused."""
    user, scope, role = _actor(by)
    stored = Practice.objects.get(pk=practice.pk)
    if by is not None:
        _require(permissions.can_manage_practice(scope, stored))
    if not stored.is_editable:
        raise DomainError(
            f"Практика в состоянии «{stored.get_state_display()}»: изменить её можно в черновике "
            "или после отказа ресурсного центра."
        )
    before = snapshot(stored)
    _set_fields(practice, fields, PRACTICE_FIELDS)
    if by is not None and practice.organisation_id != stored.organisation_id:
        _require(permissions.can_create_practice(scope, organisation=practice.organisation))
    practice.title = practice.title.strip()
    _validate_practice(practice)
    _save_with_version(
        practice,
        expected_version=expected_version,
        fields=[*PRACTICE_FIELDS, "updated_at"],
        label="практику",
    )
    record(
        by=user,
        role=role,
        instance=practice,
        action=AuditAction.UPDATE,
        before=before,
        after=snapshot(practice),
    )
    return practice


def _practice_transition(practice, user, role, before, fields) -> Practice:
    practice.save(update_fields=[*fields, "updated_at"])
    record(
        by=user,
        role=role,
        instance=practice,
        action=AuditAction.UPDATE,
        before=before,
        after=snapshot(practice),
    )
    return practice


@transaction.atomic
def practice_propose(*, by, practice: Practice) -> Practice:
    """REG-3: the provider proposes its practice to the RC of the direction for analysis
    (draft, or not recommended and revised → proposed)."""
    user, scope, role = _actor(by)
    practice = _lock(practice)
    if by is not None:
        _require(permissions.can_manage_practice(scope, practice))
    if not practice.is_editable:
        raise DomainError(
            f"Практика уже в состоянии «{practice.get_state_display()}»: направлять её не нужно."
        )
    before = snapshot(practice)
    practice.state = PracticeState.PROPOSED
    practice.proposed_at = timezone.now()
    # A practice proposed again after a refusal is analysed afresh; the refusal stays in
    # the history.
    practice.analysis = ""
    practice.analysis_verdict = ""
    practice.analysed_by = None
    practice.analysed_by_organisation = None
    practice.analysed_at = None
    return _practice_transition(
        practice,
        user,
        role,
        before,
        [
            "state",
            "proposed_at",
            "analysis",
            "analysis_verdict",
            "analysed_by",
            "analysed_by_organisation",
            "analysed_at",
        ],
    )


@transaction.atomic
def practice_analyse(*, by, practice: Practice, verdict: str, analysis: str) -> Practice:
    """REG-3: the RC of the direction analyses a proposed practice and recommends it for
    replication or not (proposed → recommended | not recommended)."""
    user, scope, role = _actor(by)
    practice = _lock(practice)
    if by is not None:
        _require(
            permissions.analyses_direction(scope, practice),
            "Практику анализирует ресурсный центр её направления.",
        )
    if practice.state != PracticeState.PROPOSED:
        raise DomainError(
            f"Анализируется практика, направленная в ресурсный центр, а эта — "
            f"«{practice.get_state_display()}»."
        )
    analysis = (analysis or "").strip()
    if not analysis:
        raise ValidationError({"analysis": "Опишите результаты анализа практики."})
    if verdict not in AnalysisVerdict.values:
        raise ValidationError({"verdict": "Выберите вывод: рекомендовать или нет."})
    before = snapshot(practice)
    practice.state = verdict
    practice.analysis_verdict = verdict
    practice.analysis = analysis
    practice.analysed_by = user
    practice.analysed_by_organisation = by.organisation if by is not None else None
    practice.analysed_at = timezone.now()
    return _practice_transition(
        practice,
        user,
        role,
        before,
        [
            "state",
            "analysis",
            "analysis_verdict",
            "analysed_by",
            "analysed_by_organisation",
            "analysed_at",
        ],
    )


@transaction.atomic
def practice_submit(*, by, practice: Practice) -> Practice:
    """REG-3: the RC submits a recommended practice to the methodical centre for
    replication (recommended → submitted; 003:4.5)."""
    user, scope, role = _actor(by)
    practice = _lock(practice)
    if by is not None:
        _require(
            permissions.analyses_direction(scope, practice),
            "Направляет практику в методический центр ресурсный центр её направления.",
        )
    if practice.state != PracticeState.RECOMMENDED:
        raise DomainError("В методический центр направляется практика, рекомендованная РЦ.")
    before = snapshot(practice)
    practice.state = PracticeState.SUBMITTED
    practice.submitted_at = timezone.now()
    return _practice_transition(practice, user, role, before, ["state", "submitted_at"])


@transaction.atomic
def practice_set_public(*, by, practice: Practice, is_public: bool) -> Practice:
    """REG-3: show a recommended practice in the RC's public section."""
    user, scope, role = _actor(by)
    practice = _lock(practice)
    if by is not None:
        _require(permissions.can_set_practice_public(scope, practice))
    before = snapshot(practice)
    practice.is_public = bool(is_public)
    return _practice_transition(practice, user, role, before, ["is_public"])


@transaction.atomic
def replication_add(
    *, by, practice: Practice, organisation, started_on, result: str
) -> Replication:
    """REG-3: the methodical centre (or the RC) records where a practice was replicated."""
    user, scope, role = _actor(by)
    practice = _lock(practice)
    if practice.state != PracticeState.SUBMITTED:
        raise DomainError("Тиражирование отмечается у практики, направленной в методический центр.")
    if by is not None:
        _require(permissions.can_record_replication(scope, practice))
    replication = Replication(
        practice=practice, organisation=organisation, started_on=started_on, result=result.strip()
    )
    replication.full_clean(validate_constraints=False)
    if Replication.objects.filter(practice=practice, organisation=organisation).exists():
        raise ValidationError({"organisation": "Тиражирование в этом учреждении уже отмечено."})
    replication.save()
    record(
        by=user,
        role=role,
        instance=replication,
        action=AuditAction.CREATE,
        after=snapshot(replication),
        parent=practice,
    )
    return replication
