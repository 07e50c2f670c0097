"""The reporting pages: what I owe, the receiver's board, the report card and its form,
the forms catalogue — scoped, with Russian errors and a fixed number of queries."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

from resurs.coordination.events.tests.helpers import bearer
from resurs.coordination.reporting import services
from resurs.coordination.reporting.models import Report, ReportState, ReportValue
from resurs.kernel.accounts.scoping import Scope
from tests.factories import OrganisationFactory, direction, member, territory


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Yekaterinburg"))


def report_of(world, code, membership):
    return Report.objects.get(form=world.forms[code], sender=membership.organisation)


def test_a_provider_sees_what_it_owes_and_fills_it(opened, login):
    provider = opened.providers[0]
    client = login(provider)
    page = client.get("/reporting/")
    assert page.status_code == 200
    assert "Мониторинг поставщика" in page.text and "III квартал 2026" in page.text
    report = report_of(opened, "provider-monitoring", provider)
    form = client.get(f"/reporting/reports/{report.pk}/edit/")
    assert form.status_code == 200 and "Посчитано системой" in form.text
    response = client.post(
        f"/reporting/reports/{report.pk}/edit/",
        {
            "version": report.version,
            "recipients_total": "40",
            "recipients_new": "10",
            "t-technologies-0-name": "Социальный патруль",
            "t-technologies-0-recipients": "12",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    table = ReportValue.objects.get(report=report, indicator__code="technologies").value
    assert table == [{"name": "Социальный патруль", "recipients": 12}]
    card = client.get(report.get_absolute_url())
    assert "представлен" in card.text and "Социальный патруль" in card.text


def test_a_bad_value_comes_back_with_what_was_typed(opened, login):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    response = login(provider).post(
        f"/reporting/reports/{report.pk}/edit/",
        {"version": report.version, "recipients_total": "сорок", "problems": "Текст остался"},
    )
    assert response.status_code == 400
    assert "«сорок» — не число" in response.text
    assert "Текст остался" in response.text
    assert not ReportValue.objects.filter(report=report).exists()


def test_a_stale_form_is_told_and_saves_nothing(opened, login):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    old = report.version
    services.save_values(
        by=provider, report=report, values={"recipients_total": "5"}, expected_version=old
    )
    response = login(provider).post(
        f"/reporting/reports/{report.pk}/edit/", {"version": old, "recipients_total": "7"}
    )
    assert response.status_code == 400
    assert "сохранил другой пользователь" in response.text
    assert ReportValue.objects.get(report=report, indicator__code="recipients_total").value == 5


def test_one_provider_cannot_open_anothers_report(opened, login):
    theirs = report_of(opened, "provider-monitoring", opened.providers[1])
    client = login(opened.providers[0])
    for url in (
        theirs.get_absolute_url(),
        f"/reporting/reports/{theirs.pk}/edit/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/reporting/reports/{theirs.pk}/submit/", {"version": 1}).status_code == 404
    assert login(opened.stranger).get(theirs.get_absolute_url()).status_code == 404


def test_another_territorys_uszn_and_another_directions_rc_see_nothing(opened, login):
    report = report_of(opened, "provider-monitoring", opened.providers[0])
    other_uszn = member("uszn", org={"territory": territory("Сургут")})
    other_rc = member("resource_centre", direction=direction(5))
    assert login(other_uszn).get(report.get_absolute_url()).status_code == 404
    consolidation = report_of(opened, "uszn-consolidation", opened.uszn)
    assert login(other_rc).get(consolidation.get_absolute_url()).status_code == 404
    assert login(opened.rc).get(consolidation.get_absolute_url()).status_code == 200
    assert login(opened.uszn).get(report.get_absolute_url()).status_code == 200


def test_the_receiver_accepts_and_returns_from_the_card(opened, login):
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    services.submit(by=provider, report=report, expected_version=None, nothing_to_report=True)
    uszn = login(opened.uszn)
    empty = uszn.post(
        f"/reporting/reports/{report.pk}/return/", {"version": report.version, "remarks": ""}
    )
    assert empty.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    uszn.post(
        f"/reporting/reports/{report.pk}/return/",
        {"version": report.version, "remarks": "Данные за сентябрь есть"},
    )
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    page = login(provider).get(report.get_absolute_url())
    assert "Данные за сентябрь есть" in page.text


def test_the_board_counts_and_its_query_count_does_not_grow(
    opened, login, django_assert_max_num_queries
):
    client = login(opened.uszn)
    url = "/reporting/board/?form=provider-monitoring&period=2026-q3"
    with django_assert_max_num_queries(12):
        first = client.get(url)
    assert first.status_code == 200
    assert 'data-total="expected">4<' in first.text
    district = opened.uszn.organisation.territory
    for number in range(10):
        extra = OrganisationFactory(name=f"Поставщик {number}", territory=district)
        extra.directions.add(direction(2))
    services.open_period(form=opened.forms["provider-monitoring"], period=opened.quarter)
    with django_assert_max_num_queries(12):
        second = client.get(url)
    assert 'data-total="expected">14<' in second.text


def test_my_reports_query_count_is_fixed(opened, login, django_assert_max_num_queries):
    client = login(opened.rc)
    with django_assert_max_num_queries(8):
        page = client.get("/reporting/")
    # to the Department and the МЦ, and the institution's provider report to its УСЗН
    assert page.text.count("III квартал 2026") == 3


def test_the_department_opens_a_period_from_the_board(world, login):
    client = login(world.department)
    response = client.post(
        "/reporting/periods/open/", {"open-form": "rc-kpi", "open-period": "2026-q3"}, follow=True
    )
    assert "новых отчётов — 1" in response.text
    assert Report.objects.filter(form__code="rc-kpi").count() == 1
    bad = client.post(
        "/reporting/periods/open/", {"open-form": "rc-kpi", "open-period": "2026-q9"}, follow=True
    )
    assert "Неверное обозначение периода" in bad.text
    assert login(world.providers[0]).post(
        "/reporting/periods/open/", {"open-form": "rc-kpi", "open-period": "2026-q2"}
    ).status_code in (302, 403)
    assert not Report.objects.filter(
        form__code="rc-kpi", period_start=datetime.date(2026, 4, 1)
    ).exists()


def test_the_department_sets_a_due_day(world, login):
    form = world.forms["rc-monitoring"]
    client = login(world.department)
    page = client.get("/reporting/forms/")
    assert "до 10 числа" in page.text
    response = client.post(
        "/reporting/forms/rc-monitoring/settings/",
        {
            "title": form.title,
            "short_title": form.short_title,
            "due_day": "40",
            "version": form.version,
        },
    )
    assert response.status_code == 400 and "от 1 до 31" in response.text
    client.post(
        "/reporting/forms/rc-monitoring/settings/",
        {
            "title": form.title,
            "short_title": form.short_title,
            "due_day": "12",
            "is_active": "on",
            "version": form.version,
        },
    )
    form.refresh_from_db()
    assert form.due_day == 12
    assert login(world.rc).get("/reporting/forms/rc-monitoring/settings/").status_code == 403
    detail = login(world.rc).get("/reporting/forms/rc-kpi/")
    assert "6.5" in detail.text and "считается системой" in detail.text


def test_what_i_owe_is_what_my_role_fills(opened, login):
    """The RC institution owes a provider report to its УСЗН too: the RC's login (the role
    «Ресурсный центр») sees it beside the centre's reports, in «Мои отчёты» and on the home
    page (issue 12, item 4); a provider login of the institution sees the provider report."""
    from resurs.coordination.reporting.attention import items_for

    rc_page = login(opened.rc).get("/reporting/")
    assert "Мониторинг РЦ" in rc_page.text and "Мониторинг поставщика" in rc_page.text
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 10, 1)):
        rc_home = [item.title for item in items_for(Scope.of(opened.rc))]
    assert "Срок отчёта: Мониторинг поставщика, III квартал 2026" in rc_home
    staff = member("provider", opened.rc.organisation)
    provider_page = login(staff).get("/reporting/")
    assert (
        "Мониторинг поставщика" in provider_page.text and "Мониторинг РЦ" not in provider_page.text
    )
    report = report_of(opened, "provider-monitoring", opened.providers[0])
    services.submit(
        by=opened.providers[0], report=report, expected_version=None, nothing_to_report=True
    )
    items = {item.title: item for item in items_for(Scope.of(opened.uszn))}
    waiting = items["Отчёты ждут вашего решения: 1"]
    # Issue 12, item 3: the link lands on the period where the report waits, and it is there.
    assert waiting.url == "/reporting/board/?period=2026-q3"
    board = login(opened.uszn).get(waiting.url)
    assert [row.pk for row in board.context["board"].rows if row.state == "submitted"] == [
        report.pk
    ]
    assert not any("ждут вашего решения" in item.title for item in items_for(Scope.of(opened.rc)))


def test_the_board_offers_no_future_period_and_a_running_period_says_when_it_opens(opened, login):
    """Issue 12, item 7."""
    moment = at(2026, 9, 10)
    provider = opened.providers[0]
    report = report_of(opened, "provider-monitoring", provider)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        board = login(opened.uszn).get("/reporting/board/")
        keys = [key for key, _label in board.context["filter_form"].fields["period"].choices]
        assert "2026-q3" in keys and "2026-q4" not in keys and "2027" not in keys
        page = login(provider).get(report.get_absolute_url())
    assert "Представить отчёт можно с 30.09.2026" in page.text
    assert "Нет данных за период</button>" not in page.text


def test_a_consolidated_report_links_only_the_sources_its_reader_may_open(opened, login):
    """Issue 12, item 3: the RC reads the УСЗН's consolidation but not the providers' reports
    it is made of: their names are listed without links that would answer 404."""
    provider = opened.providers[0]
    source = report_of(opened, "provider-monitoring", provider)
    with mock.patch("django.utils.timezone.now", return_value=at(2026, 10, 2)):
        services.submit(by=provider, report=source, expected_version=None, nothing_to_report=True)
    source.refresh_from_db()
    services.accept(by=opened.uszn, report=source, expected_version=source.version)
    consolidation = report_of(opened, "uszn-consolidation", opened.uszn)
    link = f'href="{source.get_absolute_url()}"'

    uszn_page = login(opened.uszn).get(consolidation.get_absolute_url())
    assert link in uszn_page.text
    rc_client = login(opened.rc)
    rc_page = rc_client.get(consolidation.get_absolute_url())
    assert rc_page.status_code == 200 and provider.organisation.name in rc_page.text
    assert link not in rc_page.text
    assert rc_client.get(source.get_absolute_url()).status_code == 404


def test_an_uszn_does_not_read_what_a_resource_centre_of_its_territory_owes_upwards(
    opened, login, client
):
    """SPEC §0/REP-2: УСЗН controls its territory's providers and receives their reports; the
    RC that sits in its territory reports to the Department and the methodological centre,
    which is none of the УСЗН's business."""
    upwards = [report_of(opened, code, opened.rc) for code in ("rc-monitoring", "rc-kpi")]
    uszn = login(opened.uszn)
    for report in upwards:
        for url in (
            report.get_absolute_url(),
            f"/reporting/reports/{report.pk}/export.xlsx",
            f"/reporting/reports/{report.pk}/export.pdf",
        ):
            assert uszn.get(url).status_code == 404, url
        api = client.get(f"/api/v1/reporting/reports/{report.pk}", headers=bearer(opened.uszn))
        assert api.status_code == 404
    listed = client.get("/api/v1/reporting/reports?limit=100", headers=bearer(opened.uszn))
    ids = {row["id"] for row in listed.json()["items"]}
    assert not ids & {report.pk for report in upwards}
    # What it does see: its providers' reports to it and its own consolidation to the RC.
    assert report_of(opened, "provider-monitoring", opened.providers[0]).pk in ids
    assert report_of(opened, "uszn-consolidation", opened.uszn).pk in ids
    for report in upwards:
        assert login(opened.rc).get(report.get_absolute_url()).status_code == 200
