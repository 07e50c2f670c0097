"""Writes of roadmaps (SPEC §3 MAP-1..MAP-4). Views, the API, the demo and tasks call these."""

from resurs.coordination.roadmaps.services.execution import (  # noqa: F401
    FALLBACK_KINDS,
    OVERDUE_BODY,
    OVERDUE_SUBJECT,
    mark_delete,
    mark_set,
    notify_overdue,
)
from resurs.coordination.roadmaps.services.plan import (  # noqa: F401
    ITEM_FIELDS,
    ROADMAP_FIELDS,
    item_create,
    item_delete,
    item_move,
    item_set_schedule,
    item_update,
    roadmap_create,
    roadmap_update,
    section_create,
    section_delete,
    section_move,
    section_update,
)
from resurs.coordination.roadmaps.services.workflow import (  # noqa: F401
    plan_snapshot,
    proposal_accept,
    proposal_create,
    proposal_decline,
    roadmap_agree,
    roadmap_reopen,
    roadmap_return,
    roadmap_submit,
)
