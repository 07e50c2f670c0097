"""Events, the training plan, consultations, media plans and publications (SPEC §5 EVT-1..EVT-4).

Event kinds are ``TextChoices``, not a table. The kinds are the closed list of SPEC EVT-1 (the
forms of work the model regulation and the seeds name), two of them carry rules with a seed
reference (`events.rules`: a methodological-association meeting every quarter, an open day
every half-year) and KPI 6.3 sorts them into methodological support or not; a table would make
those rules depend on rows an administrator may rename or delete. «Иное» takes whatever the
list does not name, with the topic saying what it was.

Every record belongs to an organisation (the organiser, the RC that consulted, the owner of a
plan or a publication) and, where it has one, to a priority direction: the scope is
`accounts.scoping.record_q`, plus what each model's queryset adds (a provider sees the events
its staff take part in and the training events open to its directions).
"""

from resurs.coordination.events.models.consultations import (
    Consultation,
    ConsultationAudience,
    ConsultationGrouping,
    ConsultationMode,
    ConsultationQuerySet,
)
from resurs.coordination.events.models.events import (
    Event,
    EventFormat,
    EventKind,
    EventQuerySet,
    EventState,
    Nomination,
    NominationQuerySet,
    NominationState,
    Participation,
    ParticipationQuerySet,
    ParticipationStatus,
)
from resurs.coordination.events.models.media import (
    MASS_MEDIA_CHANNELS,
    MediaPlan,
    MediaPlanItem,
    MediaPlanItemQuerySet,
    MediaPlanItemState,
    MediaPlanQuerySet,
    Publication,
    PublicationChannel,
    PublicationQuerySet,
)

__all__ = [
    "MASS_MEDIA_CHANNELS",
    "Consultation",
    "ConsultationAudience",
    "ConsultationGrouping",
    "ConsultationMode",
    "ConsultationQuerySet",
    "Event",
    "EventFormat",
    "EventKind",
    "EventQuerySet",
    "EventState",
    "MediaPlan",
    "MediaPlanItem",
    "MediaPlanItemQuerySet",
    "MediaPlanItemState",
    "MediaPlanQuerySet",
    "Nomination",
    "NominationQuerySet",
    "NominationState",
    "Participation",
    "ParticipationQuerySet",
    "ParticipationStatus",
    "Publication",
    "PublicationChannel",
    "PublicationQuerySet",
]
