"""What roadmaps ask of the user on the home page (see resurs.kernel.accounts.attention).

RC: returned plans, overdue checkpoints, proposals to decide; Department: plans awaiting its
decision; both: last year's annual report due by 20 January (000:3.1.7). The institution
(provider): its units' work plans awaiting agreement; a head: the unit's returned work plans
(SOC-13). A fixed number of
queries whatever the number of plans.
"""

from django.urls import reverse
from django.utils import timezone

from resurs.coordination.roadmaps import selectors
from resurs.coordination.roadmaps.models import annual_report_due
from resurs.kernel.accounts.roles import REGION_WIDE_ROLES, Role
from resurs.kernel.contributions import AttentionItem

SHOWN = 5


def _report_items(scope, today, organisation_id=None) -> list[AttentionItem]:
    year = today.year - 1
    due = annual_report_due(year)
    missing = list(selectors.reports_missing(scope, year, organisation_id)[: SHOWN + 1])
    return [
        AttentionItem(
            title=f"Годовой отчёт по дорожной карте {roadmap.year} года: {roadmap.organisation}",
            detail=f"Информационно-аналитический отчёт об исполнении плана — до "
            f"{due:%d.%m.%Y}" + (" (срок прошёл)." if today > due else "."),
            url=roadmap.get_absolute_url(),
        )
        for roadmap in missing[:SHOWN]
    ]


def items_for(scope) -> list[AttentionItem]:
    today = timezone.localdate()
    items: list[AttentionItem] = []
    if scope.role == Role.RESOURCE_CENTRE:
        own = scope.organisation_id
        items.extend(
            AttentionItem(
                title=f"Дорожная карта возвращена на доработку: {roadmap.title}",
                detail=roadmap.remark[:300] or "Замечания Департамента — в карточке.",
                url=roadmap.get_absolute_url(),
            )
            for roadmap in selectors.returned_roadmaps(scope, own)[:SHOWN]
        )
        overdue = list(selectors.overdue_checkpoints(scope, today=today, organisation_id=own)[:51])
        if overdue:
            first = overdue[0]
            roadmap = first.item.section.roadmap
            items.append(
                AttentionItem(
                    title=f"Просрочены контрольные точки дорожной карты: "
                    f"{len(overdue) if len(overdue) <= 50 else 'более 50'}",
                    detail=f"Раньше всех: № {first.item.number} «{first.item.name[:100]}», "
                    f"срок {first.due_on:%d.%m.%Y}.",
                    url=roadmap.get_absolute_url() + "?tab=execution",
                )
            )
        proposals = list(selectors.open_proposals(scope, own)[: SHOWN + 1])
        if proposals:
            items.append(
                AttentionItem(
                    title=f"Предложения поставщиков в дорожную карту: {len(proposals)}"
                    + ("+" if len(proposals) > SHOWN else ""),
                    detail="Примите предложение в план или отклоните его с ответом.",
                    url=proposals[0].roadmap.get_absolute_url() + "?tab=proposals",
                )
            )
        items.extend(_report_items(scope, today, own))
    elif scope.role in REGION_WIDE_ROLES:
        if scope.role in (Role.DEPARTMENT, Role.ADMINISTRATOR):
            awaiting = list(selectors.awaiting_decision(scope)[: SHOWN + 1])
            items.extend(
                AttentionItem(
                    title=f"На согласовании: {roadmap.title}",
                    detail=f"{roadmap.organisation}, {roadmap.year} год — "
                    f"{roadmap.get_state_display()}.",
                    url=roadmap.get_absolute_url(),
                )
                for roadmap in awaiting[:SHOWN]
            )
            if len(awaiting) > SHOWN:
                items.append(
                    AttentionItem(
                        title="Другие дорожные карты на согласовании",
                        detail="Полный список — в разделе «Дорожные карты».",
                        url=reverse("roadmaps:list") + "?state=submitted",
                    )
                )
        if scope.role == Role.DEPARTMENT:
            items.extend(_report_items(scope, today))
    elif scope.role == Role.PROVIDER:
        items.extend(
            AttentionItem(
                title=f"План работы отделения на согласовании: {roadmap.unit}",
                detail=f"{roadmap.title} — {roadmap.get_state_display()}.",
                url=roadmap.get_absolute_url(),
            )
            for roadmap in selectors.unit_plans_awaiting(scope)[:SHOWN]
        )
    elif scope.role == Role.HEAD:
        items.extend(
            AttentionItem(
                title=f"План работы отделения возвращён на доработку: {roadmap.title}",
                detail=roadmap.remark[:300] or "Замечания учреждения — в карточке плана.",
                url=roadmap.get_absolute_url(),
            )
            for roadmap in selectors.unit_plans_returned(scope)[:SHOWN]
        )
    return items
