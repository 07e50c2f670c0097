"""The home page's own blocks (Contribution.home): every app's panels are rendered after
«Требует внимания», in the apps' order, with the request; a user without a role gets none."""

import pytest

from conftest import client_for
from resurs.kernel.accounts import panels
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import Contribution, HomePanel
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_the_home_page_renders_each_apps_panels_escaped(monkeypatch):
    seen = []

    def first(request):
        seen.append(request.scope.role)
        return [
            HomePanel(
                "Блок первого приложения",
                "components/empty.html",
                {"empty_title": "<b>сегодня</b>"},
            )
        ]

    def second(request):
        return [
            HomePanel("Блок второго приложения", "components/empty.html", {"empty_title": "нет"})
        ]

    monkeypatch.setattr(
        panels,
        "contributions",
        lambda: [Contribution(home=first), Contribution(), Contribution(home=second)],
    )
    text = client_for(member(Role.SPECIALIST)).get("/").content.decode()
    assert seen == [Role.SPECIALIST]
    assert text.index("Требует внимания") < text.index("Блок первого") < text.index("Блок второго")
    assert "&lt;b&gt;сегодня&lt;/b&gt;" in text and "<b>сегодня</b>" not in text


def test_no_role_no_panels(rf):
    request = rf.get("/")
    request.scope = None
    assert panels.panels_for(request) == []
