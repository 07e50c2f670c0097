"""Who may change events, nominations, consultations, media plans and publications.

Reading is decided by the scope alone (each model's ``visible_to``). Writing: an organisation
keeps its own records; the Department and the administrator keep any organisation's.
"""

from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, Role
from resurs.kernel.accounts.scoping import Scope

# Roles that organise events and keep media plans and publications of their organisation.
EVENT_KEEPER_ROLES = frozenset(
    {Role.RESOURCE_CENTRE, Role.USZN, Role.PROVIDER, Role.HEAD, Role.METHODICAL_CENTRE}
)
# Consultations are recorded by whoever gave them, specialists included (003:4).
CONSULTATION_KEEPER_ROLES = EVENT_KEEPER_ROLES | {Role.SPECIALIST}
# EVT-2: a provider's management forms the list of staff for an RC's training plan.
NOMINATING_ROLES = frozenset({Role.PROVIDER, Role.HEAD})


def chooses_organisation(scope: Scope | None) -> bool:
    """The Department and the administrator record on behalf of any organisation; everyone
    else records for their own."""
    return scope is not None and scope.role in DIRECTORY_EDITOR_ROLES


def can_create(scope: Scope | None, roles=EVENT_KEEPER_ROLES) -> bool:
    return scope is not None and (scope.role in DIRECTORY_EDITOR_ROLES or scope.role in roles)


def can_keep_records(scope: Scope | None, organisation_id, roles=EVENT_KEEPER_ROLES) -> bool:
    if scope is None:
        return False
    if scope.role in DIRECTORY_EDITOR_ROLES:
        return True
    return scope.organisation_id == organisation_id and scope.role in roles


def can_edit_event(scope: Scope | None, event) -> bool:
    """EVT-1: the organiser keeps its event, its participants and materials."""
    return can_keep_records(scope, event.organiser_id)


def can_edit_consultation(scope: Scope | None, consultation) -> bool:
    return can_keep_records(scope, consultation.organisation_id, CONSULTATION_KEEPER_ROLES)


def can_nominate(scope: Scope | None, event) -> bool:
    """EVT-2: a provider nominates its staff to another organisation's open training event."""
    return (
        scope is not None
        and scope.role in NOMINATING_ROLES
        and scope.organisation_id != event.organiser_id
        and event.accepts_nominations
    )


def can_decide_nomination(scope: Scope | None, nomination) -> bool:
    return can_edit_event(scope, nomination.event)


def can_withdraw_nomination(scope: Scope | None, nomination) -> bool:
    return (
        scope is not None
        and scope.role in NOMINATING_ROLES
        and scope.organisation_id == nomination.organisation_id
    )
