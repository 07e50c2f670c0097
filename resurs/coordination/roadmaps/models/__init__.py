"""Roadmaps — «план мероприятий („дорожная карта“)» (SPEC §3 MAP-1..MAP-5).

A roadmap belongs to an organisation for a year: a resource centre's plan for its priority
direction, or the Department's media plan of a programme (seed 004 appendix 1). Sections hold
items; an item keeps its timeframe as written and the schedule understood from it
(`roadmaps.timeframes`) as dated checkpoints. Each checkpoint gets one mark with evidence.

The same plan mechanism keeps the work plans of a structural unit (отделение) of an
institution — its calendar plan and its long-term plan (SOC-13, seed 002 §5.1.10): a roadmap
of a unit kind names its `Unit`; the unit's head keeps it and the institution (the provider
role) agrees it, so its items, checkpoints and marks are tracked as any roadmap's.

Scope: a roadmap is seen by its owner, by the RC of its direction region-wide, by the УСЗН of
the owner's territory, by the providers taking part in its direction (read-only, to send
proposals) and by the region-wide roles. Everything filed under a roadmap is seen with it,
except proposals: a provider sees only its own.
"""

from resurs.coordination.roadmaps.models.marks import (
    MARK_WEIGHTS,
    Evidence,
    EvidenceQuerySet,
    Mark,
    MarkQuerySet,
    MarkResult,
)
from resurs.coordination.roadmaps.models.proposals import (
    Proposal,
    ProposalQuerySet,
    ProposalState,
    RoadmapVersion,
    RoadmapVersionQuerySet,
)
from resurs.coordination.roadmaps.models.roadmap import (
    ANNUAL_REPORT_DUE,
    AWAITING_STATES,
    EDITABLE_STATES,
    UNIT_KINDS,
    Roadmap,
    RoadmapKind,
    RoadmapQuerySet,
    RoadmapState,
    annual_report_due,
    roadmap_q,
)
from resurs.coordination.roadmaps.models.structure import (
    Checkpoint,
    CheckpointQuerySet,
    Item,
    ItemQuerySet,
    RoadmapChildQuerySet,
    ScheduleKind,
    Section,
    SectionQuerySet,
)

__all__ = [
    "ANNUAL_REPORT_DUE",
    "annual_report_due",
    "AWAITING_STATES",
    "Checkpoint",
    "CheckpointQuerySet",
    "EDITABLE_STATES",
    "Evidence",
    "EvidenceQuerySet",
    "Item",
    "ItemQuerySet",
    "Mark",
    "MARK_WEIGHTS",
    "MarkQuerySet",
    "MarkResult",
    "Proposal",
    "ProposalQuerySet",
    "ProposalState",
    "Roadmap",
    "roadmap_q",
    "RoadmapChildQuerySet",
    "RoadmapKind",
    "RoadmapQuerySet",
    "RoadmapState",
    "RoadmapVersion",
    "RoadmapVersionQuerySet",
    "ScheduleKind",
    "Section",
    "SectionQuerySet",
    "UNIT_KINDS",
]
