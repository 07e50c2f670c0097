"""What events ask of the user on the home page (see resurs.kernel.accounts.attention).

For a resource centre (its role and direction): the regular events of `events.rules` — a
methodological-association meeting every quarter (003:3.2.2), an open day every half-year
(003 roadmap item 14) — missing in the current period or in the previous one that ended
without; and its events that are over but still marked planned (KPI 6.2 counts held events
only). For the organiser's side: nominations waiting for a decision. Four queries at most.
"""

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from resurs.coordination.events.models import Event, EventState, Nomination, NominationState
from resurs.coordination.events.permissions import EVENT_KEEPER_ROLES
from resurs.coordination.events.rules import REGULAR_EVENT_RULES
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.organisations.models import ResourceCentreStatus
from resurs.kernel.workcalendar.periods import Period, day_bounds, period_of


def _calendar_url(kind: str, period: Period) -> str:
    query = {"kind": kind, "date_from": period.start.isoformat(), "date_to": period.end.isoformat()}
    return f"{reverse('events:list')}?{urlencode(query)}"


def _regular_event_items(scope, today) -> list[AttentionItem]:
    # Periods before the centre got its status ask nothing of it.
    status_since = (
        ResourceCentreStatus.objects.active()
        .filter(organisation_id=scope.organisation_id, direction_id=scope.direction_id)
        .aggregate(since=Min("valid_from"))["since"]
    )
    if status_since is None:
        return []
    checks = []  # (rule, period, is_current)
    for rule in REGULAR_EVENT_RULES:
        current = period_of(today, rule.months)
        checks.append((rule, current, True))
        previous = current.previous()
        if previous.end >= status_since:
            checks.append((rule, previous, False))
    earliest = min(period.start for _rule, period, _current in checks)
    start, _end = day_bounds(earliest, today)
    rows = (
        Event.objects.visible_to(scope)
        .filter(
            organiser_id=scope.organisation_id,
            direction_id=scope.direction_id,
            kind__in=[rule.kind for rule in REGULAR_EVENT_RULES],
            state__in=[EventState.HELD, EventState.PLANNED],
            starts_at__gte=start,
        )
        .values_list("kind", "state", "starts_at")
    )
    held = set()
    planned = {}
    for kind, state, starts_at in rows:
        day = timezone.localdate(starts_at)
        if state == EventState.HELD:
            held.add((kind, day))
        else:
            planned.setdefault(kind, []).append(day)
    items = []
    for rule, period, is_current in checks:
        if any(kind == rule.kind and period.contains(day) for kind, day in held):
            continue
        upcoming = sorted(
            d for d in planned.get(rule.kind, []) if period.contains(d) and d >= today
        )
        if is_current:
            detail = (
                f"Запланировано на {upcoming[0]:%d.%m.%Y}: после проведения отметьте его."
                if upcoming
                else f"До {period.end:%d.%m.%Y} нужно провести и внести его. Основание: "
                f"{rule.basis}."
            )
        else:
            detail = f"Период закончился без него. Основание: {rule.basis}."
        items.append(
            AttentionItem(
                title=f"{rule.missing}: {period.long_label}",
                detail=detail,
                url=_calendar_url(rule.kind, period),
            )
        )
    return items


def items_for(scope) -> list[AttentionItem]:
    """EVT-1/EVT-2: missing regular events, events to mark held, nominations to decide."""
    today = timezone.localdate()
    items: list[AttentionItem] = []
    if scope.role == Role.RESOURCE_CENTRE and scope.direction_id:
        items.extend(_regular_event_items(scope, today))
    if scope.role in EVENT_KEEPER_ROLES:
        unmarked = (
            Event.objects.visible_to(scope)
            .filter(
                organiser_id=scope.organisation_id,
                state=EventState.PLANNED,
                ends_at__lt=timezone.now(),
            )
            .count()
        )
        if unmarked:
            query = urlencode({"state": EventState.PLANNED, "date_to": today.isoformat()})
            items.append(
                AttentionItem(
                    title=f"Мероприятия прошли, но не отмечены проведёнными: {unmarked}",
                    detail="Отметьте «проведено» или «отменено»: показатель 6.2 считает только "
                    "проведённые мероприятия.",
                    url=f"{reverse('events:list')}?{query}",
                )
            )
        waiting = (
            Nomination.objects.visible_to(scope)
            .filter(event__organiser_id=scope.organisation_id, state=NominationState.PROPOSED)
            .count()
        )
        if waiting:
            items.append(
                AttentionItem(
                    title=f"Заявки на обучение ждут решения: {waiting}",
                    detail="Подтвердите или отклоните заявки поставщиков.",
                    url=f"{reverse('events:training')}?state={NominationState.PROPOSED}",
                )
            )
    return items
