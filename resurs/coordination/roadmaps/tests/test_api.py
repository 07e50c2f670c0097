"""X-4: the roadmap API — workflow, items, marks, proposals, versions; scoped; fixed queries."""

import pytest

from resurs.coordination.events.tests.helpers import bearer, make_event
from resurs.coordination.roadmaps import services
from resurs.coordination.roadmaps.models import Checkpoint, Item, Roadmap, RoadmapState
from resurs.coordination.roadmaps.tests.conftest import agreed, make_roadmap
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, territory

pytestmark = pytest.mark.django_db
API = "/api/v1/roadmaps"


def call(client, method, url, who, data=None):
    kwargs = {"headers": bearer(who)}
    if data is not None:
        kwargs.update(data=data, content_type="application/json")
    return getattr(client, method)(url, **kwargs)


def test_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        API, f"{API}/{{pk}}", f"{API}/{{pk}}/submit", f"{API}/{{pk}}/agree",
        f"{API}/{{pk}}/return", f"{API}/items", f"{API}/items/{{pk}}", f"{API}/checkpoints",
        f"{API}/checkpoints/{{pk}}/mark",
        f"{API}/marks", f"{API}/proposals", f"{API}/versions", f"{API}/{{pk}}/versions/compare",
    ):  # fmt: skip
        assert path in paths, path


def test_the_whole_path_through_the_api(world, client):
    rc, department = world["rc"], world["department"]
    created = call(client, "post", API, rc, {"year": 2026, "title": "Дорожная карта РЦ"})
    assert created.status_code == 201, created.content
    roadmap_id = created.json()["id"]
    assert created.json()["direction_id"] == 2
    section = call(client, "post", f"{API}/{roadmap_id}/sections", rc, {"title": "Раздел"}).json()
    item = call(
        client, "post", f"{API}/items", rc,
        {"section_id": section["id"], "name": "Семинар", "timeframe": "1 квартал 2026 года"},
    )  # fmt: skip
    assert item.status_code == 201 and item.json()["schedule_kind"] == "dated"
    item = item.json()
    assert call(client, "post", f"{API}/{roadmap_id}/submit", rc).json()["state"] == "submitted"
    assert call(client, "post", f"{API}/{roadmap_id}/agree", rc).status_code == 403
    returned = call(
        client, "post", f"{API}/{roadmap_id}/return", department,
        {"remark": "", "item_remarks": {str(item["id"]): "Уточните срок"}},
    )  # fmt: skip
    assert returned.json()["sections"][0]["items"][0]["remark"] == "Уточните срок"
    patched = call(
        client, "patch", f"{API}/items/{item['id']}", rc,
        {"version": item["version"], "timeframe": "ежеквартально"},
    )  # fmt: skip
    assert patched.status_code == 200, patched.content
    stale = call(
        client, "patch", f"{API}/items/{item['id']}", rc, {"version": item["version"], "name": "x"}
    )
    assert stale.status_code == 409
    call(client, "post", f"{API}/{roadmap_id}/submit", rc)
    agreed_out = call(client, "post", f"{API}/{roadmap_id}/agree", department).json()
    assert agreed_out["state"] == "agreed" and agreed_out["agreed_version"] == 1
    checkpoints = call(client, "get", f"{API}/checkpoints?roadmap_id={roadmap_id}", rc).json()
    assert checkpoints["count"] == 4
    event = make_event(world["rc_org"], direction=direction(2))
    mark = call(
        client, "put", f"{API}/checkpoints/{checkpoints['items'][0]['id']}/mark", rc,
        {"result": "done", "done_text": "Проведён", "version": 0,
         "evidence": [{"kind": "event", "id": event.pk}]},
    )  # fmt: skip
    assert mark.status_code == 200, mark.content
    assert mark.json()["evidence"][0]["title"] == str(event)
    # The mark exists now: a caller that read it before (0) or leaves the version out would
    # overwrite it unseen — 409 and 422; the version read changes it.
    url = f"{API}/checkpoints/{checkpoints['items'][0]['id']}/mark"
    again = {"result": "not_done", "done_text": "Перенесён"}
    assert call(client, "put", url, rc, {**again, "version": 0}).status_code == 409
    missing = call(client, "put", url, rc, again)
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "version", "message": "Обязательное поле."}]
    changed = call(client, "put", url, rc, {**again, "version": mark.json()["version"]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["done_text"] == "Перенесён"
    versions = call(client, "get", f"{API}/versions?roadmap_id={roadmap_id}", rc).json()
    assert versions["count"] == 1
    changes = call(client, "get", f"{API}/{roadmap_id}/versions/compare?a=1&b=current", rc).json()
    assert [c["status"] for c in changes] == ["same"]


def test_evidence_the_caller_cannot_see_is_refused(world, client, roadmap):
    agreed(world, roadmap)
    hidden = make_event(world["other_org"], direction=direction(9))
    checkpoint = Checkpoint.objects.get(item__section__roadmap=roadmap)
    response = call(
        client, "put", f"{API}/checkpoints/{checkpoint.pk}/mark", world["rc"],
        {"result": "done", "done_text": "x", "version": 0,
         "evidence": [{"kind": "event", "id": hidden.pk}]},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] != "version"


def test_a_provider_reads_but_does_not_write(world, client, roadmap):
    provider = world["provider"]
    assert call(client, "get", f"{API}/{roadmap.pk}", provider).status_code == 200
    item = Item.objects.get(section__roadmap=roadmap)
    assert (
        call(
            client, "patch", f"{API}/items/{item.pk}", provider, {"version": 1, "name": "x"}
        ).status_code
        == 403
    )
    proposed = call(
        client, "post", f"{API}/proposals", provider, {"roadmap_id": roadmap.pk, "text": "Идея"}
    )
    assert proposed.status_code == 201


def test_a_provider_sees_only_its_own_proposals(world, client, roadmap):
    neighbour_org = OrganisationFactory(territory=territory("Сургут"))
    neighbour_org.directions.add(direction(2))
    neighbour = member(Role.PROVIDER, neighbour_org)
    theirs = services.proposal_create(by=neighbour, roadmap=roadmap, text="Их идея")
    mine = services.proposal_create(by=world["provider"], roadmap=roadmap, text="Моя идея")
    listed = call(client, "get", f"{API}/proposals", world["provider"]).json()
    assert [p["id"] for p in listed["items"]] == [mine.pk]
    assert call(client, "get", f"{API}/proposals/{theirs.pk}", world["provider"]).status_code == 404
    rc_list = call(client, "get", f"{API}/proposals", world["rc"]).json()
    assert rc_list["count"] == 2


@pytest.mark.parametrize("who", ["other_provider", "uszn_uray", "other_rc"])
def test_outsiders_get_404_from_every_endpoint(world, client, roadmap, who):
    agreed(world, roadmap)
    item = Item.objects.get(section__roadmap=roadmap)
    checkpoint = Checkpoint.objects.get(item=item)
    mark = services.mark_set(by=world["rc"], checkpoint=checkpoint, result="not_done")
    proposal = services.proposal_create(by=world["provider"], roadmap=roadmap, text="Идея")
    version = roadmap.versions.get()
    outsider = world[who]
    for url in (
        f"{API}/{roadmap.pk}", f"{API}/items/{item.pk}", f"{API}/checkpoints/{checkpoint.pk}",
        f"{API}/marks/{mark.pk}", f"{API}/proposals/{proposal.pk}", f"{API}/versions/{version.pk}",
        f"{API}/{roadmap.pk}/versions/compare?a=1",
    ):  # fmt: skip
        assert call(client, "get", url, outsider).status_code == 404, url
    for url in (API, f"{API}/items", f"{API}/checkpoints", f"{API}/marks", f"{API}/versions"):
        assert call(client, "get", url, outsider).json()["count"] == 0, url


@pytest.mark.parametrize("who", ["rc", "provider", "uszn_surgut", "department"])
def test_the_allowed_see_the_roadmap(world, client, roadmap, who):
    assert call(client, "get", f"{API}/{roadmap.pk}", world[who]).status_code == 200
    assert call(client, "get", API, world[who]).json()["count"] == 1


@pytest.mark.parametrize("count", [3, 30])
def test_lists_cost_the_same_for_few_and_many(world, client, django_assert_max_num_queries, count):
    roadmap = make_roadmap(
        world, items=[("ежеквартально", f"Мероприятие {n}") for n in range(count)]
    )
    agreed(world, roadmap)
    for n in range(count - 1):
        Roadmap.objects.create(
            organisation=world["rc_org"], direction=direction(2), year=1990 + n, title=f"План {n}"
        )
    for checkpoint in Checkpoint.objects.filter(item__section__roadmap=roadmap)[:count]:
        services.mark_set(by=world["rc"], checkpoint=checkpoint, result="not_done")
    headers = bearer(world["rc"])
    for url in (API, f"{API}/items", f"{API}/checkpoints", f"{API}/marks", f"{API}/proposals",
                f"{API}/versions"):  # fmt: skip
        with django_assert_max_num_queries(9):
            response = client.get(f"{url}?page_size=100", headers=headers)
        assert response.status_code == 200, url


def test_the_roadmap_list_filters(world, client):
    make_roadmap(world, year=2025, title="Старая")
    make_roadmap(world, year=2026, title="Новая")
    listed = call(client, "get", f"{API}?year=2026&state=draft", world["rc"]).json()
    assert [r["title"] for r in listed["items"]] == ["Новая"]
    assert listed["items"][0]["state"] == RoadmapState.DRAFT
