"""Writes of individual plans: the plan, its lines, approval, joint patronage (SOC-6, SOC-7;
seed 002 §IV, §6.1). Views, the API and the demo call these; each write is audited under the
plan. Referrals are in `plans.referrals`.

One mechanism serves every kind of plan (`PlanKind`): the ИППСУ's «Социальное
сопровождение» today, the adaptation programme of a social contract, the early-help route
and the plan of a person 55+ later — each kind has its own measure catalogue, and a line
takes its measure from the catalogue of its plan's kind.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from resurs.casework.citizens.models import Family, Person
from resurs.casework.plans import permissions, selectors
from resurs.casework.plans.models import (
    JointPatronage,
    LineStatus,
    Measure,
    PatronageKind,
    Plan,
    PlanKind,
    PlanLine,
    PlanStatus,
)
from resurs.casework.units.models import SocialDistrict, Unit
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import snapshot
from resurs.kernel.writes import DomainError, acting, audit, locked, require, save_with_version

LINE_FIELDS = (
    "measure",
    "details",
    "responsible_user",
    "responsible_unit",
    "responsible_organisation",
    "planned_on",
    "status",
    "done_on",
    "result",
)
NOT_YOURS = "Недостаточно прав для изменения плана."


def _require_keeper(by, plan: Plan) -> None:
    """The plan's keepers: the institution's staff who see it (system jobs pass None)."""
    if by is None:
        return
    require(permissions.can_edit(by.scope), NOT_YOURS)
    require(selectors.sees_plan(by, plan.pk), NOT_YOURS)


def _require_open(plan: Plan) -> None:
    if plan.status == PlanStatus.CLOSED:
        raise DomainError("План завершён: изменить его нельзя.")


# --- the plan ----------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    by,
    kind: str,
    unit: Unit,
    person: Person | None = None,
    family: Family | None = None,
    district: SocialDistrict | None = None,
    specialist=None,
    title: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Plan:
    """SOC-6, 002 §IV: a plan of ``kind`` for a person or a family the user sees, kept by a
    unit of the user's institution. A specialist's own plan names them as responsible, so
    it stays in their scope; the district defaults to the person's or family's."""
    user, scope, _role = acting(by)
    if kind not in PlanKind.values:
        raise DomainError("Выберите вид плана.")
    subject: Person | Family
    if person is not None and family is None:
        subject = person
    elif family is not None and person is None:
        subject = family
    else:
        raise DomainError("Укажите гражданина или семью (одно из двух).")
    if by is not None:
        scope = by.scope
        require(permissions.can_edit(scope), "Составлять планы могут сотрудники учреждения.")
        model = Person if person is not None else Family
        require(
            model.objects.visible_to(by).filter(pk=subject.pk).exists(),
            "Гражданин или семья вам недоступны.",
        )
        if unit.organisation_id != scope.organisation_id:
            raise DomainError("Выберите отделение своего учреждения.")
        if specialist is None and scope.role == Role.SPECIALIST:
            specialist = user
    if district is None and subject.district_id and subject.unit_id == unit.pk:
        district = subject.district
    plan = Plan(
        kind=kind,
        person=person,
        family=family,
        organisation_id=unit.organisation_id,
        unit=unit,
        district=district,
        specialist=specialist,
        title=(title or "").strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError("Окончание плана раньше его начала.")
    plan.full_clean()
    plan.save()
    audit(by, plan, AuditAction.CREATE)
    return plan


@transaction.atomic
def support_plan_for(*, by, case) -> Plan:
    """SOC-6, 002 §3.2.7: the ИППСУ «Социальное сопровождение» plan of a case — made for the
    case's person or family, kept where the case is kept, and linked as ``case.plan``. A case
    that has one already gets it back."""
    case_model = type(case)
    if by is not None:
        require(
            case_model.objects.visible_to(by).filter(pk=case.pk).exists(),
            "Случай вам недоступен.",
        )
        require(permissions.can_edit(by.scope), "Составлять планы могут сотрудники учреждения.")
    stored = case_model.all_records.select_for_update().get(pk=case.pk)
    if stored.plan_id:
        return Plan.all_records.get(pk=stored.plan_id)
    if stored.closed_on:
        raise DomainError("Случай закрыт: план к нему не составляется.")
    plan = Plan(
        kind=PlanKind.SUPPORT,
        person_id=stored.person_id,
        family_id=stored.family_id,
        organisation_id=stored.organisation_id,
        unit_id=stored.unit_id,
        district_id=stored.district_id,
        specialist_id=stored.specialist_id,
        title="ИППСУ: раздел «Социальное сопровождение»",
        starts_on=timezone.localdate(),
    )
    plan.full_clean()
    plan.save()
    # The cases app is another's: its row gets the link, and nothing else is touched.
    case_model.all_records.filter(pk=stored.pk).update(plan=plan)
    case.plan = plan
    audit(by, plan, AuditAction.CREATE, parent=stored)
    return plan


@transaction.atomic
def plan_approve(
    *, by, plan: Plan, expected_version: int | None, approved_on: datetime.date | None = None
) -> Plan:
    """SOC-6, 002 §3.2.8: the plan is approved (an ИППСУ by the УСЗН or the institution's
    head); its lines are then carried out and the 15-working-day deadline counts from the
    date of approval."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_approve(scope), "Утверждают план заведующий, учреждение или УСЗН.")
        require(selectors.sees_plan(by, plan.pk), NOT_YOURS)
    before = snapshot(locked(plan))
    if plan.status != PlanStatus.DRAFT:
        raise DomainError("План уже утверждён.")
    if not PlanLine.all_records.filter(plan=plan).exists():
        raise DomainError("В плане нет ни одного мероприятия: добавьте их, затем утверждайте.")
    today = timezone.localdate()
    approved_on = approved_on or today
    if approved_on > today:
        raise DomainError("Дата утверждения не может быть позже сегодняшнего дня.")
    plan.status = PlanStatus.APPROVED
    plan.approved_on = approved_on
    save_with_version(
        plan,
        expected_version=expected_version,
        fields=["status", "approved_on", "updated_at"],
        label="план",
    )
    audit(by, plan, AuditAction.UPDATE, before=before)
    return plan


# --- lines -------------------------------------------------------------------------------------


def _check_line(by, plan: Plan, line: PlanLine) -> None:
    """The rules of a line: a measure of the plan kind's catalogue, exactly one responsible —
    an employee or a unit of the plan's institution, or a partner of the directory the user
    sees — and a result once it is finished."""
    measure: Measure = line.measure
    if measure.plan_kind != plan.kind or not measure.is_active:
        raise DomainError("Мероприятие не из каталога этого вида плана.")
    named = [
        line.responsible_user_id,
        line.responsible_unit_id,
        line.responsible_organisation_id,
    ]
    if sum(1 for value in named if value) != 1:
        raise DomainError(
            "Укажите одного ответственного: сотрудника, отделение или организацию-партнёра."
        )
    if line.responsible_user_id and not (
        selectors.staff_choices(plan.organisation_id).filter(pk=line.responsible_user_id).exists()
    ):
        raise DomainError("Ответственный сотрудник должен работать в учреждении, ведущем план.")
    if line.responsible_unit_id and not (
        selectors.unit_choices(plan.organisation_id).filter(pk=line.responsible_unit_id).exists()
    ):
        raise DomainError("Ответственное отделение должно быть действующим отделением учреждения.")
    if line.responsible_organisation_id and by is not None:
        partners = selectors.partner_choices(by)
        if not partners.filter(pk=line.responsible_organisation_id).exists():
            raise DomainError(
                "Организация-партнёр не найдена в доступном вам справочнике организаций."
            )
    if line.status in (LineStatus.PLANNED, LineStatus.IN_PROGRESS):
        line.done_on = None
    elif line.status == LineStatus.DONE and not line.done_on:
        raise DomainError("Укажите дату выполнения.")
    if line.done_on and line.done_on > timezone.localdate():
        raise DomainError("Дата выполнения не может быть позже сегодняшнего дня.")
    if line.status in (LineStatus.DONE, LineStatus.NOT_DONE) and not line.result.strip():
        raise DomainError("Опишите результат мероприятия.")


@transaction.atomic
def plan_line_add(
    *,
    by,
    plan: Plan,
    measure: Measure,
    planned_on: datetime.date,
    details: str = "",
    responsible_user=None,
    responsible_unit: Unit | None = None,
    responsible_organisation=None,
) -> PlanLine:
    """002 §IV: a measure added to the plan with the next number, its responsible and date."""
    _require_keeper(by, plan)
    locked(plan)  # two lines added at once get different numbers
    _require_open(plan)
    last = PlanLine.all_records.filter(plan=plan).aggregate(n=Max("number"))["n"]
    line = PlanLine(
        plan=plan,
        number=(last or 0) + 1,
        measure=measure,
        details=(details or "").strip(),
        responsible_user=responsible_user,
        responsible_unit=responsible_unit,
        responsible_organisation=responsible_organisation,
        planned_on=planned_on,
    )
    _check_line(by, plan, line)
    line.full_clean()
    line.save()
    audit(by, line, AuditAction.CREATE, parent=plan)
    return line


@transaction.atomic
def plan_line_update(*, by, line: PlanLine, expected_version: int | None, **fields) -> PlanLine:
    """002 §IV: a line's measure, responsible, dates, status and result changed; the version
    read by the editor must still be the stored one."""
    plan = line.plan
    _require_keeper(by, plan)
    _require_open(plan)
    # The change is made on the stored row: a refused one leaves the caller's line as it was.
    stored = locked(line)
    before = snapshot(stored)
    for name in ("details", "result"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    for name, value in fields.items():
        if name not in LINE_FIELDS:
            raise DomainError(f"Поле «{name}» нельзя изменить.")
        setattr(stored, name, value)
    _check_line(by, plan, stored)
    stored.full_clean()
    stored.version = line.version  # without an editor's version, the one the caller read
    save_with_version(
        stored, expected_version=expected_version, fields=list(LINE_FIELDS), label="мероприятие"
    )
    audit(by, stored, AuditAction.UPDATE, before=before, parent=plan)
    line.refresh_from_db()
    return line


@transaction.atomic
def plan_line_complete(
    *,
    by,
    line: PlanLine,
    expected_version: int | None,
    done_on: datetime.date | None,
    result: str,
    status: str = LineStatus.DONE,
) -> PlanLine:
    """002 §3.2.8: a line is finished — done on a date with its result, or not done with the
    reason in the result."""
    if status not in (LineStatus.DONE, LineStatus.NOT_DONE):
        raise DomainError("Отметьте мероприятие выполненным или невыполненным.")
    if locked(line).status in (LineStatus.DONE, LineStatus.NOT_DONE, LineStatus.CANCELLED):
        raise DomainError("Мероприятие уже завершено.")
    return plan_line_update(
        by=by,
        line=line,
        expected_version=expected_version,
        status=status,
        done_on=done_on,
        result=result,
    )


# --- joint patronage -------------------------------------------------------------------------


@transaction.atomic
def patronage_add(
    *,
    by,
    plan: Plan,
    kind: str,
    held_on: datetime.date,
    result: str,
    partners=(),
    staff=(),
) -> JointPatronage:
    """002 §6.1: a joint patronage (urgent or planned) with partner agencies of the
    directory and the institution's staff, and what it found."""
    user, _scope, _role = acting(by)
    _require_keeper(by, plan)
    if kind not in PatronageKind.values:
        raise DomainError("Выберите вид патронажа: экстренный или запланированный.")
    if held_on > timezone.localdate():
        raise DomainError("Дата патронажа не может быть позже сегодняшнего дня.")
    partners = list({o.pk: o for o in partners}.values())
    staff = list({u.pk: u for u in staff}.values())
    if by is not None and partners:
        allowed = selectors.partner_choices(by).filter(pk__in=[o.pk for o in partners]).count()
        if allowed != len(partners):
            raise DomainError(
                "Среди участников есть организация, которой нет в доступном вам справочнике."
            )
    if staff:
        allowed = (
            selectors.staff_choices(plan.organisation_id)
            .filter(pk__in=[u.pk for u in staff])
            .count()
        )
        if allowed != len(staff):
            raise DomainError("Сотрудники патронажа должны работать в учреждении, ведущем план.")
    patronage = JointPatronage(
        plan=plan, kind=kind, held_on=held_on, result=(result or "").strip(), recorded_by=user
    )
    patronage.full_clean()
    patronage.save()
    patronage.partners.set(partners)
    patronage.staff.set(staff)
    audit(by, patronage, AuditAction.CREATE, parent=plan, extra_m2m=("partners", "staff"))
    return patronage
