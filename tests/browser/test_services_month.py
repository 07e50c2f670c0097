"""Issue 14 item 9: a month of services clicked through in a real browser, on the demo.

The specialist of district 1 records a day's services in the grid with the keyboard; the
head closes last month; a fact of the closed month is corrected by reversal and a new fact;
the head's statistics show the month's numbers and drill down to the facts behind them; the
Department sees the region's numbers without links to anybody's facts; the quarter's
in-service report, pre-filled from the specialist's facts, goes specialist → head → director
on time.

Every page passed goes through tests/browser/pages.py (axe-core WCAG 2.1 AA, Russian text,
no console errors). Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import datetime
import re

import pytest
from django.db.models import Sum
from django.utils import timezone
from playwright.sync_api import expect

from resurs.casework.socialservices.demo import load_demo_data as load_services_demo
from resurs.casework.socialservices.models import MonthClosure, Service, ServiceFact, month_start
from resurs.casework.units.demo import load_demo_data as load_casework_demo
from resurs.coordination.reporting.demo import load_demo_data as load_reporting_demo
from resurs.coordination.reporting.models import Report, ReportForm, ReportState
from resurs.kernel.accounts.models import User
from resurs.kernel.workcalendar.periods import Period, PeriodKind
from tests.browser.pages import PageInspector, log_in
from tests.browser.test_registry_paths import field, open_menu_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTION = "Работа с гражданами"
SUPPORT = "Отделение социального сопровождения граждан"
READ = "the browser test checks what the pages show"


@pytest.fixture
def services_demo(demo):
    """The case-work demo of the Pyt-Yakh KCSON, its year of services and the reporting
    demo (its in-service chain needs the units' staff): loaded here, not by ``demo``."""
    load_casework_demo()
    load_services_demo()
    load_reporting_demo()
    # The region lets the quarter's in-service reports be submitted from the quarter's start
    # (the form's setting; by default only on its last day), so that the walk submits the
    # running quarter's report on time whatever day it runs.
    ReportForm.objects.filter(code__in=["inservice-specialist", "inservice-head"]).update(
        submission_opens_days=92
    )


def success(page, text: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(text)


def facts():
    return ServiceFact.objects.unscoped(reason=READ)


def test_a_month_of_services(services_demo, new_page, live_server):
    base = live_server.url
    today = timezone.localdate()
    this_month = month_start(today)
    last_month = month_start(this_month - datetime.timedelta(days=1))
    specialist_user = User.objects.get(username="specialist")
    legal = Service.objects.get(code="СПР-01")
    household = Service.objects.get(code="СБ-01")

    # --- the specialist records the day in the grid -----------------------------------------
    page = new_page()
    specialist = PageInspector(page, base, "specialist")
    log_in(page, base, "specialist")
    open_menu_item(page, SECTION, "Услуги за день")
    specialist.check("services-day-setup")
    field(page, "День").fill(f"{today:%Y-%m-%d}")
    field(page, "Услуги (столбцы таблицы)").select_option(value=[str(legal.pk), str(household.pk)])
    page.get_by_role("button", name="Показать таблицу").click()
    cells = page.locator("#day-table input[data-cell]")
    expect(cells.first).to_be_visible()
    before = (
        facts()
        .filter(provided_on=today, specialist=specialist_user)
        .aggregate(n=Sum("quantity"))["n"]
        or 0
    )
    cells.nth(0).click()
    page.keyboard.type("1")
    page.keyboard.press("ArrowRight")
    page.keyboard.type("2")
    page.keyboard.press("ArrowDown")
    page.keyboard.type("1")
    specialist.check("services-day-grid")
    page.keyboard.press("Enter")
    success(page, "Внесено услуг: 3")
    after = (
        facts()
        .filter(provided_on=today, specialist=specialist_user)
        .aggregate(n=Sum("quantity"))["n"]
    )
    assert after == before + 4
    expect(page.locator("#day-table")).to_contain_text("уже")
    specialist.check("services-day-saved")

    # --- the head closes last month -------------------------------------------------------
    head_page = new_page()
    head = PageInspector(head_page, base, "head")
    log_in(head_page, base, "head")
    open_menu_item(head_page, SECTION, "Оказанные услуги")
    head.check("services-facts")
    head_page.get_by_role("link", name="Закрытие месяцев").click()
    field(head_page, "Отделение").select_option(label=SUPPORT)
    field(head_page, "Месяц").select_option(value=last_month.isoformat())
    head_page.get_by_role("button", name="Закрыть месяц").click()
    success(head_page, f"Месяц {last_month:%m.%Y}")
    assert MonthClosure.objects.filter(month=last_month, unit__name=SUPPORT).exists()
    head.check("services-months")

    # --- the specialist corrects a fact of the closed month by reversal ---------------------
    wrong = (
        facts()
        .filter(period=last_month, specialist=specialist_user, quantity=2, reverses__isnull=True)
        .order_by("id")
        .first()
    )
    assert wrong is not None
    page.goto(f"{base}/services/facts/{wrong.pk}/")
    expect(page.get_by_role("link", name="Исправить")).to_have_count(0)
    expect(page.locator("body")).to_contain_text("Месяц закрыт заведующим")
    specialist.check("services-fact-closed")
    field(page, "Причина сторно").fill("Оказана одна услуга, внесены две")
    field(page, "Верное количество").fill("1")
    page.get_by_role("button", name="Сторнировать").click()
    success(page, "Факт сторнирован, верный факт внесён")
    expect(page.locator("body")).to_contain_text(f"Исправление факта № {wrong.pk}")
    reversal = facts().get(reverses=wrong)
    assert reversal.quantity == -2 and reversal.period == this_month
    wrong.refresh_from_db()
    assert wrong.quantity == 2
    specialist.check("services-fact-corrected")

    # --- the head's statistics and the drill-down -----------------------------------------
    open_menu_item(head_page, SECTION, "Статистика услуг")
    field(head_page, "В разрезе").select_option(label="Специалист")
    head_page.get_by_role("button", name=re.compile("Показать|Найти")).first.click()
    table = head_page.locator("#statistics-table")
    expect(table).to_contain_text("Григорьева")
    head.check("services-statistics")
    mine = facts().filter(period=this_month, specialist=specialist_user)
    services_given = mine.aggregate(n=Sum("quantity"))["n"]
    row = table.locator("tr", has_text="Григорьева")
    grouped = f"{services_given:,}".replace(",", r"[\s\u00a0\u202f]")
    expect(row).to_contain_text(re.compile(rf"(^|\D){grouped}(\D|$)"))
    row.get_by_role("link").nth(1).click()
    expect(head_page.locator("body")).to_contain_text("сужен переходом из статистики")
    expect(head_page.get_by_role("status")).to_contain_text(f"Найдено: {mine.count()}")
    head.check("services-drilldown")

    # --- the Department: the region's numbers, nobody's facts -----------------------------
    department_page = new_page()
    department = PageInspector(department_page, base, "department")
    log_in(department_page, base, "department")
    department.visit("/services/statistics/", "services-statistics-region")
    expect(department_page.locator("#statistics-table a")).to_have_count(0)
    department_page.goto(f"{base}/services/facts/{wrong.pk}/")
    expect(department_page.locator("body")).not_to_contain_text("Исправление")

    # --- the quarter's in-service report: specialist → head → director, on time -------------
    quarter = Period.containing(PeriodKind.QUARTER, today)
    own = Report.objects.get(
        form__code="inservice-specialist",
        period_start=quarter.start,
        sender_membership__user=specialist_user,
    )
    page.goto(base + own.get_absolute_url())
    page.get_by_role("link", name="Заполнить").click()
    counted = (
        facts()
        .filter(specialist=specialist_user, period__gte=quarter.start, period__lte=quarter.end)
        .aggregate(n=Sum("quantity"))["n"]
    )
    expect(page.locator('input[name="services_given"]')).to_have_value(str(counted))
    page.locator('[name="families_supported"]').fill("5")
    page.locator('[name="members_employed"]').fill("2")
    page.locator('[name="results"]').fill("Пять семей на сопровождении, две мамы трудоустроены.")
    specialist.check("inservice-report-filled")
    page.get_by_role("button", name="Сохранить и представить").click()
    own.refresh_from_db()
    assert own.state == ReportState.SUBMITTED and own.submitted_at.date() <= own.due_on

    head_page.goto(base + own.get_absolute_url())
    head.check("inservice-report-received")
    head_page.get_by_role("button", name="Принять").click()
    own.refresh_from_db()
    assert own.state == ReportState.ACCEPTED
    unit_report = Report.objects.get(
        form__code="inservice-head", period_start=quarter.start, unit__name=SUPPORT
    )
    head_page.goto(base + unit_report.get_absolute_url())
    head_page.get_by_role("link", name="Заполнить").click()
    head_page.locator('[name="results"]').fill("Служба сопровождения работала по плану квартала.")
    head.check("inservice-head-report")
    head_page.get_by_role("button", name="Сохранить и представить").click()
    unit_report.refresh_from_db()
    assert unit_report.state == ReportState.SUBMITTED

    director_page = new_page()
    director = PageInspector(director_page, base, "provider")
    log_in(director_page, base, "provider")
    director_page.goto(base + unit_report.get_absolute_url())
    director.check("inservice-head-report-received")
    director_page.get_by_role("button", name="Принять").click()
    unit_report.refresh_from_db()
    assert unit_report.state == ReportState.ACCEPTED
    assert unit_report.submitted_at.date() <= unit_report.due_on

    for inspector in (specialist, head, department, director):
        inspector.assert_clean()
