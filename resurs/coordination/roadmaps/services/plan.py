"""Roadmap services — roadmaps, sections and items with their schedules (MAP-1, MAP-2)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import (
    UNIT_KINDS,
    Checkpoint,
    Item,
    Mark,
    Roadmap,
    RoadmapKind,
    ScheduleKind,
    Section,
)
from resurs.coordination.roadmaps.services.common import (
    _check,
    _require_editable,
    _scope,
)
from resurs.coordination.roadmaps.timeframes import ScheduleKind as ParsedKind
from resurs.coordination.roadmaps.timeframes import parse_timeframe, quarter_ends
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes import acting, assign, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

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
    unit=None,
) -> Roadmap:
    """MAP-1: a new draft plan of an organisation for a year; SOC-13: a unit's calendar or
    long-term work plan (``unit``), made by the head of that unit."""
    user, scope, _role = acting(by)
    if by is not None:
        if kind in UNIT_KINDS:
            require(
                permissions.can_create_unit_plan(scope, unit),
                "План работы отделения составляет заведующий этим отделением.",
            )
        else:
            require(permissions.can_create(scope))
            require(
                permissions.is_owner(scope, Roadmap(organisation=organisation)),
                "Дорожную карту составляет сама организация.",
            )
    roadmap = Roadmap(
        organisation=organisation,
        unit=unit,
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
