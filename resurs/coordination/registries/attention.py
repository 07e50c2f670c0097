"""What the registries ask of the user on the home page (see resurs.kernel.accounts.attention)."""

from django.urls import reverse

from resurs.coordination.registries.models import Participant
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import AttentionItem


def items_for(scope) -> list[AttentionItem]:
    """REG-1 (000:3.1.10): a resource centre whose registry of participants is empty. One query."""
    if scope.role != Role.RESOURCE_CENTRE or not scope.direction_id:
        return []
    kept = Participant.objects.filter(
        owner_id=scope.organisation_id, direction_id=scope.direction_id
    ).exists()
    if kept:
        return []
    return [
        AttentionItem(
            title="Реестр участников направления не заполнен",
            detail="Ресурсный центр ведёт реестр участников из числа поставщиков социальных "
            "услуг, социальных партнёров и добровольцев. Внесите участников или загрузите "
            "реестр из Excel.",
            url=reverse("registries:participants_list"),
        )
    ]
