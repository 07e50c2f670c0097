"""REP-9 services: sending with numbers per sender and year, who may send and whom, answers
and their timeliness (on time, late by N days, open overdue by N days), return for completion
and resubmission, acceptance, closing, optimistic locking, the audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from resurs.coordination.instructions import selectors, services
from resurs.coordination.instructions.models import AddresseeStatus, Control, InstructionState
from resurs.coordination.instructions.tests.conftest import TODAY, row_of, send
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes.errors import DomainError, StaleVersion
from tests.factories import OrganisationFactory, direction, territory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def answer(who, row, text="Сведения направляем."):
    return services.answer_submit(by=who, addressee=row, text=text)


def test_numbers_run_per_sender_and_restart_each_year(world, freeze):
    rc, department = world["rc"], world["department"]
    provider = world["provider_a"].organisation
    assert world["instruction"].number == 1 and world["instruction"].year == 2026
    assert send(rc, [provider]).number == 2
    assert send(department, [world["rc"].organisation]).number == 1
    freeze(datetime.date(2027, 1, 12))
    next_year = send(rc, [provider], deadline=datetime.date(2027, 1, 20))
    assert (next_year.year, next_year.number) == (2027, 1)
    assert next_year.label == "Запрос № 1 от 12.01.2027"


def test_the_sender_is_the_users_organisation_with_the_rcs_direction(world):
    instruction = world["instruction"]
    assert instruction.sender == world["rc"].organisation
    assert instruction.sender_direction == direction(2)
    assert instruction.author == world["rc"].user
    assert instruction.state == InstructionState.OPEN


@pytest.mark.parametrize("who", ["provider_a", "uszn", "specialist_a", "methodist"])
def test_only_rc_department_and_administrator_send(world, who):
    with pytest.raises(PermissionDenied):
        send(world[who], [world["rc"].organisation])


def test_a_deadline_in_the_past_is_refused(world):
    with pytest.raises(DomainError, match="раньше сегодняшнего дня"):
        send(world["rc"], [world["provider_a"].organisation], deadline=TODAY - DAY)


def test_an_rc_addresses_only_organisations_it_sees(world):
    with pytest.raises(DomainError, match="не можете направить"):
        send(world["rc"], [world["outsider"].organisation])
    with pytest.raises(DomainError, match="адресата"):
        send(world["rc"], [])


def test_an_rc_does_not_instruct_the_department_but_the_department_addresses_anyone(world):
    with pytest.raises(DomainError):
        send(world["rc"], [world["department"].organisation])
    instruction = send(
        world["department"], [world["outsider"].organisation, world["rc"].organisation]
    )
    assert instruction.addressees.count() == 2


def test_answer_on_the_deadline_is_on_time(world, freeze):
    freeze(world["instruction"].deadline)
    row = answer(world["provider_a"], world["row_a"])
    assert row.status == AddresseeStatus.ANSWERED
    assert row.answered_on == world["instruction"].deadline
    assert row.answered_by == world["provider_a"].user
    assert row.control() == Control.ON_TIME
    assert row.days_late() == 0
    assert row.control_text == "исполнено в срок"


def test_answer_three_days_late(world, freeze):
    freeze(world["instruction"].deadline + 3 * DAY)
    row = answer(world["provider_a"], world["row_a"])
    assert row.control() == Control.LATE
    assert row.days_late() == 3
    assert row.control_text == "исполнено с опозданием на 3 дн."


def test_an_open_row_is_open_then_overdue_by_n_days(world):
    row = world["row_b"]
    deadline = world["instruction"].deadline
    assert row.control(deadline) == Control.OPEN
    assert row.control(deadline + 4 * DAY) == Control.OVERDUE
    assert row.days_late(deadline + 4 * DAY) == 4
    assert row.control_label(deadline + 4 * DAY) == "не исполнено, просрочено на 4 дн."


def test_return_then_resubmission_counts_the_last_answer(world, freeze):
    deadline = world["instruction"].deadline
    freeze(deadline - 2 * DAY)
    row = answer(world["provider_a"], world["row_a"], "Неполные сведения.")
    first = row.answered_at
    services.answer_return(by=world["rc"], addressee=row, remark="Нет данных за март.")
    row.refresh_from_db()
    assert row.status == AddresseeStatus.OPEN
    assert row.return_remark == "Нет данных за март."
    assert row.returns_count == 1
    assert row.control(deadline - DAY) == Control.OPEN
    assert row.control(deadline + DAY) == Control.OVERDUE
    freeze(deadline + 2 * DAY)
    row = answer(world["provider_a"], row, "Сведения за март добавлены.")
    assert row.first_answered_at == first
    assert row.answered_on == deadline + 2 * DAY
    assert row.control() == Control.LATE and row.days_late() == 2
    services.answer_accept(by=world["rc"], addressee=row)
    row.refresh_from_db()
    assert row.status == AddresseeStatus.ACCEPTED
    assert row.control() == Control.LATE
    assert row.reviewed_by == world["rc"].user


def test_only_the_sender_reviews_and_only_an_answer_awaiting_review(world):
    row = world["row_a"]
    with pytest.raises(DomainError, match="не ожидает"):
        services.answer_accept(by=world["rc"], addressee=row)
    answer(world["provider_a"], row)
    for who in ("provider_a", "department", "other_rc"):
        with pytest.raises(PermissionDenied):
            services.answer_accept(by=world[who], addressee=row)
    with pytest.raises(DomainError, match="доработать"):
        services.answer_return(by=world["rc"], addressee=row, remark="  ")


def test_only_the_addressee_answers_and_only_once(world):
    with pytest.raises(PermissionDenied):
        answer(world["provider_b"], world["row_a"])
    with pytest.raises(PermissionDenied):
        answer(world["specialist_a"], world["row_a"])
    with pytest.raises(DomainError, match="Напишите ответ"):
        answer(world["provider_a"], world["row_a"], "   ")
    row = answer(world["provider_a"], world["row_a"])
    with pytest.raises(DomainError, match="уже направлен"):
        answer(world["provider_a"], row)


def test_a_closed_or_cancelled_instruction_takes_no_answers(world):
    instruction = world["instruction"]
    with pytest.raises(PermissionDenied):
        services.instruction_close(by=world["provider_a"], instruction=instruction)
    services.instruction_close(by=world["rc"], instruction=instruction)
    assert instruction.state == InstructionState.CLOSED and instruction.closed_at
    with pytest.raises(DomainError, match="снят с контроля"):
        answer(world["provider_a"], row_of(instruction, world["provider_a"].organisation))
    with pytest.raises(DomainError):
        services.instruction_cancel(by=world["rc"], instruction=instruction)


def test_a_stale_version_is_refused(world):
    row = world["row_a"]
    version = row.version
    services.answer_submit(
        by=world["provider_a"], addressee=row, text="Ответ", expected_version=version
    )
    stale = row_of(world["instruction"], world["provider_a"].organisation)
    with pytest.raises(StaleVersion):
        services.answer_accept(by=world["rc"], addressee=stale, expected_version=version)


def test_board_counts_addressees_by_control_status(world, freeze):
    rc = world["rc"]
    extra = OrganisationFactory(territory=territory("Сургут"))
    extra.directions.add(direction(2))
    late = send(rc, [world["provider_a"].organisation, extra], deadline=TODAY + DAY)
    freeze(TODAY + 3 * DAY)
    answer(world["provider_a"], row_of(late, world["provider_a"].organisation))
    answer(world["provider_a"], world["row_a"])
    rows = {i.pk: i for i in selectors.board(rc)}
    first, second = rows[world["instruction"].pk], rows[late.pk]
    assert (first.n_on_time, first.n_late, first.n_open, first.n_overdue) == (1, 0, 1, 0)
    assert (second.n_on_time, second.n_late, second.n_open, second.n_overdue) == (0, 1, 0, 1)
    assert selectors.board_totals(rc) == {
        "total": 4, "on_time": 1, "late": 1, "open": 1, "overdue": 1,
    }  # fmt: skip
    overdue_only = selectors.board(rc, selectors.InstructionFilter(control=Control.OVERDUE))
    assert [i.pk for i in overdue_only] == [late.pk]


def test_every_write_is_in_the_instructions_history(world):
    row = answer(world["provider_a"], world["row_a"])
    services.answer_accept(by=world["rc"], addressee=row)
    entries = AuditEntry.objects.filter(parent_id=str(world["instruction"].pk))
    assert entries.count() >= 4  # two addressees created, the answer, the acceptance
    assert entries.filter(actor=world["provider_a"].user).exists()
