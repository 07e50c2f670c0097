"""Reads of the appeals journal, the cases and their deadlines (SOC-5, SOC-6), each
starting from the scope (``visible_to``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from resurs.casework.cases.models import Act, Appeal, Case, CaseDeadline, CaseStep
from resurs.casework.units.models import SocialDistrict, Unit, staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.workcalendar.periods import day_bounds

DEADLINES_SHOWN = 200


# --- appeals ---------------------------------------------------------------------------------


def appeals_on_day(unit: Unit, day: datetime.date) -> int:
    """How many appeals the unit took on its local day (002 §1.13: the capacity warning)."""
    start, end = day_bounds(day, day)
    return Appeal.all_records.filter(unit=unit, received_at__gte=start, received_at__lt=end).count()


@dataclass(frozen=True)
class AppealFilter:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    channel: str = ""
    anonymous: bool | None = None
    result: str = ""


def appeals(who, filters: AppealFilter | None = None):
    filters = filters or AppealFilter()
    rows = Appeal.objects.visible_to(who).select_related("unit", "taken_by", "person", "family")
    if filters.date_from:
        rows = rows.filter(received_at__gte=day_bounds(filters.date_from, filters.date_from)[0])
    if filters.date_to:
        rows = rows.filter(received_at__lt=day_bounds(filters.date_to, filters.date_to)[1])
    if filters.channel:
        rows = rows.filter(channel=filters.channel)
    if filters.anonymous is not None:
        rows = rows.filter(is_anonymous=filters.anonymous)
    if filters.result:
        rows = rows.filter(result=filters.result)
    opened = Case.all_records.filter(appeal_id=OuterRef("pk"))
    return rows.annotate(has_case=Exists(opened)).order_by("-received_at", "-id")


def appeal_for(who, pk: int) -> Appeal:
    return get_object_or_404(
        Appeal.objects.visible_to(who).select_related(
            "unit", "taken_by", "person", "family", "source_organisation"
        ),
        pk=pk,
    )


def case_of_appeal(who, appeal: Appeal) -> Case | None:
    return Case.objects.visible_to(who).filter(appeal=appeal).first()


def work_units(who):
    """The units where the user takes appeals and opens cases (see permissions)."""
    from resurs.kernel.accounts.scoping import scope_of

    scope = scope_of(who)
    units = Unit.objects.visible_to(who).active()
    if scope is None or scope.role not in {Role.HEAD, Role.SPECIALIST, Role.PROVIDER}:
        return units.none()
    units = units.filter(organisation_id=scope.organisation_id)
    if scope.role != Role.PROVIDER:
        units = units.filter(pk__in=staff_units(scope))
    return units


# --- cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFilter:
    stage: str = ""
    specialist_id: int | None = None
    district_id: int | None = None
    overdue: bool = False
    open_only: bool = False


def overdue_q(today: datetime.date) -> Q:
    late = CaseDeadline.all_records.filter(
        case_id=OuterRef("pk"), met_on__isnull=True, due_on__lt=today
    )
    return Q(Exists(late), closed_on__isnull=True)


def cases(who, filters: CaseFilter | None = None, today: datetime.date | None = None):
    filters = filters or CaseFilter()
    rows = Case.objects.visible_to(who).select_related(
        "person", "family", "specialist", "district", "unit"
    )
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    if filters.specialist_id:
        rows = rows.filter(specialist_id=filters.specialist_id)
    if filters.district_id:
        rows = rows.filter(district_id=filters.district_id)
    if filters.open_only:
        rows = rows.filter(closed_on__isnull=True)
    if filters.overdue and today is not None:
        rows = rows.filter(overdue_q(today))
    if today is not None:
        rows = rows.annotate(is_overdue=overdue_q(today))
    return rows.order_by("-year", "-number")


def case_for(who, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(who).select_related(
            "person", "family", "specialist", "district", "unit", "organisation", "appeal"
        ),
        pk=pk,
    )


def steps_of(who, case: Case) -> list[CaseStep]:
    return list(
        CaseStep.objects.visible_to(who)
        .filter(case=case)
        .select_related("recorded_by")
        .order_by("occurred_on", "id")
    )


def deadlines_of(who, case: Case) -> list[CaseDeadline]:
    return list(
        CaseDeadline.objects.visible_to(who)
        .filter(case=case)
        .select_related("rule")
        .order_by("due_on", "id")
    )


def acts_of(who, case: Case) -> list[Act]:
    return list(
        Act.objects.visible_to(who)
        .filter(case=case)
        .select_related("specialist")
        .order_by("drawn_on", "id")
    )


def district_choices(who):
    return SocialDistrict.objects.visible_to(who).order_by("name")


# --- what is due -----------------------------------------------------------------------------


def week_end(today: datetime.date) -> datetime.date:
    """The Sunday of ``today``'s week."""
    return today + datetime.timedelta(days=6 - today.weekday())


def due_deadlines(who, today: datetime.date, *, own_user_id: int | None = None):
    """Open deadlines of open cases due by the end of this week or overdue, the most urgent
    first, in one query; ``own_user_id`` keeps those of one responsible specialist."""
    rows = (
        CaseDeadline.objects.visible_to(who)
        .pending()
        .filter(due_on__lte=week_end(today))
        .select_related("rule", "case", "case__specialist", "case__person", "case__family")
        .order_by("due_on", "case_id", "id")
    )
    if own_user_id is not None:
        rows = rows.filter(case__specialist_id=own_user_id)
    return rows


def bucket(deadline: CaseDeadline, today: datetime.date) -> str:
    if deadline.due_on < today:
        return "overdue"
    if deadline.due_on == today:
        return "today"
    return "week"


BUCKETS = (
    ("overdue", "Просрочено"),
    ("today", "Срок сегодня"),
    ("week", "До конца недели"),
)
