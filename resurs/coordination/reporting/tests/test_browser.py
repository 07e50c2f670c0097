"""Issue 5 item 11: one quarter of the reporting chain clicked through in a real browser.

IV quarter 2026 in the Surgut district, direction 2. The Department opens the period's
obligations from the board; three providers of the direction there have logins: «Альфа»
submits late (its report's due date is set to three days ago — the only arrangement the test
makes behind the UI, because a live server cannot move the clock), «Бета» submits on time,
«Гамма» declares «нет данных за период». The УСЗН accepts them, consolidates (the form is
pre-filled with the sum of the accepted reports) and forwards; the RC accepts, its own report
is pre-filled from the УСЗН's and goes to the Department; the Department's board shows each
link's timeliness: late by 3 days, on time, nothing to report, expected (the RC institution
as a provider, not yet due), and the УСЗН's and RC's reports on time.

Every page passed goes through tests/browser/pages.py (axe-core, Russian text, no console
errors). Screenshots: artifacts/screenshots/<role>-reporting-*.png.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from resurs.coordination.reporting import shipped
from resurs.coordination.reporting.models import Report, ReportForm, ReportState
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import DEMO_PASSWORD
from resurs.kernel.organisations.models import (
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    Territory,
)
from tests.browser.pages import PageInspector, log_in
from tests.browser.test_registry_paths import open_menu_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROVIDERS = {
    "prov-alpha": "АНО «Социальная гостиница «Альфа»",
    "prov-beta": "АНО «Центр реабилитации «Бета»",
    "prov-gamma": "АНО «Служба помощи «Гамма»",
}


def provider_logins() -> dict[str, Organisation]:
    district = Territory.objects.get(name="Сургутский район")
    direction = Direction.objects.get(number=2)
    organisations = {}
    for index, (username, name) in enumerate(PROVIDERS.items()):
        organisation = Organisation.objects.create(
            name=name,
            short_name=name.replace("АНО ", ""),
            kind=OrganisationKind.NON_STATE_PROVIDER,
            legal_form=LegalForm.SO_NKO,
            territory=district,
            inn=f"86170{index}0000"[:10],
        )
        organisation.directions.add(direction)
        user = User.objects.create_user(
            username=username, password=DEMO_PASSWORD, last_name="Поставщикова", first_name="Анна"
        )
        Membership.objects.create(user=user, organisation=organisation, role=Role.PROVIDER)
        organisations[username] = organisation
    return organisations


def open_period(page, inspector, form_label: str) -> None:
    page.locator("details summary", has_text="Сформировать обязательства").click()
    page.locator('select[name="open-form"]').select_option(label=form_label)
    page.locator('input[name="open-period"]').fill("2026-q4")
    page.get_by_role("button", name="Сформировать").click()
    expect(page.locator(".alert-success")).to_contain_text("Обязательства сформированы")
    inspector.check(f"reporting-board-opened-{form_label[:6]}")


def open_my_report(page, inspector, form_title: str) -> None:
    open_menu_item(page, "Отчётность", "Мои отчёты")
    inspector.check("reporting-mine")
    page.locator("table a", has_text=form_title).first.click()
    page.wait_for_url("**/reporting/reports/*/")


def fill_and_submit(page, inspector, values: dict[str, str], name: str) -> None:
    page.get_by_role("link", name="Заполнить").click()
    page.wait_for_url("**/edit/")
    inspector.check(f"reporting-edit-{name}")
    for label, value in values.items():
        page.get_by_label(label, exact=False).first.fill(value)
    page.get_by_role("button", name="Сохранить и представить").click()
    expect(page.locator(".alert-success")).to_contain_text("Отчёт представлен")
    inspector.check(f"reporting-report-{name}-submitted")


def accept_from_board(page, inspector, sender: str, name: str) -> None:
    open_menu_item(page, "Отчётность", "Контроль представления")
    page.locator("#board a", has_text=sender).first.click()
    page.wait_for_url("**/reporting/reports/*/")
    page.get_by_role("button", name="Принять").click()
    expect(page.locator("#report-state")).to_contain_text("принят")
    inspector.check(f"reporting-report-{name}-accepted")


def test_a_quarter_of_the_chain_from_providers_to_the_department(demo, new_page, live_server):
    shipped.install()  # the flushed database of a transactional test has lost the forms
    # The quarter walked here is the running one: the forms open submission during it.
    ReportForm.objects.update(submission_opens_days=92)
    organisations = provider_logins()
    base = live_server.url
    today = timezone.localdate()

    # The Department opens the quarter's obligations from the board.
    department = new_page()
    department_inspector = PageInspector(department, base, "department")
    log_in(department, base, "department")
    open_menu_item(department, "Отчётность", "Контроль представления")
    department_inspector.check("reporting-board")
    for label in ("Мониторинг поставщика", "Свод УСЗН", "Мониторинг РЦ"):
        open_period(department, department_inspector, label)
    assert Report.objects.filter(period_start=datetime.date(2026, 10, 1)).count() == 6

    late = Report.objects.get(sender=organisations["prov-alpha"])
    Report.objects.filter(pk=late.pk).update(due_on=today - datetime.timedelta(days=3))

    # Two providers submit (one late), one declares nothing to report.
    for username, values in (
        ("prov-alpha", {"2.1 Получатели услуг, всего": "40", "2.2 из них впервые": "10"}),
        ("prov-beta", {"2.1 Получатели услуг, всего": "60", "2.2 из них впервые": "30"}),
    ):
        page = new_page()
        inspector = PageInspector(page, base, f"provider-{username}")
        inspector.ignore_text(username)
        log_in(page, base, username)
        open_my_report(page, inspector, "Мониторинг поставщика")
        fill_and_submit(page, inspector, values, username)
        timeliness = page.locator("#report-timeliness")
        if username == "prov-alpha":
            expect(timeliness).to_contain_text("с опозданием на 3 дн.")
        else:
            expect(timeliness).to_contain_text("в срок")
        inspector.assert_clean()
    gamma = new_page()
    gamma_inspector = PageInspector(gamma, base, "provider-prov-gamma")
    gamma_inspector.ignore_text("prov-gamma")
    log_in(gamma, base, "prov-gamma")
    open_my_report(gamma, gamma_inspector, "Мониторинг поставщика")
    gamma.get_by_role("button", name="Нет данных за период").click()
    expect(gamma.locator("#report-timeliness")).to_contain_text("нет данных за период")
    gamma_inspector.check("reporting-report-nothing")
    gamma_inspector.assert_clean()

    # The УСЗН accepts, consolidates (pre-filled: 40 + 60) and forwards to the RC.
    uszn = new_page()
    uszn_inspector = PageInspector(uszn, base, "uszn")
    log_in(uszn, base, "uszn-surgut")
    for username in PROVIDERS:
        accept_from_board(uszn, uszn_inspector, organisations[username].short_name, username)
    open_my_report(uszn, uszn_inspector, "Свод УСЗН")
    uszn.get_by_role("link", name="Заполнить").click()
    uszn.wait_for_url("**/edit/")
    expect(uszn.get_by_label("1.4 Получатели услуг, всего", exact=False)).to_have_value("100")
    expect(
        uszn.get_by_label("2.1 Поставщиков, представивших информацию", exact=False)
    ).to_have_value("3")
    uszn_inspector.check("reporting-edit-consolidation")
    uszn.get_by_role("button", name="Сохранить и представить").click()
    expect(uszn.locator("#report-timeliness")).to_contain_text("в срок")
    uszn_inspector.check("reporting-report-consolidation-submitted")
    uszn_inspector.assert_clean()

    # The RC accepts the УСЗН's report; its report to the Department is pre-filled from it.
    rc = new_page()
    rc_inspector = PageInspector(rc, base, "resource_centre")
    log_in(rc, base, "rc")
    accept_from_board(rc, rc_inspector, "УСЗН по Сургутскому району", "consolidation")
    open_my_report(rc, rc_inspector, "Мониторинг РЦ")
    fill_and_submit(
        rc, rc_inspector, {"2.6 Выводы и предложения": "Обращений стало больше на треть."}, "rc"
    )
    expect(rc.locator('tr[data-code="recipients_total"] td.value')).to_have_text("100")
    rc_inspector.assert_clean()

    # The Department's board: each link's timeliness.
    open_menu_item(department, "Отчётность", "Контроль представления")
    department.locator('select[name="period"]').select_option("2026-q4")
    department.get_by_role("button", name="Показать").click()
    department.wait_for_url("**period=2026-q4**")
    department_inspector.check("reporting-board-quarter")
    rows = {
        row.get_attribute("data-sender"): row.locator("td").nth(6).inner_text().strip()
        for row in department.locator("#board tbody tr").all()
    }
    assert rows[PROVIDERS["prov-alpha"]].startswith("с опозданием на 3 дн."), rows
    assert rows[PROVIDERS["prov-beta"]].startswith("в срок"), rows
    assert rows[PROVIDERS["prov-gamma"]].startswith("нет данных за период"), rows
    assert rows["Управление социальной защиты населения по Сургутскому району"].startswith("в срок")
    assert rows["БУ «Сургутский районный центр социальной адаптации»"]  # both of its reports
    board = department.locator("#board-totals")
    expect(board.locator('[data-total="expected"]')).to_have_text("6")
    expect(board.locator('[data-total="late"]')).to_have_text("1")
    expect(board.locator('[data-total="nothing"]')).to_have_text("1")
    expect(board.locator('[data-total="missing"]')).to_have_text("0")
    rc_rows = department.locator("#board tbody tr", has_text="Мониторинг РЦ")
    expect(rc_rows).to_contain_text("в срок")
    provider_rc = department.locator("#board tbody tr", has_text="Мониторинг поставщика").filter(
        has_text="Сургутский районный центр"
    )
    expect(provider_rc).to_contain_text("ожидается")
    department_inspector.assert_clean()
    statuses = dict(
        Report.objects.values_list("sender__name", "state").filter(form__code="provider-monitoring")
    )
    assert statuses[PROVIDERS["prov-gamma"]] == ReportState.ACCEPTED


def test_the_dashboards_first_column_stays_in_view_at_1366_px(demo, new_page, live_server):
    """Issue 12, item 9: the Department's table is wider than a 1366 px screen; scrolled to
    its last column, the centre's name is still in view."""
    from resurs.coordination.reporting.demo import load_demo_data

    load_demo_data()
    page = new_page(width=1366, height=900)
    base = live_server.url
    inspector = PageInspector(page, base, "department")
    log_in(page, base, "department")
    inspector.visit("/reporting/dashboard/?period=2026-q3", "reporting-dashboard-1366")
    table = page.locator("#dashboard")
    expect(table).to_be_visible()
    box = page.locator("#dashboard").locator("xpath=..")
    scrolled = box.evaluate("el => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; }")
    assert scrolled > 0, "the table fits: nothing to keep in view"
    first = page.locator("#dashboard tbody tr").first.locator("td, th").first
    container = box.bounding_box()
    cell = first.bounding_box()
    assert cell["x"] >= container["x"] - 1 and cell["x"] < container["x"] + 20, (cell, container)
    last = page.locator("#dashboard thead th").last.bounding_box()
    assert last["x"] + last["width"] <= container["x"] + container["width"] + 1
    inspector.check("reporting-dashboard-1366-scrolled")
    inspector.assert_clean()
