"""Who may change a roadmap, decide on it, propose to it and mark its execution (MAP-1, 3, 4).

Reading is decided by the scope alone (each model's ``visible_to``). Writing:

* the owner organisation keeps its roadmap — a resource centre (role «Ресурсный центр») its
  direction's plan, the Department its programme's media plan; the administrator may help;
* the plan is edited while it is a draft or returned for revision (after agreement a change
  starts a new version: «Внести изменения» brings it back to a draft);
* the Department (and the administrator) agrees or returns a submitted roadmap;
* a provider of the roadmap's direction sends proposals (001:2.4.3); the owner decides them;
* execution is marked by the owner once the roadmap has an agreed version.

A unit's work plan (SOC-13, 002 §5.1.10) goes through the same steps with other people: the
head of the unit keeps it (creates, edits, submits, marks), the institution — its provider
role — agrees or returns it; the Department does not decide on it.
"""

from resurs.casework.units.models import UnitStaff
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

OWNER_ROLES = frozenset({Role.RESOURCE_CENTRE, Role.DEPARTMENT})
AGREEING_ROLES = frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR})
PROPOSING_ROLES = frozenset({Role.PROVIDER, Role.HEAD})


def heads_unit(scope: Scope | None, unit) -> bool:
    """SOC-13: the scope is the current head of ``unit`` (its membership is placed there)."""
    return (
        scope is not None
        and unit is not None
        and scope.role == Role.HEAD
        and scope.organisation_id == unit.organisation_id
        and UnitStaff.objects.current()
        .filter(membership_id=scope.membership_id, unit_id=unit.pk)
        .exists()
    )


def is_owner(scope: Scope | None, roadmap) -> bool:
    if scope is None:
        return False
    if scope.role == Role.ADMINISTRATOR:
        return True
    if roadmap.is_unit_plan:
        return heads_unit(scope, roadmap.unit)
    return scope.organisation_id == roadmap.organisation_id and scope.role in OWNER_ROLES


def can_create(scope: Scope | None) -> bool:
    return scope is not None and (scope.role in OWNER_ROLES or scope.role == Role.ADMINISTRATOR)


def can_create_unit_plan(scope: Scope | None, unit=None) -> bool:
    """SOC-13: the head makes the plans of the unit they head (``unit`` None: of any unit)."""
    if scope is None:
        return False
    if scope.role == Role.ADMINISTRATOR:
        return True
    if unit is None:
        return scope.role == Role.HEAD
    return heads_unit(scope, unit)


def can_edit_plan(scope: Scope | None, roadmap) -> bool:
    """MAP-1: sections and items change only in a draft or a returned roadmap."""
    return is_owner(scope, roadmap) and roadmap.is_editable


def can_submit(scope: Scope | None, roadmap) -> bool:
    return is_owner(scope, roadmap) and roadmap.is_editable


def can_decide(scope: Scope | None, roadmap) -> bool:
    """MAP-3: the Department agrees or returns what was submitted to it; a unit's work plan
    is agreed by its institution (SOC-13)."""
    if scope is None or not roadmap.is_awaiting_decision:
        return False
    if roadmap.is_unit_plan:
        return scope.role == Role.ADMINISTRATOR or (
            scope.role == Role.PROVIDER and scope.organisation_id == roadmap.organisation_id
        )
    return scope.role in AGREEING_ROLES


def can_reopen(scope: Scope | None, roadmap) -> bool:
    from resurs.coordination.roadmaps.models import RoadmapState

    return is_owner(scope, roadmap) and roadmap.state == RoadmapState.AGREED


def can_mark(scope: Scope | None, roadmap) -> bool:
    """MAP-4: the owner marks execution of an agreed plan (also while a change is drafted)."""
    return is_owner(scope, roadmap) and roadmap.agreed_version > 0


def can_propose(scope: Scope | None, roadmap) -> bool:
    """MAP-3 (001:2.4.3): a provider taking part in the direction proposes to the RC's plan."""
    return (
        scope is not None
        and scope.role in PROPOSING_ROLES
        and roadmap.direction_id is not None
        and scope.organisation_id != roadmap.organisation_id
    )


def can_decide_proposal(scope: Scope | None, proposal) -> bool:
    return is_owner(scope, proposal.roadmap) and proposal.is_open
