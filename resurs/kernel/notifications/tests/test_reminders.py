"""REP-7's ledger: each stage of a reminder goes once; ORG-4: who is reminded."""

import datetime

import pytest
from django.core import mail

from resurs.kernel.accounts.roles import Role
from resurs.kernel.notifications.models import Notification, ReminderSent
from resurs.kernel.notifications.recipients import responsible_users
from resurs.kernel.notifications.reminders import Stage, send_reminder
from resurs.kernel.organisations.models import AppointmentKind
from tests.factories import OrganisationFactory, UserFactory, appointment, member

pytestmark = pytest.mark.django_db


def remind(recipients, stage=Stage.BEFORE, key="report:1"):
    return send_reminder(
        key=key,
        stage=stage,
        recipients=recipients,
        title="Срок",
        text="Скоро",
        link="/reporting/reports/1/",
    )


@pytest.mark.parametrize("stage", [Stage.BEFORE, Stage.DUE, Stage.AFTER])
def test_each_stage_is_sent_once(stage):
    person = member(Role.PROVIDER, user=UserFactory(email="p@example.org")).user
    assert remind([person], stage) is True
    assert remind([person], stage) is False
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].body.rstrip().endswith("http://127.0.0.1:8000/reporting/reports/1/")
    ledger = ReminderSent.objects.get()
    assert (ledger.key, ledger.stage, ledger.recipients) == ("report:1", stage, 1)


def test_stages_and_keys_are_counted_apart():
    person = UserFactory()
    assert remind([person], Stage.BEFORE) and remind([person], Stage.DUE)
    assert remind([person], Stage.DUE, key="report:2")
    assert Notification.objects.count() == 3


@pytest.fixture
def organisation():
    return OrganisationFactory()


def test_appointed_people_with_a_login_answer(organisation):
    head = member(Role.PROVIDER, organisation).user
    member(Role.PROVIDER, organisation)
    appointment(organisation, kind=AppointmentKind.REPORTING, user=head)
    appointment(organisation, kind=AppointmentKind.INTERACTION, user=UserFactory())
    assert responsible_users(organisation, [AppointmentKind.REPORTING]) == [head]
    assert responsible_users(organisation.pk, [AppointmentKind.REPORTING]) == [head]


def test_without_an_appointment_the_active_members_answer(organisation):
    first = member(Role.PROVIDER, organisation).user
    second = member(Role.PROVIDER, organisation).user
    gone = member(Role.PROVIDER, organisation).user
    gone.is_active = False
    gone.save()
    member(Role.PROVIDER)  # another organisation's
    assert responsible_users(organisation, [AppointmentKind.REPORTING]) == [first, second]
    assert responsible_users(organisation, [AppointmentKind.REPORTING], members_if_none=False) == []


def test_the_things_own_appointments_come_first(organisation):
    own = appointment(organisation, kind=AppointmentKind.ORGANISATION, user=UserFactory())
    head = UserFactory()
    appointment(organisation, kind=AppointmentKind.RC_HEAD, user=head)
    unnamed = appointment(organisation, kind=AppointmentKind.ORGANISATION)  # no login
    kinds = [AppointmentKind.RC_HEAD]
    assert responsible_users(organisation, kinds, appointments=[own, unnamed]) == [own.user]
    assert responsible_users(organisation, kinds, appointments=[unnamed]) == [head]


def test_an_ended_appointment_does_not_answer(organisation):
    former = UserFactory()
    appointment(
        organisation,
        kind=AppointmentKind.REPORTING,
        user=former,
        valid_to=datetime.date(2024, 12, 31),
    )
    today = datetime.date(2026, 4, 8)
    assert responsible_users(organisation, [AppointmentKind.REPORTING], today) == []
