"""MAP-4: marks with evidence, execution percentages, overdue checkpoints to the inbox."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from resurs.coordination.events.tests.helpers import make_event
from resurs.coordination.roadmaps import selectors, services, tasks
from resurs.coordination.roadmaps.models import Checkpoint, Evidence, Item, MarkResult
from resurs.coordination.roadmaps.progress import percent, progress_of
from resurs.coordination.roadmaps.tests.conftest import agreed, make_roadmap
from resurs.kernel.accounts.roles import Role
from resurs.kernel.notifications.models import Notification
from resurs.kernel.organisations.models import AppointmentKind
from tests.factories import appointment, direction, member

pytestmark = pytest.mark.django_db


def first_checkpoint(roadmap):
    return Checkpoint.objects.filter(item__section__roadmap=roadmap).order_by("due_on").first()


def test_a_mark_links_a_visible_record_and_shows_its_title(world, roadmap, event):
    agreed(world, roadmap)
    checkpoint = first_checkpoint(roadmap)
    mark = services.mark_set(
        by=world["rc"],
        checkpoint=checkpoint,
        result=MarkResult.DONE,
        done_text="Проведён семинар",
        evidence=[("event", event.pk)],
    )
    link = Evidence.objects.get(mark=mark)
    assert link.record == event
    assert link.title == str(event)


def test_an_outsider_cannot_link_a_record_it_cannot_see(world, roadmap):
    agreed(world, roadmap)
    hidden = make_event(world["other_org"], direction=direction(9), topic="Чужое мероприятие")
    with pytest.raises(ValidationError) as error:
        services.mark_set(
            by=world["rc"],
            checkpoint=first_checkpoint(roadmap),
            result=MarkResult.DONE,
            done_text="Сделано",
            evidence=[("event", hidden.pk)],
        )
    assert "не найдено среди доступных вам записей" in str(error.value)
    assert not Evidence.objects.exists()


def test_only_the_owner_marks_and_only_an_agreed_plan(world, roadmap):
    with pytest.raises(PermissionDenied):  # a draft is not executed yet
        services.mark_set(by=world["rc"], checkpoint=first_checkpoint(roadmap), result="done")
    agreed(world, roadmap)
    for who in ("provider", "department", "other_rc"):
        with pytest.raises(PermissionDenied):
            services.mark_set(
                by=world[who], checkpoint=first_checkpoint(roadmap), result="not_done"
            )


def test_done_needs_what_was_done(world, roadmap):
    agreed(world, roadmap)
    with pytest.raises(ValidationError):
        services.mark_set(by=world["rc"], checkpoint=first_checkpoint(roadmap), result="done")


def test_execution_percentage_per_section_and_roadmap(world):
    roadmap = make_roadmap(
        world, year=2024, items=[("ежеквартально", "А"), ("4 квартал 2030", "Б")]
    )
    agreed(world, roadmap)
    quarterly = list(
        Checkpoint.objects.filter(item__name="А", item__section__roadmap=roadmap).order_by("due_on")
    )
    for checkpoint, result in zip(quarterly[:3], ["done", "done", "partly"], strict=True):
        services.mark_set(by=world["rc"], checkpoint=checkpoint, result=result, done_text="да")
    today = datetime.date(2025, 1, 10)
    total, by_section = progress_of(selectors.plan_sections(roadmap), today)
    # four quarter ends counted (the 4th overdue = 0); the 2030 checkpoint is still ahead
    assert (total.counted, total.score, total.overdue, total.pending) == (4, 2.5, 1, 1)
    assert total.percent == 62
    assert list(by_section.values())[0].percent == 62
    listed = selectors.roadmaps_visible_to(world["department"], today=today).get(pk=roadmap.pk)
    assert percent(listed.counted, listed.score) == 62


def test_no_counted_checkpoint_means_no_percentage(world, roadmap):
    total, _ = progress_of(selectors.plan_sections(roadmap), datetime.date(2026, 1, 2))
    assert total.percent is None


@pytest.fixture
def overdue_world(world):
    roadmap = make_roadmap(world, year=2024, items=[("1 квартал", "Семинар")])
    agreed(world, roadmap)
    return roadmap


def test_overdue_checkpoints_go_to_the_items_appointed_people(world, overdue_world, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    person = member(Role.RESOURCE_CENTRE, world["rc_org"], direction=direction(2))
    person.user.email = "ispolnitel@example.org"
    person.user.save()
    appointed = appointment(world["rc_org"], kind=AppointmentKind.ORGANISATION, user=person.user)
    item = Item.objects.get(section__roadmap=overdue_world)
    item.responsibles.add(appointed)
    tasks.notify_overdue.enqueue()
    note = Notification.objects.get()
    assert note.recipient == person.user and "№ 1" in note.title
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ispolnitel@example.org"]
    assert "31.03.2024" in mail.outbox[0].body
    tasks.notify_overdue.enqueue()  # sent once
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_without_appointed_users_the_rc_head_is_told(world, overdue_world):
    head = member(Role.RESOURCE_CENTRE, world["rc_org"], direction=direction(2))
    head.user.email = "head@example.org"
    head.user.save()
    appointment(world["rc_org"], kind=AppointmentKind.RC_HEAD, user=head.user)
    appointment(world["provider_org"], kind=AppointmentKind.RC_HEAD, user=world["provider"].user)
    assert services.notify_overdue() == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [head.user.pk]
    assert mail.outbox[0].to == ["head@example.org"]


def test_a_marked_checkpoint_is_not_overdue(world, overdue_world):
    checkpoint = first_checkpoint(overdue_world)
    services.mark_set(by=world["rc"], checkpoint=checkpoint, result="not_done")
    assert not selectors.overdue_checkpoints(world["rc"]).exists()
    assert services.notify_overdue() == 0


def test_a_draft_plan_raises_no_overdue_alarm_until_it_is_agreed(world):
    """Issue 12, item 5: past dates of a plan not yet agreed are not overdue (no marks are
    entered before agreement), on the home page, in the reminders, on the card."""
    draft = make_roadmap(world, year=2024, items=[("1 квартал", "Семинар для специалистов")])
    today = datetime.date(2026, 12, 6)
    assert not selectors.overdue_checkpoints(world["rc"], today=today).exists()
    assert services.notify_overdue(today=today) == 0
    checkpoint = first_checkpoint(draft)
    assert not checkpoint.is_overdue(today)
    total, _ = progress_of(selectors.plan_sections(draft), today, agreed=False)
    assert (total.overdue, total.pending) == (0, 1)

    agreed(world, draft)
    assert list(selectors.overdue_checkpoints(world["rc"], today=today)) == [checkpoint]
    assert Checkpoint.objects.get(pk=checkpoint.pk).is_overdue(today)
    appointment(world["rc_org"], kind=AppointmentKind.RC_HEAD, user=world["rc"].user)
    assert services.notify_overdue(today=today) == 1
    note = Notification.objects.get()
    # The reminder names the roadmap and its item, not only a number.
    assert str(draft) in note.title and "«Семинар для специалистов»" in note.title
