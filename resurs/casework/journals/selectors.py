"""Reads of the journals app, each starting from ``visible_to``: the case an act is drawn
for, an act, the rows of the department's journals (002 §5.1) and what they show beside a
row (target groups)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from resurs.casework.cases.models import Act, Appeal, Case
from resurs.casework.citizens.models import (
    Person,
    PersonalFile,
    SocialPassport,
    TargetGroup,
    TargetGroupMembership,
    older_citizens_q,
)
from resurs.casework.units.models import SocialDistrict, Unit


@dataclass(frozen=True)
class JournalFilter:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    unit: Unit | None = None
    district: SocialDistrict | None = None


def unit_choices(who) -> QuerySet:
    return Unit.objects.visible_to(who).select_related("organisation").order_by("name", "id")


def district_choices(who) -> QuerySet:
    return SocialDistrict.objects.visible_to(who).order_by("name", "id")


def case_for(who, pk) -> Case:
    """The case an act is drawn for (404 outside the scope)."""
    return get_object_or_404(
        Case.objects.visible_to(who).select_related("organisation", "unit", "person", "family"),
        pk=pk,
    )


def act_for(who, pk) -> Act:
    """An act with what its card and its print show (404 outside the scope)."""
    return get_object_or_404(
        Act.objects.visible_to(who).select_related(
            "case__organisation",
            "case__unit",
            "case__district",
            "case__person",
            "case__family",
            "specialist",
        ),
        pk=pk,
    )


def acts_of_case(who, case: Case) -> QuerySet:
    return Act.objects.visible_to(who).filter(case=case).order_by("-drawn_on", "-id")


# --- the journals ---------------------------------------------------------------------------


def _period(rows: QuerySet, field: str, filters: JournalFilter) -> QuerySet:
    if filters.date_from:
        rows = rows.filter(**{f"{field}__gte": filters.date_from})
    if filters.date_to:
        rows = rows.filter(**{f"{field}__lte": filters.date_to})
    return rows


def _place(rows: QuerySet, units: list[str], districts: list[str], f: JournalFilter):
    """The unit and district filters; a record matches through any of the given paths."""
    if f.unit is not None:
        q = Q()
        for path in units:
            q |= Q(**{path: f.unit})
        rows = rows.filter(q)
    if f.district is not None:
        q = Q()
        for path in districts:
            q |= Q(**{path: f.district})
        rows = rows.filter(q)
    return rows


def registry(who, f: JournalFilter) -> QuerySet:
    """5.1.1: families and citizens needing social services — the cases of the department,
    by the date the problem was detected (the date they were taken on record)."""
    rows = Case.objects.visible_to(who).select_related(
        "person", "family", "specialist", "district", "unit"
    )
    rows = _place(_period(rows, "detected_on", f), ["unit"], ["district"], f)
    return rows.order_by("detected_on", "id")


def appeals(who, f: JournalFilter) -> QuerySet:
    """5.1.4: the appeals journal."""
    rows = Appeal.objects.visible_to(who).select_related("person", "family", "taken_by")
    rows = _place(
        _period(rows, "received_at__date", f),
        ["unit"],
        ["person__district", "family__district"],
        f,
    )
    return rows.order_by("received_at", "id")


def acts(who, f: JournalFilter) -> QuerySet:
    """5.1.3: the acts of inspection and of the assessment of need."""
    rows = Act.objects.visible_to(who).select_related(
        "case__person", "case__family", "case__organisation", "specialist"
    )
    rows = _place(_period(rows, "drawn_on", f), ["case__unit"], ["case__district"], f)
    return rows.order_by("drawn_on", "id")


def personal_files(who, f: JournalFilter) -> QuerySet:
    """5.1.7: personal files of families and citizens."""
    rows = PersonalFile.objects.visible_to(who).select_related("person", "family", "unit")
    rows = _place(
        _period(rows, "opened_on", f), ["unit"], ["person__district", "family__district"], f
    )
    return rows.order_by("opened_on", "id")


def social_passports(who, f: JournalFilter) -> QuerySet:
    """5.1.8: the latest edition of each social passport."""
    newer = SocialPassport.all_records.filter(
        Q(person_id=OuterRef("person_id")) | Q(family_id=OuterRef("family_id")),
        edition__gt=OuterRef("edition"),
    )
    rows = (
        SocialPassport.objects.visible_to(who)
        .filter(~Exists(newer))
        .select_related("person", "family", "author")
    )
    rows = _place(
        _period(rows, "compiled_on", f),
        ["person__unit", "family__unit"],
        ["person__district", "family__district"],
        f,
    )
    return rows.order_by("compiled_on", "id")


def data_bank(who, f: JournalFilter) -> QuerySet:
    """5.1.9: the citizens of the data bank."""
    rows = Person.objects.visible_to(who).select_related("district", "specialist")
    rows = _place(_period(rows, "created_at__date", f), ["unit"], ["district"], f)
    return rows.order_by("name_key", "birth_date", "id")


def target_groups(
    who, *, person_ids, family_ids, today: datetime.date
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The target groups (002 §1.3) of the given persons and families on ``today``: the
    recorded memberships, and the older citizens derived from birth date and sex. Three
    queries, whatever the number of rows."""
    persons: dict[int, list[str]] = defaultdict(list)
    families: dict[int, list[str]] = defaultdict(list)
    person_ids, family_ids = list(person_ids), list(family_ids)
    if not person_ids and not family_ids:
        return persons, families
    memberships = (
        TargetGroupMembership.objects.visible_to(who)
        .filter(Q(person_id__in=person_ids) | Q(family_id__in=family_ids))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)
        .select_related("group")
        .order_by("group__order", "group__name", "id")
    )
    for row in memberships:
        target = persons[row.person_id] if row.person_id else families[row.family_id]
        if row.group.name not in target:
            target.append(row.group.name)
    derived = TargetGroup.objects.filter(derived=True).order_by("order").first()
    if derived is not None and person_ids:
        older = (
            Person.objects.visible_to(who)
            .filter(older_citizens_q(today), pk__in=person_ids)
            .values_list("pk", flat=True)
        )
        for pk in older:
            if derived.name not in persons[pk]:
                persons[pk].append(derived.name)
    return persons, families
