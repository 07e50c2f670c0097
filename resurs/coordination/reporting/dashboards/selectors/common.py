"""What the dashboards share: the forms they show, the roles, the quarter chosen."""

from __future__ import annotations

import datetime

from resurs.kernel.accounts.roles import REGION_WIDE_ROLES, Role
from resurs.kernel.workcalendar.periods import Period, PeriodKind

RC_FORMS = (("rc-monitoring", "Мониторинг (Департамент)"), ("rc-kpi", "Формы КПЭ (МЦ)"))
INCOMING_FORM = "uszn-consolidation"
PROVIDER_FORM = "provider-monitoring"
TREND_LENGTH = 8
NOT_OPENED = "not_opened"

DASHBOARD_ROLES = REGION_WIDE_ROLES
COEFFICIENT_EDITOR_ROLES = frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR})
RECOMPUTE_ROLES = REGION_WIDE_ROLES

REGISTRY_LINKS = (
    ("participants", "registry_participants", "участники"),
    ("legal_acts", "registry_legal_acts", "правовые акты"),
    ("technologies", "registry_technologies", "технологии и методики"),
    ("articles", "registry_articles", "статьи"),
    ("social_practices", "registry_social_practices", "социальные практики"),
    ("products_approved", "products_approved", "методические продукты"),
)


# --- periods ---------------------------------------------------------------------------------


def last_finished_quarter(today: datetime.date) -> Period:
    return Period.containing(PeriodKind.QUARTER, today).previous()


def quarter_choices(today: datetime.date, count: int = 12) -> list[tuple[str, str]]:
    """The current quarter and the ones before it, newest first."""
    current = Period.containing(PeriodKind.QUARTER, today)
    return [(p.key, p.label) for p in reversed(current.last(count))]


def chosen_quarter(key: str | None, today: datetime.date) -> Period:
    """The quarter of ``?period=``; the last finished quarter when absent or not a quarter."""
    if key:
        try:
            period = Period.from_key(key)
        except ValueError:
            period = None
        if period is not None and period.kind == PeriodKind.QUARTER:
            return period
    return last_finished_quarter(today)
