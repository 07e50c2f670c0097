"""REG-2: the expert council — its members and approvals rule, the review rounds of a
product, the experts' verdicts and the outcome they decide."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.coordination.methodology import permissions
from resurs.coordination.methodology.models import (
    ExpertCouncil,
    Product,
    ProductState,
    Review,
    ReviewRound,
    Verdict,
    review_outcome,
)
from resurs.coordination.methodology.services.transitions import save_transition
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

COUNCIL_FIELDS = ["name", "approvals_needed", "rejections_needed", "is_active", "note"]

REMARKS_REQUIRED = "Укажите замечания: по ним автор доработает продукт."


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
def council_save(
    *, by, council: ExpertCouncil, members, expected_version: int | None = None, **fields
) -> ExpertCouncil:
    """REG-2: the Department sets up its expert council: members and the approvals rule."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_manage_council(scope),
            "Состав экспертного совета утверждает Департамент.",
        )
    creating = council.pk is None
    before = None if creating else snapshot(locked(council), ["members"])
    assign(council, fields, COUNCIL_FIELDS)
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
        save_with_version(
            council,
            expected_version=expected_version,
            fields=[*COUNCIL_FIELDS, "updated_at"],
            label="экспертный совет",
        )
    council.members.set(members)
    action = AuditAction.CREATE if creating else AuditAction.UPDATE
    audit(by, council, action, before=before, extra_m2m=["members"])
    return council


@transaction.atomic
def product_start_review(*, by, product: Product, council: ExpertCouncil, reviewers) -> ReviewRound:
    """REG-2: the council takes a sent product into review and assigns its experts
    (sent → under review). At least as many experts as the rule's approvals are needed."""
    user, scope, _role = acting(by)
    product = locked(product)
    if by is not None:
        require(
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
    audit(by, review_round, AuditAction.CREATE, parent=product)
    for reviewer in reviewers:
        review = Review.objects.create(round=review_round, reviewer=reviewer)
        audit(by, review, AuditAction.CREATE, parent=product)
    before = snapshot(product)
    product.state = ProductState.UNDER_REVIEW
    save_transition(by, product, before, ["state"])
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
    user, _scope, _role = acting(by)
    product = locked(product)
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
    audit(by, review, AuditAction.UPDATE, before=before, parent=product)
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
        audit(by, review_round, AuditAction.UPDATE, before=round_before, parent=product)
        product_before = snapshot(product)
        product.state = outcome
        product.decided_at = now
        save_transition(by, product, product_before, ["state", "decided_at"])
    return review
