"""Pages of roadmaps (SPEC §3 MAP-1..MAP-4): the list, the card with its table-like editor,
the workflow, execution marks, proposals, versions and the inbox.

The editor works in place with htmx: a row turns into its form (``_item_form.html``) and back
(``_item_row.html``); add, delete and move re-render the plan (``detail.html#plan``), because
numbers change through the whole plan. Without htmx the same URLs serve whole pages.
"""

from resurs.coordination.roadmaps.views.editor import (  # noqa: F401
    item_create,
    item_delete,
    item_edit,
    item_move,
    item_row,
    item_schedule,
    section_create,
    section_delete,
    section_edit,
    section_move,
)
from resurs.coordination.roadmaps.views.execution import (  # noqa: F401
    checkpoint_detail,
    proposal_accept,
    proposal_create,
    proposal_decline,
)
from resurs.coordination.roadmaps.views.plans import (  # noqa: F401
    roadmap_agree,
    roadmap_create,
    roadmap_detail,
    roadmap_edit,
    roadmap_list,
    roadmap_reopen,
    roadmap_return,
    roadmap_submit,
    version_compare,
)
from resurs.coordination.roadmaps.views.units import (  # noqa: F401
    unit_plan_create,
    unit_plan_list,
)
