"""The home page: the specialist's own deadlines (overdue, today, this week), the head's by
specialist, the overdue item of «Требует внимания»; a fixed number of queries whatever the
number of cases."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resurs.casework.cases.attention import items_for
from resurs.casework.cases.home import panels_for
from resurs.casework.cases.tests.conftest import client_for, open_case, take
from resurs.casework.conftest import make_person

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_specialists_home_lists_overdue_today_and_this_week(world):
    open_case(world)  # information due 07.05: overdue
    open_case(world, detected_on=D(2025, 5, 8), family=world.family, person=None)  # due today
    open_case(world, detected_on=D(2025, 5, 12))  # due 15.05: this week
    text = client_for(world.specialist).get("/").content.decode()
    assert "Мои сроки по случаям" in text
    assert "Просрочено (1)" in text and "Срок сегодня (1)" in text and "До конца недели (1)" in text
    assert "просрочен на 3 раб. дн." in text and "срок сегодня" in text
    assert "Просрочены сроки по случаям: 1 срок" in text
    other = client_for(world.specialist2).get("/").content.decode()
    assert "На этой неделе сроков по случаям нет" in other


def test_the_heads_home_groups_the_units_deadlines_by_specialist(world):
    open_case(world)
    someone = make_person(world.a.support, world.a.districts[1], world.specialist2.user)
    open_case(world, by=world.specialist2, person=someone)
    text = client_for(world.head).get("/").content.decode()
    assert "Сроки отделения по специалистам" in text
    assert str(world.specialist.user) in text and str(world.specialist2.user) in text
    assert "Просрочены сроки по случаям: 2 срока" in text
    assert "Сроки по случаям" not in client_for(world.uszn).get("/").content.decode()


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _cases(world, n):
    for index in range(n):
        take(world)
        open_case(world, detected_on=D(2025, 4, 28) + datetime.timedelta(days=index % 14))


@pytest.mark.parametrize("who", ["specialist", "head"])
def test_the_cases_home_blocks_and_attention_cost_a_fixed_number_of_queries(
    world, who, django_assert_max_num_queries
):
    """The cases' own part of the home page (other apps add theirs): the panels with their
    deadlines and calendar, and the overdue item."""
    membership = getattr(world, who)
    request = SimpleNamespace(scope=membership.scope, membership=membership)
    _cases(world, 3)
    panels_for(request)
    with CaptureQueriesContext(connection) as few:
        assert panels_for(request)[0].context["groups"]
        assert items_for(membership.scope)
    _cases(world, 27)
    with django_assert_max_num_queries(len(few)):
        panels = panels_for(request)
        items_for(membership.scope)
    assert len(few) <= 4
    assert sum(g.total for g in panels[0].context["groups"]) >= 30


@pytest.mark.parametrize(
    ("who", "path", "limit"),
    [
        ("specialist", "/", 30),
        ("head", "/", 30),
        ("specialist", "/cases/", 7),
        ("head", "/cases/", 7),
        ("specialist", "/cases/appeals/", 5),
        ("head", "/cases/board/", 5),
    ],
)
def test_home_and_lists_cost_the_same_for_3_and_30_cases(
    world, who, path, limit, django_assert_max_num_queries
):
    client = client_for(getattr(world, who))
    _cases(world, 3)
    client.get(path)  # caches of the first request (content types, the calendar package)
    few = _queries(client, path)
    _cases(world, 27)
    many = _queries(client, path)
    assert few == many
    with django_assert_max_num_queries(limit):
        client.get(path)
