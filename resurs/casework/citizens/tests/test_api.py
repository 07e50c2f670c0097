"""X-4 for the data bank: POSTed search, a person read (logged, channel «API»), creation
under the duplicate rule, versioned updates, families; outsiders get 404."""

import pytest

from resurs.casework.citizens.models import AccessLogEntry, Person
from resurs.casework.citizens.tests.conftest import VALID_SNILS, bearer, person_fields

pytestmark = pytest.mark.django_db

BASE = "/api/v1/citizens"


def post(client, url, data, who):
    return client.post(url, data, content_type="application/json", headers=bearer(who))


def test_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/persons/search", "/persons/{pk}", "/persons", "/families", "/families/{pk}"):
        assert f"{BASE}{path}" in paths


def test_search_by_snils_and_by_name_is_a_post(casework, client):
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    found = post(client, f"{BASE}/persons/search", {"snils": "112-233-445 95"}, casework.specialist)
    assert [row["id"] for row in found.json()] == [casework.person.pk]
    by_name = post(client, f"{BASE}/persons/search", {"name": "Смир"}, casework.specialist)
    assert [row["id"] for row in by_name.json()] == [casework.person.pk]
    outsider = post(client, f"{BASE}/persons/search", {"name": "Смир"}, casework.specialist2)
    assert outsider.json() == []
    too_short = post(client, f"{BASE}/persons/search", {"name": "С"}, casework.specialist)
    assert too_short.status_code == 422


def test_a_person_read_is_logged(casework, client):
    response = client.get(
        f"{BASE}/persons/{casework.person.pk}", headers=bearer(casework.specialist)
    )
    assert response.status_code == 200
    assert response.json()["last_name"] == "Смирнова"
    entry = AccessLogEntry.objects.get(person=casework.person)
    assert entry.channel == "api"


def test_create_with_the_duplicate_rule_and_versioned_update(casework, client):
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    data = {
        **person_fields(snils=VALID_SNILS),
        "birth_date": "1950-05-01",
        "unit_id": casework.b.support.pk,
    }
    refused = post(client, f"{BASE}/persons", data, casework.other_specialist)
    assert refused.status_code == 422
    assert "уже зарегистрирован в КЦСОН А" in refused.json()["detail"]
    data["snils"] = ""
    created = post(client, f"{BASE}/persons", data, casework.other_specialist)
    assert created.status_code == 201
    pk = created.json()["id"]
    no_version = post(client, f"{BASE}/persons/{pk}", {"phones": "1"}, casework.other_specialist)
    assert no_version.status_code == 422
    updated = post(
        client, f"{BASE}/persons/{pk}", {"phones": "1", "version": 1}, casework.other_specialist
    )
    assert updated.json()["version"] == 2
    stale = post(
        client, f"{BASE}/persons/{pk}", {"phones": "2", "version": 1}, casework.other_specialist
    )
    assert stale.status_code == 409


def test_families_list_and_detail(casework, client):
    listed = client.get(f"{BASE}/families", headers=bearer(casework.head)).json()
    assert [row["id"] for row in listed["items"]] == [casework.family.pk]
    detail = client.get(f"{BASE}/families/{casework.family.pk}", headers=bearer(casework.head))
    assert detail.json()["members"][0]["person_id"] == casework.person.pk
    assert AccessLogEntry.objects.filter(family=casework.family, channel="api").count() == 1


def test_consents_through_the_api(casework, client):
    url = f"{BASE}/persons/{casework.person.pk}/consents"
    data = {
        "purpose": "exchange",
        "signatory": "self",
        "document": "Согласие б/н",
        "signed_on": "2026-01-10",
    }
    created = post(client, url, data, casework.specialist)
    assert created.status_code == 201
    assert created.json()["valid_today"] is True
    listed = client.get(url, headers=bearer(casework.specialist)).json()
    assert [row["id"] for row in listed] == [created.json()["id"]]
    assert post(client, url, data, casework.uszn).status_code == 403
    assert post(client, url, data, casework.specialist2).status_code == 404


def test_every_outsider_gets_404_and_insiders_see(casework, client, records):
    person_url = f"{BASE}/persons/{casework.person.pk}"
    family_url = f"{BASE}/families/{casework.family.pk}"
    urls = [
        person_url,
        family_url,
        f"{person_url}/consents",
        f"{BASE}/consents/{records['consent'].pk}",
        f"{BASE}/passports/{records['passport'].pk}",
        f"{BASE}/personal-files/{records['personal_file'].pk}",
    ]
    for label, membership in casework.outsiders.items():
        headers = bearer(membership)
        for url in urls:
            assert client.get(url, headers=headers).status_code == 404, (label, url)
        listed = client.get(f"{BASE}/families", headers=headers).json()
        assert casework.family.pk not in [row["id"] for row in listed["items"]], label
    for label, membership in casework.insiders.items():
        headers = bearer(membership)
        for url in urls:
            assert client.get(url, headers=headers).status_code == 200, (label, url)
    assert AccessLogEntry.objects.filter(record_type="личное дело", channel="api").exists()
