"""Writes of roadmaps (SPEC §3 MAP-1..MAP-4). Views, the API, the demo and tasks call these.

Every write checks `roadmaps.permissions`, validates with ``full_clean()`` and leaves an audit
entry filed under the roadmap (its card's history shows the whole plan's changes).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from resurs.coordination.roadmaps import evidence as evidence_kinds
from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import (
    AWAITING_STATES,
    Checkpoint,
    Evidence,
    Item,
    Mark,
    MarkResult,
    Proposal,
    ProposalState,
    Roadmap,
    RoadmapKind,
    RoadmapState,
    RoadmapVersion,
    ScheduleKind,
    Section,
)
from resurs.coordination.roadmaps.timeframes import ScheduleKind as ParsedKind
from resurs.coordination.roadmaps.timeframes import parse_timeframe, quarter_ends
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.notifications.recipients import responsible_users
from resurs.kernel.notifications.services import notify
from resurs.kernel.organisations.models import AppointmentKind, Organisation
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError


def _check(by, allowed: bool, message: str = "Недостаточно прав для этого действия.") -> None:
    """System jobs and the demo (``by`` None) act without a scope."""
    if by is not None:
        require(allowed, message)


def _scope(by):
    return acting(by)[1]


def _require_editable(by, roadmap: Roadmap) -> None:
    if not roadmap.is_editable:
        raise DomainError(
            f"Дорожная карта «{roadmap.get_state_display()}»: изменять её нельзя. "
            "После согласования нажмите «Внести изменения» — будет подготовлена новая версия."
        )
    _check(by, permissions.can_edit_plan(_scope(by), roadmap))


# --- roadmaps ---------------------------------------------------------------------------------

ROADMAP_FIELDS = ["title", "programme", "year", "direction", "kind"]


@transaction.atomic
def roadmap_create(
    *,
    by,
    organisation: Organisation,
    year: int,
    title: str,
    direction=None,
    kind: str = RoadmapKind.RC_ROADMAP,
    programme: str = "",
) -> Roadmap:
    """MAP-1: a new draft plan of an organisation for a year."""
    user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_create(scope))
        require(
            permissions.is_owner(scope, Roadmap(organisation=organisation)),
            "Дорожную карту составляет сама организация.",
        )
    roadmap = Roadmap(
        organisation=organisation,
        direction=direction,
        kind=kind,
        programme=programme,
        year=year,
        title=title,
        created_by=user,
    )
    roadmap.full_clean()
    roadmap.save()
    audit(by, roadmap, AuditAction.CREATE)
    return roadmap


@transaction.atomic
def roadmap_update(*, by, roadmap: Roadmap, expected_version: int | None, **fields) -> Roadmap:
    """MAP-1: the title, programme, year of a draft plan."""
    _require_editable(by, roadmap)
    before = snapshot(roadmap)
    assign(roadmap, fields, ROADMAP_FIELDS)
    roadmap.full_clean()
    save_with_version(
        roadmap,
        expected_version=expected_version,
        fields=[*fields, "updated_at"],
        label="дорожную карту",
    )
    audit(by, roadmap, AuditAction.UPDATE, before=before)
    if "year" in fields and fields["year"] != before["year"]:
        for item in Item.objects.filter(section__roadmap=roadmap):
            _apply_schedule(item, roadmap.year)
    return roadmap


# --- sections ---------------------------------------------------------------------------------


def _renumber(roadmap: Roadmap) -> None:
    """Sections 1..M in their order; items 1..N through the whole plan (as in the seeds)."""
    sections = list(Section.objects.filter(roadmap=roadmap).order_by("number", "id"))
    for position, section in enumerate(sections, start=1):
        if section.number != position:
            section.number = position
            section.save(update_fields=["number"])
    items = Item.objects.filter(section__roadmap=roadmap).order_by("section__number", "order", "id")
    changed = []
    for position, item in enumerate(items.only("id", "number", "order", "section_id"), start=1):
        if item.number != position:
            item.number = position
            changed.append(item)
    Item.objects.bulk_update(changed, ["number"])


@transaction.atomic
def section_create(*, by, roadmap: Roadmap, title: str) -> Section:
    """MAP-1: a section at the end of the plan."""
    roadmap = locked(roadmap, in_place=True)
    _require_editable(by, roadmap)
    last = roadmap.sections.aggregate(last=Max("number"))["last"] or 0
    section = Section(roadmap=roadmap, number=last + 1, title=title)
    section.full_clean()
    section.save()
    audit(by, section, AuditAction.CREATE, parent=roadmap)
    return section


@transaction.atomic
def section_update(*, by, section: Section, title: str) -> Section:
    roadmap = locked(section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    before = snapshot(section)
    section.title = title
    section.full_clean()
    section.save(update_fields=["title"])
    audit(by, section, AuditAction.UPDATE, before=before, parent=roadmap)
    return section


@transaction.atomic
def section_delete(*, by, section: Section) -> None:
    roadmap = locked(section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    if section.items.exists():
        raise DomainError("В разделе есть мероприятия: перенесите или удалите их сначала.")
    before = snapshot(section)
    audit(by, section, AuditAction.DELETE, before=before, parent=roadmap)
    section.delete()
    _renumber(roadmap)


@transaction.atomic
def section_move(*, by, section: Section, step: int) -> Section:
    """MAP-1: swap a section with its neighbour above (-1) or below (+1); renumbers."""
    roadmap = locked(section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    sections = list(roadmap.sections.order_by("number", "id"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index + (1 if step > 0 else -1)
    if not 0 <= other < len(sections):
        return section
    sections[index], sections[other] = sections[other], sections[index]
    for position, each in enumerate(sections, start=1):
        Section.objects.filter(pk=each.pk).update(number=position)
    _renumber(roadmap)
    section.refresh_from_db()
    audit(
        by,
        section,
        AuditAction.UPDATE,
        before={"number": index + 1},
        after={"number": section.number},
        parent=roadmap,
    )
    return section


# --- items ------------------------------------------------------------------------------------

ITEM_FIELDS = ["name", "timeframe", "responsible_text", "expected_results"]


def _sync_checkpoints(item: Item, dates: list[datetime.date], *, is_review: bool) -> None:
    """The item's checkpoints become exactly ``dates``; a marked checkpoint is never dropped."""
    existing = {c.due_on: c for c in Checkpoint.objects.filter(item=item).select_related("mark")}
    wanted = set(dates)
    for due_on, checkpoint in existing.items():
        if due_on in wanted:
            if checkpoint.is_review != is_review:
                checkpoint.is_review = is_review
                checkpoint.save(update_fields=["is_review"])
            continue
        if checkpoint.mark_or_none is not None:
            raise DomainError(
                f"По контрольной точке {due_on:%d.%m.%Y} уже есть отметка об исполнении: "
                "новый срок её бы удалил. Сначала удалите отметку."
            )
        checkpoint.delete()
    Checkpoint.objects.bulk_create(
        Checkpoint(item=item, due_on=due_on, is_review=is_review)
        for due_on in sorted(wanted - set(existing))
    )


def _apply_schedule(item: Item, year: int) -> None:
    """MAP-2: what the parser understands of the timeframe, stored with the checkpoints.

    Text the parser does not understand keeps no checkpoint and waits for a person
    («срок не распознан»); a continuous item is reviewed at the four quarter ends.
    """
    schedule = parse_timeframe(item.timeframe, year=year)
    item.schedule_kind = {
        ParsedKind.DATED: ScheduleKind.DATED,
        ParsedKind.CONTINUOUS: ScheduleKind.CONTINUOUS,
    }.get(schedule.kind, ScheduleKind.UNRECOGNISED)
    item.schedule_label = schedule.label[:255]
    item.window_start = schedule.window_start
    item.window_end = schedule.window_end
    item.schedule_set_by_hand = False
    if item.schedule_kind == ScheduleKind.CONTINUOUS:
        item.window_start, item.window_end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    item.save(
        update_fields=[
            "schedule_kind",
            "schedule_label",
            "window_start",
            "window_end",
            "schedule_set_by_hand",
        ]
    )
    if item.schedule_kind == ScheduleKind.DATED:
        _sync_checkpoints(item, list(schedule.checkpoints), is_review=False)
    elif item.schedule_kind == ScheduleKind.CONTINUOUS:
        _sync_checkpoints(item, list(quarter_ends(year)), is_review=True)
    else:
        _sync_checkpoints(item, [], is_review=False)


def _check_responsibles(roadmap: Roadmap, responsibles) -> None:
    foreign = [a for a in responsibles if a.organisation_id != roadmap.organisation_id]
    if foreign:
        raise ValidationError(
            {"responsibles": "Ответственными назначаются сотрудники организации-владельца плана."}
        )


@transaction.atomic
def item_create(
    *, by, section: Section, name: str, timeframe: str, responsibles=(), after: Item | None = None,
    **fields,
) -> Item:  # fmt: skip
    """MAP-1: a measure at the end of a section (or right after ``after``); renumbers the plan
    and understands the timeframe (MAP-2)."""
    roadmap = locked(section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    for key in fields:
        if key not in ITEM_FIELDS:
            raise DomainError(f"Поле «{key}» нельзя задать.")
    if after is not None:
        order = after.order + 1
        Item.objects.filter(section=section, order__gte=order).update(order=F("order") + 1)
    else:
        order = (section.items.aggregate(last=Max("order"))["last"] or 0) + 1
    item = Item(section=section, order=order, name=name, timeframe=timeframe, **fields)
    item.full_clean(exclude=["number"])
    item.save()
    responsibles = list(responsibles)
    _check_responsibles(roadmap, responsibles)
    item.responsibles.set(responsibles)
    _apply_schedule(item, roadmap.year)
    _renumber(roadmap)
    item.refresh_from_db()
    audit(by, item, AuditAction.CREATE, parent=roadmap, extra_m2m=["responsibles"])
    return item


@transaction.atomic
def item_update(*, by, item: Item, expected_version: int | None, responsibles=None, **fields):
    """MAP-1: edit a measure in place; a concurrent edit is refused (optimistic locking).
    A changed timeframe is understood anew (MAP-2)."""
    roadmap = locked(item.section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    before = snapshot(locked(item), ["responsibles"])
    assign(item, fields, ITEM_FIELDS)
    item.full_clean()
    save_with_version(
        item,
        expected_version=expected_version,
        fields=[*fields, "updated_at"],
        label="мероприятие",
    )
    if responsibles is not None:
        responsibles = list(responsibles)
        _check_responsibles(roadmap, responsibles)
        item.responsibles.set(responsibles)
    if "timeframe" in fields and fields["timeframe"] != before["timeframe"]:
        _apply_schedule(item, roadmap.year)
    audit(by, item, AuditAction.UPDATE, before=before, parent=roadmap, extra_m2m=["responsibles"])
    return item


@transaction.atomic
def item_delete(*, by, item: Item) -> None:
    roadmap = locked(item.section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    if Mark.objects.filter(checkpoint__item=item).exists():
        raise DomainError("По мероприятию уже есть отметки об исполнении: удалить его нельзя.")
    before = snapshot(item, ["responsibles"])
    audit(by, item, AuditAction.DELETE, before=before, parent=roadmap)
    item.delete()
    _renumber(roadmap)


@transaction.atomic
def item_move(*, by, item: Item, step: int) -> Item:
    """MAP-1: one place up (-1) or down (+1) through the whole plan: past the top of a
    section it goes to the end of the section above, past its bottom to the start of the next
    one; the plan is renumbered."""
    roadmap = locked(item.section.roadmap, in_place=True)
    _require_editable(by, roadmap)
    before = {"number": item.number, "section": str(item.section)}
    siblings = list(Item.objects.filter(section=item.section).order_by("order", "id"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, each in enumerate(siblings, start=1):
            Item.objects.filter(pk=each.pk).update(order=position)
    else:
        sections = list(roadmap.sections.order_by("number", "id"))
        at = next(i for i, s in enumerate(sections) if s.pk == item.section_id)
        target_at = at + (1 if step > 0 else -1)
        if not 0 <= target_at < len(sections):
            return item
        target = sections[target_at]
        if step > 0:
            Item.objects.filter(section=target).update(order=F("order") + 1)
            order = 1
        else:
            order = (target.items.aggregate(last=Max("order"))["last"] or 0) + 1
        Item.objects.filter(pk=item.pk).update(section=target, order=order)
    _renumber(roadmap)
    item.refresh_from_db()
    audit(
        by,
        item,
        AuditAction.UPDATE,
        before=before,
        after={"number": item.number, "section": str(item.section)},
        parent=roadmap,
    )
    return item


@transaction.atomic
def item_set_schedule(
    *,
    by,
    item: Item,
    dates: list[datetime.date],
    window_start: datetime.date | None = None,
    window_end: datetime.date | None = None,
) -> Item:
    """MAP-2: a person sets the checkpoints of an item whose timeframe was not understood
    (or corrects a recognised one). The timeframe text stays as written."""
    roadmap = locked(item.section.roadmap, in_place=True)
    _check(by, permissions.is_owner(_scope(by), roadmap))
    if not roadmap.is_editable and roadmap.agreed_version == 0:
        raise DomainError("Дорожная карта на согласовании: изменять её нельзя.")
    dates = sorted(set(dates))
    if not dates:
        raise ValidationError({"dates": "Укажите хотя бы одну контрольную дату."})
    window_start = window_start or datetime.date(roadmap.year, 1, 1)
    window_end = window_end or max(dates[-1], datetime.date(roadmap.year, 12, 31))
    if dates[0] < window_start or dates[-1] > window_end:
        raise ValidationError({"dates": "Контрольные даты должны лежать внутри периода."})
    before = snapshot(item)
    item.schedule_kind = ScheduleKind.DATED
    item.schedule_set_by_hand = True
    item.window_start, item.window_end = window_start, window_end
    item.schedule_label = ("задан вручную: " + ", ".join(f"{d:%d.%m.%Y}" for d in dates))[:255]
    item.full_clean()
    item.save(
        update_fields=[
            "schedule_kind",
            "schedule_set_by_hand",
            "window_start",
            "window_end",
            "schedule_label",
        ]
    )
    _sync_checkpoints(item, dates, is_review=False)
    audit(by, item, AuditAction.UPDATE, before=before, parent=roadmap)
    return item


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


# --- execution (MAP-4) ------------------------------------------------------------------------


@transaction.atomic
def mark_set(
    *,
    by,
    checkpoint: Checkpoint,
    result: str,
    done_text: str = "",
    evidence: list[tuple[str, int]] | None = None,
    expected_version: int | None = None,
) -> Mark:
    """MAP-4: mark a checkpoint done / partly / not done, what was done, and the records of
    the system that prove it. ``evidence`` (kind key, record id) replaces the links when
    given; every record must be one the marking user sees."""
    roadmap = checkpoint.item.section.roadmap
    user, scope, _role = acting(by)
    _check(by, permissions.can_mark(scope, roadmap))
    if roadmap.agreed_version == 0:
        raise DomainError("Исполнение отмечается по согласованной дорожной карте.")
    if result not in MarkResult.values:
        raise ValidationError({"result": "Выберите: выполнено, частично или не выполнено."})
    resolved = []
    if evidence is not None:
        who = scope if scope is not None else None
        for key, object_id in evidence:
            if who is None:  # a system job links what the owner has
                record_ = evidence_kinds.kind_by_key(key).model.objects.get(pk=object_id)
            else:
                kind, record_ = evidence_kinds.resolve(who, key, object_id)
            resolved.append(record_)
    existing = Mark.objects.select_for_update().filter(checkpoint=checkpoint).first()
    before = snapshot(existing) if existing else None
    if existing is not None:
        mark = existing
        mark.result, mark.done_text = result, done_text
        mark.marked_by = user
        mark.full_clean()
        save_with_version(
            mark,
            expected_version=expected_version,
            fields=["result", "done_text", "marked_by", "updated_at"],
            label="отметку",
        )
    else:
        mark = Mark(checkpoint=checkpoint, result=result, done_text=done_text, marked_by=user)
        mark.full_clean()
        mark.save()
    if evidence is not None:
        from django.contrib.contenttypes.models import ContentType

        mark.evidence.all().delete()
        Evidence.objects.bulk_create(
            Evidence(
                mark=mark,
                content_type=ContentType.objects.get_for_model(type(r)),
                object_id=r.pk,
                title=str(r)[:1000],
            )
            for r in {(type(r), r.pk): r for r in resolved}.values()
        )
    audit(
        by,
        mark,
        AuditAction.UPDATE if existing else AuditAction.CREATE,
        before=before,
        parent=roadmap,
    )
    return mark


@transaction.atomic
def mark_delete(*, by, mark: Mark) -> None:
    roadmap = mark.checkpoint.item.section.roadmap
    _check(by, permissions.can_mark(_scope(by), roadmap))
    audit(by, mark, AuditAction.DELETE, before=snapshot(mark), parent=roadmap)
    mark.delete()


# --- overdue checkpoints (MAP-4) -------------------------------------------------------------

OVERDUE_SUBJECT = "Просрочена контрольная точка дорожной карты: {roadmap}"
OVERDUE_BODY = (
    "Срок {due} по мероприятию № {number} «{name}» прошёл, а отметки об исполнении нет.\n"
    "Дорожная карта: {roadmap}.\n"
    "Отметьте исполнение на вкладке «Исполнение» дорожной карты."
)
# Whoever answers for the plan when an item has no appointed person with a login.
FALLBACK_KINDS = (AppointmentKind.RC_HEAD, AppointmentKind.CONTROL)


def notify_overdue(*, today: datetime.date | None = None) -> int:
    """MAP-4 (run by tasks.notify_overdue): every overdue checkpoint not yet notified goes,
    once, to the item's appointed people with a login — else to the owner's current RC head
    and the person responsible for control (ORG-4) — through notify() (inbox, e-mail, …).
    Returns how many checkpoints were sent."""
    today = today or timezone.localdate()
    checkpoints = (
        Checkpoint.objects.overdue(today)
        .filter(notified_at__isnull=True)
        .select_related("item__section__roadmap")
        .prefetch_related("item__responsibles__user")
    )
    sent = 0
    for checkpoint in checkpoints:
        with transaction.atomic():
            # Locked and still unsent: two runs at once send each reminder once.
            pending = Checkpoint.objects.select_for_update().filter(
                pk=checkpoint.pk, notified_at__isnull=True
            )
            if not pending.exists():
                continue
            item = checkpoint.item
            roadmap = item.section.roadmap
            words = {
                "roadmap": str(roadmap),
                "due": f"{checkpoint.due_on:%d.%m.%Y}",
                "number": item.number,
                "name": item.name[:200],
            }
            notify(
                recipients=responsible_users(
                    roadmap.organisation_id,
                    FALLBACK_KINDS,
                    today,
                    appointments=item.responsibles.all(),
                    members_if_none=False,
                ),
                title=f"Просрочено: {roadmap}, № {item.number} «{item.name[:80]}» — срок "
                f"{words['due']}",
                subject=OVERDUE_SUBJECT.format(**words),
                text=OVERDUE_BODY.format(**words),
                link=roadmap.get_absolute_url() + "?tab=execution",
            )
            pending.update(notified_at=timezone.now())
            sent += 1
    return sent
