"""What the cases ask of the user on the home page (see accounts.attention): the overdue
deadlines of their cases (a specialist: their own; a head, a provider: the unit's or the
institution's). One query."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from resurs.casework.cases.models import CaseDeadline
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.russian import count


def items_for(scope) -> list[AttentionItem]:
    if scope.role not in {Role.SPECIALIST, Role.HEAD, Role.PROVIDER}:
        return []
    today = timezone.localdate()
    rows = CaseDeadline.objects.visible_to(scope).pending().filter(due_on__lt=today)
    if scope.role == Role.SPECIALIST:
        rows = rows.filter(case__specialist_id=scope.user_id)
    overdue = rows.count()
    if not overdue:
        return []
    return [
        AttentionItem(
            title=f"Просрочены сроки по случаям: {count(overdue, 'срок', 'срока', 'сроков')}",
            detail="Запишите выполненные шаги или выясните причину задержки.",
            url=f"{reverse('cases:list')}?overdue=on",
        )
    ]
