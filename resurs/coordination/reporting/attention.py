"""What the reporting chain asks of the user on the home page (see accounts.attention):
the sender's reports due within a week, overdue or returned; the receiver's reports awaiting
a decision. At most three queries whatever the number of reports."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from resurs.coordination.reporting import selectors
from resurs.coordination.reporting.models import EDITABLE_STATES, ReportState
from resurs.kernel.contributions import AttentionItem
from resurs.kernel.workcalendar.periods import Period

SHOWN = 5
SOON_DAYS = 7


def items_for(scope) -> list[AttentionItem]:
    today = timezone.localdate()
    items: list[AttentionItem] = []
    owed = list(
        selectors.owed_by(scope)
        .filter(
            state__in=EDITABLE_STATES,
            due_on__lte=today + datetime.timedelta(days=SOON_DAYS),
        )
        .order_by("due_on", "id")[:SHOWN]
    )
    for report in owed:
        if report.state == ReportState.RETURNED:
            title = f"Отчёт возвращён на доработку: {report.form.short_title}, {report.period}"
            detail = report.remarks[:300]
        elif report.due_on < today:
            title = f"Отчёт не представлен: {report.form.short_title}, {report.period}"
            detail = f"Срок {report.due_on:%d.%m.%Y} прошёл ({(today - report.due_on).days} дн.)."
        else:
            title = f"Срок отчёта: {report.form.short_title}, {report.period}"
            detail = f"Представить до {report.due_on:%d.%m.%Y} — {report.receiver_label}."
        items.append(AttentionItem(title=title, detail=detail, url=report.get_absolute_url()))
    awaiting = selectors.awaiting_decision_of(scope)
    first = awaiting.order_by("period_start", "id").values("period_kind", "period_start").first()
    if first:
        # The board opens on the period where the earliest report waits, not on today's.
        period = Period.of(first["period_kind"], first["period_start"])
        waiting = awaiting.count()
        items.append(
            AttentionItem(
                title=f"Отчёты ждут вашего решения: {waiting}",
                detail="Представленные отчёты нужно принять или вернуть на доработку; "
                f"самый ранний — за {period.label}.",
                url=f"{reverse('reporting:board')}?{urlencode({'period': period.key})}",
            )
        )
    return items
