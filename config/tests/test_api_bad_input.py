"""Issue 11, item 5 (the API): input no field may hold is a 4xx with a Russian message, never
a server error, and nothing of it is saved — refused centrally (config.api_errors'
parser and handlers, resurs.kernel.apischema.PatchSchema), so a new endpoint is covered too."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from config.api import OUT_OF_RANGE, api
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from resurs.kernel.organisations import services
from resurs.kernel.organisations.models import Appointment, Territory
from tests.factories import OrganisationFactory, appointment, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def department():
    return member(Role.DEPARTMENT)


@pytest.fixture
def api_client(client, department):
    raw = api_token_create(membership=department, name="проверка")[1]
    headers = {"Authorization": f"Bearer {raw}"}

    class Caller:
        def get(self, url, params=None):
            return client.get(url, params or {}, headers=headers)

        def send(self, method, url, body):
            data = body if isinstance(body, (str, bytes)) else __import__("json").dumps(body)
            return getattr(client, method)(
                url, data, content_type="application/json", headers=headers
            )

    return Caller()


@pytest.mark.parametrize(("text", "code"), [("Сур\x00гут", "0x00"), ("Сур\x0bгут", "0x0b")])
def test_a_control_character_in_a_json_string_is_422_and_nothing_is_saved(api_client, text, code):
    before = Territory.objects.count()
    response = api_client.send("post", "/api/v1/territories", {"name": text, "kind": "city_okrug"})
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [
        {"field": "name", "message": f"Недопустимый управляющий символ (код {code})."}
    ]
    assert Territory.objects.count() == before


def test_a_nul_in_a_search_term_is_422(api_client):
    response = api_client.get("/api/v1/organisations", {"q": "КЦСОН\x00"})
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "q",
        "message": "Недопустимый управляющий символ (код 0x00).",
    }


def test_an_integer_beyond_any_column_in_the_body_is_422(api_client):
    response = api_client.send(
        "post",
        "/api/v1/organisations",
        {"name": "БУ «Центр»", "kind": "state_institution", "legal_form": "budget",
         "territory_id": 10**30},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "territory_id", "message": "Число вне допустимого диапазона."}
    ]


@pytest.mark.parametrize("body", ['{"name": "Сургут", ', '{"name": NaN, "kind": "city_okrug"}'])
def test_a_body_that_is_not_json_is_400_in_russian(api_client, body):
    response = api_client.send("post", "/api/v1/territories", body)
    assert response.status_code == 400
    assert response.json() == {"detail": "Тело запроса не является корректным JSON."}


def test_a_page_beyond_any_list_is_422(api_client):
    response = api_client.get("/api/v1/organisations", {"page": "1000000000000000000"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "page", "message": "Значение должно быть не больше 1000000."}
    ]


def test_a_status_filter_on_a_registry_without_statuses_is_422(api_client):
    response = api_client.get("/api/v1/registries/articles", {"status": "in_force"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "status", "message": "У записей этого реестра нет статуса."}
    ]


def _list_operations():
    document = api.get_openapi_schema()
    for path, item in document["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path:
            continue
        yield path, operation.get("parameters", [])


def _types(parameter) -> set[str]:
    schema = parameter["schema"]
    return {v.get("type") for v in schema.get("anyOf", [schema])} | {
        v.get("format") for v in schema.get("anyOf", [schema])
    }


def test_every_list_takes_far_dates_and_huge_numbers_without_a_server_error(api_client):
    """Every query parameter of every list, with what a tester would try: the last and the
    first day a calendar holds, numbers beyond any column. A 4xx in Russian or an answer."""
    tried, failed = 0, []
    for path, parameters in _list_operations():
        for parameter in parameters:
            kinds = _types(parameter)
            if "date" in kinds:
                values = ["9999-12-31", "0001-01-01"]
            elif "integer" in kinds:
                values = [str(10**30), str(-(10**30)), str(2**63)]
            else:
                continue
            for value in values:
                tried += 1
                response = api_client.get(path, {parameter["name"]: value})
                if response.status_code >= 500:
                    failed.append(f"{path}?{parameter['name']}={value}")
                elif response.status_code == 422:
                    assert response.json()["errors"][0]["message"], path
    assert tried > 60
    assert failed == []


def test_an_explicit_null_for_a_field_that_cannot_be_empty_is_422(api_client):
    organisation = OrganisationFactory()
    record = appointment(organisation)
    response = api_client.send(
        "patch",
        f"/api/v1/appointments/{record.pk}",
        {"version": record.version, "valid_from": None, "valid_to": "2027-01-01"},
    )
    assert response.status_code == 422, response.content
    assert response.json()["errors"] == [
        {
            "field": "valid_from",
            "message": "Поле нельзя очистить: передайте значение или не передавайте поле.",
        }
    ]
    for field in ("inn", "territory_id", "is_active"):
        response = api_client.send(
            "patch",
            f"/api/v1/organisations/{organisation.pk}",
            {"version": organisation.version, field: None},
        )
        assert response.status_code == 422, field
    # A field the record may leave empty still takes null: the end of an appointment.
    ended = api_client.send(
        "patch", f"/api/v1/appointments/{record.pk}", {"version": record.version, "valid_to": None}
    )
    assert ended.status_code == 200, ended.content
    assert Appointment.objects.get(pk=record.pk).valid_from == record.valid_from


def test_the_schema_documents_which_fields_take_null():
    components = api.get_openapi_schema()["components"]["schemas"]
    patch = components["AppointmentPatch"]["properties"]
    assert "anyOf" not in patch["valid_from"] and patch["valid_from"]["format"] == "date"
    assert {"type": "null"} in patch["valid_to"]["anyOf"]


def test_an_appointment_form_with_an_end_but_no_start_is_the_form_again(login, department):
    organisation = department.organisation
    response = login(department).post(
        reverse("organisations:appointment_create", args=[organisation.pk]),
        {"kind": "interaction", "person_name": "Петров Пётр Петрович", "order_number": "5",
         "order_date": "2026-02-01", "valid_from": "", "valid_to": "2026-12-31"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "valid_from" in response.context["form"].errors


def test_a_write_that_meets_a_unique_row_saved_meanwhile_is_409(
    api_client, monkeypatch, department
):
    def collides(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: organisations_territory.name")

    monkeypatch.setattr(services, "territory_save", collides)
    response = api_client.send(
        "post", "/api/v1/territories", {"name": "Сургут", "kind": "city_okrug"}
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Такую запись только что сохранил другой запрос")


def test_a_value_beyond_its_column_is_422(api_client, monkeypatch):
    def overflows(**kwargs):
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(services, "territory_save", overflows)
    response = api_client.send(
        "post", "/api/v1/territories", {"name": "Сургут", "kind": "city_okrug"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": None, "message": OUT_OF_RANGE}]


def test_any_other_broken_constraint_is_422(api_client, monkeypatch):
    def not_null(**kwargs):
        raise IntegrityError('null value in column "oktmo" violates not-null constraint')

    monkeypatch.setattr(services, "territory_save", not_null)
    response = api_client.send(
        "post", "/api/v1/territories", {"name": "Сургут", "kind": "city_okrug"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["message"].startswith("Не заполнено обязательное поле")


def test_every_change_that_carries_a_version_requires_it():
    """A body that names the version read must require it: left out, an update would
    silently overwrite whatever another user saved since (issue 11, item 6)."""
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    carrying, optional = 0, []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
            schema = components.get(ref.rsplit("/", 1)[-1], {})
            if "version" in schema.get("properties", {}):
                carrying += 1
                if "version" not in schema.get("required", []):
                    optional.append(f"{method.upper()} {path}")
    assert carrying >= 25
    assert optional == []


def test_a_patch_without_the_version_is_422_and_with_a_stale_one_409(api_client):
    organisation = OrganisationFactory(address="г. Сургут")
    url = f"/api/v1/organisations/{organisation.pk}"
    missing = api_client.send("patch", url, {"address": "г. Нефтеюганск"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "version", "message": "Обязательное поле."}]
    saved = api_client.send(
        "patch", url, {"version": organisation.version, "address": "г. Пыть-Ях"}
    )
    assert saved.status_code == 200
    stale = api_client.send(
        "patch", url, {"version": organisation.version, "address": "г. Нефтеюганск"}
    )
    assert stale.status_code == 409
    assert "сохранил другой пользователь" in stale.json()["detail"]
    organisation.refresh_from_db()
    assert organisation.address == "г. Пыть-Ях"
