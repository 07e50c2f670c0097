"""SOC-5, SOC-6: numbering of appeals and cases, anonymous appeals, the capacity warning's
count, the stage derived from the steps, the deadlines of a case, impossible steps refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from resurs.casework.cases import selectors, services
from resurs.casework.cases.models import (
    Appeal,
    AppealResult,
    CaseDeadline,
    DeadlineRule,
    StepKind,
)
from resurs.casework.cases.tests.conftest import TODAY, moment, open_case, take
from resurs.casework.conftest import make_person
from resurs.kernel.writes.errors import DomainError, StaleVersion

D = datetime.date
pytestmark = pytest.mark.django_db


def deadlines(case):
    return {
        row.rule.code: (row.starts_on, row.due_on, row.met_on)
        for row in CaseDeadline.all_records.filter(case=case).select_related("rule")
    }


def test_appeals_are_numbered_per_unit_and_year(world):
    first = take(world)
    second = take(world, by=world.head)
    other = take(world, by=world.other_head, unit=world.b.support, person=None)
    last_year = take(world, at=moment(D(2024, 12, 31), 23, 30))
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert (last_year.year, last_year.number) == (2024, 1)
    assert first.taken_by == world.specialist.user
    assert first.organisation == world.a.organisation


def test_an_anonymous_appeal_keeps_no_person(world):
    appeal = take(world, anonymous=True)
    assert appeal.is_anonymous and appeal.person is None and appeal.family is None
    with pytest.raises(DomainError, match="Анонимное обращение"):
        take(world, anonymous=True, person=world.person)


def test_a_unit_the_user_does_not_work_in_takes_no_appeal(world):
    with pytest.raises(PermissionDenied):
        take(world, by=world.psychologist)
    with pytest.raises(PermissionDenied):
        take(world, by=world.uszn)


def test_a_person_outside_the_scope_is_refused(world):
    with pytest.raises(DomainError, match="вне вашей зоны доступа"):
        take(world, by=world.specialist2)


def test_appeals_on_day_counts_the_units_local_day(world):
    take(world, at=moment(TODAY, 0, 5))
    take(world, at=moment(TODAY, 10))
    take(world, at=moment(TODAY - datetime.timedelta(days=1), 23, 55))
    assert selectors.appeals_on_day(world.a.support, TODAY) == 2
    assert selectors.appeals_on_day(world.a.psychology, TODAY) == 0


def test_an_appeal_in_the_future_is_refused(world):
    with pytest.raises(DomainError, match="в будущем"):
        take(world, at=moment(TODAY + datetime.timedelta(days=1)))


def test_the_result_of_an_appeal_needs_the_version_read(world):
    appeal = take(world)
    services.appeal_result_update(
        by=world.specialist,
        appeal=appeal,
        result=AppealResult.CONSULTED,
        result_note="Разъяснён порядок",
        expected_version=1,
    )
    appeal.refresh_from_db()
    assert (appeal.result, appeal.version) == (AppealResult.CONSULTED, 2)
    with pytest.raises(StaleVersion):
        services.appeal_result_update(
            by=world.specialist, appeal=appeal, result=AppealResult.SERVICE, expected_version=1
        )


def test_cases_are_numbered_per_institution_and_year(world):
    first = open_case(world)
    second = open_case(world, family=world.family, person=None)
    stranger = make_person(world.b.support, world.b.districts[0], last_name="Петрова")
    other = open_case(world, by=world.other_head, unit=world.b.support, person=stranger)
    assert (first.number, second.number, other.number) == (1, 2, 1)
    assert first.year == TODAY.year
    assert first.specialist == world.specialist.user
    assert first.district == world.a.districts[0]


def test_opening_a_case_records_the_first_step_and_its_deadlines(world):
    case = open_case(world, appealed_on=D(2025, 4, 30))
    assert case.stage == StepKind.PROBLEM_DETECTED
    assert [s.kind for s in case.steps.all()] == [StepKind.PROBLEM_DETECTED]
    assert deadlines(case) == {
        "information": (D(2025, 4, 30), D(2025, 5, 7), None),
        "proposals": (D(2025, 4, 30), D(2025, 5, 13), None),
    }


def test_a_case_from_an_appeal_takes_its_person_and_date(world):
    appeal = take(world, at=moment(D(2025, 5, 12), 9))
    case = open_case(world, appeal=appeal, person=None, detected_on=D(2025, 5, 12))
    appeal.refresh_from_db()
    assert case.person == world.person and case.appealed_on == D(2025, 5, 12)
    assert appeal.result == AppealResult.CASE_OPENED
    with pytest.raises(DomainError, match="уже открыт"):
        open_case(world, appeal=appeal, person=None, detected_on=D(2025, 5, 12))


def test_a_case_needs_a_person_or_a_family(world):
    with pytest.raises(DomainError, match="одно из двух"):
        open_case(world, family=world.family)
    with pytest.raises(DomainError, match="позже сегодняшнего"):
        open_case(world, detected_on=TODAY + datetime.timedelta(days=1))


def test_the_stage_follows_the_steps_with_a_correction_loop(world, freeze):
    freeze(D(2025, 7, 1))
    case = open_case(world, appealed_on=D(2025, 4, 30))
    walk = [
        (StepKind.INFORMATION_COLLECTED, D(2025, 5, 6)),
        (StepKind.PROPOSALS_DRAFTED, D(2025, 5, 15)),
        (StepKind.IPPSU_APPROVED, D(2025, 5, 20)),
        (StepKind.CORRECTION_PROPOSED, D(2025, 5, 22)),
        (StepKind.IPPSU_APPROVED, D(2025, 5, 26)),
        (StepKind.IMPLEMENTATION_STARTED, D(2025, 6, 2)),
        (StepKind.CONCLUSION, D(2025, 6, 25)),
        (StepKind.CLOSED, D(2025, 6, 30)),
    ]
    stages = []
    for kind, day in walk:
        services.step_record(by=world.specialist, case=case, kind=kind, occurred_on=day, note="")
        case.refresh_from_db()
        stages.append(case.stage)
    assert stages == [kind for kind, _day in walk]
    assert case.closed_on == D(2025, 6, 30)
    # 15 working days from the latest approval (26.05.2025): 12 June and 13 June are off
    assert deadlines(case) == {
        "information": (D(2025, 4, 30), D(2025, 5, 7), D(2025, 5, 6)),
        "proposals": (D(2025, 4, 30), D(2025, 5, 13), D(2025, 5, 15)),
        "implementation": (D(2025, 5, 26), D(2025, 6, 18), D(2025, 6, 2)),
    }
    with pytest.raises(DomainError, match="Случай закрыт"):
        services.step_record(
            by=world.specialist, case=case, kind=StepKind.CONCLUSION, occurred_on=D(2025, 6, 30)
        )


@pytest.mark.parametrize(
    ("kind", "day", "message"),
    [
        (StepKind.IMPLEMENTATION_STARTED, D(2025, 5, 5), "только после утверждения ИППСУ"),
        (StepKind.IPPSU_APPROVED, D(2025, 5, 5), "ИППСУ утверждается после"),
        (StepKind.PROBLEM_DETECTED, D(2025, 5, 5), "один раз"),
        (StepKind.CLOSED, D(2025, 5, 5), "после заключения"),
        (StepKind.INFORMATION_COLLECTED, D(2025, 4, 29), "раньше выявления проблемы"),
        (StepKind.INFORMATION_COLLECTED, TODAY + datetime.timedelta(days=1), "позже сегодняшнего"),
    ],
)
def test_impossible_steps_are_refused_in_russian(world, kind, day, message):
    case = open_case(world)
    with pytest.raises(DomainError, match=message):
        services.step_record(by=world.specialist, case=case, kind=kind, occurred_on=day)
    assert case.steps.count() == 1


def test_a_step_before_the_previous_one_is_refused(world):
    case = open_case(world)
    services.step_record(
        by=world.specialist,
        case=case,
        kind=StepKind.INFORMATION_COLLECTED,
        occurred_on=D(2025, 5, 8),
    )
    with pytest.raises(DomainError, match="по порядку"):
        services.step_record(
            by=world.specialist,
            case=case,
            kind=StepKind.PROPOSALS_DRAFTED,
            occurred_on=D(2025, 5, 6),
        )


def test_an_outsider_records_no_step_and_a_stale_form_is_refused(world):
    case = open_case(world)
    with pytest.raises(PermissionDenied):
        services.step_record(
            by=world.specialist2, case=case, kind=StepKind.INFORMATION_COLLECTED, occurred_on=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.step_record(
            by=world.uszn, case=case, kind=StepKind.INFORMATION_COLLECTED, occurred_on=TODAY
        )
    with pytest.raises(StaleVersion):
        services.step_record(
            by=world.specialist,
            case=case,
            kind=StepKind.INFORMATION_COLLECTED,
            occurred_on=TODAY,
            expected_version=case.version - 1,
        )


def test_a_rule_changed_by_the_region_applies_at_the_next_step(world):
    case = open_case(world)
    DeadlineRule.objects.filter(code="information").update(working_days=5)
    DeadlineRule.objects.filter(code="proposals").update(is_active=False)
    services.step_record(
        by=world.specialist,
        case=case,
        kind=StepKind.INFORMATION_COLLECTED,
        occurred_on=D(2025, 5, 8),
    )
    assert deadlines(case) == {"information": (D(2025, 4, 30), D(2025, 5, 13), D(2025, 5, 8))}


def test_the_audit_trail_names_no_person(world):
    from resurs.kernel.audit.models import AuditEntry

    appeal = take(world)
    open_case(world)
    text = " ".join(str(entry.__dict__) for entry in AuditEntry.objects.all())
    assert "Смирнова" not in text and "пособия" not in text
    assert Appeal.all_records.get(pk=appeal.pk).subject
