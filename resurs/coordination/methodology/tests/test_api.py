"""X-4: the methodology endpoints — the same path, scope and permissions as the pages."""

import pytest

from resurs.coordination.methodology.services import practices
from resurs.coordination.methodology.tests.conftest import make_product, under_review
from resurs.kernel.accounts.services import api_token_create
from tests.factories import direction

pytestmark = pytest.mark.django_db

API = "/api/v1/methodology"


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}


def post(client, url, data, membership):
    return client.post(url, data, content_type="application/json", headers=bearer(membership))


def test_schema_publishes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/products",
        "/products/{pk}",
        "/products/{pk}/submit",
        "/products/{pk}/start-review",
        "/products/{pk}/verdict",
        "/products/{pk}/resubmit",
        "/practices",
        "/practices/{pk}/analyse",
        "/practices/{pk}/replications",
    ):
        assert f"{API}{path}" in paths, path


def test_api_path_from_draft_to_approval_by_two_reviewers(client, world):
    w = world
    created = post(
        client,
        f"{API}/products",
        {
            "kind": "manual",
            "title": "Пособие для специалистов",
            "annotation": "Алгоритм работы.",
            "organisation_id": w.rc_org.pk,
            "direction_id": direction(2).pk,
            "year": 2025,
        },
        w.rc,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["state"] == "draft" and body["author_organisation_id"] == w.rc_org.pk
    url = f"{API}/products/{body['id']}"
    assert post(client, f"{url}/submit", {}, w.rc).json()["state"] == "sent"
    started = post(
        client,
        f"{url}/start-review",
        {"council_id": w.council.pk, "reviewer_ids": [e.user.pk for e in w.experts[:2]]},
        w.department,
    )
    assert started.status_code == 200 and started.json()["state"] == "under_review"
    assert [r["verdict"] for r in started.json()["rounds"][0]["reviews"]] == ["", ""]
    for expert in w.experts[:2]:
        response = post(client, f"{url}/verdict", {"verdict": "approve"}, expert)
        assert response.status_code == 200
    final = client.get(url, headers=bearer(w.rc)).json()
    assert final["state"] == "approved"
    assert final["rounds"][0]["outcome"] == "approved"
    assert [r["verdict"] for r in final["rounds"][0]["reviews"]] == ["approve", "approve"]


def test_api_returned_then_resubmitted(client, world):
    w = world
    product = under_review(w, make_product(w))
    url = f"{API}/products/{product.pk}"
    no_remarks = post(client, f"{url}/verdict", {"verdict": "return"}, w.experts[0])
    assert no_remarks.status_code == 422
    assert no_remarks.json()["errors"][0]["field"] == "remarks"
    post(client, f"{url}/verdict", {"verdict": "return", "remarks": "Доработать."}, w.experts[0])
    resubmitted = post(client, f"{url}/resubmit", {"note": "Доработано."}, w.rc)
    assert resubmitted.json()["state"] == "sent"
    assert resubmitted.json()["rounds"][0]["reviews"][0]["remarks"] == "Доработать."


def test_api_non_member_verdict_is_a_json_403(client, world):
    w = world
    product = under_review(w, make_product(w))
    response = post(
        client, f"{API}/products/{product.pk}/verdict", {"verdict": "approve"}, w.department
    )
    assert response.status_code == 403
    assert "эксперт" in response.json()["detail"]
    started = post(
        client,
        f"{API}/products/{product.pk}/start-review",
        {"council_id": w.council.pk, "reviewer_ids": [w.experts[0].user.pk]},
        w.rc,
    )
    assert started.status_code == 403


def test_api_wrong_transition_is_a_json_422(client, world):
    w = world
    product = make_product(w)
    response = post(
        client,
        f"{API}/products/{product.pk}/start-review",
        {"council_id": w.council.pk, "reviewer_ids": [e.user.pk for e in w.experts[:2]]},
        w.department,
    )
    assert response.status_code == 422
    assert "На экспертизу" in response.json()["detail"]


def test_api_optimistic_locking(client, world):
    w = world
    product = make_product(w)
    url = f"{API}/products/{product.pk}"
    first = client.patch(
        url, {"version": 1, "authors": "Иванова"}, content_type="application/json",
        headers=bearer(w.rc),
    )  # fmt: skip
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(
        url, {"version": 1, "authors": "Петров"}, content_type="application/json",
        headers=bearer(w.rc),
    )  # fmt: skip
    assert stale.status_code == 409


@pytest.mark.parametrize("who", ["other_provider", "uszn_uray", "rc8"])
def test_api_outside_the_scope_is_404(client, world, who):
    w = world
    product = make_product(w)
    practice = practices.practice_create(
        by=w.provider,
        organisation=w.provider_org,
        direction=direction(2),
        title="Практика",
        description="Описание",
        year=2025,
    )
    headers = bearer(getattr(w, who))
    assert client.get(f"{API}/products/{product.pk}", headers=headers).status_code == 404
    assert client.get(f"{API}/practices/{practice.pk}", headers=headers).status_code == 404
    submit = client.post(f"{API}/products/{product.pk}/submit", headers=headers)
    assert submit.status_code == 404 and submit.json() == {"detail": "Не найдено."}
    assert client.get(f"{API}/products", headers=headers).json()["count"] == 0
    assert client.get(f"{API}/practices", headers=headers).json()["count"] == 0


@pytest.mark.parametrize("who", ["rc", "provider", "uszn_surgut", "methodist"])
def test_api_inside_the_scope_is_shown(client, world, who):
    w = world
    product = make_product(w)
    headers = bearer(getattr(w, who))
    assert client.get(f"{API}/products/{product.pk}", headers=headers).status_code == 200
    assert client.get(f"{API}/products", headers=headers).json()["count"] == 1


def test_api_lists_pin_their_query_count(client, world, django_assert_max_num_queries):
    w = world
    headers = bearer(w.department)

    def add(n):
        make_product(w, title=f"Продукт {n}")
        practices.practice_create(
            by=None,
            organisation=w.provider_org,
            direction=direction(2),
            title=f"Практика {n}",
            description="Описание",
            year=2025,
        )

    for n in range(3):
        add(n)
    counts = {}
    for endpoint in ("products", "practices"):
        client.get(f"{API}/{endpoint}", headers=headers)
        with django_assert_max_num_queries(6) as small:
            client.get(f"{API}/{endpoint}", headers=headers)
        counts[endpoint] = len(small.captured_queries)
    for n in range(3, 60):
        add(n)
    for endpoint in ("products", "practices"):
        with django_assert_max_num_queries(6) as large:
            body = client.get(f"{API}/{endpoint}?page_size=100", headers=headers).json()
        assert body["count"] == 60 and len(body["items"]) == 60
        assert len(large.captured_queries) == counts[endpoint]


def test_api_list_filters(client, world):
    w = world
    make_product(w, title="Технология раз")
    make_product(
        w, by=w.department, title="Программа два", organisation=w.rc8_org, direction=direction(8)
    )
    headers = bearer(w.department)
    body = client.get(f"{API}/products?direction_id={direction(8).pk}", headers=headers).json()
    assert [p["title"] for p in body["items"]] == ["Программа два"]
    body = client.get(f"{API}/products?kind=technology&q=РАЗ", headers=headers).json()
    assert [p["title"] for p in body["items"]] == ["Технология раз"]


def test_api_practice_path(client, world):
    w = world
    created = post(
        client,
        f"{API}/practices",
        {
            "organisation_id": w.provider_org.pk,
            "direction_id": direction(2).pk,
            "title": "Клуб взаимной поддержки",
            "description": "Встречи с психологом.",
            "year": 2025,
        },
        w.provider,
    )
    assert created.status_code == 201
    url = f"{API}/practices/{created.json()['id']}"
    assert post(client, f"{url}/propose", {}, w.provider).json()["state"] == "proposed"
    assert post(client, f"{url}/analyse", {"verdict": "recommended", "analysis": "Да."},
                w.rc8).status_code == 404  # fmt: skip
    analysed = post(client, f"{url}/analyse", {"verdict": "recommended", "analysis": "Да."}, w.rc)
    assert analysed.json()["state"] == "recommended"
    assert post(client, f"{url}/submit", {}, w.provider).status_code == 403
    assert post(client, f"{url}/submit", {}, w.rc).json()["state"] == "submitted"
    replicated = post(
        client,
        f"{url}/replications",
        {"organisation_id": w.rc8_org.pk, "started_on": "2025-11-01", "result": "Внедрена."},
        w.methodist,
    )
    assert replicated.status_code == 201
    assert client.get(url, headers=bearer(w.rc)).json()["replications"][0]["result"] == "Внедрена."


def test_api_councils_for_the_secretary_only(client, world):
    w = world
    body = client.get(f"{API}/councils", headers=bearer(w.department)).json()
    assert body[0]["approvals_needed"] == 2 and len(body[0]["member_ids"]) == 3
    assert client.get(f"{API}/councils", headers=bearer(w.provider)).status_code == 403


def test_a_provider_cannot_propose_a_practice_in_a_direction_it_does_not_take_part_in(
    client, world
):
    w = world
    body = {
        "organisation_id": w.provider_org.pk,
        "direction_id": direction(8).pk,
        "title": "Клуб взаимной поддержки",
        "description": "Встречи с психологом.",
        "year": 2025,
    }
    refused = post(client, f"{API}/practices", body, w.provider)
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["direction"]
    assert "не участвует в направлении" in refused.json()["errors"][0]["message"]
    assert client.get(f"{API}/practices", headers=bearer(w.rc8)).json()["count"] == 0
    # The Department registers a practice in any direction.
    assert post(client, f"{API}/practices", body, w.department).status_code == 201
