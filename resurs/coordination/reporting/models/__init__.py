"""The reporting chain (SPEC §4): forms as data (REP-1), reports that senders owe receivers
per period (REP-2, REP-3), their values with what the system counted (REP-4), KPI snapshots
of resource centres and the effectiveness coefficient (REP-5). The reminder ledger of REP-7
is the notifications app's."""

from resurs.coordination.reporting.models.forms import (
    IN_SERVICE_PARTIES,
    NUMERIC_TYPES,
    PARTY_ROLES,
    Consolidation,
    FormSection,
    FormVersion,
    Indicator,
    Party,
    ReportForm,
    ValueType,
)
from resurs.coordination.reporting.models.kpi import (
    CoefficientComponent,
    CoefficientWeight,
    KpiSnapshot,
    KpiSnapshotQuerySet,
)
from resurs.coordination.reporting.models.reports import (
    EDITABLE_STATES,
    SUBMITTED_STATES,
    Report,
    ReportQuerySet,
    ReportState,
    ReportValue,
)

__all__ = [
    "CoefficientComponent",
    "CoefficientWeight",
    "Consolidation",
    "EDITABLE_STATES",
    "FormSection",
    "FormVersion",
    "IN_SERVICE_PARTIES",
    "Indicator",
    "KpiSnapshot",
    "KpiSnapshotQuerySet",
    "NUMERIC_TYPES",
    "Party",
    "PARTY_ROLES",
    "Report",
    "ReportForm",
    "ReportQuerySet",
    "ReportState",
    "ReportValue",
    "SUBMITTED_STATES",
    "ValueType",
]
