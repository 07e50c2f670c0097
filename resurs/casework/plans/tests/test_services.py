"""Plans: creation, lines (numbering, responsible, versions), approval, joint patronage."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from resurs.casework.plans import services
from resurs.casework.plans.models import LineStatus, Measure, PlanKind, PlanStatus
from resurs.casework.plans.tests.conftest import measure
from resurs.kernel.writes import DomainError, StaleVersion

pytestmark = pytest.mark.django_db

SOON = datetime.timedelta(days=5)


def test_a_specialists_plan_names_them_and_takes_the_persons_district(casework, plan):
    assert plan.specialist == casework.specialist.user
    assert plan.district == casework.a.districts[0]
    assert plan.organisation == casework.a.organisation
    assert plan.status == PlanStatus.DRAFT


def test_a_plan_for_a_person_the_user_does_not_see_is_refused(casework):
    with pytest.raises(PermissionDenied):
        services.plan_create(
            by=casework.specialist2,
            kind=PlanKind.SUPPORT,
            person=casework.person,
            unit=casework.a.support,
        )


def test_lines_are_numbered_in_order(casework, plan):
    numbers = [
        services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=measure(code),
            planned_on=timezone.localdate() + SOON,
            responsible_unit=casework.a.psychology,
        ).number
        for code in ("employment", "rights", "documents")
    ]
    assert numbers == [1, 2, 3]


def test_a_measure_of_another_plan_kinds_catalogue_is_refused(casework, plan):
    other = Measure.objects.create(
        plan_kind=PlanKind.ADAPTATION, code="business", name="Открытие ИП", group="other"
    )
    with pytest.raises(DomainError, match="не из каталога"):
        services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=other,
            planned_on=timezone.localdate(),
            responsible_user=casework.specialist.user,
        )


@pytest.mark.parametrize("how_many", [0, 2])
def test_a_line_needs_exactly_one_responsible(casework, plan, how_many):
    named = {
        "responsible_user": casework.specialist.user,
        "responsible_unit": casework.a.psychology,
    }
    with pytest.raises(DomainError, match="одного ответственного"):
        services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=measure(),
            planned_on=timezone.localdate(),
            **dict(list(named.items())[:how_many]),
        )


def test_a_responsible_of_another_institution_is_refused(casework, plan):
    with pytest.raises(DomainError, match="работать в учреждении"):
        services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=measure(),
            planned_on=timezone.localdate(),
            responsible_user=casework.other_specialist.user,
        )
    with pytest.raises(DomainError, match="отделением учреждения"):
        services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=measure(),
            planned_on=timezone.localdate(),
            responsible_unit=casework.b.support,
        )


def test_a_partner_must_be_in_the_directory_the_user_sees(casework, plan, agency, hidden_agency):
    line = services.plan_line_add(
        by=casework.specialist,
        plan=plan,
        measure=measure("rights"),
        planned_on=timezone.localdate(),
        responsible_organisation=agency,
    )
    assert line.responsible_organisation == agency
    with pytest.raises(DomainError, match="справочнике"):
        services.plan_line_add(
            by=casework.specialist,
            plan=plan,
            measure=measure("rights"),
            planned_on=timezone.localdate(),
            responsible_organisation=hidden_agency,
        )


def test_a_line_edited_by_two_keeps_the_first_change(casework, line):
    services.plan_line_update(
        by=casework.specialist, line=line, expected_version=1, details="Первое изменение"
    )
    with pytest.raises(StaleVersion):
        services.plan_line_update(
            by=casework.head, line=line, expected_version=1, details="Второе изменение"
        )
    line.refresh_from_db()
    assert line.details == "Первое изменение"
    assert line.version == 2


def test_completing_a_line_needs_a_date_and_a_result(casework, line):
    with pytest.raises(DomainError, match="дату выполнения"):
        services.plan_line_complete(
            by=casework.specialist, line=line, expected_version=1, done_on=None, result="Готово"
        )
    with pytest.raises(DomainError, match="результат"):
        services.plan_line_complete(
            by=casework.specialist,
            line=line,
            expected_version=1,
            done_on=timezone.localdate(),
            result=" ",
        )
    services.plan_line_complete(
        by=casework.specialist,
        line=line,
        expected_version=1,
        done_on=timezone.localdate(),
        result="Документы поданы в центр занятости",
    )
    line.refresh_from_db()
    assert line.status == LineStatus.DONE
    with pytest.raises(DomainError, match="уже завершено"):
        services.plan_line_complete(
            by=casework.specialist,
            line=line,
            expected_version=2,
            done_on=timezone.localdate(),
            result="Ещё раз",
        )


def test_the_psychologist_cannot_change_a_plan_they_do_not_see(casework, line):
    with pytest.raises(PermissionDenied):
        services.plan_line_update(
            by=casework.psychologist, line=line, expected_version=1, details="Чужое"
        )


def test_an_empty_plan_is_not_approved_and_a_specialist_does_not_approve(casework, plan):
    with pytest.raises(DomainError, match="нет ни одного мероприятия"):
        services.plan_approve(by=casework.head, plan=plan, expected_version=1)
    with pytest.raises(PermissionDenied):
        services.plan_approve(by=casework.specialist, plan=plan, expected_version=1)


def test_the_uszn_approves_the_plan(casework, plan, line):
    services.plan_approve(by=casework.uszn, plan=plan, expected_version=1)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert plan.approved_on == timezone.localdate()
    with pytest.raises(DomainError, match="уже утверждён"):
        services.plan_approve(by=casework.head, plan=plan, expected_version=2)


def test_joint_patronage_takes_partners_of_the_directory(casework, plan, agency, hidden_agency):
    patronage = services.patronage_add(
        by=casework.specialist,
        plan=plan,
        kind="urgent",
        held_on=timezone.localdate(),
        result="Семья посещена совместно с УСЗН",
        partners=[agency],
        staff=[casework.specialist.user, casework.psychologist.user],
    )
    assert list(patronage.partners.all()) == [agency]
    with pytest.raises(DomainError, match="справочнике"):
        services.patronage_add(
            by=casework.specialist,
            plan=plan,
            kind="planned",
            held_on=timezone.localdate(),
            result="Посещение",
            partners=[hidden_agency],
        )
