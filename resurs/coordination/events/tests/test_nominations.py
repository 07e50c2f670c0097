"""EVT-2: the training plan — a provider nominates its staff, the RC confirms or declines,
attendance is recorded afterwards."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resurs.coordination.events import services
from resurs.coordination.events.models import (
    EventState,
    Nomination,
    NominationState,
    Participation,
    ParticipationStatus,
)
from resurs.coordination.events.tests.helpers import bearer, local, make_event
from resurs.kernel.accounts.roles import Role
from resurs.kernel.writes.errors import DomainError
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(freeze):
    """An RC of direction 2 with a seminar on 10.12.2026, open for nominations until 01.12;
    a provider of direction 2; today is 20.11.2026."""
    freeze(2026, 11, 20, 12)
    rc_org = OrganisationFactory(territory=territory("Сургут"))
    rc_status(rc_org, number=2)
    provider_org = OrganisationFactory(territory=territory("Нефтеюганск"))
    provider_org.directions.add(direction(2))
    seminar = make_event(
        rc_org,
        direction=direction(2),
        topic="Ресоциализация освободившихся",
        start=local(2026, 12, 10, 10),
        nominations_open=True,
        nomination_deadline=local(2026, 12, 1).date(),
        places=2,
    )
    return {
        "seminar": seminar,
        "rc": member(Role.RESOURCE_CENTRE, rc_org, direction=direction(2)),
        "provider": member(Role.PROVIDER, provider_org),
        "provider_org": provider_org,
    }


def test_provider_nominates_rc_confirms_and_records_attendance_through_the_ui(plan, login, freeze):
    provider, rc = login(plan["provider"]), login(plan["rc"])
    seminar = plan["seminar"]
    training = provider.get(reverse("events:training")).content.decode()
    assert "Ресоциализация освободившихся" in training
    assert reverse("events:nominate", args=[seminar.pk]) in training

    response = provider.post(
        reverse("events:nominate", args=[seminar.pk]),
        {"person_name": "Кравцова  Елена Николаевна", "position": "психолог", "contact": ""},
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.organisation == plan["provider_org"]
    assert nomination.person_name == "Кравцова Елена Николаевна"
    assert nomination.state == NominationState.PROPOSED

    # The RC sees it waiting on its training page and confirms it.
    page = rc.get(reverse("events:training"), {"state": "proposed"}).content.decode()
    assert "Кравцова Елена Николаевна" in page
    assert reverse("events:nomination_confirm", args=[nomination.pk]) in page
    assert rc.post(reverse("events:nomination_confirm", args=[nomination.pk])).status_code == 302
    nomination.refresh_from_db()
    assert nomination.state == NominationState.CONFIRMED
    participation = nomination.participation
    assert participation.status == ParticipationStatus.REGISTERED
    assert participation.organisation == plan["provider_org"]

    # Attendance is recorded after the event (a new day, a new session); the provider sees it.
    freeze(2026, 12, 10, 17)
    rc, provider = login(plan["rc"]), login(plan["provider"])
    response = rc.post(
        reverse("events:participation_status", args=[participation.pk]),
        {"status": "attended"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="participation-' in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.ATTENDED
    mine = provider.get(reverse("events:training")).content.decode()
    assert "подтверждена" in mine and "присутствовал" in mine


def test_attendance_cannot_be_recorded_before_the_event(plan, login):
    nomination = services.nomination_create(
        by=plan["provider"], event=plan["seminar"], person_name="Иванов Иван", position="юрист"
    )
    services.nomination_confirm(by=plan["rc"], nomination=nomination)
    participation = Nomination.objects.get().participation
    response = login(plan["rc"]).post(
        reverse("events:participation_status", args=[participation.pk]),
        {"status": "attended"},
        headers={"HX-Request": "true"},
    )
    assert "после начала мероприятия" in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == ParticipationStatus.REGISTERED


def test_rc_declines_with_a_reason_and_the_provider_sees_it(plan, login):
    nomination = services.nomination_create(
        by=plan["provider"], event=plan["seminar"], person_name="Иванов Иван", position="юрист"
    )
    rc = login(plan["rc"])
    empty = rc.post(reverse("events:nomination_decline", args=[nomination.pk]), {"reason": ""})
    assert empty.status_code == 400
    assert "Обязательное поле" in empty.content.decode()
    rc.post(
        reverse("events:nomination_decline", args=[nomination.pk]),
        {"reason": "Семинар для специалистов по социальной работе"},
    )
    nomination.refresh_from_db()
    assert nomination.state == NominationState.DECLINED
    assert not Participation.objects.exists()
    page = login(plan["provider"]).get(reverse("events:training")).content.decode()
    assert "Семинар для специалистов по социальной работе" in page


def test_a_provider_cannot_decide_and_an_rc_cannot_nominate(plan):
    nomination = services.nomination_create(
        by=plan["provider"], event=plan["seminar"], person_name="Иванов Иван", position="юрист"
    )
    with pytest.raises(PermissionDenied):
        services.nomination_confirm(by=plan["provider"], nomination=nomination)
    with pytest.raises(PermissionDenied):
        services.nomination_create(
            by=plan["rc"], event=plan["seminar"], person_name="Петров Пётр", position="юрист"
        )


def test_provider_withdraws_a_waiting_nomination(plan, login):
    nomination = services.nomination_create(
        by=plan["provider"], event=plan["seminar"], person_name="Иванов Иван", position="юрист"
    )
    login(plan["provider"]).post(reverse("events:nomination_withdraw", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.state == NominationState.WITHDRAWN
    with pytest.raises(DomainError, match="уже рассмотрена"):
        services.nomination_confirm(by=plan["rc"], nomination=nomination)


def test_the_same_person_is_not_nominated_twice(plan):
    services.nomination_create(
        by=plan["provider"], event=plan["seminar"], person_name="Иванов Иван", position="юрист"
    )
    with pytest.raises(DomainError, match="уже выдвинут"):
        services.nomination_create(
            by=plan["provider"], event=plan["seminar"], person_name="иванов  иван", position="х"
        )


def test_nominations_close_after_the_deadline(plan, freeze):
    freeze(2026, 12, 2, 9)
    with pytest.raises(DomainError, match="закрыт"):
        services.nomination_create(
            by=plan["provider"], event=plan["seminar"], person_name="Иванов Иван", position="юрист"
        )


def test_confirmations_stop_when_the_places_are_taken(plan):
    names = ("Иванов Иван", "Петров Пётр", "Сидоров Сидор")
    nominations = [
        services.nomination_create(
            by=plan["provider"], event=plan["seminar"], person_name=name, position="юрист"
        )
        for name in names
    ]
    services.nomination_confirm(by=plan["rc"], nomination=nominations[0])
    services.nomination_confirm(by=plan["rc"], nomination=nominations[1])
    with pytest.raises(DomainError, match="Все места заняты"):
        services.nomination_confirm(by=plan["rc"], nomination=nominations[2])


def test_the_api_runs_the_same_flow(plan, client, freeze):
    seminar = plan["seminar"]
    created = client.post(
        "/api/v1/events/nominations",
        {"event_id": seminar.pk, "person_name": "Кравцова Елена", "position": "психолог"},
        content_type="application/json",
        headers=bearer(plan["provider"]),
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    confirmed = client.post(
        f"/api/v1/events/nominations/{pk}/confirm", headers=bearer(plan["rc"])
    ).json()
    assert confirmed["state"] == "confirmed"
    assert confirmed["attendance"] == "registered"
    freeze(2026, 12, 10, 17)
    patched = client.patch(
        f"/api/v1/events/participants/{confirmed['participation_id']}",
        {"status": "attended"},
        content_type="application/json",
        headers=bearer(plan["rc"]),
    )
    assert patched.status_code == 200
    mine = client.get("/api/v1/events/nominations", headers=bearer(plan["provider"])).json()
    assert mine["items"][0]["attendance"] == "attended"


def test_a_closed_event_refuses_nominations_in_the_api_with_422(plan, client):
    seminar = plan["seminar"]
    seminar.state = EventState.CANCELLED
    seminar.save()
    response = client.post(
        "/api/v1/events/nominations",
        {"event_id": seminar.pk, "person_name": "Кравцова Елена", "position": "психолог"},
        content_type="application/json",
        headers=bearer(plan["provider"]),
    )
    assert response.status_code == 422
    assert "закрыт" in response.json()["detail"]
