"""X-5: one notify() through each channel — inbox rows, letters with absolute links, SMS
through the file backend and through the HTTP gateway (a fake server), and a failing channel
that is logged without breaking the caller."""

import json
import logging
import threading
import urllib.error
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest import mock

import pytest
from django.core import mail

from resurs.kernel.accounts.roles import Role
from resurs.kernel.notifications import services
from resurs.kernel.notifications.models import Notification
from resurs.kernel.notifications.services import Delivery, absolute_url, notify
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

GATEWAY = "resurs.kernel.notifications.sms.HttpGatewayBackend"


@pytest.fixture
def people():
    """Two providers' people: the reporting pages are in their menu."""
    users = [
        UserFactory(email="pervy@example.org", phone="+7 900 000-00-01"),
        UserFactory(email="", phone=""),
    ]
    for user in users:
        member(Role.PROVIDER, user=user)
    return users


def test_the_inbox_channel_writes_a_row_per_recipient(people):
    delivery = notify(
        recipients=people,
        title="Срок отчёта",
        text="Завтра",
        link="/reporting/",
        channels=["inbox"],
    )
    assert delivery == Delivery(inbox=2)
    rows = Notification.objects.order_by("recipient_id")
    assert [(n.recipient, n.title, n.link) for n in rows] == [
        (people[0], "Срок отчёта", "/reporting/"),
        (people[1], "Срок отчёта", "/reporting/"),
    ]
    assert not mail.outbox


def test_a_letter_carries_an_absolute_link_under_site_url(people, settings):
    settings.SITE_URL = "https://resurs.example.ru/"
    delivery = notify(
        recipients=people,
        title="Срок отчёта",
        subject="Напоминание о сроке",
        text="Отчёт ещё не представлен.",
        link="/reporting/reports/7/",
        channels=["email"],
    )
    assert delivery == Delivery(email=1)  # the second person has no address
    (letter,) = mail.outbox
    assert letter.to == ["pervy@example.org"]
    assert letter.subject == "Напоминание о сроке"
    assert "Отчёт ещё не представлен." in letter.body
    link = letter.body.split()[-1]
    assert link == "https://resurs.example.ru/reporting/reports/7/"
    assert link.startswith(settings.SITE_URL)
    assert not Notification.objects.exists()


def test_each_person_gets_a_letter_of_their_own(settings):
    first, second = UserFactory(email="a@example.org"), UserFactory(email="b@example.org")
    notify(recipients=[first, second], title="Т", channels=["email"])
    assert sorted(m.to for m in mail.outbox) == [["a@example.org"], ["b@example.org"]]


def test_the_site_url_setting_has_a_local_default():
    from django.conf import settings

    assert settings.SITE_URL == "http://127.0.0.1:8000"
    assert absolute_url("/roadmaps/") == "http://127.0.0.1:8000/roadmaps/"
    assert absolute_url("https://elsewhere.example/x") == "https://elsewhere.example/x"
    assert absolute_url("") == ""


def test_the_default_channels_come_from_settings(people, settings):
    settings.NOTIFICATIONS_CHANNELS = ["inbox", "email"]
    assert notify(recipients=people, title="Т", link="/") == Delivery(inbox=2, email=1)


def test_an_unknown_channel_is_a_programming_error(people):
    with pytest.raises(ValueError, match="pigeon"):
        notify(recipients=people, title="Т", channels=["pigeon"])


def test_the_sms_file_backend_writes_a_file(people, settings, tmp_path):
    settings.NOTIFICATIONS_SMS_BACKEND = "resurs.kernel.notifications.sms.FileBackend"
    settings.NOTIFICATIONS_SMS_FILE_PATH = tmp_path / "sms"
    delivery = notify(
        recipients=people,
        title="Срок ответа — 10.04.2026",
        link="/instructions/1/",
        channels=["sms"],
        phones=["+7 900 000-00-02"],
    )
    assert delivery == Delivery(sms=2)  # the user's phone and the one the caller gave
    (written,) = (tmp_path / "sms").iterdir()
    text = written.read_text(encoding="utf-8")
    assert "Кому: +7 900 000-00-01" in text and "Кому: +7 900 000-00-02" in text
    assert "Срок ответа — 10.04.2026 http://127.0.0.1:8000/instructions/1/" in text


def test_the_console_backend_prints(people, settings, capsys):
    settings.NOTIFICATIONS_SMS_BACKEND = "resurs.kernel.notifications.sms.ConsoleBackend"
    assert notify(recipients=people, title="Привет", channels=["sms"]).sms == 1
    assert "SMS → +7 900 000-00-01\nПривет" in capsys.readouterr().out


class _Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 -- the name http.server calls
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, dict(self.headers), json.loads(body)))
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    _Gateway.received = []
    _Gateway.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFICATIONS_SMS_BACKEND = GATEWAY
    settings.NOTIFICATIONS_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.NOTIFICATIONS_SMS_GATEWAY_TOKEN = "sekret"
    yield _Gateway
    server.shutdown()
    server.server_close()


def test_the_http_gateway_gets_the_phone_and_the_text(people, gateway):
    delivery = notify(recipients=people, title="Срок сегодня", link="/reporting/", channels=["sms"])
    assert delivery == Delivery(sms=1)
    ((path, headers, body),) = gateway.received
    assert path == "/send"
    assert headers["Authorization"] == "Bearer sekret"
    assert body == {
        "phone": "+7 900 000-00-01",
        "text": "Срок сегодня http://127.0.0.1:8000/reporting/",
    }


def test_a_refusing_gateway_is_logged_in_russian_and_the_caller_goes_on(people, gateway, caplog):
    gateway.status = 503
    with caplog.at_level(logging.WARNING, logger="resurs.kernel.notifications.sms"):
        delivery = notify(recipients=people, title="Т", channels=["inbox", "sms"])
    assert delivery == Delivery(inbox=2, sms=0)
    assert "SMS-шлюз не принял сообщение для …0-01: ответ 503" in caplog.text
    assert "+7 900" not in caplog.text  # the number is personal data


def test_an_unreachable_gateway_times_out_without_breaking_the_caller(people, settings, caplog):
    settings.NOTIFICATIONS_SMS_BACKEND = GATEWAY
    settings.NOTIFICATIONS_SMS_GATEWAY_URL = "https://sms.example/api"
    settings.NOTIFICATIONS_SMS_GATEWAY_TIMEOUT = 2.5

    def unreachable(request, timeout):
        assert timeout == 2.5
        assert request.full_url == "https://sms.example/api"
        assert json.loads(request.data) == {"phone": "+7 900 000-00-01", "text": "Т"}
        raise urllib.error.URLError(TimeoutError("timed out"))

    with (
        mock.patch("urllib.request.urlopen", side_effect=unreachable) as urlopen,
        caplog.at_level(logging.WARNING),
    ):
        assert notify(recipients=people, title="Т", channels=["sms"]) == Delivery(sms=0)
    assert urlopen.call_count == 1
    assert "SMS-шлюз не принял сообщение" in caplog.text and "timed out" in caplog.text


def test_a_gateway_without_an_address_sends_nothing(people, settings, caplog):
    settings.NOTIFICATIONS_SMS_BACKEND = GATEWAY
    settings.NOTIFICATIONS_SMS_GATEWAY_URL = ""
    with caplog.at_level(logging.ERROR):
        assert notify(recipients=people, title="Т", channels=["sms"]).sms == 0
    assert "Адрес SMS-шлюза не задан" in caplog.text


def test_a_failing_mail_server_does_not_break_the_caller(people, caplog):
    with mock.patch.object(services, "send_mass_mail", side_effect=OSError("нет связи")):
        delivery = notify(recipients=people, title="Т", channels=["inbox", "email"])
    assert delivery == Delivery(inbox=2, email=0)
    assert "Не удалось отправить письмо-уведомление «Т»" in caplog.text


def test_a_notice_links_only_where_the_recipients_menu_reaches(people, settings):
    """Issue 12, item 3: a person whose roles have no page of the link's section in the menu
    (a specialist and the institutions' instructions) gets the notice without the link (in
    the inbox, the letter and the SMS)."""
    settings.SITE_URL = "https://resurs.example.ru/"
    outsider = UserFactory(email="vtoroy@example.org", phone="+7 900 000-00-02")
    member(Role.SPECIALIST, user=outsider)
    no_role = UserFactory(email="", phone="")
    notify(
        recipients=[people[0], outsider, no_role],
        title="Срок поручения",
        text="Поручение ещё не исполнено.",
        link="/instructions/7/",
        channels=["inbox", "email"],
    )
    links = dict(Notification.objects.values_list("recipient_id", "link"))
    assert links == {people[0].pk: "/instructions/7/", outsider.pk: "", no_role.pk: ""}
    letters = {letter.to[0]: letter.body for letter in mail.outbox}
    assert "https://resurs.example.ru/instructions/7/" in letters["pervy@example.org"]
    assert "resurs.example.ru" not in letters["vtoroy@example.org"]
