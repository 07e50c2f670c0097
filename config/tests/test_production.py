"""Issue 11 item 8: production settings — the secret key, HTTPS, caching of personal pages,
unauthenticated API writes, the access log and the log of refused requests."""

import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from tests.factories import member

CONFIG = Path(__file__).resolve().parent.parent
SETTINGS = str(CONFIG / "settings.py")


def load_settings(monkeypatch, **environ) -> dict:
    """config/settings.py as a fresh process would read it with this environment."""
    for name in ("SECRET_KEY", "DEBUG", "HTTPS", "PYTEST_VERSION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(SETTINGS)


def test_without_debug_and_secret_key_the_system_refuses_to_start(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="Не задан SECRET_KEY"):
        load_settings(monkeypatch)


def test_the_demo_key_is_only_for_debug_and_test_runs(monkeypatch):
    demo = load_settings(monkeypatch, DEBUG="1")
    assert demo["SECRET_KEY"] == demo["DEMO_SECRET_KEY"]
    assert load_settings(monkeypatch, PYTEST_VERSION="9")["SECRET_KEY"] == demo["SECRET_KEY"]
    served = load_settings(monkeypatch, SECRET_KEY="собственный-ключ-установки")
    assert served["SECRET_KEY"] == "собственный-ключ-установки"


def test_https_switches_on_secure_cookies_hsts_and_the_proxy_header(monkeypatch):
    plain = load_settings(monkeypatch, SECRET_KEY="k")
    assert not plain["SESSION_COOKIE_SECURE"] and not plain["CSRF_COOKIE_SECURE"]
    assert "SECURE_HSTS_SECONDS" not in plain and "SECURE_PROXY_SSL_HEADER" not in plain
    https = load_settings(monkeypatch, SECRET_KEY="k", HTTPS="1")
    assert https["SESSION_COOKIE_SECURE"] and https["CSRF_COOKIE_SECURE"]
    assert https["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert https["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_over_https_the_browser_is_told_to_use_https_only(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get(reverse("accounts:login"), headers={"X-Forwarded-Proto": "https"})
    assert response["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.django_db
def test_every_response_to_a_signed_in_user_is_no_store(login, client):
    membership = member(Role.DEPARTMENT)
    ui = login(membership)
    for url in ("/", reverse("organisations:list"), reverse("organisations:export")):
        response = ui.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    _token, raw = api_token_create(membership=membership, name="x")
    api = client.get("/api/v1/organisations", headers={"Authorization": f"Bearer {raw}"})
    assert api.status_code == 200
    assert "no-store" in api["Cache-Control"]
    # A public page to a stranger holds nothing personal and stays cacheable.
    assert "no-store" not in Client().get("/api/v1/calendar/2026").get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v1/directions"),
        ("patch", "/api/v1/directions/1"),
        ("delete", "/api/v1/roadmaps/items/1"),
    ],
)
def test_an_unauthenticated_api_write_is_401_in_russian_not_a_csrf_failure(method, url):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(url, {"number": 10}, content_type="application/json")
    assert response.status_code == 401
    assert "Требуется аутентификация" in response.json()["detail"]


@pytest.mark.django_db
def test_a_signed_in_api_write_without_the_csrf_token_is_still_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(member(Role.DEPARTMENT).user)
    response = client.post("/api/v1/directions", {"number": 10}, content_type="application/json")
    assert response.status_code == 403


def gunicorn_logger() -> tuple[dict, Logger]:
    """The logger gunicorn makes from config/gunicorn.py (as `make run` starts it)."""
    options = runpy.run_path(str(CONFIG / "gunicorn.py"))
    cfg = Config()
    for name in ("accesslog", "access_log_format", "logger_class"):
        cfg.set(name, options[name])
    return options, cfg.logger_class(cfg)


def test_the_access_log_leaves_out_search_terms():
    options, logger = gunicorn_logger()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/organisations/?q=Иванова+Мария&inn=8601234567",
        "PATH_INFO": "/organisations/",
        "QUERY_STRING": "q=Иванова+Мария&inn=8601234567",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.10",
        "HTTP_REFERER": "http://resurs/registries/?q=8601234567",
        "HTTP_USER_AGENT": "Браузер",
    }
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    line = options["access_log_format"] % logger.atoms(
        response, request, environ, timedelta(milliseconds=42)
    )
    assert '"GET /organisations/ HTTP/1.1" 200 1234' in line
    assert "Иванова" not in line and "8601234567" not in line and "?" not in line


def test_the_error_log_cuts_query_strings_out_of_rejected_request_lines():
    _options, logger = gunicorn_logger()
    record = logger.error_log.makeRecord(
        "gunicorn.error",
        logging.WARNING,
        __file__,
        1,
        "Invalid request from ip=203.0.113.10: Invalid HTTP request line: "
        "'GET /organisations/?q=Иванова&inn=8601234567 HTTP/1.1'",
        (),
        None,
    )
    assert logger.error_log.filter(record)
    message = record.getMessage()
    assert "Иванова" not in message and "8601234567" not in message
    assert "'GET /organisations/?… HTTP/1.1'" in message


@pytest.mark.django_db
def test_a_refused_request_is_logged_in_one_line_without_a_traceback(login, caplog):
    client = login(member(Role.PROVIDER))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("organisations:create"))
    assert response.status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Forbidden (Permission denied): /organisations/new/"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_suspicious_request_reaches_the_console_without_a_traceback():
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    try:
        raise ValueError("подделанный заголовок")
    except ValueError as exc:
        record = logging.getLogger("django.security.DisallowedHost").makeRecord(
            "django.security.DisallowedHost",
            logging.ERROR,
            __file__,
            1,
            "Invalid HTTP_HOST header",
            (),
            (type(exc), exc, exc.__traceback__),
            extra={"status_code": 400},
        )
    assert console.filter(record)
    assert "Traceback" not in console.format(record)
