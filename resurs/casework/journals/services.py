"""Writes of the acts of a case (002 §3.2.5, §5.1.3): drawing an act and correcting it.

An act is numbered within its institution, its kind and its year: the institution's row is
locked while the number is taken, so two acts drawn at once never share one.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.casework.cases.models import Act, ActKind, Case
from resurs.casework.journals import permissions
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import (
    DomainError,
    acting,
    assign,
    audit,
    locked,
    require,
    save_with_version,
)

# What an editor may correct after the act is drawn (not its kind: the number is per kind).
EDITABLE_FIELDS = (
    "drawn_on",
    "address",
    "commission",
    "household",
    "housing",
    "income",
    "findings",
    "conclusion",
)


def _check_day(drawn_on: datetime.date, case: Case) -> None:
    if drawn_on > timezone.localdate():
        raise DomainError("Дата обследования не может быть позже сегодняшнего дня.")
    if drawn_on < case.detected_on:
        raise DomainError(
            f"Дата обследования раньше выявления проблемы по случаю ({case.detected_on:%d.%m.%Y})."
        )


def _visible(by, case: Case) -> bool:
    return Case.objects.visible_to(by).filter(pk=case.pk).exists()


def _next_number(case: Case, kind: str, year: int) -> int:
    locked(case.organisation)  # one number at a time in the institution
    last = Act.all_records.filter(
        case__organisation_id=case.organisation_id, kind=kind, year=year
    ).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


@transaction.atomic
def act_draw(
    *,
    by,
    case: Case,
    kind: str,
    drawn_on: datetime.date,
    address: str,
    commission: str = "",
    household: str = "",
    housing: str = "",
    income: str = "",
    findings: str,
    conclusion: str,
) -> Act:
    """002 §3.2.5, §5.1.3: an act of the case, drawn by the acting staff member."""
    user, scope, _role = acting(by)
    require(
        user is not None and permissions.can_draw(scope, case) and _visible(by, case),
        "Составлять акты по этому случаю вы не можете.",
    )
    if kind not in ActKind.values:
        raise DomainError("Неизвестный вид акта.")
    _check_day(drawn_on, case)
    act = Act(
        case=case,
        kind=kind,
        year=drawn_on.year,
        number=_next_number(case, kind, drawn_on.year),
        drawn_on=drawn_on,
        address=address,
        specialist=user,
        commission=commission,
        household=household,
        housing=housing,
        income=income,
        findings=findings,
        conclusion=conclusion,
    )
    act.full_clean()
    act.save()
    audit(by, act, AuditAction.CREATE, parent=case)
    return act


@transaction.atomic
def act_update(*, by, act: Act, expected_version: int | None, **fields) -> Act:
    """Corrects an act; refused when somebody saved it since the form was opened."""
    _user, scope, _role = acting(by)
    require(
        permissions.can_edit(scope, act) and _visible(by, act.case),
        "Изменять этот акт вы не можете.",
    )
    before = snapshot(locked(act))
    assign(act, fields, EDITABLE_FIELDS)
    if act.drawn_on.year != act.year:
        raise DomainError(
            f"Акт № {act.number}/{act.year} зарегистрирован в {act.year} году: "
            "дата обследования должна быть того же года."
        )
    _check_day(act.drawn_on, act.case)
    act.full_clean()
    save_with_version(act, expected_version=expected_version, fields=list(fields), label="акт")
    audit(by, act, AuditAction.UPDATE, before=before, parent=act.case)
    return act
