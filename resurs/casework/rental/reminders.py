"""TSR-5: overdue returns flagged through the kernel's one reminder mechanism — to the
point's responsible employee and the contract's specialist once, the first day after the
term (the ledger keeps it from going out twice), and on the home page of the staff who
work with the contract («Требует внимания»). No personal data in the text: the contract's
number and the date only."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from resurs.casework.rental.models import Contract, RentalPoint
from resurs.casework.rental.models.contracts import overdue_condition
from resurs.casework.rental.selectors import overdue_contracts
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.notifications.reminders import Stage, send_reminder

ATTENTION_LIMIT = 5


def _text(contract: Contract) -> str:
    return (
        f"Срок договора проката № {contract.number} истёк {contract.current_end:%d.%m.%Y}, "
        "ТСР не возвращено. Свяжитесь с обслуживаемым и примите возврат (п. 3.7 положения)."
    )


def send_overdue_reminders(today: datetime.date | None = None) -> int:
    """Every overdue contract of the region, once; returns how many went out now."""
    today = today or timezone.localdate()
    responsible = {
        point.unit_id: point.responsible.user
        for point in RentalPoint.objects.select_related("responsible__user")
        if point.responsible is not None
    }
    sent = 0
    for contract in Contract.all_records.filter(overdue_condition(today)).select_related(
        "specialist"
    ):
        recipients = {
            user
            for user in (responsible.get(contract.unit_id), contract.specialist)
            if user is not None
        }
        if send_reminder(
            key=f"rental-overdue:{contract.pk}",
            stage=Stage.AFTER,
            recipients=recipients,
            title=f"Просрочен возврат ТСР: договор № {contract.number}",
            text=_text(contract),
            link=reverse("rental:contract_detail", args=[contract.pk]),
        ):
            sent += 1
    return sent


def attention_for(scope: Scope) -> list[AttentionItem]:
    """The home page: the overdue contracts the user works with (two queries)."""
    if scope.organisation_id is None or scope.region_wide:
        return []
    rows = list(overdue_contracts(scope).order_by("ends_on")[: ATTENTION_LIMIT + 1])
    items = [
        AttentionItem(
            title=f"Просрочен возврат ТСР: договор № {contract.number}",
            detail=_text(contract),
            url=reverse("rental:contract_detail", args=[contract.pk]),
        )
        for contract in rows[:ATTENTION_LIMIT]
    ]
    if len(rows) > ATTENTION_LIMIT:
        items.append(
            AttentionItem(
                title="Просроченные договоры проката",
                detail="Есть и другие просроченные договоры: список — в разделе «Договоры».",
                url=reverse("rental:contract_list") + "?overdue=on",
            )
        )
    return items
