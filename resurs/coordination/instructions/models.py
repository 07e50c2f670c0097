"""Requests and instructions (SPEC REP-9): запросы и поручения with addressees, a deadline,
answers with files and a control status on the sender's board.

A resource centre requests reports, materials or information from УСЗН, providers and
partners (000:5.1.1) and checks the execution of its decisions (000:5.1.4); the Department
requests them from a resource centre (000:5.2.3). An instruction is sent when it is created
(there is no draft); its sender may close it (control removed) or cancel it.

Each addressee organisation has its own row (`Addressee`) with its own answer: an addressee
sees its own row only, never another addressee's answer (`AddresseeQuerySet`).

**Timeliness.** An answer is on time when the local date of the *last* submitted answer
(``answered_on``: the one the sender accepted, or the one awaiting its review) is not after
the deadline, and late by ``answered_on − deadline`` calendar days otherwise. An answer
returned for completion is an incomplete one: the row is open again, and the resubmitted
answer's date is the one that counts. The first submission's moment is kept
(``first_answered_at``) for the card, not for the control status. An open row is open, or
open overdue by ``today − deadline`` days once the deadline has passed.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.accounts.scoping import Scope, ScopedQuerySet
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet


class InstructionKind(models.TextChoices):
    REQUEST = "request", "Запрос"
    INSTRUCTION = "instruction", "Поручение"


class InstructionState(models.TextChoices):
    OPEN = "open", "на контроле"
    CLOSED = "closed", "снято с контроля"
    CANCELLED = "cancelled", "отменено"


class AddresseeStatus(models.TextChoices):
    OPEN = "open", "ожидается ответ"
    ANSWERED = "answered", "ответ получен"
    ACCEPTED = "accepted", "ответ принят"


ANSWERED_STATUSES = (AddresseeStatus.ANSWERED, AddresseeStatus.ACCEPTED)


class Control(models.TextChoices):
    """The control status of one addressee on the sender's board (REP-9)."""

    ON_TIME = "on_time", "исполнено в срок"
    LATE = "late", "исполнено с нарушением срока"
    OPEN = "open", "на исполнении"
    OVERDUE = "overdue", "просрочено"


def control_q(control: str, today: datetime.date, prefix: str = "") -> Q:
    """Addressee rows in a control status, as a filter (``prefix`` leads to the addressee)."""
    p = prefix
    deadline = models.F(f"{p}instruction__deadline")
    if control == Control.ON_TIME:
        return Q(**{f"{p}status__in": ANSWERED_STATUSES, f"{p}answered_on__lte": deadline})
    if control == Control.LATE:
        return Q(**{f"{p}status__in": ANSWERED_STATUSES, f"{p}answered_on__gt": deadline})
    if control == Control.OPEN:
        return Q(**{f"{p}status": AddresseeStatus.OPEN, f"{p}instruction__deadline__gte": today})
    if control == Control.OVERDUE:
        return Q(**{f"{p}status": AddresseeStatus.OPEN, f"{p}instruction__deadline__lt": today})
    raise ValueError(control)


class InstructionQuerySet(SearchQuerySet, ScopedQuerySet):
    """The sender organisation's members see what it sent; an addressee organisation's members
    see what was addressed to it; the Department, the methodological centre and the
    administrator see everything (region-wide roles)."""

    def scope_filter(self, scope: Scope) -> Q:
        received = Addressee.objects.filter(organisation_id=scope.organisation_id).values(
            "instruction_id"
        )
        return Q(sender_id=scope.organisation_id) | Q(pk__in=received)


class Instruction(Searchable):
    """REP-9: a request (запрос) or an instruction (поручение) of an organisation to others."""

    kind = models.CharField("вид", max_length=16, choices=InstructionKind)
    year = models.PositiveSmallIntegerField("год", editable=False)
    number = models.PositiveIntegerField("номер", editable=False)
    title = models.CharField("заголовок", max_length=500)
    text = models.TextField("текст")
    deadline = models.DateField("срок исполнения")
    sender = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="instructions_sent",
        verbose_name="отправитель",
    )
    sender_direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="направление ресурсного центра",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="автор",
    )
    state = models.CharField(
        "состояние", max_length=16, choices=InstructionState, default=InstructionState.OPEN
    )
    closed_at = models.DateTimeField("снято с контроля или отменено", null=True, blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("отправлено", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("number", "title", "text")

    objects = InstructionQuerySet.as_manager()

    class Meta:
        verbose_name = "запрос или поручение"
        verbose_name_plural = "запросы и поручения"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "year", "number"],
                name="instruction_number_per_sender_year",
                violation_error_message="Такой номер у отправителя в этом году уже есть.",
            )
        ]
        indexes = [
            # The sender's board, newest first.
            models.Index(fields=["sender", "created_at"], name="instruction_sender_created"),
            models.Index(fields=["deadline", "state"], name="instruction_deadline_state"),
            SearchIndex(name="instruction_search"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} № {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("instructions:detail", args=[self.pk])

    @property
    def label(self) -> str:
        return f"{self.get_kind_display()} № {self.number} от {self.created_on:%d.%m.%Y}"

    @property
    def created_on(self) -> datetime.date:
        return timezone.localdate(self.created_at) if self.created_at else timezone.localdate()

    @property
    def is_open(self) -> bool:
        return self.state == InstructionState.OPEN

    def attachments_editable_by(self, scope) -> bool:
        """The sender's files (a form to fill, a template) are kept by the sender while the
        instruction is on control."""
        from resurs.coordination.instructions.permissions import can_manage

        return self.is_open and can_manage(scope, self)


class AddresseeQuerySet(ScopedQuerySet):
    """An addressee row (and its answer) is seen by the addressee organisation and by the
    sender organisation; never by another addressee (SPEC §0: a provider never sees another
    provider's data)."""

    def scope_filter(self, scope: Scope) -> Q:
        return Q(organisation_id=scope.organisation_id) | Q(
            instruction__sender_id=scope.organisation_id
        )


class Addressee(models.Model):
    """REP-9: one addressee organisation of an instruction, with its answer.

    The life of a row: open → answered (the answer, its files, who and when) → accepted by
    the sender, or returned for completion with a remark (open again; the resubmitted
    answer's date is the one that counts for timeliness, see the module docstring).
    """

    instruction = models.ForeignKey(
        Instruction, on_delete=models.CASCADE, related_name="addressees", verbose_name="запрос"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="instructions_received",
        verbose_name="адресат",
    )
    status = models.CharField(
        "статус", max_length=16, choices=AddresseeStatus, default=AddresseeStatus.OPEN
    )
    answer_text = models.TextField("ответ", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответил",
    )
    answered_at = models.DateTimeField("ответ направлен", null=True, blank=True)
    answered_on = models.DateField("дата ответа (для контроля срока)", null=True, blank=True)
    first_answered_at = models.DateTimeField("первый ответ направлен", null=True, blank=True)
    return_remark = models.TextField("замечание при возврате", blank=True)
    returned_at = models.DateTimeField("возвращено на доработку", null=True, blank=True)
    returns_count = models.PositiveSmallIntegerField("возвратов на доработку", default=0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="рассмотрел ответ",
    )
    accepted_at = models.DateTimeField("ответ принят", null=True, blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = AddresseeQuerySet.as_manager()

    class Meta:
        verbose_name = "адресат запроса"
        verbose_name_plural = "адресаты запросов"
        ordering = ["instruction_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instruction", "organisation"],
                name="addressee_unique_organisation",
                violation_error_message="Эта организация уже среди адресатов.",
            )
        ]
        indexes = [
            # «Входящие»: what an organisation received, by state.
            models.Index(fields=["organisation", "status"], name="addressee_org_status"),
            models.Index(fields=["instruction", "status"], name="addressee_instr_status"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("instructions:addressee", args=[self.pk])

    def attachments_editable_by(self, scope) -> bool:
        """The answer's files are added by the addressee while its answer is not sent yet
        (or was returned for completion)."""
        from resurs.coordination.instructions.permissions import can_answer

        return can_answer(scope, self)

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWERED_STATUSES

    def control(self, today: datetime.date | None = None) -> str:
        deadline = self.instruction.deadline
        if self.is_answered:
            return Control.ON_TIME if self.answered_on <= deadline else Control.LATE
        today = today or timezone.localdate()
        return Control.OPEN if today <= deadline else Control.OVERDUE

    def days_late(self, today: datetime.date | None = None) -> int:
        """Days past the deadline: of the answer, or of today for an open row; 0 if none."""
        deadline = self.instruction.deadline
        if self.is_answered:
            return max((self.answered_on - deadline).days, 0)
        today = today or timezone.localdate()
        return max((today - deadline).days, 0)

    def control_label(self, today: datetime.date | None = None) -> str:
        control = self.control(today)
        days = self.days_late(today)
        if control == Control.LATE:
            return f"исполнено с опозданием на {days} дн."
        if control == Control.OVERDUE:
            return f"не исполнено, просрочено на {days} дн."
        return Control(control).label

    @property
    def control_code(self) -> str:
        return self.control()

    @property
    def control_text(self) -> str:
        return self.control_label()
