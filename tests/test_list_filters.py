"""Issue 12, item 11: a filter value the list cannot use is said on the page, never ignored
silently — in the one filter mechanism (components/filters.html + filter_errors.html)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rc():
    organisation = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ Сургут")
    rc_status(organisation, number=2)
    return member(Role.RESOURCE_CENTRE, organisation, direction=direction(2))


def test_an_invalid_date_in_the_events_list_is_said_in_the_results(rc, login):
    client = login(rc)
    page = client.get(reverse("events:list"), {"date_from": "31.02.2026"}).content.decode()
    assert "Фильтры не применены: «С даты» — Введите правильную дату." in page
    assert "Показаны все записи." in page
    assert "filter component" not in page and "never ignored" not in page  # comments stay hidden
    # The htmx refresh of the results carries the message too (and clears it once fixed).
    fragment = client.get(
        reverse("events:list"),
        {"date_from": "2026-02-31"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    ).content.decode()
    assert fragment.lstrip().startswith('<div id="results">')
    assert "Фильтры не применены" in fragment
    fixed = client.get(
        reverse("events:list"),
        {"date_from": "2026-02-01"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    ).content.decode()
    assert "Фильтры не применены" not in fixed


def test_an_invalid_date_in_the_calendar_says_which_month_is_shown(rc, login):
    page = login(rc).get(reverse("events:calendar"), {"month": "март"}).content.decode()
    assert "«Месяц» — Укажите месяц в виде ГГГГ-ММ." in page
    assert "Показан текущий месяц без фильтров." in page


def test_an_invalid_date_in_the_audit_journal_is_said(login):
    admin = member(Role.ADMINISTRATOR)
    page = login(admin).get("/audit/", {"date_to": "2026-13-01"}).content.decode()
    assert "Фильтры не применены: «По» — Введите правильную дату." in page


def test_every_list_with_the_filter_component_says_its_errors_in_the_results():
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "resurs"]
    lists = [
        path
        for root in roots
        for path in root.rglob("*.html")
        if 'include "components/filters.html"' in path.read_text(encoding="utf-8")
    ]
    assert len(lists) >= 10
    for path in lists:
        text = path.read_text(encoding="utf-8")
        results = text.index('<div id="results"')
        assert text.find('include "components/filter_errors.html"', results) > results, path


def test_an_empty_list_without_filters_says_what_to_do_not_to_change_the_search(rc, login):
    client = login(rc)
    # Nothing filtered — neither on the first visit nor after «Найти» with every field empty.
    for query in ({}, {"q": "", "kind": "", "date_from": ""}, {"page": "1"}):
        page = client.get(reverse("events:list"), query).content.decode()
        assert "Мероприятий пока нет." in page, query
        assert "Измените условия поиска" not in page, query
    filtered = client.get(reverse("events:list"), {"q": "нет такого"}).content.decode()
    assert "Измените условия поиска" in filtered


def test_the_empty_inbox_says_where_questions_come_from_when_nothing_is_filtered(login):
    from resurs.coordination.public.tests.conftest import make_page, rc_member

    client = login(rc_member(make_page()))
    page = client.get(reverse("public:inbox")).content.decode()
    assert "Вопросов пока нет." in page
    assert "Измените" not in page
    filtered = client.get(reverse("public:inbox"), {"state": "published"}).content.decode()
    assert "Измените условия поиска" in filtered


def test_has_filters_is_false_for_a_form_bound_to_empty_values():
    from django.http import QueryDict

    from resurs.coordination.events.forms import EventFilterForm
    from resurs.kernel.ui.templatetags.ui import has_filters

    assert not has_filters(None)
    assert not has_filters(EventFilterForm(QueryDict("q=&kind=&page=3")))
    assert has_filters(EventFilterForm(QueryDict("q=семинар")))
