"""Reads of requests and instructions (REP-9). Every page and API list gets its queryset here,
starting from ``visible_to``; lists cost a fixed number of queries whatever their length."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.coordination.instructions.models import (
    Addressee,
    AddresseeStatus,
    Control,
    Instruction,
    InstructionState,
    control_q,
)
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.organisations.models import Organisation, OrganisationKind
from resurs.kernel.search import search_q

# What a board or an «incoming» row shows; the text and the search text stay in the database.
INSTRUCTION_LIST_COLUMNS = (
    "id", "kind", "year", "number", "title", "deadline", "state", "created_at", "version",
    "sender_id", "sender_direction_id", "sender__name", "sender__short_name", "author_id",
    "author__last_name", "author__first_name",
)  # fmt: skip


@dataclass(frozen=True)
class InstructionFilter:
    text: str = ""
    kind: str = ""
    state: str = ""
    control: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _filter_instructions(queryset, filters: InstructionFilter, today, prefix: str = ""):
    """The filters common to the board and «incoming»: kind, deadline period, search."""
    p = prefix
    if filters.text.strip():
        queryset = queryset.filter(search_q(filters.text, prefix.removesuffix("__")))
    if filters.kind:
        queryset = queryset.filter(**{f"{p}kind": filters.kind})
    if filters.date_from:
        queryset = queryset.filter(**{f"{p}deadline__gte": filters.date_from})
    if filters.date_to:
        queryset = queryset.filter(**{f"{p}deadline__lte": filters.date_to})
    return queryset


def _counts(today):
    return {
        "total": Count("addressees"),
        **{
            f"n_{control}": Count("addressees", filter=control_q(control, today, "addressees__"))
            for control in Control.values
        },
    }


def board(who, filters: InstructionFilter | None = None, today: datetime.date | None = None):
    """REP-9: the sender's board — what the user's organisation sent (the region-wide roles:
    everything), newest first, with the number of addressees in each control status
    (``n_on_time``, ``n_late``, ``n_open``, ``n_overdue``, ``total``)."""
    filters = filters or InstructionFilter()
    today = today or timezone.localdate()
    scope = scope_of(who)
    queryset = Instruction.objects.visible_to(who)
    if scope is not None and not scope.region_wide:
        queryset = queryset.filter(sender_id=scope.organisation_id)
    queryset = _filter_instructions(queryset, filters, today)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.control:
        having = Addressee.objects.filter(control_q(filters.control, today)).values(
            "instruction_id"
        )
        queryset = queryset.filter(pk__in=having)
    return (
        queryset.select_related("sender", "author")
        .only(*INSTRUCTION_LIST_COLUMNS)
        .annotate(**_counts(today))
        .order_by("-created_at", "-id")
    )


def board_totals(who, filters: InstructionFilter | None = None, today=None) -> dict:
    """The board's summary: addressees in each control status over the filtered instructions."""
    today = today or timezone.localdate()
    instructions = board(who, filters, today).values("pk")
    return Addressee.objects.filter(instruction__in=instructions).aggregate(
        total=Count("id"),
        **{control: Count("id", filter=control_q(control, today)) for control in Control.values},
    )


def instruction_for(who, pk) -> Instruction:
    """One instruction's card, or 404 when it does not exist or is out of scope."""
    queryset = Instruction.objects.visible_to(who).select_related(
        "sender", "sender_direction", "author"
    )
    return get_object_or_404(queryset, pk=pk)


def addressees_of(who, instruction: Instruction):
    """The addressee rows of an instruction that ``who`` may see: every row for the sender's
    side and the region-wide roles, the own row only for an addressee."""
    return (
        Addressee.objects.visible_to(who)
        .filter(instruction=instruction)
        .select_related("organisation", "answered_by", "reviewed_by", "instruction")
        .order_by("organisation__name", "id")
    )


def with_files(rows: list) -> list:
    """Sets ``files`` on each addressee row: its answer's attachments, in one query."""
    if not rows:
        return rows
    content_type = ContentType.objects.get_for_model(Addressee)
    by_row = defaultdict(list)
    for attachment in Attachment.objects.filter(
        content_type=content_type, object_id__in=[row.pk for row in rows]
    ).order_by("uploaded_at", "id"):
        by_row[attachment.object_id].append(attachment)
    for row in rows:
        row.files = by_row.get(row.pk, [])
    return rows


def files_of(record) -> list:
    return list(Attachment.objects.of(record).order_by("uploaded_at", "id"))


INCOMING_STATES = (
    ("open", "ожидается ответ"),
    ("overdue", "срок ответа прошёл"),
    ("answered", "ответ на рассмотрении"),
    ("accepted", "ответ принят"),
)


def incoming(who, filters: InstructionFilter | None = None, today: datetime.date | None = None):
    """REP-9 «Входящие запросы и поручения»: the rows addressed to the user's organisation
    (not cancelled), the nearest deadline first among the open ones."""
    filters = filters or InstructionFilter()
    today = today or timezone.localdate()
    scope = scope_of(who)
    if scope is None:
        return Addressee.objects.none()
    queryset = (
        Addressee.objects.visible_to(who)
        .filter(organisation_id=scope.organisation_id)
        .exclude(instruction__state=InstructionState.CANCELLED)
    )
    queryset = _filter_instructions(queryset, filters, today, prefix="instruction__")
    if filters.state == "open":
        queryset = queryset.filter(control_q(Control.OPEN, today))
    elif filters.state == "overdue":
        queryset = queryset.filter(control_q(Control.OVERDUE, today))
    elif filters.state in (AddresseeStatus.ANSWERED, AddresseeStatus.ACCEPTED):
        queryset = queryset.filter(status=filters.state)
    return (
        queryset.select_related("instruction__sender", "organisation")
        .defer("instruction__text", "instruction__search_text")
        .order_by("-status", "instruction__deadline", "-id")
    )


def addressee_for(who, pk) -> Addressee:
    """One addressee row (the answer card), or 404 outside the scope: another addressee's
    answer is not found."""
    queryset = Addressee.objects.visible_to(who).select_related(
        "instruction__sender",
        "instruction__sender_direction",
        "instruction__author",
        "organisation",
        "answered_by",
        "reviewed_by",
    )
    return get_object_or_404(queryset, pk=pk)


def addressee_choices(who):
    """The organisations ``who`` may address: those it sees (the directory's scope) but its
    own; a resource centre does not give instructions to the Department."""
    scope = scope_of(who)
    queryset = Organisation.objects.visible_to(who).in_region_of(who).filter(is_active=True)
    if scope is not None:
        queryset = queryset.exclude(pk=scope.organisation_id)
        if scope.role not in (Role.DEPARTMENT, Role.ADMINISTRATOR):
            queryset = queryset.exclude(kind=OrganisationKind.DEPARTMENT)
    return queryset.only("id", "name", "short_name", "kind").order_by("name", "id")


# --- the home page ---------------------------------------------------------------------------


def incoming_due(who, today: datetime.date, until: datetime.date):
    """Open rows of the user's organisation on instructions on control, due by ``until``."""
    scope = scope_of(who)
    return (
        Addressee.objects.visible_to(who)
        .filter(
            organisation_id=scope.organisation_id,
            status=AddresseeStatus.OPEN,
            instruction__state=InstructionState.OPEN,
            instruction__deadline__lte=until,
        )
        .select_related("instruction")
        .only(
            "id",
            "instruction__id",
            "instruction__kind",
            "instruction__number",
            "instruction__title",
            "instruction__deadline",
            "instruction__created_at",
        )
        .order_by("instruction__deadline", "id")
    )


def overdue_sent(who, today: datetime.date):
    """Open overdue rows of the instructions on control that the user's organisation sent."""
    scope = scope_of(who)
    return (
        Addressee.objects.visible_to(who)
        .filter(
            Q(instruction__sender_id=scope.organisation_id),
            control_q(Control.OVERDUE, today),
            instruction__state=InstructionState.OPEN,
        )
        .aggregate(rows=Count("id"), instructions=Count("instruction", distinct=True))
    )
