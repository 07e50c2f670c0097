"""What referrals ask of the user on the home page (see kernel.contributions): the referrals
addressed to the user's unit that nobody has accepted or rejected yet. One query."""

from __future__ import annotations

from django.urls import reverse

from resurs.casework.plans import permissions, selectors
from resurs.casework.plans.models import ReferralStatus
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.russian import count


def items_for(scope: Scope) -> list[AttentionItem]:
    if scope.role not in permissions.RECEIVING_ROLES:
        return []
    waiting = selectors.incoming(scope, selectors.ReferralFilter(status=ReferralStatus.SENT))
    number = waiting.count()
    if not number:
        return []
    return [
        AttentionItem(
            title="Входящие направления ждут ответа",
            detail=f"{count(number, 'направление', 'направления', 'направлений')} "
            "других отделений: примите в работу или отклоните с причиной.",
            url=f"{reverse('plans:incoming')}?status={ReferralStatus.SENT}",
        )
    ]
