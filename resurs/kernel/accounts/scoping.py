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


class ScopeNotApplied(RuntimeError):
    """A fail-closed model was read without a scope: a programming error, never shown."""


class FailClosedQuerySet(ScopedQuerySet):
    """The queryset of a scoped model that holds personal data (the case-work apps).

    ``Model.objects`` of such a model refuses to run a query that did not go through
    ``visible_to(who)`` — a forgotten ``.filter()`` raises ``ScopeNotApplied`` instead of
    reading a whole region's citizens. A system job, a migration or a management command
    that must read everything says why: ``Model.objects.unscoped(reason="…")``.

    A model opts in with two managers, the plain one first and named as Django's default,
    so that what Django itself does (related managers, uniqueness checks, the deletion
    collector, admin, dumpdata) keeps working, while every read written in the project goes
    through ``objects``, which the source rule of config/tests/test_scoping_rule.py pins to
    ``visible_to``::

        all_records = models.Manager()
        objects = CaseQuerySet.as_manager()      # CaseQuerySet(FailClosedQuerySet)

        class Meta:
            default_manager_name = "all_records"
    """

    _scope_applied = False

    def _clone(self):
        clone = super()._clone()  # type: ignore[misc]
        clone._scope_applied = self._scope_applied
        return clone

    def _opened(self):
        clone = self._chain()  # type: ignore[attr-defined]
        clone._scope_applied = True
        return clone

    def visible_to(self, who):
        return FailClosedQuerySet._opened(super().visible_to(who))

    def unscoped(self, *, reason: str):
        if not reason or not reason.strip():
            raise ValueError("unscoped() needs the reason the whole table is read")
        return self._opened()

    def _refuse_unscoped(self) -> None:
        if not self._scope_applied:
            raise ScopeNotApplied(
                f"{self.model.__name__} is read only through visible_to(who) or "
                "unscoped(reason=...)"
            )

    def _fetch_all(self):
        if self._result_cache is None:
            self._refuse_unscoped()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._refuse_unscoped()
        return super().iterator(*args, **kwargs)

    def count(self):
        self._refuse_unscoped()
        return super().count()

    def exists(self):
        self._refuse_unscoped()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._refuse_unscoped()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._refuse_unscoped()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_unscoped()
        return super().delete()

    def resolve_expression(self, *args, **kwargs):
        # Used as a subquery (pk__in=Model.objects.filter(...)): the same rule.
        self._refuse_unscoped()
        return super().resolve_expression(*args, **kwargs)


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
