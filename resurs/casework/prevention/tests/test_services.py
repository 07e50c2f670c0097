"""Preventive events: who may record them, participants only among the persons one sees,
hidden participants kept by an editor who does not see them, versions, the trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from resurs.casework.conftest import make_person
from resurs.casework.prevention import services
from resurs.casework.prevention.models import EventKind
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.writes import DomainError, StaleVersion

pytestmark = pytest.mark.django_db


def test_the_specialist_records_an_event_of_their_unit(casework, event):
    assert event.unit == casework.a.support
    assert list(event.participants.all()) == [casework.person]
    assert event.created_by == casework.specialist.user


def test_an_event_of_another_unit_or_institution_is_refused(casework):
    for membership, unit in (
        (casework.specialist, casework.a.psychology),
        (casework.other_head, casework.a.support),
        (casework.uszn, casework.a.support),
    ):
        with pytest.raises(PermissionDenied):
            services.event_create(
                by=membership,
                unit=unit,
                kind=EventKind.OPEN_DAY,
                title="День открытых дверей",
                held_on=timezone.localdate(),
            )


def test_a_participant_the_user_does_not_see_is_refused(casework):
    with pytest.raises(DomainError, match="недоступен"):
        services.event_create(
            by=casework.specialist2,
            unit=casework.a.support,
            kind=EventKind.PREVENTIVE,
            title="Беседа",
            held_on=timezone.localdate(),
            participants=[casework.person],
        )


def test_an_editor_keeps_the_participants_they_do_not_see(casework, event):
    own = make_person(casework.a.support, casework.a.districts[1], casework.specialist2.user)
    services.event_update(
        by=casework.specialist2, event=event, expected_version=1, participants=[own], title="Новое"
    )
    assert set(event.participants.all()) == {casework.person, own}
    assert event.title == "Новое"
    with pytest.raises(StaleVersion):
        services.event_update(by=casework.head, event=event, expected_version=1, title="Старое")


def test_the_trail_names_participants_by_number_only(casework, event):
    entry = AuditEntry.objects.for_object(event).get(action="create")
    assert "Смирнова" not in str(entry.changes)
    assert f"Гражданин № {casework.person.pk}" in str(entry.changes)


def test_a_date_far_ahead_is_refused(casework):
    with pytest.raises(DomainError, match="проверьте год"):
        services.event_create(
            by=casework.head,
            unit=casework.a.support,
            kind=EventKind.PREVENTIVE,
            title="Беседа",
            held_on=timezone.localdate() + datetime.timedelta(days=800),
        )
