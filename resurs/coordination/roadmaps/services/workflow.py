"""Roadmap services — the agreement workflow and providers' proposals (MAP-3)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import (
    AWAITING_STATES,
    Item,
    Proposal,
    ProposalState,
    Roadmap,
    RoadmapState,
    RoadmapVersion,
    Section,
)
from resurs.coordination.roadmaps.services.common import (
    _check,
    _scope,
)
from resurs.coordination.roadmaps.services.plan import (
    item_create,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import acting, audit, locked, require
from resurs.kernel.writes.errors import DomainError

# --- workflow (MAP-3) -------------------------------------------------------------------------


def _transition(by, roadmap: Roadmap, state: str, **changes) -> Roadmap:
    before = snapshot(roadmap)
    roadmap.state = state
    for name, value in changes.items():
        setattr(roadmap, name, value)
    roadmap.version += 1
    roadmap.save(update_fields=["state", "version", "updated_at", *changes])
    audit(by, roadmap, AuditAction.UPDATE, before=before)
    return roadmap


@transaction.atomic
def roadmap_submit(*, by, roadmap: Roadmap) -> Roadmap:
    """MAP-3: the RC sends its plan to the Department for agreement (again after a return)."""
    roadmap = locked(roadmap, in_place=True)
    if not roadmap.is_editable:
        raise DomainError("Направить на согласование можно черновик или возвращённую карту.")
    _check(by, permissions.can_submit(_scope(by), roadmap))
    if not Item.objects.filter(section__roadmap=roadmap).exists():
        raise DomainError("В дорожной карте нет мероприятий: добавьте их перед отправкой.")
    state = (
        RoadmapState.RESUBMITTED
        if roadmap.state == RoadmapState.RETURNED
        else (RoadmapState.SUBMITTED)
    )
    return _transition(by, roadmap, state, submitted_at=timezone.now())


def plan_snapshot(roadmap: Roadmap) -> dict:
    from resurs.coordination.roadmaps.selectors import plan_sections
    from resurs.coordination.roadmaps.versions import snapshot_of

    return snapshot_of(roadmap, plan_sections(roadmap))


@transaction.atomic
def roadmap_agree(*, by, roadmap: Roadmap) -> Roadmap:
    """MAP-3: the Department agrees the plan; the agreed content is frozen as a new version."""
    roadmap = locked(roadmap, in_place=True)
    if roadmap.state not in AWAITING_STATES:
        raise DomainError("Согласовать можно только карту, направленную на согласование.")
    _check(by, permissions.can_decide(_scope(by), roadmap))
    user = acting(by)[0]
    now = timezone.now()
    number = roadmap.agreed_version + 1
    RoadmapVersion.objects.create(
        roadmap=roadmap,
        number=number,
        content=plan_snapshot(roadmap),
        agreed_at=now,
        agreed_by=user,
    )
    Item.objects.filter(section__roadmap=roadmap).exclude(remark="").update(remark="")
    return _transition(
        by, roadmap, RoadmapState.AGREED, agreed_version=number, decided_at=now, remark=""
    )


@transaction.atomic
def roadmap_return(
    *, by, roadmap: Roadmap, remark: str, item_remarks: dict[int, str] | None = None
) -> Roadmap:
    """MAP-3: the Department returns the plan with remarks on it and on single items."""
    roadmap = locked(roadmap, in_place=True)
    if roadmap.state not in AWAITING_STATES:
        raise DomainError("Вернуть можно только карту, направленную на согласование.")
    _check(by, permissions.can_decide(_scope(by), roadmap))
    item_remarks = {int(k): v.strip() for k, v in (item_remarks or {}).items() if v and v.strip()}
    if not remark.strip() and not item_remarks:
        raise ValidationError({"remark": "Напишите, что нужно доработать."})
    items = {i.pk: i for i in Item.objects.filter(section__roadmap=roadmap)}
    unknown = set(item_remarks) - set(items)
    if unknown:
        raise DomainError("Замечание относится к мероприятию другой дорожной карты.")
    Item.objects.filter(section__roadmap=roadmap).exclude(remark="").update(remark="")
    for pk, text in item_remarks.items():
        item = items[pk]
        before = snapshot(item)
        item.remark = text
        item.save(update_fields=["remark"])
        audit(by, item, AuditAction.UPDATE, before=before, parent=roadmap)
    return _transition(
        by, roadmap, RoadmapState.RETURNED, remark=remark.strip(), decided_at=timezone.now()
    )


@transaction.atomic
def roadmap_reopen(*, by, roadmap: Roadmap) -> Roadmap:
    """MAP-3: a change of an agreed plan starts a new version as a draft; the agreed version
    stays in force (and its execution goes on) until the Department agrees the change."""
    roadmap = locked(roadmap, in_place=True)
    if roadmap.state != RoadmapState.AGREED:
        raise DomainError("Изменения вносятся в согласованную дорожную карту.")
    _check(by, permissions.can_reopen(_scope(by), roadmap))
    return _transition(by, roadmap, RoadmapState.DRAFT)


# --- proposals (MAP-3, 001:2.4.3) -------------------------------------------------------------


@transaction.atomic
def proposal_create(
    *,
    by,
    roadmap: Roadmap,
    text: str,
    suggested_name: str = "",
    suggested_timeframe: str = "",
    suggested_section: Section | None = None,
    organisation: Organisation | None = None,
) -> Proposal:
    """MAP-3 (001:2.4.3): a provider of the direction proposes a measure to an RC's roadmap.
    ``organisation`` is for system jobs (the demo); a user proposes for their own."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_propose(scope, roadmap), "Предложения направляют поставщики.")
        organisation = by.organisation
    elif organisation is None:
        raise DomainError("Укажите организацию, от которой направлено предложение.")
    if not organisation.directions.filter(pk=roadmap.direction_id).exists():
        raise DomainError("Организация не участвует в направлении этой дорожной карты.")
    if suggested_section is not None and suggested_section.roadmap_id != roadmap.pk:
        raise ValidationError({"suggested_section": "Раздел другой дорожной карты."})
    proposal = Proposal(
        roadmap=roadmap,
        organisation=organisation,
        text=text,
        suggested_name=suggested_name,
        suggested_timeframe=suggested_timeframe,
        suggested_section=suggested_section,
        author=user,
    )
    proposal.full_clean()
    proposal.save()
    audit(by, proposal, AuditAction.CREATE, parent=roadmap)
    return proposal


def _open_proposal(proposal: Proposal) -> Proposal:
    """The proposal re-read under its row lock (into the caller's instance), still open."""
    locked(proposal, in_place=True)
    if not proposal.is_open:
        raise DomainError(f"Предложение уже рассмотрено: {proposal.get_state_display()}.")
    return proposal


@transaction.atomic
def proposal_accept(
    *,
    by,
    proposal: Proposal,
    section: Section | None = None,
    name: str = "",
    timeframe: str = "",
    note: str = "",
) -> Proposal:
    """MAP-3: the RC takes a proposal into its plan as a new item of a section."""
    proposal = _open_proposal(proposal)
    roadmap = proposal.roadmap
    _check(by, permissions.can_decide_proposal(_scope(by), proposal))
    section = section or proposal.suggested_section
    if section is None or section.roadmap_id != roadmap.pk:
        raise ValidationError({"section": "Выберите раздел дорожной карты."})
    name = name or proposal.suggested_name or proposal.text
    timeframe = timeframe or proposal.suggested_timeframe
    if not timeframe:
        raise ValidationError({"timeframe": "Укажите срок реализации."})
    item = item_create(
        by=by,
        section=section,
        name=name,
        timeframe=timeframe,
        responsible_text=f"по предложению: {proposal.organisation}",
    )
    before = snapshot(proposal)
    proposal.state = ProposalState.ACCEPTED
    proposal.item = item
    proposal.decision_note = note
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "item", "decision_note", "decided_at"])
    audit(by, proposal, AuditAction.UPDATE, before=before, parent=roadmap)
    return proposal


@transaction.atomic
def proposal_decline(*, by, proposal: Proposal, note: str) -> Proposal:
    """MAP-3: the RC declines a proposal, saying why."""
    proposal = _open_proposal(proposal)
    _check(by, permissions.can_decide_proposal(_scope(by), proposal))
    if not note.strip():
        raise ValidationError({"note": "Напишите, почему предложение отклонено."})
    before = snapshot(proposal)
    proposal.state = ProposalState.DECLINED
    proposal.decision_note = note.strip()
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "decision_note", "decided_at"])
    audit(by, proposal, AuditAction.UPDATE, before=before, parent=proposal.roadmap)
    return proposal
