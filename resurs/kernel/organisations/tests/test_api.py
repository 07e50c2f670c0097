"""X-4: directory endpoints — auth, validation in Russian, optimistic locking, pagination."""

import pytest

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from resurs.kernel.organisations.models import Organisation
from tests.factories import OrganisationFactory, appointment, member, rc_status, territory

pytestmark = pytest.mark.django_db


def bearer(membership) -> dict:
    _token, raw = api_token_create(membership=membership, name="интеграция")
    return {"Authorization": f"Bearer {raw}"}


def test_schema_and_docs_are_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/organisations", "/api/v1/rc-statuses", "/api/v1/appointments",
                 "/api/v1/territories", "/api/v1/directions"):  # fmt: skip
        assert path in schema["paths"], path
    assert client.get("/api/v1/docs").status_code == 200


def test_no_token_is_a_json_401(client):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 401
    assert "токен" in response.json()["detail"]
    bad = client.get("/api/v1/organisations", headers={"Authorization": "Bearer rsr_wrong"})
    assert bad.status_code == 401


def test_provider_may_read_but_not_create_a_json_403(client):
    provider = member(Role.PROVIDER)
    headers = bearer(provider)
    assert client.get("/api/v1/organisations", headers=headers).status_code == 200
    response = client.post(
        "/api/v1/organisations",
        {"name": "АНО «Чужая»", "kind": "non_state_provider", "legal_form": "nko",
         "territory_id": territory("Сургут").pk},
        content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert response.status_code == 403
    assert "Департамент" in response.json()["detail"]


def test_validation_errors_name_the_fields_in_russian(client):
    headers = bearer(member(Role.DEPARTMENT))
    response = client.post(
        "/api/v1/organisations",
        {"name": "АН", "kind": "nonsense", "legal_form": "nko"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["name"].startswith("Слишком короткое значение")
    assert errors["kind"].startswith("Недопустимое значение")
    assert errors["territory_id"] == "Обязательное поле."


def test_model_rules_are_422_with_field_names(client):
    headers = bearer(member(Role.DEPARTMENT))
    existing = OrganisationFactory()
    bad_inn = client.post(
        "/api/v1/organisations",
        {"name": "АНО «Проверка»", "kind": "non_state_provider", "legal_form": "nko",
         "territory_id": territory("Сургут").pk, "inn": "1234567890"},
        content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert bad_inn.status_code == 422
    assert bad_inn.json()["errors"][0]["field"] == "inn"
    assert "контрольной" in bad_inn.json()["errors"][0]["message"]
    duplicate = client.post(
        "/api/v1/organisations",
        {"name": "АНО «Двойник»", "kind": "non_state_provider", "legal_form": "nko",
         "territory_id": territory("Сургут").pk, "inn": existing.inn},
        content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert duplicate.status_code == 422
    assert f"ИНН {existing.inn} уже есть" in duplicate.json()["detail"]


def test_create_then_update_with_optimistic_locking(client):
    headers = bearer(member(Role.DEPARTMENT))
    created = client.post(
        "/api/v1/organisations",
        {"name": "АНО «Через API»", "kind": "non_state_provider", "legal_form": "so_nko",
         "territory_id": territory("Урай").pk, "direction_ids": [3]},
        content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert body["direction_ids"] == [3] and body["version"] == 1
    url = f"/api/v1/organisations/{body['id']}"
    first = client.patch(
        url, {"version": 1, "phone": "+7 3467 00-00-00"}, content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(
        url, {"version": 1, "phone": "8 800"}, content_type="application/json", headers=headers
    )
    assert stale.status_code == 409
    assert "другой пользователь" in stale.json()["detail"]
    assert Organisation.objects.get(pk=body["id"]).phone == "+7 3467 00-00-00"
    missing_version = client.patch(url, {"phone": "1"}, content_type="application/json",
                                   headers=headers)  # fmt: skip
    assert missing_version.status_code == 422


def test_list_filters_and_paginates(client):
    headers = bearer(member(Role.DEPARTMENT))
    OrganisationFactory.create_batch(5, territory=territory("Покачи"))
    response = client.get(
        "/api/v1/organisations",
        {"territory_id": territory("Покачи").pk, "page_size": 2, "page": 2},
        headers=headers,
    )
    body = response.json()
    assert body["count"] == 5
    assert len(body["items"]) == 2
    too_big = client.get("/api/v1/organisations", {"page_size": 1000}, headers=headers)
    assert too_big.status_code == 422
    assert too_big.json()["errors"][0]["field"] == "page_size"


def test_rc_status_lifecycle_through_the_api(client):
    headers = bearer(member(Role.DEPARTMENT))
    centre = OrganisationFactory()
    created = client.post(
        "/api/v1/rc-statuses",
        {"organisation_id": centre.pk, "direction_id": 8, "order_number": "177-р",
         "order_date": "2020-02-20", "valid_from": "2020-02-20"},
        content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert created.status_code == 201
    status_id = created.json()["id"]
    repealed = client.post(
        f"/api/v1/rc-statuses/{status_id}/repeal",
        {"order_number": "135-р", "order_date": "2022-02-04"},
        content_type="application/json",
        headers=headers,
    )
    assert repealed.status_code == 200
    assert repealed.json()["state"] == "repealed"
    assert repealed.json()["end_order_number"] == "135-р"
    reversed_period = client.post(
        "/api/v1/rc-statuses",
        {"organisation_id": centre.pk, "direction_id": 2, "order_number": "1",
         "order_date": "2024-01-01", "valid_from": "2024-05-01", "valid_to": "2024-01-01"},
        content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert reversed_period.status_code == 422
    assert reversed_period.json()["errors"][0]["field"] == "valid_to"


def test_appointments_are_created_by_the_organisation_itself(client):
    provider = member(Role.PROVIDER)
    other = OrganisationFactory()
    headers = bearer(provider)
    payload = {
        "kind": "interaction",
        "person_name": "Смирнова Ольга Ивановна",
        "order_number": "12",
        "order_date": "2025-01-15",
        "valid_from": "2025-01-15",
    }
    own = client.post(
        "/api/v1/appointments",
        {**payload, "organisation_id": provider.organisation_id},
        content_type="application/json",
        headers=headers,
    )
    assert own.status_code == 201
    foreign = client.post(
        "/api/v1/appointments",
        {**payload, "organisation_id": other.pk},
        content_type="application/json",
        headers=headers,
    )
    assert foreign.status_code == 404


def test_list_query_count_is_fixed(client, django_assert_max_num_queries):
    department = member(Role.DEPARTMENT)
    headers = bearer(department)
    client.get("/api/v1/organisations", headers=headers)
    for organisation in OrganisationFactory.create_batch(30):
        organisation.directions.set([1, 2])
        rc_status(organisation) if organisation.pk % 3 == 0 else appointment(organisation)
    for size in (5, 30):
        with django_assert_max_num_queries(8):
            response = client.get("/api/v1/organisations", {"page_size": size}, headers=headers)
        assert len(response.json()["items"]) == size


def test_page_size_up_to_the_maximum_is_honoured(client):
    headers = bearer(member(Role.DEPARTMENT))
    OrganisationFactory.create_batch(160, territory=territory("Лангепас"))
    response = client.get(
        "/api/v1/organisations",
        {"territory_id": territory("Лангепас").pk, "page_size": 150},
        headers=headers,
    )
    assert len(response.json()["items"]) == 150
