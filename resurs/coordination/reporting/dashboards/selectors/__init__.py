"""REP-6: what the dashboards read — every resource centre × direction × period with its
KPIs (from KpiSnapshot, counted by reporting.kpi), the timeliness of its reports and of the
reports it receives, roadmap execution and the effectiveness coefficient; every number with
the link to the records behind it.

Each dashboard costs a fixed number of queries whatever the number of centres: the rows are
read in bulk and the drill-down links are built from ids (reporting.counters builds the
record lists' links; the public page and the roadmap are looked up once for all centres).
"""

from resurs.coordination.reporting.dashboards.selectors.common import (  # noqa: F401
    COEFFICIENT_EDITOR_ROLES,
    DASHBOARD_ROLES,
    INCOMING_FORM,
    NOT_OPENED,
    PROVIDER_FORM,
    RC_FORMS,
    RECOMPUTE_ROLES,
    REGISTRY_LINKS,
    TREND_LENGTH,
    chosen_quarter,
    last_finished_quarter,
    quarter_choices,
)
from resurs.coordination.reporting.dashboards.selectors.department import (  # noqa: F401
    DepartmentDashboard,
    TrendPoint,
    active_directions,
    coefficient_chart,
    department,
    trend,
    trend_chart,
)
from resurs.coordination.reporting.dashboards.selectors.direction import (  # noqa: F401
    DirectionView,
    centre_of,
    direction_view,
    history_chart,
)
from resurs.coordination.reporting.dashboards.selectors.freshness import (  # noqa: F401
    coefficient_weights,
    computed_at,
    public_page_fresh_days,
)
from resurs.coordination.reporting.dashboards.selectors.rows import (  # noqa: F401
    REPORT_COLUMNS,
    Cell,
    CentreRow,
    ChainTally,
    public_page_label,
)
from resurs.coordination.reporting.dashboards.selectors.territory import (  # noqa: F401
    TerritoryView,
    territory_view,
)
