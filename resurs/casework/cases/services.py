"""Writes of the appeals journal and the cases (SOC-5, SOC-6). Views, the API and the demo
call these; each write is audited, a case's step under the case."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.casework.cases import deadlines, permissions, workflow
from resurs.casework.cases.models import (
    Appeal,
    AppealResult,
    Case,
    CaseDeadline,
    CaseStep,
    DeadlineRule,
    StepKind,
)
from resurs.casework.citizens.models import Family, Person
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import acting, audit, locked, require, save_with_version
from resurs.kernel.writes.errors import DomainError, StaleVersion

# A clock a minute ahead of the server's must not refuse an appeal taken «now».
CLOCK_SLACK = datetime.timedelta(minutes=5)
APPEAL_RESULT_FIELDS = ("result", "result_note")


def _check_subject(by, unit, person: Person | None, family: Family | None) -> None:
    """The person or family is of the unit's institution and visible to whoever acts."""
    for record, model, label in ((person, Person, "Гражданин"), (family, Family, "Семья")):
        if record is None:
            continue
        if record.organisation_id != unit.organisation_id:
            raise DomainError(f"{label} не состоит на учёте в вашем учреждении.")
        if by is not None and not model.objects.visible_to(by).filter(pk=record.pk).exists():
            raise DomainError(f"{label} вне вашей зоны доступа.")


def _not_in_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(f"{what} не может быть позже сегодняшнего дня.")


# --- appeals ---------------------------------------------------------------------------------


@transaction.atomic
def appeal_take(
    *,
    by,
    unit,
    received_at: datetime.datetime,
    channel: str,
    is_anonymous: bool,
    person: Person | None = None,
    family: Family | None = None,
    source_organisation=None,
    subject: str,
    result: str = AppealResult.IN_WORK,
    result_note: str = "",
) -> Appeal:
    """SOC-5: a new entry of the unit's journal, numbered within the unit and the year.

    An anonymous appeal keeps no person or family (002 §1.12). The unit's daily capacity
    (§1.13) is only a warning of the form: the service never refuses an appeal for it.
    """
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_work_in(scope, unit),
            "Обращения принимает отделение, в котором вы работаете.",
        )
    if is_anonymous and (person is not None or family is not None):
        raise DomainError("Анонимное обращение не связывается с гражданином или семьёй.")
    _check_subject(by, unit, person, family)
    if received_at > timezone.now() + CLOCK_SLACK:
        raise DomainError("Дата и время обращения не могут быть в будущем.")
    year = timezone.localtime(received_at).year
    # The unit's row is locked so that two appeals taken at once get different numbers
    # (PostgreSQL; SQLite serialises writers anyway). The unique constraint is the last guard.
    locked(unit)
    last = Appeal.all_records.filter(unit=unit, year=year).aggregate(n=Max("number"))["n"]
    appeal = Appeal(
        organisation_id=unit.organisation_id,
        unit=unit,
        year=year,
        number=(last or 0) + 1,
        received_at=received_at,
        channel=channel,
        is_anonymous=is_anonymous,
        person=person,
        family=family,
        source_organisation=source_organisation,
        subject=(subject or "").strip(),
        taken_by=by.user if by is not None else None,
        result=result,
        result_note=(result_note or "").strip(),
    )
    appeal.full_clean()
    appeal.save()
    audit(by, appeal, AuditAction.CREATE)
    return appeal


@transaction.atomic
def appeal_result_update(
    *, by, appeal: Appeal, result: str, result_note: str = "", expected_version: int | None
) -> Appeal:
    """SOC-5: the result of an appeal (consulted, redirected, a case opened …)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_work_in(scope, appeal.unit))
    before = snapshot(locked(appeal))
    appeal.result = result
    appeal.result_note = (result_note or "").strip()
    appeal.full_clean()
    save_with_version(
        appeal,
        expected_version=expected_version,
        fields=APPEAL_RESULT_FIELDS,
        label="запись обращения",
    )
    audit(by, appeal, AuditAction.UPDATE, before=before)
    return appeal


# --- cases -----------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    by,
    unit,
    problem: str,
    detected_on: datetime.date,
    person: Person | None = None,
    family: Family | None = None,
    appealed_on: datetime.date | None = None,
    appeal: Appeal | None = None,
    district=None,
    specialist=None,
) -> Case:
    """SOC-6: a case opened from an appeal or a detected problem, numbered within the
    institution and the year; records the step «проблема выявлена» and the deadlines."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_work_in(scope, unit),
            "Случай открывает отделение, в котором вы работаете.",
        )
    if appeal is not None:
        if appeal.unit_id != unit.pk:
            raise DomainError("Обращение принято другим отделением.")
        if Case.all_records.filter(appeal=appeal).exists():
            raise DomainError(f"По обращению № {appeal.number}/{appeal.year} случай уже открыт.")
        if appeal.is_anonymous and person is None and family is None:
            raise DomainError(
                "Обращение анонимное: укажите гражданина или семью, по которым открывается случай."
            )
        if person is None and family is None:
            person, family = appeal.person, appeal.family
            if person is not None and family is not None:
                person = None  # a family's appeal names its applicant: the case is the family's
        appealed_on = appealed_on or timezone.localtime(appeal.received_at).date()
    if (person is None) == (family is None):
        raise DomainError("Случай ведётся по гражданину или по семье (одно из двух).")
    _check_subject(by, unit, person, family)
    if detected_on is None:
        raise DomainError("Укажите дату выявления проблемы.")
    _not_in_future(detected_on, "Дата выявления проблемы")
    if appealed_on is not None:
        _not_in_future(appealed_on, "Дата обращения")
    holder: Person | Family = person or family  # type: ignore[assignment]  # one is set
    if specialist is None and scope is not None and scope.role == Role.SPECIALIST:
        specialist = by.user
    today = timezone.localdate()
    organisation = locked(unit.organisation)  # one number at a time in the institution
    last = Case.all_records.filter(organisation=organisation, year=today.year).aggregate(
        n=Max("number")
    )["n"]
    case = Case(
        organisation_id=unit.organisation_id,
        unit=unit,
        district=district if district is not None else holder.district,
        specialist=specialist if specialist is not None else holder.specialist,
        year=today.year,
        number=(last or 0) + 1,
        person=person,
        family=family,
        appeal=appeal,
        problem=(problem or "").strip(),
        detected_on=detected_on,
        appealed_on=appealed_on,
    )
    case.full_clean()
    case.save()
    audit(by, case, AuditAction.CREATE)
    step = CaseStep(
        case=case,
        kind=StepKind.PROBLEM_DETECTED,
        occurred_on=detected_on,
        recorded_by=by.user if by is not None else case.specialist,
    )
    step.full_clean()
    step.save()
    audit(by, step, AuditAction.CREATE, parent=case)
    _recompute(case, [step])
    if appeal is not None and appeal.result != AppealResult.CASE_OPENED:
        before = snapshot(locked(appeal, in_place=True))
        appeal.result = AppealResult.CASE_OPENED
        save_with_version(
            appeal, expected_version=None, fields=["result"], label="запись обращения"
        )
        audit(by, appeal, AuditAction.UPDATE, before=before)
    return case


@transaction.atomic
def step_record(
    *,
    by,
    case: Case,
    kind: str,
    occurred_on: datetime.date,
    note: str = "",
    expected_version: int | None = None,
) -> CaseStep:
    """SOC-6: a dated, attributed step; the stage and the deadlines follow from the steps."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_write(scope)
            and Case.objects.visible_to(by).filter(pk=case.pk).exists(),
            "Записывать шаги случая может специалист или заведующий отделения.",
        )
    before = snapshot(locked(case, in_place=True))
    if expected_version is not None and expected_version != case.version:
        # Someone recorded a step since the form was opened: the stage may have moved.
        raise StaleVersion("запись случая", editor=True)
    steps = list(CaseStep.all_records.filter(case=case).order_by("occurred_on", "id"))
    stage = workflow.stage_of(step.kind for step in steps)
    if kind not in StepKind.values:
        raise DomainError("Выберите шаг из списка.")
    if not workflow.can_follow(stage, kind):
        raise DomainError(workflow.refusal(stage, kind))
    if occurred_on is None:
        raise DomainError("Укажите дату шага.")
    if occurred_on < case.detected_on:
        raise DomainError(
            f"Дата шага не может быть раньше выявления проблемы ({case.detected_on:%d.%m.%Y})."
        )
    _not_in_future(occurred_on, "Дата шага")
    if steps and occurred_on < steps[-1].occurred_on:
        raise DomainError(
            "Шаги записываются по порядку: дата не может быть раньше предыдущего шага "
            f"({steps[-1].occurred_on:%d.%m.%Y})."
        )
    step = CaseStep(
        case=case,
        kind=kind,
        occurred_on=occurred_on,
        note=(note or "").strip(),
        recorded_by=by.user if by is not None else case.specialist,
    )
    step.full_clean()
    step.save()
    audit(by, step, AuditAction.CREATE, parent=case)
    _recompute(case, [*steps, step])
    audit(by, case, AuditAction.UPDATE, before=before)
    return step


def _recompute(case: Case, steps: list[CaseStep]) -> None:
    """The stage and the closing date from the steps; the deadline rows from the active
    rules (re-read now, so that a region's change of a rule applies at the next step)."""
    case.stage = workflow.stage_of(step.kind for step in steps)
    closing = [step.occurred_on for step in steps if step.kind == StepKind.CLOSED]
    case.closed_on = closing[-1] if closing else None
    save_with_version(
        case,
        expected_version=None,
        fields=["stage", "closed_on", "updated_at"],
        label="запись случая",
    )
    planned = deadlines.plan(case, steps, DeadlineRule.objects.filter(is_active=True))
    existing = {row.rule_id: row for row in CaseDeadline.all_records.filter(case=case)}
    for item in planned:
        row = existing.pop(item.rule.pk, None) or CaseDeadline(case=case, rule=item.rule)
        values = (item.starts_on, item.due_on, item.met_on)
        if row.pk is None or (row.starts_on, row.due_on, row.met_on) != values:
            row.starts_on, row.due_on, row.met_on = values
            row.save()
    if existing:
        CaseDeadline.all_records.filter(pk__in=[row.pk for row in existing.values()]).delete()
