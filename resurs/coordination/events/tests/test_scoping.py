"""Every scoped model of the events app: who must not see a record gets 404 in the UI and the
API; who may see it does (STYLE "Access scoping"; SPEC §0)."""

import pytest
from django.urls import reverse

from resurs.coordination.events.tests.helpers import bearer

pytestmark = pytest.mark.django_db

OUTSIDERS = ("other_provider", "other_rc", "uszn_uray")
# Who sees each kind of record besides the RC that owns it (SPEC §0: УСЗН its territory,
# the Department everything; a provider its own people and the events they take part in).
READERS = {
    "event": ("rc", "uszn_surgut", "department", "provider"),
    "participation": ("rc", "uszn_surgut", "department", "provider"),
    "nomination": ("rc", "uszn_surgut", "department", "provider"),
    "consultation": ("rc", "uszn_surgut", "department"),
    "plan": ("rc", "uszn_surgut", "department"),
    "item": ("rc", "uszn_surgut", "department"),
    "publication": ("rc", "uszn_surgut", "department"),
}
API = {
    "event": "/api/v1/events/{pk}",
    "participation": "/api/v1/events/participants/{pk}",
    "nomination": "/api/v1/events/nominations/{pk}",
    "consultation": "/api/v1/events/consultations/{pk}",
    "plan": "/api/v1/events/media-plans/{pk}",
    "item": "/api/v1/events/media-plan-items/{pk}",
    "publication": "/api/v1/events/publications/{pk}",
}


def _ui_get(client, world, record):
    obj = world[record]
    url = {
        "event": lambda: obj.get_absolute_url(),
        "participation": lambda: world["event"].get_absolute_url() + "?tab=participants",
        "nomination": lambda: reverse("events:nomination_decline", args=[obj.pk]),
        "consultation": lambda: obj.get_absolute_url(),
        "plan": lambda: obj.get_absolute_url(),
        "item": lambda: reverse("events:item_edit", args=[obj.pk]),
        "publication": lambda: obj.get_absolute_url(),
    }[record]()
    return client.get(url)


@pytest.mark.parametrize("record", list(API))
@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_in_the_ui(world, login, record, who):
    client = login(world[who])
    assert _ui_get(client, world, record).status_code == 404


@pytest.mark.parametrize("record", list(API))
@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_in_the_api(world, client, record, who):
    response = client.get(API[record].format(pk=world[record].pk), headers=bearer(world[who]))
    assert response.status_code == 404
    assert response.json() == {"detail": "Не найдено."}


@pytest.mark.parametrize(("record", "who"), [(r, w) for r, ws in READERS.items() for w in ws])
def test_readers_see_the_record_in_the_api(world, client, record, who):
    response = client.get(API[record].format(pk=world[record].pk), headers=bearer(world[who]))
    assert response.status_code == 200
    assert response.json()["id"] == world[record].pk


@pytest.mark.parametrize("who", ("rc", "uszn_surgut", "department", "provider"))
def test_readers_open_the_event_card_and_see_the_participant(world, login, who):
    response = login(world[who]).get(world["event"].get_absolute_url() + "?tab=participants")
    assert response.status_code == 200
    assert "Кравцова Елена Николаевна" in response.content.decode()


@pytest.mark.parametrize("record", ("consultation", "plan", "publication"))
@pytest.mark.parametrize("who", ("rc", "uszn_surgut", "department"))
def test_readers_open_the_cards(world, login, record, who):
    assert _ui_get(login(world[who]), world, record).status_code == 200


@pytest.mark.parametrize("record", ("consultation", "plan", "item", "publication"))
def test_a_participating_provider_does_not_see_the_rcs_own_records(world, login, client, record):
    assert _ui_get(login(world["provider"]), world, record).status_code == 404
    url = API[record].format(pk=world[record].pk)
    assert client.get(url, headers=bearer(world["provider"])).status_code == 404


def test_a_provider_sees_only_its_own_people_among_the_participants(world, login, client):
    from resurs.coordination.events.models import Participation

    stranger = Participation.objects.create(
        event=world["event"], person_name="Чужой Участник Иванович", position="логопед"
    )
    page = login(world["provider"]).get(world["event"].get_absolute_url() + "?tab=participants")
    assert "Кравцова Елена Николаевна" in page.content.decode()
    assert "Чужой Участник" not in page.content.decode()
    api = client.get(
        f"/api/v1/events/{world['event'].pk}", headers=bearer(world["provider"])
    ).json()
    assert stranger.pk not in [p["id"] for p in api["participants"]]
    assert world["participation"].pk in [p["id"] for p in api["participants"]]
    assert (
        client.get(
            f"/api/v1/events/participants/{stranger.pk}", headers=bearer(world["provider"])
        ).status_code
        == 404
    )


def test_lists_leave_out_what_the_user_may_not_see(world, client):
    for path in ("", "/nominations", "/consultations", "/media-plans", "/publications"):
        assert (
            client.get(f"/api/v1/events{path}", headers=bearer(world["other_provider"])).json()[
                "count"
            ]
            == 0
        ), path
        assert (
            client.get(f"/api/v1/events{path}", headers=bearer(world["rc"])).json()["count"] == 1
        ), path


def test_a_provider_sees_open_training_events_of_its_directions_only(world, login):
    from resurs.coordination.events.models import EventState
    from resurs.coordination.events.tests.helpers import local, make_event
    from tests.factories import direction

    open_in_2 = make_event(
        world["rc_org"],
        direction=direction(2),
        topic="Открытый семинар направления 2",
        start=local(2099, 1, 10, 10),
        nominations_open=True,
        state=EventState.PLANNED,
    )
    closed_in_2 = make_event(
        world["rc_org"], direction=direction(2), topic="Закрытый семинар", nominations_open=False
    )
    provider = login(world["provider"])
    assert provider.get(open_in_2.get_absolute_url()).status_code == 200
    assert provider.get(closed_in_2.get_absolute_url()).status_code == 404
    training = provider.get(reverse("events:training")).content.decode()
    assert "Открытый семинар направления 2" in training
    # A provider of direction 9 does not see direction 2's training plan.
    other = login(world["other_provider"])
    assert other.get(open_in_2.get_absolute_url()).status_code == 404
    assert "Открытый семинар" not in other.get(reverse("events:training")).content.decode()


@pytest.fixture
def foreign_people(world):
    """A provider of Урай sends its staff to the Surgut RC's event: their names and phones
    belong to Урай, not to the territory where the event's organiser sits."""
    from resurs.coordination.events.models import Nomination, Participation

    uray_org = world["other_provider"].organisation
    return {
        "participation": Participation.objects.create(
            event=world["event"],
            organisation=uray_org,
            person_name="Чужая Территория Анна",
            position="логопед",
            contact="+7 900 111-22-33",
        ),
        "nomination": Nomination.objects.create(
            event=world["event"],
            organisation=uray_org,
            person_name="Урайский Сотрудник Пётр",
            position="психолог",
            contact="+7 900 444-55-66",
        ),
    }


def test_an_uszn_does_not_read_another_territorys_people_at_an_event_in_its_own(
    world, foreign_people, login, client
):
    surgut = world["uszn_surgut"]
    participation, nomination = foreign_people["participation"], foreign_people["nomination"]
    card = login(surgut).get(world["event"].get_absolute_url() + "?tab=participants").text
    assert "Кравцова Елена Николаевна" in card  # the Surgut provider's person: its territory
    assert "Чужая Территория" not in card and "+7 900 111-22-33" not in card
    assert "Урайский Сотрудник" not in card
    for url in (
        f"/api/v1/events/participants/{participation.pk}",
        f"/api/v1/events/nominations/{nomination.pk}",
    ):
        assert client.get(url, headers=bearer(surgut)).status_code == 404, url
    assert (
        login(surgut).get(reverse("events:nomination_decline", args=[nomination.pk])).status_code
        == 404
    )
    listed = client.get("/api/v1/events/nominations", headers=bearer(surgut)).json()["items"]
    assert nomination.pk not in [n["id"] for n in listed]
    detail = client.get(f"/api/v1/events/{world['event'].pk}", headers=bearer(surgut)).json()
    assert participation.pk not in [p["id"] for p in detail["participants"]]
    # Урай's УСЗН sees its providers' people; the event's keepers see everyone at it.
    uray = world["uszn_uray"]
    for who in (uray, world["rc"], world["department"]):
        for url in (
            f"/api/v1/events/participants/{participation.pk}",
            f"/api/v1/events/nominations/{nomination.pk}",
        ):
            assert client.get(url, headers=bearer(who)).status_code == 200, (who.role, url)
