"""X-4 for REP-9: send, list the board with counts, incoming, answer with a file, accept and
return, errors in Russian, rights, a fixed number of queries."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resurs.coordination.instructions.models import AddresseeStatus, Instruction
from resurs.coordination.instructions.tests.conftest import TODAY, bearer, send

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def post(client, url, data, who):
    return client.post(url, data, content_type="application/json", headers=bearer(who))


def version_of(client, url, who) -> int:
    return client.get(url, headers=bearer(who)).json()["version"]


def payload(world, **changes):
    data = {
        "kind": "request",
        "title": "О кадровом обеспечении",
        "text": "Прошу представить сведения.",
        "deadline": "2026-04-20",
        "addressee_ids": [world["provider_a"].organisation.pk],
    }
    data.update(changes)
    return data


def test_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/instructions", "/api/v1/instructions/incoming", "/api/v1/instructions/{pk}",
        "/api/v1/instructions/{pk}/close", "/api/v1/instructions/{pk}/cancel",
        "/api/v1/instructions/addressees/{pk}", "/api/v1/instructions/addressees/{pk}/answer",
        "/api/v1/instructions/addressees/{pk}/files", "/api/v1/instructions/addressees/{pk}/accept",
        "/api/v1/instructions/addressees/{pk}/return",
    ):  # fmt: skip
        assert path in paths, path


def test_send_and_read_back(world, client):
    response = post(client, "/api/v1/instructions", payload(world), world["rc"])
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["number"], data["year"], data["kind"]) == (2, 2026, "request")
    assert data["sender_id"] == world["rc"].organisation_id
    assert [a["organisation_id"] for a in data["addressees"]] == [
        world["provider_a"].organisation_id
    ]
    assert data["addressees"][0]["control"] == "open"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"deadline": "2026-04-01"},
            None,
            "Срок исполнения не может быть раньше сегодняшнего дня.",
        ),
        ({"deadline": "1 мая"}, "deadline", "Неверная дата: ожидается ГГГГ-ММ-ДД."),
        ({"kind": "letter"}, "kind", "Недопустимое значение"),
        ({"addressee_ids": []}, "addressee_ids", None),
    ],
)
def test_bad_input_is_422_in_russian(world, client, changes, field, message):
    response = post(client, "/api/v1/instructions", payload(world, **changes), world["rc"])
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors[0]["field"] == field
    if message:
        assert errors[0]["message"].startswith(message)
    assert Instruction.objects.count() == 1


def test_addressing_an_organisation_outside_the_scope_is_422(world, client):
    data = payload(world, addressee_ids=[world["outsider"].organisation.pk])
    response = post(client, "/api/v1/instructions", data, world["rc"])
    assert response.status_code == 422
    assert "не можете направить" in response.json()["detail"]


def test_a_provider_cannot_send(world, client):
    data = payload(world, addressee_ids=[world["rc"].organisation.pk])
    assert post(client, "/api/v1/instructions", data, world["provider_a"]).status_code == 403


def test_answer_with_a_file_accept_and_return(world, client, freeze):
    row = world["row_a"]
    base = f"/api/v1/instructions/addressees/{row.pk}"
    upload = client.post(
        f"{base}/files",
        {"file": SimpleUploadedFile("сведения.pdf", b"%PDF-1.4 x")},
        headers=bearer(world["provider_a"]),
    )
    assert upload.status_code == 201, upload.content
    assert upload.json()["original_name"] == "сведения.pdf"
    freeze(world["instruction"].deadline + 2 * DAY)
    answered = post(
        client,
        f"{base}/answer",
        {"text": "Сведения направляем.", "version": version_of(client, base, world["rc"])},
        world["provider_a"],
    )
    assert answered.status_code == 200
    data = answered.json()
    assert (data["status"], data["control"], data["days_late"]) == ("answered", "late", 2)
    assert data["files"][0]["url"] == f"/files/{upload.json()['id']}/"
    again = post(
        client,
        f"{base}/answer",
        {"text": "Ещё раз", "version": data["version"]},
        world["provider_a"],
    )
    assert again.status_code == 422 and again.json()["detail"] == "Ответ уже направлен."
    late_file = client.post(
        f"{base}/files",
        {"file": SimpleUploadedFile("поздно.pdf", b"%PDF-1.4 x")},
        headers=bearer(world["provider_a"]),
    )
    assert late_file.status_code == 403
    version = data["version"]
    assert (
        post(client, f"{base}/accept", {"version": version}, world["provider_a"]).status_code == 403
    )
    returned = post(
        client, f"{base}/return", {"remark": "Добавьте март.", "version": version}, world["rc"]
    )
    assert returned.json()["status"] == "open"
    assert returned.json()["return_remark"] == "Добавьте март."
    post(
        client,
        f"{base}/answer",
        {"text": "С мартом.", "version": returned.json()["version"]},
        world["provider_a"],
    )
    version = client.get(base, headers=bearer(world["rc"])).json()["version"]
    stale = post(client, f"{base}/accept", {"version": version - 1}, world["rc"])
    assert stale.status_code == 409
    accepted = post(client, f"{base}/accept", {"version": version}, world["rc"])
    assert accepted.json()["status"] == AddresseeStatus.ACCEPTED


def test_board_and_incoming_lists_with_filters(world, client, freeze):
    rc, provider = world["rc"], world["provider_a"]
    send(rc, [provider.organisation], title="Срочный", deadline=TODAY + DAY)
    freeze(TODAY + 3 * DAY)
    board = client.get("/api/v1/instructions", headers=bearer(rc)).json()
    assert board["count"] == 2
    first = board["items"][0]
    assert (first["addressees_total"], first["overdue"], first["open"]) == (1, 1, 0)
    overdue = client.get("/api/v1/instructions", {"control": "overdue"}, headers=bearer(rc)).json()
    assert [i["title"] for i in overdue["items"]] == ["Срочный"]
    incoming = client.get(
        "/api/v1/instructions/incoming", {"state": "overdue"}, headers=bearer(provider)
    ).json()
    assert [i["instruction"]["title"] for i in incoming["items"]] == ["Срочный"]
    assert incoming["items"][0]["days_late"] == 2


def test_close_and_cancel(world, client):
    pk = world["instruction"].pk
    read = {"version": world["instruction"].version}
    assert (
        post(client, f"/api/v1/instructions/{pk}/close", read, world["provider_a"]).status_code
        == 403
    )
    closed = post(client, f"/api/v1/instructions/{pk}/close", read, world["rc"])
    assert closed.json()["state"] == "closed"
    again = post(
        client,
        f"/api/v1/instructions/{pk}/cancel",
        {"version": closed.json()["version"]},
        world["rc"],
    )
    assert again.status_code == 422


def test_every_change_requires_the_version_read(world, client):
    """An integration that leaves the version out would silently overwrite a concurrent
    answer or decision: 422 in Russian, nothing saved; a stale version is 409."""
    row = world["row_a"]
    base = f"/api/v1/instructions/addressees/{row.pk}"
    missing = post(client, f"{base}/answer", {"text": "Без версии"}, world["provider_a"])
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "version", "message": "Обязательное поле."}]
    stale = post(
        client,
        f"{base}/answer",
        {"text": "Со старой версией", "version": row.version - 1},
        world["provider_a"],
    )
    assert stale.status_code == 409
    assert "другой пользователь" in stale.json()["detail"]
    row.refresh_from_db()
    assert row.answer_text == ""
    pk = world["instruction"].pk
    for action in ("close", "cancel"):
        response = post(client, f"/api/v1/instructions/{pk}/{action}", {}, world["rc"])
        assert response.status_code == 422, action
    for action, extra in (("accept", {}), ("return", {"remark": "Нет"})):
        response = post(client, f"{base}/{action}", extra, world["rc"])
        assert response.status_code == 422, action
        assert response.json()["errors"][0]["message"] == "Обязательное поле."


@pytest.mark.parametrize(("path", "who"), [("", "rc"), ("/incoming", "provider_a")])
def test_api_lists_cost_the_same_for_few_and_many_rows(
    world, client, path, who, django_assert_max_num_queries
):
    headers = bearer(world[who])
    url = f"/api/v1/instructions{path}"
    client.get(url, headers=headers)
    with django_assert_max_num_queries(8) as small:
        client.get(url, headers=headers)
    for n in range(25):
        send(world["rc"], [world["provider_a"].organisation], title=f"Ещё {n}")
    with django_assert_max_num_queries(8) as large:
        response = client.get(url, headers=headers)
    assert response.json()["count"] == 26
    assert len(large.captured_queries) == len(small.captured_queries)
