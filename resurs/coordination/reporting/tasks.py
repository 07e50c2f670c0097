"""Background work of the reporting chain, run by the db_worker (``make run`` starts one and
queues ``manage.py daily_jobs`` once a day, declared in contributions.py)."""

from django.tasks import task


@task
def recompute_kpis(period_key: str) -> int:
    """REP-5: every resource centre's KPIs for one period (e.g. «2026-q3»)."""
    from resurs.coordination.reporting import kpi
    from resurs.kernel.workcalendar.periods import Period

    return kpi.recompute(Period.from_key(period_key))


@task
def daily() -> dict:
    """Opens the current periods' reports, sends the reports' due reminders, recounts this
    quarter's and the last quarter's KPIs (requests and instructions remind by their own daily
    job)."""
    from django.utils import timezone

    from resurs.coordination.reporting import kpi, reminders_reports, services
    from resurs.kernel.workcalendar.periods import Period, PeriodKind

    today = timezone.localdate()
    quarter = Period.containing(PeriodKind.QUARTER, today)
    return {
        "opened": services.open_current_periods(today=today),
        "reminders": reminders_reports.send_due_reminders(today=today),
        "kpis": kpi.recompute(quarter) + kpi.recompute(quarter.previous()),
    }
