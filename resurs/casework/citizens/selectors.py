"""Reads of the data bank, each starting from ``visible_to`` (SPEC §0, X-3)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import NoReverseMatch
from django.utils import timezone

from resurs.casework.citizens.identity import snils_digits
from resurs.casework.citizens.models import (
    AccessLogEntry,
    Consent,
    Family,
    FamilyMember,
    Person,
    PersonalFile,
    PreventiveRegistration,
    SocialPassport,
    TargetGroup,
    TargetGroupMembership,
    older_citizens_q,
)
from resurs.casework.units.models import SocialDistrict, Unit, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import scope_of

SEARCH_LIMIT = 50
COUNTS_REASON = "counts of persons by target group per institution (no names)"
REASONED_SEARCH = "a region-wide user finds one person by СНИЛС to state a reason"


@dataclass(frozen=True)
class PersonFilter:
    district_id: int | None = None
    group_id: int | None = None
    registered: str = ""  # "yes", "no" or ""
    older: bool = False


def _today() -> datetime.date:
    return timezone.localdate()


def persons(who, filters: PersonFilter = PersonFilter()):
    """The persons list: the user's scope, with the list's filters (none of them personal)."""
    today = _today()
    queryset = Person.objects.visible_to(who).select_related("district")
    if filters.district_id:
        queryset = queryset.filter(district_id=filters.district_id)
    if filters.group_id:
        current = TargetGroupMembership.all_records.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            group_id=filters.group_id,
            starts_on__lte=today,
        )
        group = TargetGroup.objects.filter(pk=filters.group_id).first()
        if group is not None and group.derived:
            queryset = queryset.filter(older_citizens_q(today))
        else:
            queryset = queryset.filter(pk__in=current.values("person_id"))
    registered = PreventiveRegistration.all_records.filter(
        person_id=OuterRef("pk"), removed_on__isnull=True
    )
    queryset = queryset.annotate(is_registered=Exists(registered))
    if filters.registered == "yes":
        queryset = queryset.filter(is_registered=True)
    elif filters.registered == "no":
        queryset = queryset.filter(is_registered=False)
    if filters.older:
        queryset = queryset.filter(older_citizens_q(today))
    return queryset


def search(who, text: str):
    """A person by the whole СНИЛС or by the start of the surname (POSTed, never in a URL)."""
    text = (text or "").strip()
    digits = snils_digits(text)
    base = persons(who)
    if digits.isdigit() and len(digits) == 11:
        return base.filter(snils=digits)
    if len(text) < 2:
        return base.none()
    return base.by_name_start(text)[:SEARCH_LIMIT]


def person_for(who, pk: int) -> Person:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Person.objects.visible_to(who).select_related("organisation", "unit", "district"), pk=pk
    )


def family_for(who, pk: int) -> Family:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Family.objects.visible_to(who).select_related("organisation", "unit", "district"), pk=pk
    )


def families(who):
    return (
        Family.objects.visible_to(who)
        .select_related("district")
        .annotate(n_members=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
        .order_by("name", "id")
    )


def members_of(who, family: Family):
    return (
        FamilyMember.objects.visible_to(who)
        .filter(family=family)
        .select_related("person")
        .order_by("left_on", "relation", "id")
    )


def memberships_of(who, person: Person):
    """The families of a person the user sees."""
    return (
        FamilyMember.objects.visible_to(who)
        .filter(person=person)
        .select_related("family")
        .order_by("left_on", "id")
    )


def about(model, who, *, person: Person | None = None, family: Family | None = None):
    queryset = model.objects.visible_to(who)
    if person is not None:
        return queryset.filter(person=person)
    return queryset.filter(family=family)


def card(who, *, person: Person | None = None, family: Family | None = None) -> dict:
    """What a person's or a family's card shows besides its own data."""
    today = _today()
    passports = list(about(SocialPassport, who, person=person, family=family))
    context = {
        "groups": list(
            about(TargetGroupMembership, who, person=person, family=family).select_related("group")
        ),
        "passports": passports,
        "passport_outdated": bool(passports) and passports[0].is_outdated(today),
        "registrations": list(about(PreventiveRegistration, who, person=person, family=family)),
        "personal_files": list(about(PersonalFile, who, person=person, family=family)),
        "cases": cases_of(who, person=person, family=family),
        "today": today,
    }
    if person is not None:
        context["consents"] = list(Consent.objects.visible_to(who).filter(person=person))
        context["memberships"] = list(memberships_of(who, person))
        context["older"] = person.is_older_citizen(today)
    return context


def cases_of(who, *, person=None, family=None) -> list:
    """The cases of the person or family the user sees (the cases app, if installed)."""
    try:
        case_model = apps.get_model("cases", "Case")
    except LookupError:
        return []
    queryset = case_model.objects.visible_to(who)
    queryset = queryset.filter(person=person) if person else queryset.filter(family=family)
    rows = list(queryset.order_by("-detected_on", "-id")[:50])
    for row in rows:
        try:
            row.url = row.get_absolute_url()
        except NoReverseMatch:  # the cases pages are not wired yet
            row.url = ""
    return rows


def district_choices(who):
    return SocialDistrict.objects.visible_to(who).select_related("unit").order_by("unit", "name")


def unit_choices(who):
    """The units the user registers citizens and families in."""
    scope = scope_of(who)
    if scope is None or scope.role not in {Role.HEAD, Role.SPECIALIST, Role.PROVIDER}:
        return Unit.objects.none()
    units = Unit.objects.visible_to(who).filter(organisation_id=scope.organisation_id)
    if scope.role != Role.PROVIDER:
        units = units.filter(pk__in=staff_units(scope))
    return units.order_by("name")


def access_log(who, *, date_from=None, date_to=None, role: str = ""):
    scope = scope_of(who)
    if scope is None:
        return AccessLogEntry.objects.none()
    entries = AccessLogEntry.objects.shown_to(scope).select_related("user", "unit")
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    if role:
        entries = entries.filter(role=role)
    return entries


def find_for_reason(snils: str) -> Person | None:
    """A region-wide user's search by the whole СНИЛС, before stating a reason: the card
    stays closed (only its number and holder are used) until `open_with_reason`."""
    return (
        Person.objects.unscoped(reason=REASONED_SEARCH)
        .filter(snils=snils)
        .select_related("organisation", "unit")
        .first()
    )


def counts_by_group() -> list[dict]:
    """Statistics for region-wide roles: persons by target group per institution (no names)."""
    today = _today()
    persons = Person.objects.unscoped(reason=COUNTS_REASON)
    table: dict[str, dict] = {
        row["organisation__short_name"]: {"total": row["n"], "groups": {}}
        for row in persons.values("organisation__short_name")
        .annotate(n=Count("id"))
        .order_by("organisation__short_name")
    }
    rows = (
        TargetGroupMembership.objects.unscoped(reason=COUNTS_REASON)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), person__isnull=False)
        .values("person__organisation__short_name", "group__name")
        .annotate(n=Count("person", distinct=True))
    )
    for row in rows:
        entry = table.setdefault(
            row["person__organisation__short_name"], {"total": 0, "groups": {}}
        )
        entry["groups"][row["group__name"]] = row["n"]
    older_name = (
        TargetGroup.objects.filter(derived=True).values_list("name", flat=True).first()
        or "граждане пожилого возраста"
    )
    older = (
        persons.filter(older_citizens_q(today))
        .values("organisation__short_name")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in older:
        table[row["organisation__short_name"]]["groups"][older_name] = row["n"]
    return [
        {"institution": name, "total": entry["total"], "groups": sorted(entry["groups"].items())}
        for name, entry in sorted(table.items())
    ]
