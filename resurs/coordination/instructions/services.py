"""Writes of requests and instructions (REP-9). Views, the API, the demo and the daily
reminders all call these; each write is audited under the instruction's card."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.coordination.instructions import permissions, selectors
from resurs.coordination.instructions.models import (
    Addressee,
    AddresseeStatus,
    Instruction,
    InstructionKind,
    InstructionState,
)
from resurs.kernel.attachments.services import attachment_add
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.notifications.recipients import responsible_users
from resurs.kernel.notifications.reminders import reminder_stage, send_reminder
from resurs.kernel.organisations.models import AppointmentKind
from resurs.kernel.writes import acting, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError

# ORG-4: who answers requests in an addressee organisation (001:2.3.1–2.4.2, 000:3.1.3).
RESPONSIBLE_KINDS = [
    AppointmentKind.INTERACTION,
    AppointmentKind.PROVIDER_REPORTING,
    AppointmentKind.REPORTING,
]


def _next_number(sender, year: int) -> int:
    # The sender's row is locked so that two instructions sent at once get different numbers
    # (PostgreSQL; SQLite serialises writers anyway). The unique constraint is the last guard.
    locked(sender)
    last = Instruction.objects.filter(sender=sender, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _attach(by, parent, files) -> None:
    for file in files or ():
        attachment_add(by=by, parent=parent, file=file)


@transaction.atomic
def instruction_create(
    *,
    by,
    kind: str,
    title: str,
    text: str,
    deadline: datetime.date,
    addressees,
    files=(),
    sender=None,
    sent_on: datetime.date | None = None,
) -> Instruction:
    """REP-9: send a request or an instruction to chosen organisations with a deadline.

    The sender is the user's organisation (and the direction of a resource centre's
    membership). ``sender`` and ``sent_on`` (a back-dated sending) are for system jobs only:
    the demo and imports.
    """
    user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_send(scope),
            "Направлять запросы и поручения могут ресурсный центр и Департамент.",
        )
        sender = by.organisation
        direction = by.direction
        sent_on = None
    else:
        direction = None
    if sender is None:
        raise DomainError("Не указан отправитель.")
    today = sent_on or timezone.localdate()
    if deadline is None or deadline < today:
        raise DomainError("Срок исполнения не может быть раньше сегодняшнего дня.")
    if kind not in InstructionKind.values:
        raise DomainError("Выберите вид: запрос или поручение.")
    organisations = list({o.pk: o for o in addressees}.values())
    if not organisations:
        raise DomainError("Выберите хотя бы одного адресата.")
    if any(o.pk == sender.pk for o in organisations):
        raise DomainError("Отправитель не может быть адресатом собственного запроса.")
    if by is not None:
        allowed = set(
            selectors.addressee_choices(by)
            .filter(pk__in=[o.pk for o in organisations])
            .values_list("pk", flat=True)
        )
        if len(allowed) != len(organisations):
            raise DomainError(
                "Среди адресатов есть организация, которой вы не можете направить запрос."
            )
    instruction = Instruction(
        kind=kind,
        title=(title or "").strip(),
        text=(text or "").strip(),
        deadline=deadline,
        sender=sender,
        sender_direction=direction,
        author=user,
        year=today.year,
        number=_next_number(sender, today.year),
    )
    instruction.full_clean()
    instruction.save()
    if sent_on is not None:
        moment = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(10, 0)))
        Instruction.objects.filter(pk=instruction.pk).update(created_at=moment)
        instruction.created_at = moment
    audit(by, instruction, AuditAction.CREATE)
    rows = Addressee.objects.bulk_create(
        [Addressee(instruction=instruction, organisation=o) for o in organisations]
    )
    for row in rows:
        audit(by, row, AuditAction.CREATE, parent=instruction)
    _attach(by, instruction, files)
    return instruction


def _finish(by, instruction: Instruction, state: str, expected_version, message: str):
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_manage(scope, instruction))
    if not instruction.is_open:
        raise DomainError(message)
    before = snapshot(locked(instruction))
    instruction.state = state
    instruction.closed_at = timezone.now()
    save_with_version(
        instruction,
        expected_version=expected_version,
        fields=["state", "closed_at", "updated_at"],
        label="запрос",
    )
    audit(by, instruction, AuditAction.UPDATE, before=before)
    return instruction


@transaction.atomic
def instruction_close(*, by, instruction: Instruction, expected_version=None) -> Instruction:
    """REP-9: the sender takes the instruction off control (done with it); open rows stay as
    they are on the board, reminders stop."""
    return _finish(
        by, instruction, InstructionState.CLOSED, expected_version, "Запрос уже снят с контроля."
    )


@transaction.atomic
def instruction_cancel(*, by, instruction: Instruction, expected_version=None) -> Instruction:
    """REP-9: the sender cancels an instruction sent by mistake; addressees stop seeing it
    among their open incoming items."""
    return _finish(
        by, instruction, InstructionState.CANCELLED, expected_version, "Запрос уже не на контроле."
    )


@transaction.atomic
def answer_submit(
    *,
    by,
    addressee: Addressee,
    text: str,
    files=(),
    expected_version=None,
    answered_at: datetime.datetime | None = None,
) -> Addressee:
    """REP-9: the addressee answers (text and files). A returned answer is answered again;
    the date of the last answer is the one that counts (see the models' docstring).
    ``answered_at`` (a back-dated answer) is for system jobs only: the demo."""
    user, scope, _role = acting(by)
    if by is not None:
        require(
            scope.organisation_id == addressee.organisation_id
            and scope.role in permissions.ANSWER_ROLES,
            "Отвечает организация-адресат.",
        )
        answered_at = None
    if addressee.status != AddresseeStatus.OPEN:
        raise DomainError("Ответ уже направлен.")
    if not addressee.instruction.is_open:
        raise DomainError("Запрос снят с контроля или отменён: ответ не принимается.")
    text = (text or "").strip()
    if not text:
        raise DomainError("Напишите ответ.")
    before = snapshot(locked(addressee))
    _attach(by, addressee, files)
    moment = answered_at or timezone.now()
    addressee.status = AddresseeStatus.ANSWERED
    addressee.answer_text = text
    addressee.answered_by = user
    addressee.answered_at = moment
    addressee.answered_on = timezone.localdate(moment)
    if addressee.first_answered_at is None:
        addressee.first_answered_at = moment
    addressee.full_clean()
    save_with_version(
        addressee,
        expected_version=expected_version,
        fields=[
            "status",
            "answer_text",
            "answered_by",
            "answered_at",
            "answered_on",
            "first_answered_at",
        ],
        label="ответ",
    )
    audit(by, addressee, AuditAction.UPDATE, before=before, parent=addressee.instruction)
    return addressee


def _review(by, addressee: Addressee):
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_manage(scope, addressee.instruction),
            "Рассматривает ответ отправитель запроса.",
        )
    if addressee.status != AddresseeStatus.ANSWERED:
        raise DomainError("Ответ не ожидает рассмотрения.")
    if not addressee.instruction.is_open:
        raise DomainError("Запрос снят с контроля или отменён.")
    return snapshot(locked(addressee))


@transaction.atomic
def answer_accept(*, by, addressee: Addressee, expected_version=None) -> Addressee:
    """REP-9: the sender accepts the answer: the row is done (on time or late, see models)."""
    before = _review(by, addressee)
    user, _scope, _role = acting(by)
    addressee.status = AddresseeStatus.ACCEPTED
    addressee.reviewed_by = user
    addressee.accepted_at = timezone.now()
    save_with_version(
        addressee,
        expected_version=expected_version,
        fields=["status", "reviewed_by", "accepted_at"],
        label="ответ",
    )
    audit(by, addressee, AuditAction.UPDATE, before=before, parent=addressee.instruction)
    return addressee


@transaction.atomic
def answer_return(*, by, addressee: Addressee, remark: str, expected_version=None) -> Addressee:
    """REP-9: the sender returns the answer for completion with a remark; the row is open
    again (overdue if the deadline has passed) until the addressee answers anew."""
    remark = (remark or "").strip()
    if not remark:
        raise DomainError("Напишите, что нужно доработать.")
    before = _review(by, addressee)
    user, _scope, _role = acting(by)
    addressee.status = AddresseeStatus.OPEN
    addressee.return_remark = remark
    addressee.returned_at = timezone.now()
    addressee.returns_count += 1
    addressee.reviewed_by = user
    save_with_version(
        addressee,
        expected_version=expected_version,
        fields=["status", "return_remark", "returned_at", "returns_count", "reviewed_by"],
        label="ответ",
    )
    audit(by, addressee, AuditAction.UPDATE, before=before, parent=addressee.instruction)
    return addressee


# --- reminders (REP-7 for REP-9) -------------------------------------------------------------

REMINDER_TEXT = {
    "before": "Приближается срок ответа — {deadline}.",
    "due": "Сегодня, {deadline}, срок ответа.",
    "after": "Срок ответа ({deadline}) прошёл: направьте ответ как можно скорее.",
}
# Open rows whose deadline is further away than this are not looked at (REMINDER_DAYS_BEFORE
# is counted in working days; this is a generous calendar bound of it).
LOOKAHEAD_DAYS = 60


def reminder_key(addressee: Addressee) -> str:
    return f"instructions.addressee:{addressee.pk}"


def send_due_reminders(*, today: datetime.date | None = None) -> int:
    """REP-7: reminders of open incoming requests and instructions to the addressee
    organisation's responsibles for interaction and reporting (ORG-4; its members when none
    is appointed) — before the deadline, on it and after it, each stage once. Returns how
    many reminders were sent."""
    today = today or timezone.localdate()
    rows = (
        Addressee.objects.filter(
            status=AddresseeStatus.OPEN,
            instruction__state=InstructionState.OPEN,
            instruction__deadline__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS),
        )
        .select_related("instruction__sender", "organisation")
        .order_by("instruction__deadline", "id")
    )
    sent = 0
    for row in rows.iterator(chunk_size=500):
        instruction = row.instruction
        stage = reminder_stage(instruction.deadline, today)
        if stage is None:
            continue
        deadline = f"{instruction.deadline:%d.%m.%Y}"
        title = f"{instruction.label}: {REMINDER_TEXT[stage].format(deadline=deadline)}"
        text = (
            f"{instruction.get_kind_display()} «{instruction.title}» от {instruction.sender}. "
            f"{REMINDER_TEXT[stage].format(deadline=deadline)}"
        )
        if send_reminder(
            key=reminder_key(row),
            stage=stage,
            recipients=responsible_users(row.organisation, RESPONSIBLE_KINDS, today),
            title=title,
            text=text,
            link=row.get_absolute_url(),
        ):
            sent += 1
    return sent
