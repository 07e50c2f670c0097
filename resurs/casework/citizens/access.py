"""Who sees personal data (SPEC §0, X-3; 152-FZ): the scoping rule of every case-work record.

Every model of the case-work apps that holds personal data gets its queryset from
`CaseworkQuerySet` (a fail-closed queryset: a read that did not go through ``visible_to`` or
``unscoped(reason=…)`` raises). A record is *held* by an institution (``organisation``) and
one of its units (``unit``), and may belong to a social district (``district``) and have a
responsible specialist (``specialist``). Then:

* Специалист — records of the districts they are assigned to now, and those whose
  responsible specialist they are;
* Заведующий отделением — records of the units they work in;
* Поставщик (the institution's role) — every record of the institution;
* УСЗН — records of the institutions of its territory (it approves the ИППСУ);
* Ресурсный центр — none: it never sees the citizens of the providers it coordinates;
* Департамент, Методический центр, Администратор — none, except a record of a person or
  family they opened by stating a reason (`ReasonedAccess`): the reason is logged and shown
  to the institution.

A subclass names the paths (``organisation_path`` …; None where the record has no such
link) and, for the region-wide rule, ``person_path``/``family_path``.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q

from resurs.casework.units.models import assigned_districts, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import FailClosedQuerySet, Scope, scope_of

NOTHING = Q(pk__in=[])


def casework_q(
    scope: Scope,
    *,
    organisation: str = "organisation",
    unit: str | None = "unit",
    district: str | None = "district",
    specialist: str | None = "specialist",
) -> Q:
    """The rule of the module docstring for a non-region-wide scope, as a filter."""
    own_institution = Q(**{f"{organisation}_id": scope.organisation_id})
    if scope.role == Role.PROVIDER:
        return own_institution
    if scope.role == Role.HEAD:
        if unit is None:
            return NOTHING
        return own_institution & Q(**{f"{unit}_id__in": staff_units(scope)})
    if scope.role == Role.SPECIALIST:
        mine = NOTHING
        if district is not None:
            mine |= Q(**{f"{district}_id__in": assigned_districts(scope)})
        if specialist is not None:
            mine |= Q(**{f"{specialist}_id": scope.user_id})
        return own_institution & mine
    if scope.role == Role.USZN and scope.territory_id:
        return Q(**{f"{organisation}__territory_id": scope.territory_id})
    return NOTHING


def reasoned_q(scope: Scope, *, person: str | None, family: str | None) -> Q:
    """Records of the persons and families a region-wide user opened with a stated reason."""
    grants = apps.get_model("citizens", "ReasonedAccess").objects.open_for(scope)
    allowed = NOTHING
    if person is not None:
        key = f"{person}_id" if person else "pk"
        allowed |= Q(**{f"{key}__in": grants.filter(person__isnull=False).values("person_id")})
    if family is not None:
        key = f"{family}_id" if family else "pk"
        allowed |= Q(**{f"{key}__in": grants.filter(family__isnull=False).values("family_id")})
    return allowed


class CaseworkQuerySet(FailClosedQuerySet):
    organisation_path = "organisation"
    unit_path: str | None = "unit"
    district_path: str | None = "district"
    specialist_path: str | None = "specialist"
    # Paths to the person and the family a record is about ("" for the record itself).
    person_path: str | None = None
    family_path: str | None = None

    def visible_to(self, who):
        scope = scope_of(who)
        if scope is None:
            return FailClosedQuerySet._opened(self.none())
        if scope.region_wide:
            rule = reasoned_q(scope, person=self.person_path, family=self.family_path)
        else:
            rule = self.scope_filter(scope)
        return FailClosedQuerySet._opened(self.filter(rule))

    def scope_filter(self, scope: Scope) -> Q:
        return casework_q(
            scope,
            organisation=self.organisation_path,
            unit=self.unit_path,
            district=self.district_path,
            specialist=self.specialist_path,
        )
