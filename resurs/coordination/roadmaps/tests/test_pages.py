"""Pages: the list, the card with its htmx editor, workflow buttons, marks, versions."""

import pytest

from resurs.coordination.roadmaps import services
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Item,
    Roadmap,
    RoadmapState,
)
from resurs.coordination.roadmaps.tests.conftest import agreed, make_roadmap
from tests.factories import direction

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def only_item(roadmap):
    return Item.objects.get(section__roadmap=roadmap)


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_for_few_and_many(
    world, login, django_assert_max_num_queries, count
):
    for year in range(2000, 2000 + count):
        Roadmap.objects.create(
            organisation=world["rc_org"], direction=direction(2), year=year, title=f"План {year}"
        )
    client = login(world["rc"])
    with django_assert_max_num_queries(12):
        response = client.get("/roadmaps/")
    assert response.status_code == 200
    assert response.content.decode().count("/roadmaps/") >= min(count, 50)


def test_the_list_filters_with_htmx(world, login, roadmap):
    client = login(world["rc"])
    response = client.get("/roadmaps/?year=2026", headers={**HTMX, "HX-Target": "results"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">') and roadmap.title in body


@pytest.mark.parametrize("tab", ["plan", "execution", "proposals", "versions", "files", "history"])
def test_every_tab_of_the_card_opens(world, login, roadmap, tab):
    response = login(world["rc"]).get(f"/roadmaps/{roadmap.pk}/?tab={tab}")
    assert response.status_code == 200


def test_editing_in_place_swaps_the_row_for_its_form_and_back(world, login, roadmap):
    item = only_item(roadmap)
    client = login(world["rc"])
    form = client.get(f"/roadmaps/items/{item.pk}/edit/", headers=HTMX).content.decode()
    assert form.lstrip().startswith(f'<tr id="item-{item.pk}"') and "<form" in form
    response = client.post(
        f"/roadmaps/items/{item.pk}/edit/",
        {"version": item.version, "name": "Семинар-практикум", "timeframe": "2 квартал"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Семинар-практикум" in body and "<form" not in body
    assert only_item(roadmap).checkpoints.get().due_on.month == 6


def test_a_stale_in_place_edit_shows_the_error_in_the_form(world, login, roadmap):
    item = only_item(roadmap)
    stale = item.version
    services.item_update(by=world["rc"], item=item, expected_version=stale, name="Чужая правка")
    response = login(world["rc"]).post(
        f"/roadmaps/items/{item.pk}/edit/",
        {"version": stale, "name": "Моя правка", "timeframe": "1 квартал"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert "<form" in body and "сохранил другой пользователь" in body
    assert only_item(roadmap).name == "Чужая правка"


def test_adding_an_item_rerenders_the_plan(world, login, roadmap):
    section = roadmap.sections.get()
    client = login(world["rc"])
    blank = client.get(f"/roadmaps/sections/{section.pk}/items/new/", headers=HTMX)
    assert blank.content.decode().lstrip().startswith('<tr id="new-item"')
    response = client.post(
        f"/roadmaps/sections/{section.pk}/items/new/",
        {"name": "Вебинар", "timeframe": "ежеквартально", "expected_results": "Обучено 20"},
        headers=HTMX,
    )
    assert response["HX-Retarget"] == "#plan"
    assert response.content.decode().lstrip().startswith('<div id="plan">')
    assert Item.objects.get(name="Вебинар").number == 2


def test_an_invalid_new_item_returns_its_form_with_errors(world, login, roadmap):
    section = roadmap.sections.get()
    response = login(world["rc"]).post(
        f"/roadmaps/sections/{section.pk}/items/new/", {"name": "", "timeframe": ""}, headers=HTMX
    )
    assert "Обязательное поле" in response.content.decode()
    assert not response.has_header("HX-Retarget")


def test_moving_and_deleting_with_htmx(world, login):
    roadmap = make_roadmap(world, items=[("1 квартал", "А"), ("2 квартал", "Б")])
    client = login(world["rc"])
    second = Item.objects.get(name="Б")
    response = client.post(f"/roadmaps/items/{second.pk}/move/up/", headers=HTMX)
    assert response.status_code == 200 and '<div id="plan">' in response.content.decode()
    assert Item.objects.get(name="Б").number == 1
    client.post(f"/roadmaps/items/{second.pk}/delete/", headers=HTMX)
    assert list(Item.objects.filter(section__roadmap=roadmap).values_list("number", "name")) == [
        (1, "А")
    ]
    assert client.post(f"/roadmaps/items/{second.pk}/move/sideways/").status_code == 404


def test_only_the_owner_sees_editor_buttons_and_may_post(world, login, roadmap):
    item = only_item(roadmap)
    page = login(world["provider"]).get(roadmap.get_absolute_url()).content.decode()
    assert "Предложить мероприятие" in page and "/edit/" not in page
    assert login(world["provider"]).post(f"/roadmaps/items/{item.pk}/delete/").status_code == 403


def test_the_workflow_through_the_pages(world, login, roadmap):
    rc, department = login(world["rc"]), login(world["department"])
    rc.post(f"/roadmaps/{roadmap.pk}/submit/")
    roadmap.refresh_from_db()
    assert roadmap.state == RoadmapState.SUBMITTED
    item = only_item(roadmap)
    form = department.get(f"/roadmaps/{roadmap.pk}/return/")
    assert f"item_{item.pk}" in form.content.decode()
    department.post(f"/roadmaps/{roadmap.pk}/return/", {"remark": "", f"item_{item.pk}": "Срок?"})
    roadmap.refresh_from_db()
    assert roadmap.state == RoadmapState.RETURNED
    assert "Срок?" in rc.get(roadmap.get_absolute_url()).content.decode()
    rc.post(f"/roadmaps/{roadmap.pk}/submit/")
    department.post(f"/roadmaps/{roadmap.pk}/agree/")
    roadmap.refresh_from_db()
    assert roadmap.state == RoadmapState.AGREED and roadmap.agreed_version == 1


def test_marking_a_checkpoint_with_an_event(world, login, roadmap, event):
    agreed(world, roadmap)
    checkpoint = Checkpoint.objects.get(item__section__roadmap=roadmap)
    client = login(world["rc"])
    page = client.get(checkpoint.get_absolute_url()).content.decode()
    assert f"event:{event.pk}" in page
    response = client.post(
        checkpoint.get_absolute_url(),
        {"result": "done", "done_text": "Проведён", "evidence": [f"event:{event.pk}"]},
    )
    assert response.status_code == 302
    page = client.get(checkpoint.get_absolute_url()).content.decode()
    assert event.get_absolute_url() in page and "выполнено" in page


def test_an_overdue_checkpoint_is_highlighted(world, login):
    roadmap = agreed(world, make_roadmap(world, year=2024, items=[("1 квартал", "А")]))
    page = login(world["rc"]).get(f"/roadmaps/{roadmap.pk}/?tab=execution").content.decode()
    assert "text-bg-danger" in page and "просрочено" in page


def test_versions_compare_side_by_side(world, login, roadmap):
    agreed(world, roadmap)
    services.roadmap_reopen(by=world["rc"], roadmap=roadmap)
    services.item_create(
        by=world["rc"], section=roadmap.sections.get(), name="Добавленное", timeframe="4 квартал"
    )
    item = Item.objects.get(name="Семинар")
    services.item_update(by=world["rc"], item=item, expected_version=None, name="Семинар-2")
    agreed(world, roadmap)
    page = login(world["department"]).get(f"/roadmaps/{roadmap.pk}/versions/compare/?a=1&b=2")
    body = page.content.decode()
    assert 'data-status="added"' in body and 'data-status="changed"' in body
    assert "Добавленное" in body and "Семинар-2" in body
    assert "Добавлено: 1, удалено: 0, изменено: 1" in body


def test_a_provider_proposes_and_the_rc_accepts(world, login, roadmap):
    section = roadmap.sections.get()
    login(world["provider"]).post(
        f"/roadmaps/{roadmap.pk}/propose/",
        {"text": "Провести мастер-класс", "suggested_name": "Мастер-класс",
         "suggested_timeframe": "3 квартал", "suggested_section": section.pk},
    )  # fmt: skip
    proposal = roadmap.proposals.get()
    rc = login(world["rc"])
    assert "Мастер-класс" in rc.get(f"/roadmaps/{roadmap.pk}/?tab=proposals").content.decode()
    rc.post(
        f"/roadmaps/proposals/{proposal.pk}/accept/",
        {"section": section.pk, "name": "Мастер-класс", "timeframe": "3 квартал"},
    )
    assert Item.objects.filter(section=section, name="Мастер-класс").exists()


@pytest.mark.parametrize("who", ["other_provider", "uszn_uray", "other_rc"])
def test_outsiders_get_404_on_every_page(world, login, roadmap, who):
    agreed(world, roadmap)
    proposal = services.proposal_create(by=world["provider"], roadmap=roadmap, text="Идея")
    item = only_item(roadmap)
    checkpoint = Checkpoint.objects.get(item=item)
    client = login(world[who])
    for url in (
        f"/roadmaps/{roadmap.pk}/",
        f"/roadmaps/items/{item.pk}/",
        f"/roadmaps/items/{item.pk}/edit/",
        f"/roadmaps/sections/{roadmap.sections.get().pk}/edit/",
        checkpoint.get_absolute_url(),
        f"/roadmaps/proposals/{proposal.pk}/decline/",
        f"/roadmaps/{roadmap.pk}/versions/compare/",
    ):
        assert client.get(url).status_code == 404, url
    assert roadmap.title not in client.get("/roadmaps/").content.decode()


@pytest.mark.parametrize("who", ["rc", "provider", "uszn_surgut", "department"])
def test_the_allowed_see_the_card(world, login, roadmap, who):
    assert login(world[who]).get(f"/roadmaps/{roadmap.pk}/").status_code == 200
    assert roadmap.title in login(world[who]).get("/roadmaps/").content.decode()
