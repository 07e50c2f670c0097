"""The organisation rule of the scoping mechanism (``accounts.scoping``): which
organisations a scope sees, and the queryset of every record that is visible with its
organisation."""

from __future__ import annotations

from django.db.models import Q

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope, ScopedQuerySet


def organisation_q(scope: Scope, path: str = "") -> Q:
    """Which organisations a non-region-wide scope may see, as a filter on ``path``."""
    from resurs.kernel.organisations.models import (  # the models use this module
        PARTNER_KINDS,
        Organisation,
        OrganisationKind,
        ResourceCentreStatus,
    )

    prefix = f"{path}__" if path else ""
    pk_field = f"{path}_id" if path else "pk"
    coordination_bodies = Q(
        **{
            f"{prefix}kind__in": [
                OrganisationKind.DEPARTMENT,
                OrganisationKind.METHODICAL_CENTRE,
            ]
        }
    ) | Q(**{f"{pk_field}__in": ResourceCentreStatus.objects.active().values("organisation_id")})
    visible = Q(**{pk_field: scope.organisation_id}) | coordination_bodies
    if scope.role == Role.USZN and scope.territory_id:
        visible |= Q(**{f"{prefix}territory_id": scope.territory_id})
    elif scope.role == Role.RESOURCE_CENTRE and scope.direction_id:
        participants = Organisation.directions.through.objects.filter(
            direction_id=scope.direction_id
        ).values("organisation_id")
        visible |= Q(**{f"{pk_field}__in": participants})
    elif scope.territory_id:
        # Its УСЗН, and the partners a social-support department works with on its territory
        # (addressees of referrals, sources of appeals, partners of a district's passport).
        visible |= Q(
            **{
                f"{prefix}kind__in": [OrganisationKind.USZN, *PARTNER_KINDS],
                f"{prefix}territory_id": scope.territory_id,
            }
        )
    return visible


class OrganisationScopedQuerySet(ScopedQuerySet):
    """A record visible with its organisation: a subclass names ``organisation_path``
    ("" for the organisation itself)."""

    organisation_path: str

    def scope_filter(self, scope: Scope) -> Q:
        return organisation_q(scope, self.organisation_path)
