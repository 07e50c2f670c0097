"""X-4 for TSR-1..5: the inventory, applications with their positions and decisions,
contracts and returns through the API — scoped like the pages (an outsider's 404 is the 404
of a record that does not exist; the Department sees the fund, not the citizens)."""

import datetime
from decimal import Decimal

import pytest

from resurs.casework.cases.tests.conftest import bearer
from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.rental import services
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply

pytestmark = pytest.mark.django_db
API = "/api/v1/rental"


def get(client, url, who, **params):
    return client.get(url, params, headers=bearer(who))


def post(client, url, data, who):
    return client.post(url, data, content_type="application/json", headers=bearer(who))


@pytest.fixture
def point(rental, catalogue):
    services.point_save(
        by=rental.head, unit=rental.a.support, address="ул. Молодежная", hours="пн–пт"
    )
    rental.chair = add_item(rental, rental.wheelchair, "КК-1")
    return rental


def test_an_application_waits_with_its_place_and_is_issued_and_returned(point, client):
    w = point
    first = apply(w, w.wheelchair, person=w.neighbour, days_ago=5)
    start = TODAY - datetime.timedelta(days=9)
    services.issue(
        by=w.specialist, application=first, items=[w.chair], starts_on=start, ends_on=start
    )
    created = post(
        client,
        f"{API}/applications",
        {
            "person_id": w.veteran.pk,
            "unit_id": w.a.support.pk,
            "category": "2.1.1",
            "requested_kind_id": w.wheelchair.pk,
            "ipra_kind_ids": [w.wheelchair.pk],
            "priority": "wwii_veteran",
            "documents": ["doc_identity", "doc_ipra"],
        },
        w.specialist,
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["position"] == 1 and "ветеран ВОВ" in body["position_explanation"]
    assert body["decisions"][0]["free"] is True and "п. 4.2" in body["decisions"][0]["reason"]
    queue = get(client, f"{API}/queue/{w.wheelchair.pk}", w.specialist).json()
    assert queue[0]["application_id"] == body["id"]
    services.return_items(by=w.specialist, contract=first.contract, returned_on=start)
    issued = post(
        client,
        f"{API}/applications/{body['id']}/contract",
        {"item_ids": [w.chair.pk], "starts_on": str(start), "ends_on": str(TODAY)},
        w.specialist,
    )
    assert issued.status_code == 201, issued.content
    contract = issued.json()
    assert contract["loans"][0]["free"] is True and contract["loans"][0]["amount"] == "0.00"
    returned = post(
        client,
        f"{API}/contracts/{contract['id']}/return",
        {"returned_on": str(TODAY), "items": [{"item_id": w.chair.pk, "condition": "lost"}]},
        w.specialist,
    )
    assert returned.status_code == 201, returned.content
    charge = returned.json()["charges"][0]
    assert charge["kind"] == "loss" and Decimal(charge["amount"]) == Decimal("12000")
    assert not AccessLogEntry.objects.filter(person=w.veteran).exists()
    assert get(client, f"{API}/applications/{body['id']}", w.specialist).status_code == 200
    assert AccessLogEntry.objects.filter(person=w.veteran).exists()


def test_outsiders_get_404_and_the_department_sees_the_fund_only(point, client):
    w = point
    application = apply(w, w.wheelchair)
    contract = services.issue(
        by=w.specialist, application=application, items=[w.chair], starts_on=TODAY, ends_on=TODAY
    )
    for reason, who in w.outsiders.items():
        for url in (f"{API}/applications/{application.pk}", f"{API}/contracts/{contract.pk}"):
            assert get(client, url, who).status_code == 404, (reason, url)
        assert get(client, f"{API}/applications", who).json()["items"] == [], reason
    assert get(client, f"{API}/items/{w.chair.pk}", w.other_specialist).status_code == 404
    fund = get(client, f"{API}/items", w.department).json()
    assert [row["mark"] for row in fund["items"]] == ["КК-1"]
    assert get(client, f"{API}/items/{w.chair.pk}", w.department).json()["state"] == "on_loan"


def test_a_second_issue_of_the_same_item_is_told(point, client):
    w = point
    one, two = apply(w, w.wheelchair), apply(w, w.wheelchair, person=w.neighbour)
    payload = {"item_ids": [w.chair.pk], "starts_on": str(TODAY), "ends_on": str(TODAY)}
    assert (
        post(client, f"{API}/applications/{one.pk}/contract", payload, w.specialist).status_code
        == 201
    )
    second = post(client, f"{API}/applications/{two.pk}/contract", payload, w.specialist)
    assert second.status_code == 422 and "уже выдан" in str(second.json())


def test_the_applications_list_reads_each_kinds_list_once(point, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = point
    services.issue(
        by=w.specialist, application=apply(w, w.wheelchair), items=[w.chair],
        starts_on=TODAY, ends_on=TODAY,
    )  # fmt: skip

    def count():
        with CaptureQueriesContext(connection) as queries:
            rows = get(client, f"{API}/applications", w.specialist).json()["items"]
        return len(queries), rows

    apply(w, w.wheelchair, person=w.neighbour)
    few, rows = count()
    assert [row["position"] for row in rows if row["position"]] == [1]
    for n in range(4):
        apply(w, w.wheelchair, person=w.veteran if n % 2 else w.neighbour, days_ago=n + 1)
    many, rows = count()
    assert sorted(row["position"] for row in rows if row["position"]) == [1, 2, 3, 4, 5]
    assert many == few
