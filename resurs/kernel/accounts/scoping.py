"""The one access-scoping mechanism of Resurs (SPEC §0, STYLE "Access scoping").

Every list, card, export and API endpoint gets its queryset from
``Model.objects.visible_to(who)``, where *who* is a request, a membership or a
``Scope``. A record outside the scope is simply absent, so "not allowed" and
"not found" both end in a 404.

The scope is built from the user's active membership: role, organisation,
territory and direction. Region-wide roles see everything; the others see
their own organisation, the coordination bodies of the region (Department,
methodological centre, resource centres) and:

* УСЗН — every organisation of its territory;
* Ресурсный центр — every organisation taking part in its direction, region-wide;
* Поставщик, Заведующий отделением, Специалист — their own institution and the УСЗН
  of its territory.

Later models (cases, districts) add their own rule with ``scope_filter`` and reuse
the organisation rule of ``organisations.scoping`` through ``organisation_path``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from resurs.kernel.accounts.roles import REGION_WIDE_ROLES, Role


@dataclass(frozen=True)
class Scope:
    role: str
    user_id: int
    membership_id: int
    organisation_id: int
    territory_id: int | None
    direction_id: int | None

    @classmethod
    def of(cls, membership) -> Scope:
        return cls(
            role=membership.role,
            user_id=membership.user_id,
            membership_id=membership.pk,
            organisation_id=membership.organisation_id,
            territory_id=membership.effective_territory_id,
            direction_id=membership.direction_id,
        )

    @property
    def region_wide(self) -> bool:
        return self.role in REGION_WIDE_ROLES


def scope_of(who) -> Scope | None:
    """The scope of a request, a membership, or a scope itself; None sees nothing."""
    if who is None or isinstance(who, Scope):
        return who
    if hasattr(who, "scope"):  # an HttpRequest after ActiveMembershipMiddleware
        return who.scope
    if hasattr(who, "role") and hasattr(who, "organisation_id"):
        return Scope.of(who)
    raise TypeError(f"Cannot build an access scope from {type(who).__name__}")


def record_q(scope: Scope, *, organisation_path: str, direction_path: str | None) -> Q:
    """Which records of the coordination work (registries, events, publications…) a
    non-region-wide scope sees. A record is owned by an organisation and, where it has
    one, belongs to a priority direction:

    * every role sees its own organisation's records;
    * Ресурсный центр — every record of its direction, region-wide (SPEC §0);
    * УСЗН — the records of organisations of its territory;
    * Поставщик, Заведующий, Специалист — their own institution's records only.
    """
    visible = Q(**{f"{organisation_path}_id": scope.organisation_id})
    if scope.role == Role.RESOURCE_CENTRE and scope.direction_id and direction_path:
        visible |= Q(**{f"{direction_path}_id": scope.direction_id})
    elif scope.role == Role.USZN and scope.territory_id:
        visible |= Q(**{f"{organisation_path}__territory_id": scope.territory_id})
    return visible


class ScopedQuerySet(models.QuerySet):
    """Base of every scoped model's queryset.

    A subclass overrides ``scope_filter``; the organisation rule (a record visible with
    its organisation) is ``organisations.scoping.OrganisationScopedQuerySet``.
    """

    def visible_to(self, who):
        scope = scope_of(who)
        if scope is None:
            return self.none()
        if scope.region_wide:
            return self.all()
        return self.filter(self.scope_filter(scope))

    def scope_filter(self, scope: Scope) -> Q:
        # A scoped model without a rule shows nothing rather than everything.
        return Q(pk__in=[])


class DirectionRecordQuerySet(ScopedQuerySet):
    """Base of the querysets of records owned by an organisation within a direction.

    A subclass names ``record_organisation_path`` and ``record_direction_path`` (None when
    the record has no direction); the rule itself is `record_q`.
    """

    record_organisation_path = "organisation"
    record_direction_path: str | None = "direction"

    def scope_filter(self, scope: Scope) -> Q:
        return record_q(
            scope,
            organisation_path=self.record_organisation_path,
            direction_path=self.record_direction_path,
        )
