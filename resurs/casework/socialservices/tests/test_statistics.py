"""SOC-10 (002 §5.1.11): the department's statistics — the numbers (reversal, anonymous
services, target groups), who sees which numbers, the page with its drill-down to the facts,
its query count, the menu and the reporting chain's counters contributed by the app."""

import datetime
import html
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resurs.casework.cases.tests.conftest import bearer
from resurs.casework.citizens.models import TargetGroup, TargetGroupMembership
from resurs.casework.conftest import make_person
from resurs.casework.socialservices import services, statistics_selectors
from resurs.casework.socialservices.models import ServiceFact, month_start
from resurs.casework.socialservices.statistics import NO_GROUP, breakdown, in_period, totals
from resurs.casework.socialservices.statistics_selectors import (
    StatisticsQuery,
    statistics_for,
)
from resurs.casework.socialservices.tests.conftest import DAY, MONTH
from resurs.kernel.accounts.navigation import menu_for
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import extension

pytestmark = pytest.mark.django_db

URL = "/services/statistics/"
MONTH_KEY = f"{MONTH.year}-m{MONTH.month}"
CURRENT = month_start(timezone.localdate())


def month_query(**kwargs) -> StatisticsQuery:
    end = (MONTH + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return StatisticsQuery(start=MONTH, end=end, **kwargs)


def numbers(who, query=None):
    stats = statistics_for(who, query or month_query())
    assert stats is not None
    t = stats.totals
    return t.recipients, t.services, t.cost


# --- the numbers ------------------------------------------------------------------------------


def test_the_institution_counts_recipients_services_and_cost(facts):
    assert numbers(facts.provider) == (2, 7, Decimal("150.00"))


def test_anonymous_services_count_as_services_not_recipients(facts):
    stats = statistics_for(facts.provider, month_query(dimension="kind"))
    legal = next(item.row for item in stats.rows if item.row.key == "legal")
    assert (legal.recipients, legal.services, legal.cost) == (0, 3, 0)
    by_district = {item.row.label: item.row for item in statistics_for(
        facts.provider, month_query(dimension="district")).rows}  # fmt: skip
    assert by_district["анонимно / не указан"].services == 3
    assert by_district["Участок № 1"].recipients == 1


def test_a_reversal_lowers_the_services_and_a_reversed_recipient_is_not_counted(facts):
    services.fact_reverse(by=facts.specialist2, fact=facts.man_visit, reason="Ошибка ввода")
    services.fact_reverse(by=facts.specialist, fact=facts.paid, reason="Не оказана")
    # Both reversed in the open month they were given in: it counts them there.
    assert numbers(facts.provider) == (1, 5, Decimal("0.00"))


def test_a_reversal_after_the_month_closed_counts_in_the_current_month(facts):
    services.month_close(by=facts.head, unit=facts.a.support, month=MONTH)
    reversal = services.fact_reverse(by=facts.specialist, fact=facts.paid, reason="Не оказана")
    assert reversal.period == CURRENT
    assert numbers(facts.provider) == (2, 7, Decimal("150.00"))  # the closed month as it was
    now = StatisticsQuery(start=CURRENT, end=timezone.localdate())
    assert numbers(facts.provider, now) == (0, -1, Decimal("-150.00"))


def test_by_target_group_a_person_of_two_groups_counts_in_each(facts):
    first, second = TargetGroup.objects.filter(derived=False)[:2]
    for group in (first, second):
        TargetGroupMembership.all_records.create(
            person=facts.person, group=group, starts_on=datetime.date(2024, 1, 1)
        )
    counted = in_period(ServiceFact.objects.visible_to(facts.provider), MONTH, MONTH)
    rows = {row.label: row for row in breakdown(counted, "target_group")}
    assert (rows[first.name].recipients, rows[first.name].services) == (1, 3)
    assert (rows[second.name].recipients, rows[second.name].services) == (1, 3)
    # The man of no group and the anonymous calls.
    assert (rows[NO_GROUP].recipients, rows[NO_GROUP].services) == (1, 4)
    assert sum(row.recipients for row in rows.values()) == 3 > 2  # more than the total


def test_every_dimension_adds_up_to_the_services_total(facts):
    facts_ = in_period(ServiceFact.objects.visible_to(facts.provider), MONTH, MONTH)
    total = totals(facts_)
    for dimension in ("unit", "specialist", "district", "kind", "form", "payment", "service",
                      "month", "organisation"):  # fmt: skip
        rows = breakdown(facts_, dimension)
        assert sum(row.services for row in rows) == total.services, dimension
        assert sum(row.cost for row in rows) == total.cost, dimension


# --- who sees which numbers -------------------------------------------------------------------


def test_each_role_counts_only_the_facts_it_sees(facts):
    w = facts
    assert numbers(w.head) == (2, 7, Decimal("150.00"))
    assert numbers(w.uszn) == (2, 7, Decimal("150.00"))
    assert numbers(w.specialist) == (1, 6, Decimal("150.00"))  # district 1 and the calls
    assert numbers(w.specialist2) == (1, 1, 0)
    assert numbers(w.psychologist) == (0, 0, 0)
    # Another institution's staff and another territory's УСЗН see none of ours.
    assert numbers(w.other_specialist) == (1, 5, 0)
    assert numbers(w.other_provider) == (1, 5, 0)
    assert numbers(w.other_uszn) == (1, 5, 0)


def test_region_wide_roles_see_the_region_numbers_and_no_facts(facts):
    for who in (facts.department, facts.methodical, facts.administrator):
        stats = statistics_for(who, month_query(dimension="organisation"))
        assert (stats.totals.recipients, stats.totals.services) == (3, 12)
        assert stats.drilldown is False and stats.total_url == ""
        assert all(item.url == "" for item in stats.rows)
        assert {item.row.label for item in stats.rows} == {"КЦСОН А", "КЦСОН Б"}
        # The numbers came from the statistics' own read: the facts stay closed to them.
        assert not ServiceFact.objects.visible_to(who).exists()


def test_only_the_statistics_selector_reads_the_facts_past_the_scope():
    """The region's numbers read every fact; nothing else of the app that serves a user may
    (the rule of statistics_selectors' docstring), so a source that says «unscoped» is that
    module — or the demo's load, which no request runs."""
    app = Path(statistics_selectors.__file__).parent
    readers = {
        str(path.relative_to(app))
        for path in app.rglob("*.py")
        if "tests" not in path.parts and ".unscoped(" in path.read_text(encoding="utf-8")
    }
    assert readers == {"statistics_selectors.py", "demo.py"}


def test_a_resource_centre_sees_no_statistics(facts, login):
    assert statistics_for(facts.rc, month_query()) is None
    assert login(facts.rc).get(URL).status_code == 404
    assert login(facts.rc).get(URL + "xlsx/").status_code == 404


def test_another_institutions_page_shows_none_of_our_numbers(facts, login):
    page = login(facts.other_specialist).get(URL, {"period": MONTH_KEY}).content.decode()
    assert "КЦСОН А" not in page and "Отделение психологической помощи" not in page
    assert "150,00" not in page
    # Asking for our unit by its id is a choice the form does not offer.
    page = login(facts.other_specialist).get(
        URL, {"period": MONTH_KEY, "dimension": "unit", "unit": facts.a.support.pk}
    )
    assert page.status_code == 200
    assert "Фильтры не применены" in page.content.decode()
    assert "150,00" not in page.content.decode()


# --- the page ---------------------------------------------------------------------------------


def test_the_page_shows_the_totals_in_russian_format_and_drills_down_to_the_facts(facts, login):
    response = login(facts.provider).get(URL, {"period": MONTH_KEY, "dimension": "kind"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Статистика услуг" in page and "150,00" in page
    # The chart is drawn by the vendored script from the numbers on the page, no CDN.
    assert 'data-chart="statistics-chart-data"' in page and 'id="statistics-chart-data"' in page
    assert "/static/vendor/chartjs/chart.umd.min.js" in page and "https://" not in page
    links = {
        urlsplit(href).path: parse_qs(urlsplit(href).query)
        for href in _hrefs(page)
        if "/services/facts/" in href
    }
    assert links, "the numbers open the facts list"
    href = next(h for h in _hrefs(page) if "kind=legal" in h)
    query = parse_qs(urlsplit(href).query)
    assert urlsplit(href).path == "/services/facts/"
    assert query == {
        "period_from": [MONTH.isoformat()],
        "period_to": [MONTH.isoformat()],
        "kind": ["legal"],
    }


def test_a_month_row_opens_that_accounting_month(facts):
    stats = statistics_for(
        facts.provider,
        StatisticsQuery(
            start=MONTH,
            end=timezone.localdate(),
            dimension="month",
            unit_id=facts.a.support.pk,
        ),
    )
    (row,) = stats.rows
    query = parse_qs(urlsplit(row.url).query)
    assert query["period_from"] == query["period_to"] == [MONTH.isoformat()]
    assert query["unit_id"] == [str(facts.a.support.pk)]


def test_the_region_page_has_no_drill_down(facts, login):
    page = (
        login(facts.department)
        .get(URL, {"period": MONTH_KEY, "dimension": "organisation"})
        .content.decode()
    )
    assert "КЦСОН А" in page and "КЦСОН Б" in page
    assert "/services/facts/" not in page
    assert "только числа" in page


def test_a_custom_range_of_months_and_its_errors(facts, login):
    client = login(facts.provider)
    page = client.get(
        URL, {"period": "custom", "month_from": MONTH_KEY, "month_to": MONTH_KEY}
    ).content.decode()
    assert "150,00" in page
    page = client.get(URL, {"period": "custom", "month_from": MONTH_KEY}).content.decode()
    assert "Выберите последний месяц диапазона." in page


def test_the_target_group_page_says_a_person_counts_in_each_group(facts, login):
    page = (
        login(facts.head)
        .get(URL, {"period": MONTH_KEY, "dimension": "target_group"})
        .content.decode()
    )
    assert "учтён в каждой из них" in page


def test_the_page_costs_the_same_queries_for_more_facts(
    facts, login, django_assert_max_num_queries
):
    client = login(facts.provider)
    params = {"period": MONTH_KEY, "dimension": "specialist"}
    client.get(URL, params)  # warm the session and the content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, params).status_code == 200
    for number in range(30):
        person = make_person(
            facts.a.support, facts.a.districts[number % 2], last_name=f"Иванов{number}"
        )
        services.fact_record(
            by=facts.provider, unit=facts.a.support, service=facts.catalogue.home,
            provided_on=DAY, person=person,
        )  # fmt: skip
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL, params).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        assert client.get(URL, {**params, "dimension": "target_group"}).status_code == 200


def test_the_menu_offers_the_statistics_to_those_who_see_them():
    for role in (Role.SPECIALIST, Role.HEAD, Role.PROVIDER, Role.USZN, Role.DEPARTMENT):
        assert "socialservices:statistics" in [item.url_name for item in menu_for(role)]
    assert "socialservices:statistics" not in [
        item.url_name for item in menu_for(Role.RESOURCE_CENTRE)
    ]


# --- REP-4: the counters the app contributes to reporting -------------------------------------


def test_the_counters_count_the_organisations_facts_of_the_period(facts):
    entries = {entry["key"]: entry for entry in extension("reporting_counters")}
    assert entries["service_recipients"]["label"] == "Получатели социальных услуг, чел."
    assert entries["services_given"]["label"] == "Оказано социальных услуг, ед."
    quarter_end = MONTH.replace(day=28)
    period = {
        "organisation": facts.a.organisation,
        "direction": None,
        "start": MONTH,
        "end": quarter_end,
    }
    counted = entries["service_recipients"]["numbers"](**period)
    assert counted[entries["service_recipients"]["value"]] == 2
    assert counted[entries["services_given"]["value"]] == 7
    url = entries["services_given"]["records"](**period)
    assert url == f"/services/facts/?period_from={MONTH.isoformat()}&period_to={MONTH.isoformat()}"


def _hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page)]


def test_whole_institutions_months_are_read_from_the_tally_with_the_facts_numbers(
    facts, django_assert_max_num_queries
):
    """The region's, a territory's or an institution's month by a tallied dimension comes
    from the tally (a few small queries, whatever the region's size) and says what the facts
    say; the institution and the УСЗН keep their links to the facts."""
    for who, links in ((facts.department, False), (facts.provider, True), (facts.uszn, True)):
        seen = (
            ServiceFact.objects.visible_to(who)
            if links
            else ServiceFact.objects.unscoped(reason="тест: числа региона по фактам")
        )
        month = in_period(seen, MONTH, MONTH)
        for dimension in ("unit", "kind", "form", "specialist", "district", "payment", "service"):
            with django_assert_max_num_queries(5):
                stats = statistics_for(who, month_query(dimension=dimension))
            assert stats is not None and stats.totals == totals(month), (who, dimension)
            expected = [r for r in breakdown(month, dimension) if r.services or r.recipients]

            def rows(found):
                values = ((str(r.key), r.label, r.recipients, r.services, r.cost) for r in found)
                return sorted(values, key=lambda v: v[:2])  # Decimal('0') == Decimal('0.00')

            assert rows(item.row for item in stats.rows) == rows(expected), (who, dimension)
            assert all(bool(item.url) == links for item in stats.rows if item.row.key), who


def test_the_statistics_through_the_api(facts, client):
    def api_client(who):
        class Caller:
            def get(self, url, params):
                return client.get(url, params, headers=bearer(who))

        return Caller()

    query = {
        "period_from": MONTH.isoformat(),
        "period_to": MONTH.isoformat(),
        "dimension": "kind",
    }
    answer = api_client(facts.provider).get("/api/v1/services/statistics", query)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["recipients"], body["services"], Decimal(body["cost"])) == (2, 7, Decimal(150))
    legal = next(row for row in body["rows"] if row["key"] == "legal")
    assert legal["services"] == 3 and "/services/facts/" in legal["facts_url"]
    region = api_client(facts.department).get("/api/v1/services/statistics", query).json()
    assert region["services"] == 12 and all(row["facts_url"] == "" for row in region["rows"])
    assert api_client(facts.rc).get("/api/v1/services/statistics", query).status_code == 404
    wrong = api_client(facts.provider).get(
        "/api/v1/services/statistics", {**query, "dimension": "organisation"}
    )
    assert wrong.status_code == 422
