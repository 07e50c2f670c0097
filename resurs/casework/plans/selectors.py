"""Reads of individual plans, their lines, referrals and joint patronage (SOC-6, SOC-7).

Everything starts from ``visible_to``. A plan and its lines are seen by whom the scoping rule
lets see the plan's person or family; a referral is also seen by the staff of the unit it
is addressed to, who get the referral, its line and the part of the person's card it needs
(`referral_subject`), never the plan. Lists cost a fixed number of queries.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.casework.citizens.models import FamilyMember, Relation
from resurs.casework.plans.models import (
    JointPatronage,
    LineStatus,
    Measure,
    Plan,
    PlanLine,
    Referral,
    ReferralStatus,
)
from resurs.casework.units.models import Unit, staff_units
from resurs.kernel.accounts.models import User, can_sign_in
from resurs.kernel.accounts.roles import INSTITUTION_STAFF_ROLES
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Organisation, OrganisationKind

# SOC-7, 002 §2.2.5, §6.1: the agencies a line is referred to — interagency organisations
# (police, guardianship, commission on minors, education, health, employment), the УСЗН
# and the social partners of the directory.
EXTERNAL_KINDS = (
    OrganisationKind.INTERAGENCY,
    OrganisationKind.USZN,
    OrganisationKind.SOCIAL_PARTNER,
)
OPEN_LINE_STATUSES = (LineStatus.PLANNED, LineStatus.IN_PROGRESS)
OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)

_REFERRAL_RELATED = (
    "line__measure",
    "from_unit",
    "to_unit",
    "to_organisation",
    "sent_by",
    "answered_by",
)


# --- plans and lines -------------------------------------------------------------------------


def plans_visible_to(who):
    return Plan.objects.visible_to(who)


def plan_for(who, pk) -> Plan:
    """One plan's card, or 404 when it does not exist or is outside the scope."""
    queryset = plans_visible_to(who).select_related(
        "person", "family", "organisation", "unit", "district", "specialist"
    )
    return get_object_or_404(queryset, pk=pk)


def sees_plan(who, plan_id: int) -> bool:
    return plans_visible_to(who).filter(pk=plan_id).exists()


def lines_of(who, plan: Plan) -> list[PlanLine]:
    """The plan's lines with their measure, responsible and referrals (three queries)."""
    referrals = Referral.objects.visible_to(who).select_related("to_unit", "to_organisation")
    lines = list(
        PlanLine.objects.visible_to(who)
        .filter(plan=plan)
        .select_related(
            "measure", "responsible_user", "responsible_unit", "responsible_organisation"
        )
        .prefetch_related(Prefetch("referrals", queryset=referrals, to_attr="referral_list"))
        .order_by("number")
    )
    today = timezone.localdate()
    for line in lines:
        line.plan = plan
        line.is_overdue = is_overdue(line, today)
    return lines


def is_overdue(line: PlanLine, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return line.status in OPEN_LINE_STATUSES and line.planned_on < today


def line_for(who, pk) -> PlanLine:
    queryset = PlanLine.objects.visible_to(who).select_related("plan", "measure")
    return get_object_or_404(queryset, pk=pk)


def patronages_of(who, plan: Plan) -> list[JointPatronage]:
    return list(
        JointPatronage.objects.visible_to(who)
        .filter(plan=plan)
        .select_related("recorded_by")
        .prefetch_related("partners", "staff")
    )


def case_for(who, pk):
    """The case (cases app) an ИППСУ is made for, through the case's own scope. The cases
    app links to plans, so plans names its model by label: the sibling apps stay acyclic."""
    case_model = apps.get_model("cases", "Case")
    return get_object_or_404(case_model.objects.visible_to(who), pk=pk)


# --- choices of the forms and the checks of the services ---------------------------------


def measure_choices(kind: str):
    """The catalogue of a plan kind (002 §IV for an ИППСУ)."""
    return Measure.objects.filter(plan_kind=kind, is_active=True)


def unit_choices(organisation_id: int):
    """The institution's units a line may be given to or a referral sent to."""
    return (
        Unit.objects.filter(organisation_id=organisation_id, closed_on__isnull=True)
        .select_related("kind")
        .order_by("kind__order", "name")
    )


def staff_choices(organisation_id: int):
    """The institution's staff who can sign in: a line's responsible employee."""
    return (
        User.objects.filter(can_sign_in())
        .filter(
            memberships__organisation_id=organisation_id,
            memberships__role__in=INSTITUTION_STAFF_ROLES,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")
    )


def partner_choices(who):
    """Partner organisations of the directory as ``who`` may see it, the own one aside."""
    scope = scope_of(who)
    own = scope.organisation_id if scope is not None else None
    return (
        Organisation.objects.visible_to(who)
        .in_region_of(who)
        .filter(is_active=True)
        .exclude(pk=own)
        .only("id", "name", "short_name", "kind")
        .order_by("name", "id")
    )


def external_choices(who):
    """The agencies a line may be referred to (SOC-7): visible partners of `EXTERNAL_KINDS`."""
    return partner_choices(who).filter(kind__in=EXTERNAL_KINDS)


# --- referrals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralFilter:
    status: str = ""


def _referral_list(queryset, filters: ReferralFilter):
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related(*_REFERRAL_RELATED).order_by("-sent_at", "-id")


def incoming(who, filters: ReferralFilter | None = None):
    """Referrals addressed to the units the user works in («Входящие направления»)."""
    scope = scope_of(who)
    if scope is None:
        return Referral.objects.none()
    queryset = Referral.objects.visible_to(who).filter(to_unit_id__in=staff_units(scope))
    return _referral_list(queryset, filters or ReferralFilter())


def outgoing(who, filters: ReferralFilter | None = None):
    """Referrals of the plans the user sees."""
    queryset = Referral.objects.visible_to(who).filter(
        line__plan_id__in=plans_visible_to(who).values("pk")
    )
    return _referral_list(queryset, filters or ReferralFilter())


def referral_for(who, pk) -> Referral:
    """One referral, or 404: the sending side and the receiving unit see it."""
    queryset = Referral.objects.visible_to(who).select_related(
        *_REFERRAL_RELATED, "line__plan__person", "line__plan__family"
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class Subject:
    """The part of a person's card a receiving unit needs to act on a referral."""

    name: str
    birth_date: datetime.date | None
    phones: str
    address: str


def referral_subject(referral: Referral) -> list[Subject]:
    """Who the referral is about: the person, or the family's current members (the applicant
    first), with name, birth date, phones and address — nothing else of the card."""
    plan = referral.line.plan
    person, family = plan.person, plan.family
    if person is not None:
        return [
            Subject(
                person.full_name,
                person.birth_date,
                person.phones,
                person.actual_address or person.registration_address,
            )
        ]
    if family is None:
        return []
    members = (
        FamilyMember.all_records.filter(family=family, left_on__isnull=True)
        .select_related("person")
        .order_by("id")
    )
    ordered = sorted(members, key=lambda m: m.relation != Relation.APPLICANT)
    return [
        Subject(
            f"{m.person.full_name} ({m.get_relation_display()})",
            m.person.birth_date,
            m.person.phones or family.phones,
            m.person.actual_address or family.actual_address,
        )
        for m in ordered
    ]


def own_unit(who) -> Unit | None:
    """The unit a head or specialist works in now (the default keeper of a new plan)."""
    scope = scope_of(who)
    if scope is None:
        return None
    return Unit.objects.filter(pk__in=staff_units(scope)).first()
