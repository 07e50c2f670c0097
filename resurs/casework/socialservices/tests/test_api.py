"""X-4 for SOC-10, SOC-11: the catalogue (read) and the service facts (create, list, read,
reversal) through the API — scoped as the data bank (an outsider gets the same 404 as for a
fact that does not exist), each read of a fact logged, the trail never naming the person."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resurs.casework.cases.tests.conftest import bearer
from resurs.casework.citizens.accesslog import open_with_reason
from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.socialservices import services
from resurs.casework.socialservices.models import ServiceFact, ServiceForm, ServiceKind
from resurs.kernel.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
D = datetime.date
FACTS = "/api/v1/services/facts"


def get(client, url, who, **params):
    return client.get(url, params, headers=bearer(who))


def post(client, url, data, who):
    return client.post(url, data, content_type="application/json", headers=bearer(who))


@pytest.fixture
def catalogue(casework):
    urgent = services.service_create(
        by=casework.department,
        code="СР-01",
        name="Обеспечение бесплатным горячим питанием или наборами продуктов",
        kind=ServiceKind.URGENT,
        form=ServiceForm.URGENT,
    )
    rental = services.service_create(
        by=casework.department,
        code="ПР-01",
        name="Прокат: пандус телескопический",
        kind=ServiceKind.ADDITIONAL,
        form=ServiceForm.ADDITIONAL,
        is_paid=True,
        tariff_from=D(2024, 1, 1),
        tariff_price=Decimal("35.55"),
    )
    call = services.service_create(
        by=casework.department,
        code="ТЛ-01",
        name="Консультирование по телефону",
        kind=ServiceKind.URGENT,
        form=ServiceForm.URGENT,
        allows_anonymous=True,
    )
    return {"urgent": urgent, "rental": rental, "call": call}


def fact_payload(casework, service, **extra):
    values = {
        "unit_id": casework.a.support.pk,
        "service_id": service.pk,
        "provided_on": timezone.localdate().isoformat(),
        "person_id": casework.person.pk,
    }
    values.update(extra)
    return values


def test_the_catalogue_is_listed_filtered_and_read_with_its_tariffs(casework, catalogue, client):
    listed = get(client, "/api/v1/services/catalogue", casework.specialist)
    assert listed.status_code == 200
    assert [s["code"] for s in listed.json()["items"]] == ["ПР-01", "СР-01", "ТЛ-01"]
    paid = get(client, "/api/v1/services/catalogue", casework.uszn, paid=True)
    assert [s["code"] for s in paid.json()["items"]] == ["ПР-01"]
    kind = get(client, "/api/v1/services/catalogue", casework.head, kind="urgent", q="тл")
    assert [s["code"] for s in kind.json()["items"]] == ["ТЛ-01"]
    detail = get(
        client, f"/api/v1/services/catalogue/{catalogue['rental'].pk}", casework.department
    )
    assert detail.json()["tariffs"] == [
        {"valid_from": "2024-01-01", "price": "35.55", "order_ref": ""}
    ]
    assert get(client, "/api/v1/services/catalogue/999999", casework.head).status_code == 404
    assert get(client, "/api/v1/services/catalogue", casework.rc).status_code == 403


def test_a_fact_is_created_read_and_its_trail_does_not_name_the_person(casework, catalogue, client):
    created = post(
        client, FACTS, fact_payload(casework, catalogue["rental"], quantity=3), casework.specialist
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["service_code"] == "ПР-01" and body["price"] == "35.55"
    assert body["payment"] == "paid" and body["amount"] == "106.65"
    assert body["person_id"] == casework.person.pk and body["reversed_by_id"] is None
    fact = ServiceFact.all_records.get(pk=body["id"])
    entry = AuditEntry.objects.for_object(fact).get()
    trail = f"{entry.object_repr} {entry.changes}"
    for name in ("Смирнова", "Ольга", "Ивановна"):
        assert name not in trail
    read = get(client, f"{FACTS}/{fact.pk}", casework.head)
    assert read.status_code == 200 and read.json()["id"] == fact.pk
    assert AccessLogEntry.objects.filter(record_id=fact.pk, channel="api").exists()


def test_an_outsider_gets_the_same_404_as_for_a_fact_that_does_not_exist(
    casework, catalogue, client
):
    fact = post(client, FACTS, fact_payload(casework, catalogue["urgent"]), casework.specialist)
    pk = fact.json()["id"]
    missing = get(client, f"{FACTS}/999999", casework.head)
    assert missing.status_code == 404
    for label, outsider in casework.outsiders.items():
        response = get(client, f"{FACTS}/{pk}", outsider)
        assert response.status_code == 404, label
        assert response.json() == missing.json(), label
        listed = get(client, FACTS, outsider)
        assert listed.status_code == 200 and listed.json()["items"] == [], label
        reversal = post(client, f"{FACTS}/{pk}/reversal", {"reason": "ошибка"}, outsider)
        assert reversal.status_code == 404, label
    for label, insider in casework.insiders.items():
        assert get(client, f"{FACTS}/{pk}", insider).status_code == 200, label


def test_the_department_reads_a_fact_only_after_stating_a_reason(casework, catalogue, client):
    pk = post(
        client, FACTS, fact_payload(casework, catalogue["urgent"]), casework.specialist
    ).json()["id"]
    assert get(client, f"{FACTS}/{pk}", casework.department).status_code == 404
    open_with_reason(
        by=casework.department, person=casework.person, reason="Проверка жалобы гражданина"
    )
    assert get(client, f"{FACTS}/{pk}", casework.department).status_code == 200
    entry = AccessLogEntry.objects.get(record_id=pk, membership=casework.department)
    assert entry.reason == "Проверка жалобы гражданина"


def test_a_fact_is_not_created_for_a_person_outside_the_scope_nor_anonymously(
    casework, catalogue, client
):
    other = post(
        client, FACTS, fact_payload(casework, catalogue["urgent"]), casework.other_specialist
    )
    assert other.status_code == 422
    assert "вне" in other.json()["detail"] or "не найден" in other.json()["detail"]
    anonymous = post(
        client,
        FACTS,
        fact_payload(casework, catalogue["urgent"], person_id=None),
        casework.specialist,
    )
    assert anonymous.status_code == 422
    assert "только известному получателю" in anonymous.json()["detail"]
    call = post(
        client,
        FACTS,
        fact_payload(casework, catalogue["call"], person_id=None, basis="call"),
        casework.specialist,
    )
    assert call.status_code == 201 and call.json()["person_id"] is None
    future = post(
        client,
        FACTS,
        fact_payload(
            casework,
            catalogue["urgent"],
            provided_on=(timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
        ),
        casework.specialist,
    )
    assert future.status_code == 422
    assert not ServiceFact.all_records.exclude(service_code="ТЛ-01").exists()


def test_a_fact_is_reversed_once_and_both_are_kept(casework, catalogue, client):
    pk = post(
        client, FACTS, fact_payload(casework, catalogue["urgent"], quantity=2), casework.specialist
    ).json()["id"]
    missing_reason = post(client, f"{FACTS}/{pk}/reversal", {"reason": ""}, casework.specialist)
    assert missing_reason.status_code == 422
    reversal = post(client, f"{FACTS}/{pk}/reversal", {"reason": "Внесено ошибочно"}, casework.head)
    assert reversal.status_code == 201, reversal.json()
    assert reversal.json()["quantity"] == -2 and reversal.json()["reverses_id"] == pk
    again = post(client, f"{FACTS}/{pk}/reversal", {"reason": "Ещё раз"}, casework.head)
    assert again.status_code == 422 and "уже сторнирован" in again.json()["detail"]
    original = get(client, f"{FACTS}/{pk}", casework.specialist).json()
    assert original["reversed_by_id"] == reversal.json()["id"]
    reversals = get(client, FACTS, casework.head, reversals_only=True).json()["items"]
    assert [f["id"] for f in reversals] == [reversal.json()["id"]]


def test_the_facts_list_filters_pages_and_costs_the_same_queries(
    casework, catalogue, client, django_assert_max_num_queries
):
    today = timezone.localdate()
    for _ in range(3):
        services.fact_record(
            by=casework.specialist,
            unit=casework.a.support,
            service=catalogue["urgent"],
            provided_on=today,
            person=casework.person,
        )
    services.fact_record(
        by=casework.specialist,
        unit=casework.a.support,
        service=catalogue["rental"],
        provided_on=today,
        person=casework.person,
    )
    headers = bearer(casework.head)
    rental = client.get(FACTS, {"service_id": catalogue["rental"].pk}, headers=headers).json()
    assert [f["service_code"] for f in rental["items"]] == ["ПР-01"]
    paid = client.get(FACTS, {"payment": "paid", "kind": "additional"}, headers=headers).json()
    assert paid["count"] == 1
    page = client.get(FACTS, {"page_size": 2, "page": 2}, headers=headers).json()
    assert page["count"] == 4 and len(page["items"]) == 2
    with CaptureQueriesContext(connection) as few:
        client.get(FACTS, headers=headers)
    for _ in range(10):
        services.fact_record(
            by=casework.specialist,
            unit=casework.a.support,
            service=catalogue["urgent"],
            provided_on=today,
            person=casework.person,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        many = client.get(FACTS, headers=headers)
    assert many.json()["count"] == 14
    bad = client.get(FACTS, {"period_from": "2025-02-31"}, headers=headers)
    assert bad.status_code == 422
