"""The demo: the Surgut RC's request (one answer on time, one overdue) and the Department's
instruction answered late; loading twice changes nothing."""

import pytest
from django.urls import reverse

from resurs.coordination.instructions import demo
from resurs.coordination.instructions.models import Addressee, Control, Instruction
from resurs.kernel.accounts.models import Membership
from resurs.kernel.organisations.demo import DEPARTMENT, SURGUT_RC, load_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_the_three_control_statuses():
    load_demo()
    demo.load_demo_data()
    counts = (Instruction.objects.count(), Addressee.objects.count())
    demo.load_demo_data()
    assert counts == (Instruction.objects.count(), Addressee.objects.count()) == (3, 5)
    request = Instruction.objects.get(sender__name=SURGUT_RC)
    controls = {row.organisation.name: row.control() for row in request.addressees.all()}
    assert controls == {demo.NEFTEYUGANSK: Control.ON_TIME, demo.ZABOTA: Control.OVERDUE}
    assert request.author.username == "rc"
    instruction = Instruction.objects.get(
        sender__name=DEPARTMENT, title=demo.DEPARTMENT_INSTRUCTION
    )
    late = instruction.addressees.get()
    assert late.control() == Control.LATE and late.days_late() == 3
    assert late.answered_by.username == "rc"


def test_demo_without_the_directory_does_nothing():
    demo.load_demo_data()
    assert not Instruction.objects.exists()


def test_demo_logins_see_their_items(login):
    load_demo()
    demo.load_demo_data()

    def as_user(username):
        return login(Membership.objects.get(user__username=username))

    home = as_user("provider").get(reverse("home")).content.decode()
    assert demo.DEPARTMENT_REQUEST in home
    board = as_user("rc").get(reverse("instructions:board")).content.decode()
    assert "просрочено: 1" in board and "исполнено в срок: 1" in board
    incoming = as_user("rc").get(reverse("instructions:incoming")).content.decode()
    assert "исполнено с опозданием на 3 дн." in incoming
    department = as_user("department").get(reverse("instructions:board")).content.decode()
    assert demo.DEPARTMENT_INSTRUCTION in department
