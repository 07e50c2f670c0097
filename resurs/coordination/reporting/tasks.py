"""Background work of the reporting chain, run by the db_worker (``make run`` starts one and
queues ``manage.py reporting_daily`` once a day)."""

from django.tasks import task


@task
def recompute_kpis(period_key: str) -> int:
    """REP-5: every resource centre's KPIs for one period (e.g. «2026-q3»)."""
    from resurs.coordination.reporting import kpi
    from resurs.coordination.reporting.periods import Period

    return kpi.recompute(Period.from_key(period_key))


@task
def daily() -> dict:
    """Opens the current periods' reports, sends due reminders (reports and REP-9 requests and
    instructions), recounts this quarter's and the last quarter's KPIs."""
    from django.utils import timezone

    from resurs.coordination.instructions.services import (
        send_due_reminders as instruction_reminders,
    )
    from resurs.coordination.reporting import kpi, reminders_reports, services
    from resurs.coordination.reporting.periods import Period, PeriodKind

    today = timezone.localdate()
    quarter = Period.containing(PeriodKind.QUARTER, today)
    return {
        "opened": services.open_current_periods(today=today),
        "reminders": reminders_reports.send_due_reminders(today=today),
        "instruction_reminders": instruction_reminders(today=today),
        "kpis": kpi.recompute(quarter) + kpi.recompute(quarter.previous()),
    }
