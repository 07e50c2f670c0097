"""The data bank of citizens and families (SPEC SOC-3, SOC-4; seed 002 §1.3, §5.1.7–5.1.9).

A person or a family is *held* by an institution and one of its units, may belong to a
social district and has a responsible specialist; who sees it is `access.casework_q`.
Everything here is personal data: the fields are named in ``audit_redacted_fields`` (the
trail says only «указан»), the trail names a record by its kind and number
(``audit_label``), and no personal field is put in a shared search column; names are
compared through ``name_key`` (a column read only through the scope).

Consent (152-FZ; 004 app. 2 §5.1) is a register: purpose, signatory, document, dates,
withdrawal — and `services.require_consent` refuses an exchange without a valid one.
Cards are never destroyed as duplicates: `DuplicateLink` links two of them, and the link can
be undone.
"""

from resurs.casework.citizens.models.consent import (
    Consent,
    ConsentPurpose,
    ConsentQuerySet,
    Signatory,
)
from resurs.casework.citizens.models.oversight import (
    AccessChannel,
    AccessLogEntry,
    AccessLogQuerySet,
    DuplicateDecision,
    DuplicateLink,
    DuplicateLinkQuerySet,
    ReasonedAccess,
    ReasonedAccessQuerySet,
)
from resurs.casework.citizens.models.people import (
    OLDER_CITIZEN_AGE,
    Family,
    FamilyMember,
    FamilyMemberQuerySet,
    FamilyQuerySet,
    HeldRecord,
    Person,
    PersonQuerySet,
    Relation,
    Sex,
    TargetGroup,
    TargetGroupApplies,
    older_citizens_q,
)
from resurs.casework.citizens.models.records import (
    AboutPersonOrFamily,
    AboutQuerySet,
    PersonalFile,
    PreventiveRegistration,
    RemovalReason,
    SocialPassport,
    TargetGroupMembership,
)

__all__ = [
    "AboutPersonOrFamily",
    "AboutQuerySet",
    "AccessChannel",
    "AccessLogEntry",
    "AccessLogQuerySet",
    "Consent",
    "ConsentPurpose",
    "ConsentQuerySet",
    "DuplicateDecision",
    "DuplicateLink",
    "DuplicateLinkQuerySet",
    "Family",
    "FamilyMember",
    "FamilyMemberQuerySet",
    "FamilyQuerySet",
    "HeldRecord",
    "OLDER_CITIZEN_AGE",
    "Person",
    "PersonQuerySet",
    "PersonalFile",
    "PreventiveRegistration",
    "ReasonedAccess",
    "ReasonedAccessQuerySet",
    "Relation",
    "RemovalReason",
    "Sex",
    "Signatory",
    "SocialPassport",
    "TargetGroup",
    "TargetGroupApplies",
    "TargetGroupMembership",
    "older_citizens_q",
]
