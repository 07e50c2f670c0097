"""What requests and instructions ask of the user on the home page (see accounts.attention).

An addressee organisation (everyone but a department's specialist): its open incoming
requests and instructions due within ``SOON_DAYS`` days or overdue, the nearest first. A
sender (RC, Department, administrator): the addressees of its instructions on control that
have not answered by the deadline. Two queries at most.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from resurs.coordination.instructions import permissions, selectors
from resurs.coordination.instructions.models import Control, InstructionKind
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.russian import count, plural

SHOWN = 5
SOON_DAYS = 3
INCOMING_LABEL = {
    InstructionKind.REQUEST: "Входящий запрос",
    InstructionKind.INSTRUCTION: "Входящее поручение",
}


def _incoming_items(scope, today) -> list[AttentionItem]:
    until = today + datetime.timedelta(days=SOON_DAYS)
    rows = list(selectors.incoming_due(scope, today, until)[: SHOWN + 1])
    items = []
    for row in rows[:SHOWN]:
        instruction = row.instruction
        days = (instruction.deadline - today).days
        if days < 0:
            when = f"срок ответа прошёл {instruction.deadline:%d.%m.%Y} (просрочено на {-days} дн.)"
        elif days == 0:
            when = "срок ответа — сегодня"
        else:
            when = f"срок ответа — {instruction.deadline:%d.%m.%Y} (через {days} дн.)"
        items.append(
            AttentionItem(
                title=f"{instruction.label}: {instruction.title[:150]}",
                detail=f"{INCOMING_LABEL[instruction.kind]}: {when}.",
                url=row.get_absolute_url(),
            )
        )
    if len(rows) > SHOWN:
        items.append(
            AttentionItem(
                title="Другие входящие запросы и поручения со сроком ответа",
                detail="Полный список — во входящих.",
                url=f"{reverse('instructions:incoming')}?state=open",
            )
        )
    return items


def items_for(scope) -> list[AttentionItem]:
    today = timezone.localdate()
    items: list[AttentionItem] = []
    if scope.role in permissions.ANSWER_ROLES:
        items.extend(_incoming_items(scope, today))
    if permissions.can_send(scope):
        overdue = selectors.overdue_sent(scope, today)
        if overdue["rows"]:
            items.append(
                AttentionItem(
                    title="Не ответили в срок: "
                    f"{count(overdue['rows'], 'адресат', 'адресата', 'адресатов')} по "
                    f"{overdue['instructions']} "
                    + plural(
                        overdue["instructions"],
                        "запросу или поручению",
                        "запросам и поручениям",
                        "запросам и поручениям",
                    ),
                    detail="Напомните адресатам или снимите запрос с контроля.",
                    url=f"{reverse('instructions:board')}?control={Control.OVERDUE}",
                )
            )
    return items
