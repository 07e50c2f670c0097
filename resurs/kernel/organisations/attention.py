"""What the directory asks of the user on the home page (see resurs.kernel.accounts.attention)."""

from datetime import timedelta

from django.utils import timezone

from resurs.kernel.accounts.roles import REGION_WIDE_ROLES, Role
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.organisations.models import Appointment, AppointmentKind
from resurs.kernel.organisations.selectors import rc_statuses_visible_to


def items_for(scope) -> list[AttentionItem]:
    """ORG-3/ORG-4: expiring RC statuses and missing appointments."""
    today = timezone.localdate()
    items: list[AttentionItem] = []
    statuses = rc_statuses_visible_to(scope).active()
    if scope.role not in REGION_WIDE_ROLES:
        statuses = statuses.filter(organisation_id=scope.organisation_id)
    statuses = list(statuses)
    items.extend(
        AttentionItem(
            title=f"Истекает статус ресурсного центра: {status.organisation}",
            detail=f"Направление «{status.direction.short_name}», действует по "
            f"{status.valid_to:%d.%m.%Y}. Нужен новый приказ Департамента.",
            url=status.organisation.get_absolute_url(),
        )
        for status in statuses
        if status.valid_to is not None and status.valid_to <= today + timedelta(days=90)
    )
    required_for_rc = {AppointmentKind.RC_HEAD, AppointmentKind.REPORTING}
    rc_ids = {s.organisation_id for s in statuses}
    if rc_ids:
        appointed = set(
            Appointment.objects.visible_to(scope)
            .current()
            .filter(organisation_id__in=rc_ids, kind__in=required_for_rc)
            .values_list("organisation_id", "kind")
        )
        for status in statuses:
            missing = [
                kind.label
                for kind in required_for_rc
                if (status.organisation_id, kind) not in appointed
            ]
            if missing:
                items.append(
                    AttentionItem(
                        title=f"Не назначены ответственные: {status.organisation}",
                        detail="Нет действующего назначения: " + "; ".join(sorted(missing)) + ".",
                        url=status.organisation.get_absolute_url() + "?tab=appointments",
                    )
                )
    if scope.role in {Role.USZN, Role.PROVIDER}:
        has_interaction = (
            Appointment.objects.visible_to(scope)
            .current()
            .filter(organisation_id=scope.organisation_id, kind=AppointmentKind.INTERACTION)
            .exists()
        )
        if not has_interaction:
            items.append(
                AttentionItem(
                    title="Не назначен ответственный за взаимодействие с ресурсным центром",
                    detail="Назначьте его приказом и внесите назначение в карточку организации.",
                    url=f"/organisations/{scope.organisation_id}/?tab=appointments",
                )
            )
    return items
