"""Writes of referrals (SOC-7; seed 002 §VI): a plan line referred to another unit of the
institution (psychological help, home service, minors, rehabilitation) or to another agency
of the directory (police, guardianship, commission on minors, education, health,
employment).

States: sent → accepted | rejected (with a reason) → done (with a result); the sender
revokes a referral while it is sent or accepted. The receiving unit's staff answer an
internal referral; an external agency answers outside the system and the sending side
records its answer. Data leaves the institution only under the person's consent for
«exchange» (152-FZ art. 9): an external referral without it is refused with the consent
module's message. Every change is optimistic (the version read) and audited under the plan.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens.consent import require_consent
from resurs.casework.citizens.models import ConsentPurpose, FamilyMember
from resurs.casework.plans import permissions, selectors
from resurs.casework.plans.models import LineStatus, PlanLine, PlanStatus, Referral, ReferralStatus
from resurs.casework.units.models import Unit
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import DomainError, acting, audit, locked, require, save_with_version

STATE_FIELDS = ["status", "answered_at", "answered_by", "rejection_reason", "done_at", "result"]


def _require_consent_of(plan) -> None:
    """The consent for «exchange» of the person, or of each current member of the family."""
    if plan.person_id:
        require_consent(plan.person, ConsentPurpose.EXCHANGE)
        return
    members = FamilyMember.all_records.filter(family_id=plan.family_id, left_on__isnull=True)
    for member in members.select_related("person").order_by("id"):
        require_consent(member.person, ConsentPurpose.EXCHANGE)


@transaction.atomic
def referral_send(
    *,
    by,
    line: PlanLine,
    request: str,
    to_unit: Unit | None = None,
    to_organisation: Organisation | None = None,
) -> Referral:
    """SOC-7: refer a plan line to a unit of the same institution or to an agency of the
    directory; an external referral needs the person's consent for «exchange»."""
    user, scope, _role = acting(by)
    plan = line.plan
    if by is not None:
        require(permissions.can_edit(scope), "Направлять могут сотрудники учреждения.")
        require(selectors.sees_plan(by, plan.pk), "Недостаточно прав для этого действия.")
    if (to_unit is None) == (to_organisation is None):
        raise DomainError("Укажите одного адресата: отделение учреждения или другое ведомство.")
    if plan.status == PlanStatus.CLOSED:
        raise DomainError("План завершён: направлять по нему нельзя.")
    if line.status not in (LineStatus.PLANNED, LineStatus.IN_PROGRESS):
        raise DomainError("Мероприятие завершено или отменено: направлять по нему нельзя.")
    request = (request or "").strip()
    if not request:
        raise DomainError("Напишите, о чём просите адресата.")
    if to_unit is not None:
        if not selectors.unit_choices(plan.organisation_id).filter(pk=to_unit.pk).exists():
            raise DomainError("Направить можно в действующее отделение своего учреждения.")
        if to_unit.pk == plan.unit_id:
            raise DomainError("Мероприятие уже ведёт это отделение: выберите другое.")
    elif to_organisation is not None:
        if by is not None and not (
            selectors.external_choices(by).filter(pk=to_organisation.pk).exists()
        ):
            raise DomainError(
                "Направить можно в организацию другого ведомства из доступного вам справочника."
            )
        _require_consent_of(plan)
    sent_by = user or plan.specialist  # a system job (the demo) sends as the plan's specialist
    if sent_by is None:
        raise DomainError("Не указан сотрудник, направляющий гражданина.")
    locked(line)
    open_ones = Referral.all_records.filter(line=line, status__in=selectors.OPEN_REFERRAL_STATUSES)
    if open_ones.filter(to_unit=to_unit, to_organisation=to_organisation).exists():
        raise DomainError("По этому мероприятию уже есть действующее направление этому адресату.")
    referral = Referral(
        line=line,
        from_unit_id=plan.unit_id,
        to_unit=to_unit,
        to_organisation=to_organisation,
        request=request,
        sent_at=timezone.now(),
        sent_by=sent_by,
    )
    referral.full_clean()
    referral.save()
    audit(by, referral, AuditAction.CREATE, parent=plan)
    return referral


def _transition(
    by,
    referral: Referral,
    *,
    expected_version: int | None,
    allowed_from: tuple[str, ...],
    refusal: str,
    answering: bool,
    **changes,
) -> Referral:
    user, scope, _role = acting(by)
    plan = referral.line.plan
    if by is not None:
        sees_plan = selectors.sees_plan(by, plan.pk)
        if answering:
            allowed = permissions.can_answer(scope, referral, sees_plan=sees_plan)
            message = (
                "Отвечают сотрудники отделения, которому адресовано направление."
                if referral.to_unit_id
                else "Ответ ведомства вносит направившая сторона."
            )
        else:
            allowed = permissions.can_revoke(scope, sees_plan=sees_plan)
            message = "Отозвать направление может только направившая сторона."
        require(allowed, message)
    # The change is made on the stored row: a refused one leaves the caller's referral as is.
    stored = locked(referral)
    before = snapshot(stored)
    if stored.status not in allowed_from:
        raise DomainError(refusal)
    for name, value in changes.items():
        setattr(stored, name, value)
    if answering and stored.status in (ReferralStatus.ACCEPTED, ReferralStatus.REJECTED):
        stored.answered_at = timezone.now()
        stored.answered_by = user
    stored.full_clean()
    stored.version = referral.version  # without an editor's version, the one the caller read
    save_with_version(
        stored, expected_version=expected_version, fields=STATE_FIELDS, label="направление"
    )
    audit(by, stored, AuditAction.UPDATE, before=before, parent=plan)
    referral.refresh_from_db()
    return referral


@transaction.atomic
def referral_accept(*, by, referral: Referral, expected_version: int | None) -> Referral:
    """SOC-7: the receiving unit takes the referral into work."""
    return _transition(
        by,
        referral,
        expected_version=expected_version,
        allowed_from=(ReferralStatus.SENT,),
        refusal="Направление уже рассмотрено или отозвано.",
        answering=True,
        status=ReferralStatus.ACCEPTED,
    )


@transaction.atomic
def referral_reject(
    *, by, referral: Referral, expected_version: int | None, reason: str
) -> Referral:
    """SOC-7: the receiving unit refuses the referral, saying why."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Укажите причину отказа.")
    return _transition(
        by,
        referral,
        expected_version=expected_version,
        allowed_from=(ReferralStatus.SENT,),
        refusal="Направление уже рассмотрено или отозвано.",
        answering=True,
        status=ReferralStatus.REJECTED,
        rejection_reason=reason,
    )


@transaction.atomic
def referral_done(*, by, referral: Referral, expected_version: int | None, result: str) -> Referral:
    """SOC-7: the accepted referral is carried out; the result goes back to the sender."""
    result = (result or "").strip()
    if not result:
        raise DomainError("Опишите результат исполнения.")
    return _transition(
        by,
        referral,
        expected_version=expected_version,
        allowed_from=(ReferralStatus.ACCEPTED,),
        refusal="Исполнить можно только принятое направление.",
        answering=True,
        status=ReferralStatus.DONE,
        done_at=timezone.now(),
        result=result,
    )


@transaction.atomic
def referral_revoke(*, by, referral: Referral, expected_version: int | None) -> Referral:
    """SOC-7: the sender withdraws a referral still sent or accepted."""
    return _transition(
        by,
        referral,
        expected_version=expected_version,
        allowed_from=selectors.OPEN_REFERRAL_STATUSES,
        refusal="Отозвать можно только направленное или принятое направление.",
        answering=False,
        status=ReferralStatus.REVOKED,
    )
