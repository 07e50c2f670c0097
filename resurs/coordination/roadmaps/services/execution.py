"""Roadmap services — execution marks and the overdue checkpoints (MAP-4)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resurs.coordination.roadmaps import evidence as evidence_kinds
from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Evidence,
    Mark,
    MarkResult,
)
from resurs.coordination.roadmaps.services.common import (
    _check,
    _scope,
)
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.notifications.recipients import responsible_users
from resurs.kernel.notifications.services import notify
from resurs.kernel.organisations.models import AppointmentKind
from resurs.kernel.writes import acting, audit, save_with_version
from resurs.kernel.writes.errors import DomainError

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
