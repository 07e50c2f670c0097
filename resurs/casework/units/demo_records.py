"""The records of the data bank and the acts of the case-work demo (issue 13, item 14), made
through the services of the citizens and journals apps: personal files and social passports
of the first families of each district (some passports older than six months), preventive
registrations of the families in a socially dangerous situation (one removed), an inspection
act of each case whose information has been collected, and one duplicate card the head
linked to the person it repeats. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
from importlib import import_module
from typing import TYPE_CHECKING

from django.utils import timezone

from resurs.casework.units.models import DistrictAssignment, UnitStaff

if TYPE_CHECKING:
    from resurs.casework.cases.models import ActKind, Case, StepKind
    from resurs.casework.citizens.models import (
        Family,
        FamilyMember,
        PersonalFile,
        TargetGroupMembership,
    )
else:
    # Citizens, cases and journals sit above units: looked up when the demo runs.
    _cases = import_module("resurs.casework.cases.models")
    ActKind, Case, StepKind = _cases.ActKind, _cases.Case, _cases.StepKind
    _citizens = import_module("resurs.casework.citizens.models")
    Family, FamilyMember = _citizens.Family, _citizens.FamilyMember
    PersonalFile = _citizens.PersonalFile
    TargetGroupMembership = _citizens.TargetGroupMembership

FILES_PER_DISTRICT = 12
KEPT_AT = "архив отделения социального сопровождения, шкаф № 2"
LIVING = "Двухкомнатная квартира, благоустроенная; санитарное состояние удовлетворительное."
INCOME = "Доход семьи ниже прожиточного минимума; заработная плата одного из родителей, пособия."
PROBLEMS = "Задолженность по оплате жилья; трудности в воспитании детей."
FINDINGS = (
    "Квартира обеспечена мебелью и бытовой техникой; у детей есть спальные места и место для "
    "занятий; продукты питания имеются."
)
CONCLUSION = "Семья нуждается в социальном сопровождении: содействие в оформлении мер поддержки."


def _day(days_ago: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def load(unit, districts) -> None:
    if PersonalFile.objects.unscoped(reason="the demo loads once").filter(unit=unit).exists():
        return
    records = import_module("resurs.casework.citizens.record_services")
    staff = {
        a.district_id: a.membership
        for a in DistrictAssignment.objects.current()
        .filter(district__in=districts)
        .select_related("membership")
    }
    if len(staff) < len(districts):
        return
    year = timezone.localdate().year
    for number, district in enumerate(districts, start=1):
        by = staff[district.pk]
        families = Family.objects.unscoped(reason="the demo's personal files").filter(
            unit=unit, district=district
        )
        for index, family in enumerate(families.order_by("id")[:FILES_PER_DISTRICT], start=1):
            records.personal_file_open(
                by=by,
                family=family,
                number=f"{number}-{index:03d}/{year}",
                opened_on=_day(10 * index),
                kept_at=KEPT_AT,
            )
            # every third passport is older than six months: the flag of 002 §3.2.9
            records.passport_new_edition(
                by=by,
                family=family,
                compiled_on=_day(200 + index if index % 3 == 0 else 15 * index),
                living_conditions=LIVING,
                income=INCOME,
                problems=PROBLEMS,
            )
    _registrations(records, unit, staff)
    _acts(unit, staff)
    _duplicate(unit, districts[0], staff[districts[0].pk])


def _registrations(records, unit, staff) -> None:
    dangerous = (
        TargetGroupMembership.objects.unscoped(reason="the demo's preventive registrations")
        .filter(family__unit=unit, group__code="family_danger")
        .select_related("family")
        .order_by("id")
    )
    for index, membership in enumerate(dangerous):
        family = membership.family
        by = staff[family.district_id]
        row = records.registration_register(
            by=by,
            family=family,
            registered_on=membership.starts_on,
            grounds="Родители не исполняют обязанностей по воспитанию и содержанию детей "
            "(информация комиссии по делам несовершеннолетних).",
        )
        if index == 0:
            records.registration_remove(
                by=by,
                registration=row,
                removed_on=max(membership.starts_on, _day(7)),
                reason="improved",
                note="",
            )


def _acts(unit, staff) -> None:
    journals = import_module("resurs.casework.journals.services")
    cases = (
        Case.objects.unscoped(reason="the demo's inspection acts")
        .filter(unit=unit, closed_on__isnull=True)
        .exclude(stage=StepKind.PROBLEM_DETECTED)
        .select_related("family", "person")
        .order_by("id")
    )
    for case in cases:
        holder = case.family or case.person
        journals.act_draw(
            by=staff[case.district_id],
            case=case,
            kind=ActKind.MATERIAL,
            drawn_on=case.detected_on,
            address=holder.actual_address or "место пребывания не установлено",
            household=holder.name if case.family_id else holder.full_name,
            housing=LIVING,
            income=INCOME,
            findings=FINDINGS,
            conclusion=CONCLUSION,
        )


def _duplicate(unit, district, by) -> None:
    """A card entered twice (without СНИЛС the second time), linked by the head."""
    duplicates = import_module("resurs.casework.citizens.duplicates")
    head = (
        UnitStaff.objects.current()
        .filter(unit=unit, position="head")
        .select_related("membership")
        .first()
    )
    member = (
        FamilyMember.objects.unscoped(reason="the demo's duplicate card")
        .filter(family__district=district, relation="applicant")
        .select_related("person")
        .order_by("id")
        .first()
    )
    if head is None or member is None:
        return
    original = member.person
    second = type(original).all_records.create(
        organisation=original.organisation,
        unit=original.unit,
        district=original.district,
        specialist=original.specialist,
        last_name=original.last_name,
        first_name=original.first_name,
        patronymic=original.patronymic,
        sex=original.sex,
        birth_date=original.birth_date,
        actual_address=original.actual_address,
    )
    duplicates.decide(by=head.membership, first=original, second=second, decision="linked")
