"""REG-3: best practices — a provider describes and proposes its practice, the RC of the
direction analyses it and submits a recommended one to the methodical centre."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resurs.coordination.methodology import permissions
from resurs.coordination.methodology.models import AnalysisVerdict, Practice, PracticeState
from resurs.coordination.methodology.services.transitions import save_transition
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.services import check_direction_tag
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

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
    _user, scope, _role = acting(by)
    if by is not None:
        require(
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
    check_direction_tag(scope, practice.direction_id)
    _validate_practice(practice)
    practice.save()
    audit(by, practice, AuditAction.CREATE)
    return practice


@transaction.atomic
def practice_update(*, by, practice: Practice, expected_version: int | None, **fields) -> Practice:
    """REG-3: change a draft or a not-recommended practice; a concurrent edit is refused."""
    _user, scope, _role = acting(by)
    stored = locked(practice)
    if by is not None:
        require(permissions.can_manage_practice(scope, stored))
    if not stored.is_editable:
        raise DomainError(
            f"Практика в состоянии «{stored.get_state_display()}»: изменить её можно в черновике "
            "или после отказа ресурсного центра."
        )
    before = snapshot(stored)
    assign(practice, fields, PRACTICE_FIELDS)
    check_direction_tag(scope, practice.direction_id, unchanged_from=stored.direction_id)
    if by is not None and practice.organisation_id != stored.organisation_id:
        require(permissions.can_create_practice(scope, organisation=practice.organisation))
    practice.title = practice.title.strip()
    _validate_practice(practice)
    save_with_version(
        practice,
        expected_version=expected_version,
        fields=[*PRACTICE_FIELDS, "updated_at"],
        label="практику",
    )
    audit(by, practice, AuditAction.UPDATE, before=before)
    return practice


@transaction.atomic
def practice_propose(*, by, practice: Practice) -> Practice:
    """REG-3: the provider proposes its practice to the RC of the direction for analysis
    (draft, or not recommended and revised → proposed)."""
    _user, scope, _role = acting(by)
    practice = locked(practice)
    if by is not None:
        require(permissions.can_manage_practice(scope, practice))
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
    return save_transition(
        by,
        practice,
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
    user, scope, _role = acting(by)
    practice = locked(practice)
    if by is not None:
        require(
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
    return save_transition(
        by,
        practice,
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
    _user, scope, _role = acting(by)
    practice = locked(practice)
    if by is not None:
        require(
            permissions.analyses_direction(scope, practice),
            "Направляет практику в методический центр ресурсный центр её направления.",
        )
    if practice.state != PracticeState.RECOMMENDED:
        raise DomainError("В методический центр направляется практика, рекомендованная РЦ.")
    before = snapshot(practice)
    practice.state = PracticeState.SUBMITTED
    practice.submitted_at = timezone.now()
    return save_transition(by, practice, before, ["state", "submitted_at"])


@transaction.atomic
def practice_set_public(*, by, practice: Practice, is_public: bool) -> Practice:
    """REG-3: show a recommended practice in the RC's public section."""
    _user, scope, _role = acting(by)
    practice = locked(practice)
    if by is not None:
        require(permissions.can_set_practice_public(scope, practice))
    before = snapshot(practice)
    practice.is_public = bool(is_public)
    return save_transition(by, practice, before, ["is_public"])
