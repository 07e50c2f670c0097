"""X-2 through X-4: the public calendar endpoints /api/v1/calendar/…"""

import re

import pytest

from resurs.kernel.accounts.roles import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

DEADLINE = "/api/v1/calendar/deadline"
INVALID = "Данные не прошли проверку."
BAD_DATE = "Неверная дата: ожидается ГГГГ-ММ-ДД."
REQUIRED = "Обязательное поле."
NOT_INTEGER = "Ожидается целое число."
AT_LEAST_ONE = "Значение должно быть не меньше 1."
LATIN = re.compile(r"[A-Za-z]")


def assert_russian_422(response, expected: list[tuple[str, str]]):
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["detail"] == INVALID
    assert [(e["field"], e["message"]) for e in body["errors"]] == expected
    for error in body["errors"]:
        # No pydantic wording ("Input should be…", "Field required") reaches the client.
        assert not LATIN.search(error["message"]), error["message"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2025-13-01", "working_days": 3}, [("start", BAD_DATE)]),
        ({"start": "2025-02-30", "working_days": 3}, [("start", BAD_DATE)]),
        ({"start": "abc", "working_days": 3}, [("start", BAD_DATE)]),
        # Unix time for pydantic, not a date for a person: refused.
        ({"start": "20250430", "working_days": 3}, [("start", BAD_DATE)]),
        ({"start": "30.04.2025", "working_days": 3}, [("start", BAD_DATE)]),
        ({"start": "2025-04-30T00:00", "working_days": 3}, [("start", BAD_DATE)]),
        ({"start": "", "working_days": 3}, [("start", BAD_DATE)]),
        ({"start": "2025-04-30", "working_days": 0}, [("working_days", AT_LEAST_ONE)]),
        ({"start": "2025-04-30", "working_days": -1}, [("working_days", AT_LEAST_ONE)]),
        ({"start": "2025-04-30", "working_days": "x"}, [("working_days", NOT_INTEGER)]),
        ({"start": "2025-04-30", "working_days": "1.5"}, [("working_days", NOT_INTEGER)]),
        (
            {"start": "2025-04-30", "working_days": 3651},
            [("working_days", "Значение должно быть не больше 3650.")],
        ),
        ({"start": "2025-04-30"}, [("working_days", REQUIRED)]),
        ({"working_days": 3}, [("start", REQUIRED)]),
        ({}, [("start", REQUIRED), ("working_days", REQUIRED)]),
        (
            {"start": "abc", "working_days": "x"},
            [("start", BAD_DATE), ("working_days", NOT_INTEGER)],
        ),
    ],
)
def test_deadline_validation(client, params, expected):
    assert_russian_422(client.get(DEADLINE, params), expected)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("1899", "Значение должно быть не меньше 1900."),
        ("2101", "Значение должно быть не больше 2100."),
        ("-5", "Значение должно быть не меньше 1900."),
        ("abc", NOT_INTEGER),
        ("2026.5", NOT_INTEGER),
    ],
)
def test_year_validation(client, year, message):
    assert_russian_422(client.get(f"/api/v1/calendar/{year}"), [("year", message)])


def test_deadline_answer_shape(client):
    response = client.get(DEADLINE, {"start": "2025-04-30", "working_days": 3})
    assert response.status_code == 200
    assert response.json() == {"start": "2025-04-30", "working_days": 3, "deadline": "2025-05-07"}


def test_longest_term_is_computed(client):
    # 3650 working days from 01.01.2013 end within the years the package knows.
    response = client.get(DEADLINE, {"start": "2013-01-01", "working_days": 3650})
    assert response.status_code == 200
    deadline = response.json()["deadline"]
    assert "2027-01-01" < deadline < "2027-12-31"


@pytest.mark.parametrize(
    "url", [DEADLINE + "?start=2025-04-30&working_days=3", "/api/v1/calendar/2025"]
)
def test_endpoints_need_no_authentication(client, url):
    response = client.get(url)  # no session, no token
    assert response.status_code == 200


def test_endpoints_ignore_a_bad_token(client):
    # auth=None: a wrong token must not turn a public answer into 401.
    response = client.get("/api/v1/calendar/2025", headers={"Authorization": "Bearer неверный"})
    assert response.status_code == 200


def test_endpoints_work_for_a_logged_in_user_too(login):
    response = login(member(Role.DEPARTMENT)).get("/api/v1/calendar/2026")
    assert response.status_code == 200
    assert response.json()["non_working_weekdays"][-1] == "2026-12-31"


def test_only_get_is_allowed(client):
    assert client.post("/api/v1/calendar/2025").status_code == 405


def test_openapi_lists_both_endpoints_as_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    deadline = paths["/api/v1/calendar/deadline"]["get"]
    year = paths["/api/v1/calendar/{year}"]["get"]
    for operation in (deadline, year):
        assert "security" not in operation  # public, unlike the rest of the API
        assert operation["tags"] == ["Производственный календарь"]
        assert {"200", "422"} <= set(operation["responses"])
    assert {p["name"]: p["required"] for p in deadline["parameters"]} == {
        "start": True,
        "working_days": True,
    }
    working_days = next(p for p in deadline["parameters"] if p["name"] == "working_days")
    assert working_days["schema"]["minimum"] == 1
    assert [p["name"] for p in year["parameters"]] == ["year"]
