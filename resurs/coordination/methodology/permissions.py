"""Who may change what in the methodology registries (REG-2, REG-3).

Reading is decided by the scope alone (``Product.objects.visible_to``); these rules decide
the writes. Services raise PermissionDenied when a rule says no; views use the same rules to
show or hide buttons.
"""

from resurs.coordination.methodology.models import (
    EDITABLE_PRACTICE_STATES,
    EDITABLE_PRODUCT_STATES,
    PracticeState,
    ProductState,
)
from resurs.kernel.accounts.roles import DIRECTORY_EDITOR_ROLES, Role
from resurs.kernel.accounts.scoping import Scope

# Keep the registries of every direction (SPEC §0: the Department sees and does everything;
# the methodical centre runs the expert council and receives best practices).
REGION_EDITOR_ROLES = frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE, Role.ADMINISTRATOR})
# Add records of their own organisation to a registry.
RECORD_AUTHOR_ROLES = frozenset({Role.RESOURCE_CENTRE, Role.PROVIDER})
# Send a product into review and assign its experts (the council's secretary).
COUNCIL_SECRETARY_ROLES = REGION_EDITOR_ROLES
# Edit the expert council: its members and its rule (the Department, the administrator).
COUNCIL_EDITOR_ROLES = DIRECTORY_EDITOR_ROLES
# An expert must hold one of these memberships: both are region-wide, so an expert sees every
# product they may be asked to review (REG-2).
COUNCIL_MEMBER_ROLES = frozenset({Role.DEPARTMENT, Role.METHODICAL_CENTRE})
# Who loads the registries from Excel.
IMPORT_ROLES = REGION_EDITOR_ROLES | RECORD_AUTHOR_ROLES


def _region_editor(scope: Scope | None) -> bool:
    return scope is not None and scope.role in REGION_EDITOR_ROLES


# --- REG-2 methodological products ----------------------------------------------------------


def can_create_product(
    scope: Scope | None, *, organisation=None, direction=None, author_organisation=None
) -> bool:
    """An RC adds to the registry it keeps (its own direction); a provider adds the products
    it developed to an RC's registry; the Department and the methodical centre to any."""
    if scope is None:
        return False
    if _region_editor(scope):
        return True
    if scope.role == Role.RESOURCE_CENTRE:
        return (organisation is None or organisation.pk == scope.organisation_id) and (
            direction is None or direction.pk == scope.direction_id
        )
    if scope.role == Role.PROVIDER:
        return author_organisation is None or author_organisation.pk == scope.organisation_id
    return False


def can_manage_product(scope: Scope | None, product) -> bool:
    """The product's RC (and the RC of its direction), its author organisation, the
    Department and the methodical centre."""
    if scope is None:
        return False
    if _region_editor(scope):
        return True
    if scope.role not in RECORD_AUTHOR_ROLES:
        return False
    if scope.organisation_id in (product.organisation_id, product.author_organisation_id):
        return True
    return scope.role == Role.RESOURCE_CENTRE and scope.direction_id == product.direction_id


def can_edit_product(scope: Scope | None, product) -> bool:
    return product.state in EDITABLE_PRODUCT_STATES and can_manage_product(scope, product)


def can_submit_product(scope: Scope | None, product) -> bool:
    return product.state == ProductState.DRAFT and can_manage_product(scope, product)


def can_resubmit_product(scope: Scope | None, product) -> bool:
    return product.state == ProductState.RETURNED and can_manage_product(scope, product)


def can_start_review(scope: Scope | None, product) -> bool:
    return (
        product.state == ProductState.SENT
        and scope is not None
        and scope.role in COUNCIL_SECRETARY_ROLES
    )


def can_add_implementation(scope: Scope | None, product) -> bool:
    return product.state == ProductState.APPROVED and can_manage_product(scope, product)


def can_attach_to_product(scope: Scope | None, product) -> bool:
    """The author keeps the files while the product may change; the council's secretary
    may add its documents (an extract of the minutes) at any time."""
    if scope is not None and scope.role in COUNCIL_SECRETARY_ROLES:
        return True
    return can_edit_product(scope, product)


def can_manage_council(scope: Scope | None) -> bool:
    return scope is not None and scope.role in COUNCIL_EDITOR_ROLES


def can_view_council(scope: Scope | None) -> bool:
    return scope is not None and scope.role in COUNCIL_SECRETARY_ROLES


# --- REG-3 best practices -------------------------------------------------------------------


def can_create_practice(scope: Scope | None, *, organisation=None) -> bool:
    """A provider (or an RC) proposes its own practice; the Department and the methodical
    centre may register a practice of any organisation."""
    if scope is None:
        return False
    if _region_editor(scope):
        return True
    return scope.role in RECORD_AUTHOR_ROLES and (
        organisation is None or organisation.pk == scope.organisation_id
    )


def can_manage_practice(scope: Scope | None, practice) -> bool:
    if scope is None:
        return False
    if _region_editor(scope):
        return True
    return scope.role in RECORD_AUTHOR_ROLES and scope.organisation_id == practice.organisation_id


def can_edit_practice(scope: Scope | None, practice) -> bool:
    return practice.state in EDITABLE_PRACTICE_STATES and can_manage_practice(scope, practice)


def can_propose_practice(scope: Scope | None, practice) -> bool:
    return can_edit_practice(scope, practice)


def analyses_direction(scope: Scope | None, practice) -> bool:
    """REG-3: the practice is analysed by the RC of its direction (or the administrator)."""
    if scope is None:
        return False
    if scope.role == Role.ADMINISTRATOR:
        return True
    return scope.role == Role.RESOURCE_CENTRE and scope.direction_id == practice.direction_id


def can_analyse_practice(scope: Scope | None, practice) -> bool:
    return practice.state == PracticeState.PROPOSED and analyses_direction(scope, practice)


def can_submit_practice(scope: Scope | None, practice) -> bool:
    return practice.state == PracticeState.RECOMMENDED and analyses_direction(scope, practice)


def can_record_replication(scope: Scope | None, practice) -> bool:
    """The methodical centre tracks replication (with the Department and the RC)."""
    if practice.state != PracticeState.SUBMITTED or scope is None:
        return False
    return _region_editor(scope) or analyses_direction(scope, practice)


def can_set_practice_public(scope: Scope | None, practice) -> bool:
    return can_manage_practice(scope, practice) or analyses_direction(scope, practice)


def can_attach_to_practice(scope: Scope | None, practice) -> bool:
    if _region_editor(scope):
        return True
    return can_edit_practice(scope, practice)
