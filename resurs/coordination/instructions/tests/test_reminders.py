"""REP-7 for REP-9: reminders of open incoming requests before the deadline, on it and after
it, to the addressee's appointed responsibles (members when none), in the inbox and by e-mail,
each stage once; nothing for answered rows or instructions off control."""

import datetime

import pytest
from django.core import mail

from resurs.coordination.instructions import services, tasks
from resurs.coordination.instructions.tests.conftest import TODAY, send
from resurs.kernel.accounts.roles import Role
from resurs.kernel.notifications.models import Notification
from resurs.kernel.organisations.models import AppointmentKind
from tests.factories import appointment, member

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _three_days(settings):
    settings.REMINDER_DAYS_BEFORE = 3


@pytest.fixture
def due_soon(world):
    """A request due on Friday 10 April (two working days after «today», Wednesday 8 April)."""
    provider_a = world["provider_a"]
    provider_a.user.email = "a@example.org"
    provider_a.user.save()
    # The person appointed for the interaction answers requests: a provider's role, whose
    # menu reaches the answers (a notice links only where the menu reaches).
    responsible = member(Role.PROVIDER, provider_a.organisation).user
    responsible.email = "otvetstvenny@example.org"
    responsible.save()
    world["responsible"] = responsible
    appointment(provider_a.organisation, kind=AppointmentKind.INTERACTION, user=responsible)
    # The fixture's request (due in a week) is taken off control: only the new one is reminded.
    services.instruction_close(by=world["rc"], instruction=world["instruction"])
    world["soon"] = send(world["rc"], [provider_a.organisation], deadline=TODAY + 2 * DAY)
    return world


def test_each_stage_goes_once_to_the_appointed_responsible(due_soon):
    w = due_soon
    responsible = w["responsible"]
    assert services.send_due_reminders(today=TODAY) == 1  # the one due in two working days
    assert services.send_due_reminders(today=TODAY) == 0  # sent once
    notice = Notification.objects.get()
    assert notice.recipient == responsible
    assert notice.title.startswith("Запрос № 2 от 08.04.2026")
    assert "Приближается срок ответа — 10.04.2026" in notice.title
    assert notice.link == w["soon"].addressees.get().get_absolute_url()
    assert mail.outbox[0].to == ["otvetstvenny@example.org"]
    assert services.send_due_reminders(today=TODAY + 2 * DAY) == 1  # «due»
    assert services.send_due_reminders(today=TODAY + 2 * DAY) == 0
    assert services.send_due_reminders(today=TODAY + 5 * DAY) == 1  # «after»
    assert services.send_due_reminders(today=TODAY + 6 * DAY) == 0  # «after» only once
    titles = list(Notification.objects.order_by("id").values_list("title", flat=True))
    assert "Сегодня, 10.04.2026, срок ответа." in titles[1]
    assert "Срок ответа (10.04.2026) прошёл" in titles[2]
    assert {n.recipient for n in Notification.objects.all()} == {responsible}


def test_without_an_appointment_the_members_are_reminded(world):
    provider_b = world["provider_b"].organisation
    send(world["rc"], [provider_b], deadline=TODAY)
    assert services.send_due_reminders(today=TODAY) == 1
    assert {n.recipient for n in Notification.objects.all()} == {world["provider_b"].user}


def test_answered_rows_and_instructions_off_control_are_not_reminded(due_soon):
    w = due_soon
    soon_row = w["soon"].addressees.get()
    services.answer_submit(by=w["provider_a"], addressee=soon_row, text="Ответ")
    closed = send(w["rc"], [w["provider_b"].organisation], deadline=TODAY)
    services.instruction_close(by=w["rc"], instruction=closed)
    assert services.send_due_reminders(today=TODAY) == 0
    assert not Notification.objects.exists()


def test_a_returned_answer_is_reminded_like_an_open_one(due_soon):
    w = due_soon
    row = w["soon"].addressees.get()
    services.answer_submit(by=w["provider_a"], addressee=row, text="Ответ")
    assert services.send_due_reminders(today=TODAY + 5 * DAY) == 0
    services.answer_return(by=w["rc"], addressee=row, remark="Доработать")
    assert services.send_due_reminders(today=TODAY + 5 * DAY) == 1
    (notice,) = Notification.objects.filter(link=row.get_absolute_url())
    assert "прошёл" in notice.title


def test_far_deadlines_wait(world):
    # The fixture's request is due in 7 days: more than 3 working days ahead.
    assert services.send_due_reminders(today=TODAY) == 0


def test_the_task_runs_the_service(due_soon, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = tasks.send_due_reminders.enqueue()
    assert result.return_value == 1


def test_the_letter_links_to_the_answer_under_site_url(due_soon, settings):
    settings.SITE_URL = "https://resurs.example.ru"
    services.send_due_reminders(today=TODAY)
    row = due_soon["soon"].addressees.get()
    assert (
        mail.outbox[0].body.rstrip().endswith("https://resurs.example.ru" + row.get_absolute_url())
    )
