"""X-4: the registries endpoints — the same scope and rights as the pages."""

from datetime import date

import pytest

from resurs.coordination.registries.models import (
    LegalAct,
    Participant,
    PracticeCell,
    PracticeStatus,
)
from resurs.coordination.registries.tests import records
from tests.factories import OrganisationFactory, direction

pytestmark = pytest.mark.django_db
BASE = "/api/v1/registries"

PAYLOADS = {
    "participants": lambda: {
        "organisation_id": OrganisationFactory().pk,
        "category": "state_provider",
        "participation_form": "Соисполнитель «дорожной карты»",
        "joined_on": "2024-03-01",
    },
    "acts": lambda: {
        "level": "federal",
        "kind": "law",
        "number": "442-ФЗ",
        "adopted_on": "2013-12-28",
        "title": "Об основах социального обслуживания граждан в Российской Федерации",
    },
    "technologies": lambda: {"title": "Дистанционное консультирование", "introduced_year": 2022},
    "articles": lambda: {
        "title": "Из опыта работы",
        "authors": "Тур Н. В.",
        "publication": "Сборник",
        "published_on": "2022-12-20",
    },
    "practices": lambda: {"title": "Программа выходного дня", "number": 3},
}


def _post(client, url, payload, headers):
    return client.post(url, payload, content_type="application/json", headers=headers)


def _patch(client, url, payload, headers):
    return client.patch(url, payload, content_type="application/json", headers=headers)


@pytest.mark.parametrize("slug", PAYLOADS)
def test_the_rc_creates_reads_and_changes_a_record_of_its_registry(world, client, bearer, slug):
    headers = bearer(world["rc"])
    created = _post(client, f"{BASE}/{slug}", PAYLOADS[slug](), headers)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["owner_id"] == world["owner"].pk
    assert body["version"] == 1
    if slug != "acts":
        assert body["direction_id"] == direction(2).pk  # the RC's direction by default
    url = f"{BASE}/{slug}/{body['id']}"
    assert client.get(url, headers=headers).json() == body

    changed = _patch(client, url, {"version": 1, "is_public": True, "note": "Проверено"}, headers)

    assert changed.status_code == 200, changed.json()
    assert changed.json()["is_public"] is True and changed.json()["version"] == 2
    stale = _patch(client, url, {"version": 1, "note": "Старая версия"}, headers)
    assert stale.status_code == 409
    assert "другой пользователь" in stale.json()["detail"]


@pytest.mark.parametrize("slug", PAYLOADS)
def test_a_reader_cannot_write(world, client, bearer, slug):
    response = _post(client, f"{BASE}/{slug}", PAYLOADS[slug](), bearer(world["provider"]))
    assert response.status_code == 403
    assert "ресурсный центр" in response.json()["detail"]


def test_an_rc_cannot_write_into_another_organisations_registry(world, client, bearer):
    act = records.act(world["owner"], direction_number=2)
    headers = bearer(world["other_rc_2"])
    response = _patch(client, f"{BASE}/acts/{act.pk}", {"version": 1, "note": "x"}, headers)
    assert response.status_code == 403
    payload = {**PAYLOADS["acts"](), "owner_id": world["owner"].pk}
    assert _post(client, f"{BASE}/acts", payload, headers).status_code == 403
    assert LegalAct.objects.count() == 1


def test_model_rules_come_back_as_422_with_the_field(world, client, bearer):
    payload = {**PAYLOADS["participants"](), "status": "left"}
    response = _post(client, f"{BASE}/participants", payload, bearer(world["rc"]))
    assert response.status_code == 422
    assert {"field": "left_on", "message": "Укажите дату выхода из реестра."} in response.json()[
        "errors"
    ]
    assert not Participant.objects.exists()


def test_the_list_filters_and_pages_with_a_fixed_query_count(
    world, client, bearer, django_assert_max_num_queries
):
    headers = bearer(world["department"])
    for _ in range(3):
        records.participant(world["owner"])
    client.get(f"{BASE}/participants", headers=headers)
    with django_assert_max_num_queries(8) as small:
        client.get(f"{BASE}/participants", headers=headers)
    for _ in range(60):
        records.participant(world["owner"])
    with django_assert_max_num_queries(8) as large:
        page = client.get(f"{BASE}/participants?page_size=100", headers=headers).json()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert page["count"] == 63
    left = records.participant(world["owner"], status="left", left_on=date(2025, 1, 1))
    only_left = client.get(f"{BASE}/participants?status=left", headers=headers).json()
    assert [item["id"] for item in only_left["items"]] == [left.pk]


def test_matrix_cells_are_read_and_set_with_the_version(world, client, bearer):
    practice = records.practice(world["owner"])
    institution = OrganisationFactory()
    headers = bearer(world["rc"])
    url = f"{BASE}/practices/{practice.pk}/cells/{institution.pk}"

    created = client.put(url, {"status": "planned", "version": 0},
                         content_type="application/json", headers=headers)  # fmt: skip

    assert created.status_code == 200, created.json()
    assert created.json()["version"] == 1
    conflict = client.put(url, {"status": "implemented", "version": 0},
                          content_type="application/json", headers=headers)  # fmt: skip
    assert conflict.status_code == 409
    assert "Пока вы редактировали ячейку" in conflict.json()["detail"]
    listed = client.get(f"{BASE}/practices/{practice.pk}/cells", headers=headers).json()
    assert [(c["institution_id"], c["status"]) for c in listed["items"]] == [
        (institution.pk, "planned")
    ]
    assert PracticeCell.objects.get().status == PracticeStatus.PLANNED
    outsider = bearer(world["provider"])
    assert client.get(f"{BASE}/practices/{practice.pk}/cells", headers=outsider).status_code == 404
    reader = bearer(world["other_rc_2"])
    forbidden = client.put(url, {"status": "implemented", "version": 1},
                           content_type="application/json", headers=reader)  # fmt: skip
    assert forbidden.status_code == 403


def test_the_list_takes_the_kpi_drilldown_filters(world, client, bearer):
    """The filters behind the KPI 6.5 and 6.6 numbers work through the API as on the pages."""
    from resurs.coordination.registries.models import ParticipantCategory

    headers = bearer(world["department"])
    inside = records.participant(
        world["owner"], category=ParticipantCategory.SOCIAL_PARTNER, joined_on=date(2026, 8, 1)
    )
    records.participant(
        world["owner"], category=ParticipantCategory.SOCIAL_PARTNER, joined_on=date(2026, 11, 1)
    )
    records.participant(world["owner"], joined_on=date(2026, 8, 1))
    active = client.get(
        f"{BASE}/participants?category=partners&active_from=2026-07-01&active_to=2026-09-30",
        headers=headers,
    ).json()
    assert [item["id"] for item in active["items"]] == [inside.pk]
    inside.registered_on = date(2026, 8, 2)
    inside.save(update_fields=["registered_on"])
    registered = client.get(
        f"{BASE}/participants?registered_from=2026-08-01&registered_to=2026-08-31",
        headers=headers,
    ).json()
    assert [item["id"] for item in registered["items"]] == [inside.pk]
