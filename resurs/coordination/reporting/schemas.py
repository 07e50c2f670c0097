"""X-4: the schemas of the reporting API (reporting.api): forms with their structure,
reports with their values, what the system counted and their timeliness, the receiver's
board and the KPI snapshots of resource centres."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from resurs.coordination.reporting import selectors
from resurs.coordination.reporting.models import Consolidation, Party, ReportState, ValueType
from resurs.kernel.workcalendar.periods import PeriodKind

# --- forms ------------------------------------------------------------------------------------


class FormOut(Schema):
    code: str
    title: str
    short_title: str
    period_kind: PeriodKind
    sender: Party
    receiver: Party
    due_day: int = Field(description="Срок: число месяца, следующего за периодом")
    consolidates: str | None = Field(None, description="Код формы, отчёты по которой сводятся")
    basis: str
    is_active: bool
    version: int

    @staticmethod
    def resolve_consolidates(obj):
        return obj.consolidates.code if obj.consolidates_id else None


class IndicatorOut(Schema):
    code: str
    number: str
    title: str
    value_type: ValueType
    unit: str
    required: bool
    counter: str = Field(description="Ключ счётчика системы (REP-4) или пусто")
    formula: str
    consolidation: Consolidation
    columns: list[dict] = Field(description="Столбцы таблицы: code, title, type")
    help_text: str


class FormSectionOut(Schema):
    title: str
    order: int
    indicators: list[IndicatorOut] = Field(alias="indicator_list")


class FormDetailOut(FormOut):
    form_version: int | None = Field(None, description="Номер действующей версии структуры")
    sections: list[FormSectionOut] = Field(default_factory=list, alias="section_list")


# --- reports ----------------------------------------------------------------------------------


class TimelinessOut(Schema):
    status: str = Field(
        description="on_time | late | nothing | returned | missing | expected (REP-3)"
    )
    status_label: str
    days_late: int = Field(description="Дней опоздания первого представления")
    overdue_days: int = Field(description="Дней просрочки непредставленного отчёта")


def _timeliness(report) -> dict:
    today = timezone.localdate()
    status = selectors.timeliness(report, today)
    return {
        "status": status,
        "status_label": selectors.STATUS_LABELS[status],
        "days_late": report.days_late,
        "overdue_days": report.overdue_days(today),
    }


class ReportOut(Schema):
    id: int
    form: str = Field(alias="form.code")
    form_title: str = Field(alias="form.short_title")
    period: str = Field(description="Обозначение периода: 2026-q3, 2026")
    period_label: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    sender_id: int
    sender_name: str = Field(alias="sender.name")
    receiver_id: int
    receiver_name: str = Field(alias="receiver.name")
    direction_id: int | None
    due_on: date
    state: ReportState
    nothing_to_report: bool
    submitted_at: datetime | None = Field(description="Первое представление (своевременность)")
    last_submitted_at: datetime | None
    decided_at: datetime | None
    remarks: str
    timeliness: TimelinessOut
    version: int

    @staticmethod
    def resolve_period(obj):
        return obj.period.key

    @staticmethod
    def resolve_period_label(obj):
        return obj.period.label

    @staticmethod
    def resolve_timeliness(obj):
        return _timeliness(obj)


class ValueOut(Schema):
    code: str
    number: str
    title: str
    section: str
    value_type: ValueType
    unit: str
    value: Any = Field(description="Значение в отчёте")
    counted: Any = Field(description="Посчитано системой или сведено из отчётов отправителей")
    counted_url: str = Field(description="Записи, из которых получено число")
    differs: bool = Field(description="Введено значение, отличное от посчитанного")


class ReportDetailOut(ReportOut):
    form_version: int = Field(alias="form_version.number")
    values: list[ValueOut] = Field(alias="value_list")


class ReportFilterIn(Schema):
    form: str | None = Field(None, description="Код формы")
    period: str | None = Field(None, description="Обозначение периода: 2026-q3, 2026")
    state: ReportState | None = None
    sender_id: int | None = None
    receiver_id: int | None = None


class ValuesIn(Schema):
    version: int = Field(description="Версия отчёта, полученная при чтении")
    nothing_to_report: bool = False
    values: dict[str, Any] = Field(
        default_factory=dict,
        description="Код показателя → значение (число, текст, true/false, список строк таблицы)",
    )


class ReportVersionIn(Schema):
    version: int = Field(description="Версия отчёта, полученная при чтении")


class SubmitIn(ReportVersionIn):
    nothing_to_report: bool | None = Field(
        None, description="true — представить «нет данных за период»"
    )


class RemarksIn(ReportVersionIn):
    remarks: str = Field(min_length=1, max_length=5000, description="Что нужно исправить")


class ReasonIn(ReportVersionIn):
    reason: str = Field(min_length=1, max_length=2000, description="Причина повторного открытия")


# --- the board ----------------------------------------------------------------------------------


class BoardRowOut(ReportOut):
    pass


class BoardTotalsOut(Schema):
    expected_total: int = 0
    submitted: int = 0
    on_time_total: int = 0
    late_total: int = 0
    missing: int = 0
    nothing: int = 0
    returned: int = 0
    accepted: int = 0
    expected: int = Field(0, description="Ещё не наступил срок")


class BoardOut(Schema):
    period: str
    period_label: str
    form: str | None
    receiver_id: int | None = Field(description="Получатель; пусто — все (региональный уровень)")
    totals: BoardTotalsOut
    rows: list[BoardRowOut]


# --- KPI ----------------------------------------------------------------------------------------


class KpiOut(Schema):
    id: int
    organisation_id: int
    organisation_name: str = Field(alias="organisation.name")
    direction_id: int
    period: str
    period_kind: PeriodKind
    period_start: date
    period_end: date
    public_page: bool
    public_page_updated_at: datetime | None
    events_held: int
    consulted_organisations: int
    publications: int
    publications_mass_media: int
    registry_items: int
    registry_breakdown: dict
    social_partners: int
    roadmap_execution: int | None
    coefficient: Decimal | None
    components: dict
    computed_at: datetime

    @staticmethod
    def resolve_period(obj):
        return obj.period.key
