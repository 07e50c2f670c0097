"""X-4 for SOC-5, SOC-6: appeals and cases through the API — scoped (404 outside), each case
read logged with channel «api», versioned changes need the version read."""

import datetime

import pytest

from resurs.casework.cases.models import Appeal, Case, StepKind
from resurs.casework.cases.tests.conftest import bearer, open_case, take
from resurs.casework.citizens.models import AccessLogEntry

D = datetime.date
pytestmark = pytest.mark.django_db


def post(client, url, data, who):
    return client.post(url, data, content_type="application/json", headers=bearer(who))


def get(client, url, who, **params):
    return client.get(url, params, headers=bearer(who))


def test_take_an_appeal_and_list_the_journal(world, client):
    created = post(
        client,
        "/api/v1/cases/appeals",
        {
            "unit_id": world.a.support.pk,
            "received_at": "2025-05-14T10:00:00+05:00",
            "channel": "phone",
            "person_id": world.person.pk,
            "subject": "Просит консультацию",
        },
        world.specialist,
    )
    assert created.status_code == 201, created.json()
    assert created.json()["number"] == 1
    anonymous = post(
        client,
        "/api/v1/cases/appeals",
        {
            "unit_id": world.a.support.pk,
            "received_at": "2025-05-14T10:05:00+05:00",
            "channel": "phone",
            "is_anonymous": True,
            "person_id": world.person.pk,
            "subject": "Анонимно",
        },
        world.specialist,
    )
    assert anonymous.status_code == 422
    listed = get(client, "/api/v1/cases/appeals", world.head, channel="phone")
    assert [row["number"] for row in listed.json()["items"]] == [1]
    assert get(client, "/api/v1/cases/appeals", world.other_head).json()["items"] == []


def test_an_appeals_result_needs_the_version(world, client):
    appeal = take(world)
    url = f"/api/v1/cases/appeals/{appeal.pk}/result"
    missing = post(client, url, {"result": "consulted"}, world.specialist)
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "version", "message": "Обязательное поле."}]
    stale = post(client, url, {"result": "consulted", "version": 0}, world.specialist)
    assert stale.status_code == 409
    done = post(client, url, {"result": "consulted", "version": 1}, world.specialist)
    assert done.status_code == 200 and done.json()["version"] == 2


def test_open_a_case_record_steps_and_read_it_with_deadlines(world, client):
    appeal = take(world)
    created = post(
        client,
        "/api/v1/cases",
        {
            "unit_id": world.a.support.pk,
            "appeal_id": appeal.pk,
            "problem": "Нужна помощь",
            "detected_on": "2025-04-30",
        },
        world.specialist,
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["person_id"] == world.person.pk and body["stage"] == "problem_detected"
    information = next(d for d in body["deadlines"] if d["rule"] == "information")
    assert information["basis"] == "3 рабочих дня с 30.04.2025 — до 07.05.2025, п. 3.2.3"
    assert information["state"] == "overdue" and information["working_days_left_or_late"] == 3
    pk = body["id"]
    step = {"kind": "information_collected", "occurred_on": "2025-05-06"}
    assert post(client, f"/api/v1/cases/{pk}/steps", step, world.specialist).status_code == 422
    stale = post(client, f"/api/v1/cases/{pk}/steps", {**step, "version": 0}, world.specialist)
    assert stale.status_code == 409
    done = post(
        client, f"/api/v1/cases/{pk}/steps", {**step, "version": body["version"]}, world.specialist
    )
    assert done.status_code == 201
    assert done.json()["stage"] == "information_collected"
    assert [s["kind"] for s in done.json()["steps"]] == [
        "problem_detected",
        "information_collected",
    ]
    impossible = post(
        client,
        f"/api/v1/cases/{pk}/steps",
        {
            "kind": "implementation_started",
            "occurred_on": "2025-05-07",
            "version": done.json()["version"],
        },
        world.specialist,
    )
    assert impossible.status_code == 422
    assert "после утверждения ИППСУ" in str(impossible.json())
    read = get(client, f"/api/v1/cases/{pk}", world.head)
    assert read.status_code == 200
    assert AccessLogEntry.objects.filter(record_id=pk, channel="api").count() >= 1
    listed = get(client, "/api/v1/cases", world.head, overdue=True)
    assert [row["id"] for row in listed.json()["items"]] == []  # information met on 06.05
    assert (
        get(client, "/api/v1/cases", world.head, stage="information_collected").json()["count"] == 1
    )


@pytest.mark.parametrize("kind", ["appeal", "case"])
def test_every_outsider_gets_404_through_the_api_and_insiders_see(world, client, kind):
    record = take(world) if kind == "appeal" else open_case(world)
    url = f"/api/v1/cases/appeals/{record.pk}" if kind == "appeal" else f"/api/v1/cases/{record.pk}"
    for label, membership in world.outsiders.items():
        assert get(client, url, membership).status_code == 404, label
    for label, membership in world.insiders.items():
        assert get(client, url, membership).status_code == 200, label
    assert Appeal.all_records.count() + Case.all_records.count() == 1


def test_reading_an_appeal_that_names_a_person_is_logged(world, client):
    named, anonymous = take(world), take(world, anonymous=True)
    assert get(client, f"/api/v1/cases/appeals/{named.pk}", world.head).status_code == 200
    assert get(client, f"/api/v1/cases/appeals/{anonymous.pk}", world.head).status_code == 200
    entries = AccessLogEntry.objects.all()
    assert [(e.record_id, e.channel, e.person_id) for e in entries] == [
        (named.pk, "api", world.person.pk)
    ]


def test_an_outsider_cannot_record_a_step(world, client):
    case = open_case(world)
    response = post(
        client,
        f"/api/v1/cases/{case.pk}/steps",
        {"kind": StepKind.INFORMATION_COLLECTED, "occurred_on": "2025-05-06", "version": 1},
        world.specialist2,
    )
    assert response.status_code == 404
