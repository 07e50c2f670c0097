"""X-4: the events API — create, update, filters, pagination, errors in Russian, fixed queries."""

import pytest

from resurs.coordination.events.models import Event, Participation
from resurs.coordination.events.tests.helpers import (
    bearer,
    local,
    make_consultation,
    make_event,
    make_item,
    make_plan,
    make_publication,
)
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db

EVENT = {
    "kind": "seminar",
    "topic": "Семинар для специалистов направления",
    "direction_id": 2,
    "format": "in_person",
    "starts_at": "2026-03-20T10:00",
    "ends_at": "2026-03-20T12:00",
    "place": "г. Сургут",
}


@pytest.fixture
def rc():
    organisation = OrganisationFactory(territory=territory("Сургут"))
    rc_status(organisation, number=2)
    return member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))


def post(client, url, data, who):
    return client.post(url, data, content_type="application/json", headers=bearer(who))


def patch(client, url, data, who):
    return client.patch(url, data, content_type="application/json", headers=bearer(who))


def test_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/events", "/api/v1/events/{pk}", "/api/v1/events/{pk}/participants",
        "/api/v1/events/participants/{pk}", "/api/v1/events/nominations",
        "/api/v1/events/consultations", "/api/v1/events/media-plans",
        "/api/v1/events/media-plans/{pk}/items", "/api/v1/events/media-plan-items/{pk}",
        "/api/v1/events/publications",
    ):  # fmt: skip
        assert path in paths, path


def test_create_an_event_in_the_organisers_local_time(rc, client):
    response = post(client, "/api/v1/events", EVENT, rc)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["organiser_id"] == rc.organisation_id
    assert data["starts_at"] == "2026-03-20T10:00:00+05:00"
    assert data["participants"] == []
    assert Event.objects.get().starts_at == local(2026, 3, 20, 10)


def test_an_rc_cannot_create_for_another_organisation(rc, client):
    other = OrganisationFactory(territory=territory("Сургут"))
    other.directions.add(direction(2))
    response = post(client, "/api/v1/events", {**EVENT, "organiser_id": other.pk}, rc)
    assert response.status_code == 403


def test_rules_are_422_with_field_names(rc, client):
    response = post(client, "/api/v1/events", {**EVENT, "ends_at": "2026-03-20T09:00"}, rc)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "ends_at", "message": "Окончание раньше начала."}
    ]
    missing = post(client, "/api/v1/events", {"kind": "nonsense"}, rc).json()
    fields = {e["field"]: e["message"] for e in missing["errors"]}
    assert fields["kind"].startswith("Недопустимое значение")
    assert fields["topic"] == "Обязательное поле."


def test_update_with_version_and_a_stale_one_is_409(rc, client):
    created = post(client, "/api/v1/events", EVENT, rc).json()
    url = f"/api/v1/events/{created['id']}"
    ok = patch(client, url, {"version": created["version"], "state": "held"}, rc)
    assert ok.status_code == 200 and ok.json()["state"] == "held"
    stale = patch(client, url, {"version": created["version"], "topic": "Поздно"}, rc)
    assert stale.status_code == 409


def test_participants_are_added_and_listed_with_the_event(rc, client):
    event = make_event(rc.organisation, direction=direction(2))
    partner = OrganisationFactory(territory=territory("Сургут"))
    partner.directions.add(direction(2))
    url = f"/api/v1/events/{event.pk}/participants"
    person = post(client, url, {"person_name": "Орлова Светлана", "position": "психолог"}, rc)
    assert person.status_code == 201
    organisation = post(client, url, {"organisation_id": partner.pk}, rc)
    assert organisation.status_code == 201
    twice = post(client, url, {"organisation_id": partner.pk}, rc)
    assert twice.status_code == 422
    nobody = post(client, url, {}, rc)
    assert nobody.status_code == 422
    detail = client.get(f"/api/v1/events/{event.pk}", headers=bearer(rc)).json()
    assert {p["person_name"] for p in detail["participants"]} == {"Орлова Светлана", ""}
    removed = client.delete(
        f"/api/v1/events/participants/{person.json()['id']}", headers=bearer(rc)
    )
    assert removed.status_code == 204
    assert Participation.objects.count() == 1


def test_event_list_filters_and_paginates(rc, client):
    for day in range(1, 8):
        make_event(rc.organisation, direction=direction(2), start=local(2026, 3, day, 10))
    make_event(rc.organisation, direction=direction(2), kind="forum", start=local(2026, 4, 1))
    page = client.get(
        "/api/v1/events", {"kind": "seminar", "page_size": 5}, headers=bearer(rc)
    ).json()
    assert page["count"] == 7 and len(page["items"]) == 5
    assert page["items"][0]["starts_at"].startswith("2026-03-07")
    april = client.get("/api/v1/events", {"date_from": "2026-04-01"}, headers=bearer(rc)).json()
    assert [e["kind"] for e in april["items"]] == ["forum"]


@pytest.mark.parametrize(
    "path", ["", "/nominations", "/consultations", "/media-plans", "/publications"]
)
def test_api_lists_cost_the_same_for_3_and_60_rows(rc, client, path, django_assert_max_num_queries):
    from resurs.coordination.events.models import Nomination

    headers = bearer(rc)

    def add(n):
        for _ in range(n):
            event = make_event(rc.organisation, direction=direction(2))
            Nomination.objects.create(
                event=event, organisation=OrganisationFactory(), person_name="Иванов",
                position="юрист",
            )  # fmt: skip
            make_consultation(rc.organisation, [OrganisationFactory()], direction=direction(2))
            plan = make_plan(rc.organisation)
            make_publication(rc.organisation, plan_item=make_item(plan))

    add(3)
    client.get(f"/api/v1/events{path}", headers=headers)
    with django_assert_max_num_queries(8) as small:
        client.get(f"/api/v1/events{path}", {"page_size": 100}, headers=headers)
    add(57)
    with django_assert_max_num_queries(8) as large:
        response = client.get(f"/api/v1/events{path}", {"page_size": 100}, headers=headers)
    assert response.json()["count"] == 60
    assert len(large.captured_queries) == len(small.captured_queries)


def test_consultations_through_the_api(rc, client):
    partner = OrganisationFactory(territory=territory("Сургут"))
    partner.directions.add(direction(2))
    data = {
        "audience": "organisations",
        "consulted_organisation_ids": [partner.pk],
        "people_count": 3,
        "form": "group",
        "mode": "remote",
        "held_on": "2026-03-12",
        "topic": "Порядок предоставления услуг",
        "direction_id": 2,
    }
    created = post(client, "/api/v1/events/consultations", data, rc)
    assert created.status_code == 201, created.content
    assert created.json()["consulted_organisation_ids"] == [partner.pk]
    families = post(client, "/api/v1/events/consultations", {**data, "audience": "families"}, rc)
    assert families.status_code == 422
    assert "семей" in families.json()["detail"]
    unknown = post(
        client, "/api/v1/events/consultations",
        {**data, "consulted_organisation_ids": [partner.pk, 999999]}, rc,
    )  # fmt: skip
    assert unknown.json()["errors"][0]["field"] == "consulted_organisation_ids"
    pk = created.json()["id"]
    changed = patch(
        client, f"/api/v1/events/consultations/{pk}",
        {"version": created.json()["version"], "people_count": 5}, rc,
    )  # fmt: skip
    assert changed.json()["people_count"] == 5
    listed = client.get(
        "/api/v1/events/consultations", {"consulted_organisation_id": partner.pk},
        headers=bearer(rc),
    ).json()  # fmt: skip
    assert listed["count"] == 1


def test_media_plan_items_and_publications_through_the_api(rc, client, freeze):
    freeze(2026, 6, 15, 12)
    plan = post(client, "/api/v1/events/media-plans", {"year": 2026, "title": "Медиаплан"}, rc)
    assert plan.status_code == 201
    plan_id = plan.json()["id"]
    items_url = f"/api/v1/events/media-plans/{plan_id}/items"
    item = {"topic": "Статья", "deadline": "2026-03-31", "responsible_text": "Методист"}
    first = post(client, items_url, item, rc).json()
    second = post(client, items_url, {**item, "deadline": "2026-12-31", "channel": "tv"}, rc)
    assert second.json()["number"] == 2
    assert first["state"] == "overdue"
    publication = post(
        client, "/api/v1/events/publications",
        {"channel": "newspaper", "published_on": "2026-03-20", "title": "Статья вышла",
         "plan_item_id": first["id"]}, rc,
    )  # fmt: skip
    assert publication.status_code == 201
    assert publication.json()["is_mass_media"] is True
    site = post(
        client, "/api/v1/events/publications",
        {"channel": "website", "published_on": "2026-03-21", "title": "Новость на сайте"}, rc,
    )  # fmt: skip
    assert site.json()["is_mass_media"] is False
    detail = client.get(f"/api/v1/events/media-plans/{plan_id}", headers=bearer(rc)).json()
    assert [i["state"] for i in detail["items"]] == ["fulfilled", "planned"]
    assert detail["fulfilled_count"] == 1
    mass = client.get(
        "/api/v1/events/publications", {"is_mass_media": True}, headers=bearer(rc)
    ).json()
    assert [p["title"] for p in mass["items"]] == ["Статья вышла"]


def test_a_provider_cannot_fulfil_another_organisations_hidden_item(rc, client):
    item = make_item(make_plan(rc.organisation))
    provider = member(Role.PROVIDER, org={"territory": territory("Урай")})
    response = post(
        client, "/api/v1/events/publications",
        {"channel": "website", "published_on": "2026-03-21", "title": "Новость",
         "plan_item_id": item.pk}, provider,
    )  # fmt: skip
    assert response.status_code == 404


def test_the_consultant_is_a_user_of_the_consulting_organisation(rc, client):
    data = {"audience": "families", "held_on": "2026-03-12", "topic": "Развитие речи ребёнка"}
    stranger = member(Role.PROVIDER)
    refused = post(
        client, "/api/v1/events/consultations", {**data, "specialist_id": stranger.user_id}, rc
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "specialist_id"
    colleague = member(Role.SPECIALIST, rc.organisation)
    created = post(
        client, "/api/v1/events/consultations", {**data, "specialist_id": colleague.user_id}, rc
    )
    assert created.status_code == 201
    assert created.json()["specialist_id"] == colleague.user_id


def test_a_provider_cannot_tag_a_record_with_a_direction_it_does_not_take_part_in(client):
    """A direction decides which RC coordinates and sees a record (SPEC §0): a provider of
    direction 2 cannot hand its event, consultation or publication to direction 9's RC."""
    organisation = OrganisationFactory(territory=territory("Сургут"))
    organisation.directions.add(direction(2))
    provider = member(Role.PROVIDER, organisation)
    refused = {
        "field": "direction",
        "message": "Ваша организация не участвует в направлении «9. "
        f"{direction(9).short_name}»: отметить запись этим направлением нельзя.",
    }
    foreign = {**EVENT, "direction_id": direction(9).pk}
    response = post(client, "/api/v1/events", foreign, provider)
    assert response.status_code == 422
    assert response.json()["errors"] == [refused]
    assert not Event.objects.exists()
    created = post(client, "/api/v1/events", EVENT, provider)
    assert created.status_code == 201, created.content
    moved = patch(
        client,
        f"/api/v1/events/{created.json()['id']}",
        {"direction_id": direction(9).pk, "version": 1},
        provider,
    )
    assert moved.status_code == 422 and moved.json()["errors"] == [refused]
    assert Event.objects.get().direction == direction(2)
    publication = {
        "direction_id": direction(9).pk,
        "channel": "website",
        "published_on": "2026-03-01",
        "title": "Новость",
        "link": "https://example.org/news",
    }
    response = post(client, "/api/v1/events/publications", publication, provider)
    assert response.status_code == 422 and response.json()["errors"] == [refused]
