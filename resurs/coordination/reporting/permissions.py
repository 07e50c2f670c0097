"""Who may do what with a report (REP-3): the sender's people fill and submit it, the
receiver's people accept or return it (inside an institution: the specialist, the head of
the unit, the director — reporting.inservice); reopening an accepted report is the receiver's or
the Department's decision."""

from resurs.coordination.reporting import inservice
from resurs.coordination.reporting.models import EDITABLE_STATES, PARTY_ROLES, Party, ReportState
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope

REOPEN_ROLES = {Role.DEPARTMENT, Role.ADMINISTRATOR}


def _in_service_person(scope: Scope, report, party: str) -> bool:
    """In-service (reporting.inservice): the specialist acts for their own report only, a
    head for the unit they head, the director for the whole institution."""
    if party == Party.SPECIALIST:
        return scope.membership_id == report.sender_membership_id
    if party == Party.UNIT_HEAD:
        return inservice.heads(scope.membership_id, report.unit_id)
    return party == Party.DIRECTOR


def acts_for_sender(scope: Scope | None, report) -> bool:
    if scope is None or scope.organisation_id != report.sender_id:
        return False
    if scope.role not in PARTY_ROLES[report.form.sender]:
        return False
    if report.unit_id:
        return _in_service_person(scope, report, report.form.sender)
    return not (
        scope.role == Role.RESOURCE_CENTRE
        and report.direction_id
        and scope.direction_id not in (None, report.direction_id)
    )


def acts_for_receiver(scope: Scope | None, report) -> bool:
    if scope is None or scope.organisation_id != report.receiver_id:
        return False
    if scope.role not in PARTY_ROLES[report.form.receiver]:
        return False
    if report.unit_id:
        return _in_service_person(scope, report, report.form.receiver)
    return not (
        scope.role == Role.RESOURCE_CENTRE
        and report.direction_id
        and scope.direction_id not in (None, report.direction_id)
    )


def can_edit(scope, report) -> bool:
    return acts_for_sender(scope, report) and report.state in EDITABLE_STATES


def can_submit(scope, report) -> bool:
    return can_edit(scope, report)


def can_decide(scope, report) -> bool:
    return acts_for_receiver(scope, report) and report.state in {
        ReportState.SUBMITTED,
        ReportState.RESUBMITTED,
    }


def can_reopen(scope, report) -> bool:
    if report.state != ReportState.ACCEPTED or scope is None:
        return False
    return acts_for_receiver(scope, report) or scope.role in REOPEN_ROLES
