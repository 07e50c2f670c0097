"""Rules of the events services that the pages and the API share."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from resurs.coordination.events import services
from resurs.coordination.events.models import (
    ConsultationAudience,
    EventKind,
    Nomination,
    NominationState,
    Participation,
)
from resurs.coordination.events.tests.helpers import local, make_event, make_item, make_plan
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes.errors import DomainError
from tests.factories import OrganisationFactory, appointment, direction, member, rc_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def rc():
    organisation = OrganisationFactory()
    rc_status(organisation, number=2)
    return member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))


def test_event_create_is_audited(rc):
    event = services.event_create(
        by=rc,
        organiser=rc.organisation,
        kind=EventKind.ROUND_TABLE,
        topic="Круглый стол",
        starts_at=local(2026, 3, 1, 10),
        ends_at=local(2026, 3, 1, 12),
        place="г. Сургут",
    )
    entry = AuditEntry.objects.get(object_id=str(event.pk), content_type__model="event")
    assert entry.actor == rc.user
    assert entry.changes["topic"] == [None, "Круглый стол"]


def test_an_outsider_cannot_edit_an_event(rc):
    event = make_event(rc.organisation)
    with pytest.raises(PermissionDenied):
        services.event_update(
            by=member(Role.PROVIDER), event=event, expected_version=None, topic="Чужая правка"
        )


def test_removing_a_confirmed_participant_reopens_the_nomination(rc, freeze):
    freeze(2026, 2, 1, 12)
    event = make_event(rc.organisation, direction=direction(2), nominations_open=True)
    nomination = services.nomination_create(
        by=None, event=event, organisation=OrganisationFactory(), person_name="Иванов Иван",
        position="юрист",
    )  # fmt: skip
    services.nomination_confirm(by=rc, nomination=nomination)
    services.participation_remove(by=rc, participation=Participation.objects.get())
    nomination = Nomination.objects.get()
    assert nomination.state == NominationState.PROPOSED
    assert nomination.participation is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"audience": ConsultationAudience.ORGANISATIONS}, "Укажите организации"),
        ({"audience": ConsultationAudience.FAMILIES, "consulted": True}, "семей"),
        ({"audience": ConsultationAudience.ORGANISATIONS, "self": True}, "сама себя"),
        (
            {"audience": ConsultationAudience.SPECIALISTS, "held_on": datetime.date(2999, 1, 1)},
            "ещё не наступила",
        ),
    ],
)
def test_consultation_rules(rc, fields, message):
    consulted = []
    if fields.pop("consulted", False):
        consulted = [OrganisationFactory()]
    if fields.pop("self", False):
        consulted = [rc.organisation]
    with pytest.raises(DomainError, match=message):
        services.consultation_create(
            by=rc,
            organisation=rc.organisation,
            consulted_organisations=consulted,
            held_on=fields.pop("held_on", datetime.date(2026, 3, 1)),
            topic="Консультация",
            **fields,
        )


def test_a_provider_records_consultations_only_for_itself(rc):
    provider = member(Role.PROVIDER)
    with pytest.raises(PermissionDenied):
        services.consultation_create(
            by=provider,
            organisation=rc.organisation,
            audience=ConsultationAudience.FAMILIES,
            held_on=datetime.date(2026, 3, 1),
            topic="Консультация",
        )


def test_the_responsible_is_appointed_by_the_plans_organisation(rc):
    plan = make_plan(rc.organisation)
    strangers = appointment(OrganisationFactory())
    with pytest.raises(DomainError, match="чей это медиаплан"):
        services.media_plan_item_create(
            by=rc, plan=plan, topic="Статья", deadline=datetime.date(2026, 3, 31),
            responsible_appointment=strangers,
        )  # fmt: skip
    own = appointment(rc.organisation)
    item = services.media_plan_item_create(
        by=rc, plan=plan, topic="Статья", deadline=datetime.date(2026, 3, 31),
        responsible_appointment=own,
    )  # fmt: skip
    assert item.responsible.startswith("Петров Пётр Петрович")


def test_item_numbers_are_unique_in_a_plan(rc):
    plan = make_plan(rc.organisation)
    make_item(plan, 1)
    with pytest.raises(ValidationError, match="уже есть"):
        services.media_plan_item_create(
            by=rc, plan=plan, number=1, topic="Ещё", deadline=datetime.date(2026, 3, 31),
            responsible_text="Методист",
        )  # fmt: skip


def test_a_participants_contact_never_reaches_the_trail_in_clear(rc):
    """The model declares the contact redacted: add, change and removal keep only «указан»."""
    event = make_event(rc.organisation)
    participation = services.participation_add(
        by=rc, event=event, person_name="Орлова Светлана", contact="+7 900 111-22-33"
    )
    services.participation_update(by=rc, participation=participation, contact="orlova@example.ru")
    services.participation_remove(by=rc, participation=participation)

    entries = AuditEntry.objects.filter(content_type__model="participation")
    assert [e.action for e in entries.order_by("id")] == ["create", "delete"]
    dumped = str([e.changes for e in entries])
    assert "111-22-33" not in dumped and "orlova@example.ru" not in dumped
    assert entries.get(action="create").changes["contact"] == [None, "указан"]
    assert entries.get(action="delete").changes["contact"] == ["указан", None]
