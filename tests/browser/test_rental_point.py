"""Issue 15 item 12: the rental point's year in a real browser, on the demo.

The responsible specialist takes an application for a 4-section bed — none is free, so it
waits, first in its list; another citizen returns a bed early; it is offered to the one
waiting; the contract is concluded, the contract and the act of transfer are printed (the
PDFs opened back and read); the bed breaks down on the first day, is returned, and the
unused days are refunded.

Every page passed goes through tests/browser/pages.py (axe-core WCAG 2.1 AA, Russian text,
no console errors). Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from resurs.casework.citizens.models import Person
from resurs.casework.rental.demo import load_demo_data as load_rental_demo
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Charge,
    ChargeKind,
    Contract,
    Item,
    ItemState,
)
from resurs.casework.socialservices.demo import load_demo_data as load_services_demo
from resurs.casework.units.demo import load_demo_data as load_casework_demo
from resurs.kernel.accounts.models import Membership
from tests.browser.pages import PageInspector, log_in
from tests.browser.test_registry_paths import field, open_menu_item
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTION = "Работа с гражданами"
BED = "Многофункциональная кровать 4-х секционная с электроприводом"
READ = "the browser test checks what the pages show"


@pytest.fixture
def rental_demo(demo):
    load_casework_demo()
    load_services_demo()
    load_rental_demo()


def success(page, text: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(text)


def test_an_application_waits_is_offered_a_returned_bed_and_gets_a_refund(
    rental_demo, new_page, live_server
):
    base = live_server.url
    today = timezone.localdate()
    beds = Item.objects.filter(kind__name=BED)
    assert not beds.filter(state=ItemState.FREE).exists()  # every bed is out
    taken = set(Application.all_records.values_list("person_id", flat=True))
    specialist_membership = Membership.objects.get(user__username="specialist")
    applicant = (
        Person.objects.visible_to(specialist_membership)
        .filter(birth_date__isnull=False)
        .exclude(pk__in=taken)
        .order_by("last_name", "pk")
        .first()
    )
    assert applicant is not None

    page = new_page()
    specialist = PageInspector(page, base, "specialist")
    log_in(page, base, "specialist")

    # --- the application: no bed is free, it waits ------------------------------------------
    open_menu_item(page, SECTION, "Прокат ТСР: заявления")
    specialist.check("rental-applications")
    page.get_by_role("link", name="Принять заявление").click()
    page.locator("#person-q").fill(applicant.last_name)
    page.get_by_role("button", name="Найти").click()
    page.locator(f"#person-results input[value='{applicant.pk}']").check()
    field(page, "Необходимое ТСР").select_option(label=BED)
    page.get_by_label(re.compile(r"^2\.1\.4")).check()
    page.get_by_label(re.compile("^паспорт или иной документ")).check()
    page.get_by_label("медицинское заключение лечащего врача").check()
    specialist.check("rental-application-form")
    page.get_by_role("button", name="Принять заявление").click()
    success(page, "Заявление принято")
    expect(page.locator("body")).to_contain_text("1-е место: в порядке очерёдности")
    expect(page.locator("body")).to_contain_text("На условиях оплаты: категория п. 2.1.4")
    specialist.check("rental-application-waiting")
    application = Application.all_records.get(person=applicant)
    page.goto(f"{base}/rental/queue/")
    expect(page.locator("body")).to_contain_text(BED)
    specialist.check("rental-queue")

    # --- another citizen returns a bed early: it is offered to the one waiting -------------
    other = Contract.all_records.filter(
        loans__item__kind__name=BED, loans__returned_on__isnull=True, application__category="2.1.4"
    ).get()
    open_menu_item(page, SECTION, "Прокат ТСР: договоры")
    specialist.check("rental-contracts")
    page.get_by_role("link", name=other.number, exact=True).click()
    page.get_by_role("link", name="Принять возврат").click()
    field(page, "Основание").select_option(value="citizen_early")
    field(page, "Дата уведомления о расторжении").fill(
        f"{today - datetime.timedelta(days=10):%Y-%m-%d}"
    )
    specialist.check("rental-return-form")
    page.get_by_role("button", name="Сохранить").click()
    success(page, "Возврат принят")
    expect(page.locator("body")).to_contain_text("к возврату гражданину")
    application.refresh_from_db()
    assert application.state == ApplicationState.OFFERED

    # --- the contract, printed --------------------------------------------------------------
    page.goto(f"{base}/rental/applications/{application.pk}/")
    expect(page.locator("body")).to_contain_text("предложено ТСР")
    page.get_by_role("link", name="Заключить договор и выдать").click()
    specialist.check("rental-issue")
    ends = today + datetime.timedelta(days=29)
    field(page, "Срок по").fill(f"{ends:%Y-%m-%d}")
    page.get_by_role("button", name="Заключить договор и выдать").click()
    success(page, "Договор заключён")
    contract = Contract.all_records.get(application=application)
    loan = contract.loans.get()
    assert (loan.free, loan.days, loan.amount) == (False, 30, Decimal("43.24") * 30)
    expect(page.locator("body")).to_contain_text("43,24 руб. × 30 сут.")
    specialist.check("rental-contract")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    text = pdf_text(download.value.path().read_bytes())
    assert f"№ {contract.number}" in text, text
    assert "одна тысяча двести девяносто семь" in text.lower(), text  # 1 297,20 in words
    assert applicant.last_name in text, text
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").nth(1).click()
    act = pdf_text(download.value.path().read_bytes())
    assert loan.item.mark in act and "Акт" in act, act

    # --- the bed breaks down on the first day: returned, the unused days refunded -----------
    page.get_by_role("link", name="Принять возврат").click()
    field(page, "Основание").select_option(value="replaced")
    page.locator("select[name^=condition_]").select_option(value="faulty")
    page.get_by_role("button", name="Сохранить").click()
    success(page, "Возврат принят")
    refund = Charge.all_records.get(contract=contract, kind=ChargeKind.REFUND)
    assert refund.amount == Decimal("43.24") * 29  # from the day after the return
    expect(page.locator("body")).to_contain_text("1 253,96")
    specialist.check("rental-refund")
    loan.item.refresh_from_db()
    assert loan.item.state == ItemState.MAINTENANCE  # faulty: to repair, not to the next one
    specialist.assert_clean()
