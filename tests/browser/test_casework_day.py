"""Issue 13 item 15: a day of case work clicked through in a real browser, on the demo.

The specialist of district 1 of the Pyt-Yakh KCSON takes a phone appeal in the journal, finds
that the family is new (the search by СНИЛС and by name finds nobody), registers the mother
and the family, opens a case from the appeal, records «information collected» on time, drafts
the ИППСУ lines, refers the family to the psychological unit (the psychologist accepts) and
prints the inspection act to PDF with the names declined. The head sees the case on the
unit's deadlines board; the specialist of district 2 finds nothing and gets 404 for the
cards; the Department opens the card only by stating a reason, which the institution reads
in its access log.

Every page passed goes through tests/browser/pages.py (axe-core WCAG 2.1 AA, Russian text,
no console errors). Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from resurs.casework.cases.models import DeadlineRule
from resurs.casework.cases.selectors import week_end
from resurs.casework.citizens.identity import format_snils, snils_check_number
from resurs.casework.units.demo import load_demo_data as load_casework_demo
from resurs.kernel.workcalendar.deadlines import WorkCalendar, add_working_days
from tests.browser.pages import SCREENSHOTS, PageInspector, log_in
from tests.browser.test_registry_paths import field, open_menu_item
from tests.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTION = "Работа с гражданами"
ONE_DAY = datetime.timedelta(days=1)
FIRST_NINE = "174235896"
SNILS = format_snils(FIRST_NINE + f"{snils_check_number(FIRST_NINE):02d}")
MOTHER = ("Лаврентьева", "Дарья", "Игоревна")
MOTHER_GENITIVE = "гражданки Лаврентьевой Дарьи Игоревны"
SPECIALIST_GENITIVE = "в лице специалиста Григорьевой Анны Олеговны"
FAMILY = "Семья Лаврентьевых"
ADDRESS = "628380, г. Пыть-Ях, 1 мкр. «Центральный», д. 7, кв. 12"
PHONE = "8 (912) 345-67-89"
SUBJECT = (
    "Звонок матери троих детей: после смены работы мужа семья не справляется с оплатой "
    "жилья, старший сын перестал ходить в школу; просит помощи и консультации психолога."
)
REASON = "Поручение заместителя директора Департамента № 12-П о проверке обращения гражданки"
PSYCHOLOGY = "Отделение психологической помощи гражданам"


@pytest.fixture
def casework_demo(demo):
    """The case-work demo of the Pyt-Yakh KCSON (units, districts, staff with the logins,
    families, the month's appeals and cases): loaded here, not by ``demo``, so that the
    other browser tests do not pay for it."""
    load_casework_demo()


def working_day_on_or_after(day: datetime.date, calendar: WorkCalendar) -> datetime.date:
    while not calendar.is_working_day(day):
        day += ONE_DAY
    return day


def appeal_day(today: datetime.date) -> datetime.date:
    """The working day of the phone call that makes the ИППСУ proposals deadline (five
    working days from the appeal, п. 3.2.7) fall in this week — on the first working day
    from today, or at a weekend on the last one before it — so that the head's board
    (deadlines due this week or overdue) shows the case whatever the weekday."""
    calendar = WorkCalendar()
    days = DeadlineRule.objects.get(code="proposals").working_days
    due = working_day_on_or_after(today, calendar)
    if due > week_end(today):
        due = today - ONE_DAY
        while not calendar.is_working_day(due):
            due -= ONE_DAY
    day = due - ONE_DAY
    while not (calendar.is_working_day(day) and add_working_days(day, days) == due):
        day -= ONE_DAY
    return day


def search_persons(page, text: str) -> None:
    """The search of «Граждане» (POSTed: the СНИЛС never goes into the address)."""
    open_menu_item(page, SECTION, "Граждане")
    field(page, "СНИЛС или начало фамилии").fill(text)
    page.get_by_role("button", name="Искать").click()
    expect(page.get_by_role("heading", name="Результаты поиска")).to_be_visible()


def success(page, text: str) -> None:
    expect(page.locator(".alert-success")).to_contain_text(text)


def test_a_day_of_case_work(casework_demo, new_page, live_server):
    base = live_server.url
    today = timezone.localdate()
    called_on = appeal_day(today)

    # --- the specialist of district 1 ------------------------------------------------------
    page = new_page()
    specialist = PageInspector(page, base, "specialist")
    specialist.ignore_text(SNILS)
    log_in(page, base, "specialist")

    open_menu_item(page, SECTION, "Журнал обращений")
    page.get_by_role("link", name="Принять обращение").click()
    field(page, "Дата и время обращения").fill(f"{called_on:%Y-%m-%d}T10:15")
    field(page, "Форма обращения").select_option(label="по телефону")
    field(page, "Суть обращения").fill(SUBJECT)
    field(page, "Найти гражданина или семью по началу фамилии").fill(MOTHER[0])
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_role("status")).to_contain_text("никого не найдено")
    specialist.check("appeal-search-nobody")
    page.get_by_role("button", name="Принять обращение").click()
    confirm = page.get_by_role("button", name="Принять всё равно")
    # The demo fills the unit's first working day of the month to its capacity.
    page.wait_for_load_state()
    if confirm.count():
        confirm.click()
    success(page, "Обращение принято")
    appeal_url = page.url
    specialist.check("appeal")

    # The family is new: neither the СНИЛС nor the surname is in the data bank.
    search_persons(page, SNILS)
    expect(page.get_by_text("Никого не найдено.")).to_be_visible()
    search_persons(page, MOTHER[0][:6])
    expect(page.get_by_text("Никого не найдено.")).to_be_visible()
    specialist.check("persons-search-nobody")

    page.get_by_role("link", name="Внести гражданина").click()
    field(page, "Фамилия").fill(MOTHER[0])
    field(page, "Имя").fill(MOTHER[1])
    field(page, "Отчество").fill(MOTHER[2])
    field(page, "Пол").select_option(label="женский")
    field(page, "Дата рождения").fill("1990-05-17")
    field(page, "СНИЛС").fill(SNILS)
    field(page, "Адрес фактического проживания").fill(ADDRESS)
    field(page, "Телефоны").fill(PHONE)
    field(page, "Социальный участок").select_option(label="Участок № 1")
    page.get_by_role("button", name="Сохранить").click()
    success(page, "Сохранено")
    person_url = page.url
    person_pk = re.search(r"/citizens/(\d+)/$", person_url).group(1)
    specialist.check("person")

    open_menu_item(page, SECTION, "Семьи")
    page.get_by_role("link", name="Внести семью").click()
    field(page, "Наименование").fill(FAMILY)
    field(page, "Адрес проживания").fill(ADDRESS)
    field(page, "Телефоны").fill(PHONE)
    field(page, "Социальный участок").select_option(label="Участок № 1")
    page.get_by_role("button", name="Сохранить").click()
    success(page, "Сохранено")
    family_url = page.url
    page.get_by_role("link", name="Добавить члена семьи").click()
    field(page, "Номер карточки гражданина").fill(person_pk)
    field(page, "Родство").select_option(label="заявитель (глава семьи)")
    page.get_by_role("button", name="Сохранить").click()
    success(page, "Член семьи добавлен")
    expect(page.get_by_role("link", name=" ".join(MOTHER))).to_be_visible()
    specialist.check("family")

    # The case of the appeal, for the family found now by the start of its surname.
    page.goto(appeal_url)
    page.get_by_role("link", name="Открыть случай").click()
    field(page, "Найти гражданина или семью по началу фамилии").fill(MOTHER[0][:6])
    page.get_by_role("button", name="Найти").click()
    expect(page.get_by_role("status")).to_contain_text("Найдено записей")
    field(page, "Семья").select_option(label=FAMILY)
    field(page, "Проблема выявлена").fill(f"{today:%Y-%m-%d}")
    page.get_by_role("button", name="Открыть случай").click()
    success(page, "Случай открыт")
    case_url = page.url
    specialist.check("case-opened")

    field(page, "Шаг").select_option(label="сбор и анализ информации завершён")
    field(page, "Содержание").fill(
        "Посещение семьи, беседа с матерью; запрошены сведения из школы и управляющей компании."
    )
    page.get_by_role("button", name="Записать шаг").click()
    success(page, "Шаг записан")
    information = page.locator("li", has_text="Сбор и анализ информации").filter(
        has_text="п. 3.2.3"
    )
    expect(information).to_contain_text(f"выполнено {today:%d.%m.%Y}, в срок")
    specialist.check("case-information-collected")

    # ИППСУ proposals: the lines of the plan «Социальное сопровождение».
    page.get_by_role("button", name="Составить ИППСУ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ИППСУ")
    plan_url = page.url
    lines = (
        ("Социально-психологическая помощь", "Консультации психолога для матери и старшего сына."),
        (
            "Помощь в подготовке запросов, оформлении и восстановлении документов",
            "Заявление на жилищную субсидию.",
        ),
    )
    for measure, details in lines:
        page.goto(plan_url)
        page.get_by_role("link", name="Добавить мероприятие").click()
        field(page, "Мероприятие").select_option(label=measure)
        field(page, "Содержание").fill(details)
        field(page, "Ответственный сотрудник").select_option(label="Григорьева Анна Олеговна")
        field(page, "Срок").fill(f"{today + datetime.timedelta(days=14):%Y-%m-%d}")
        page.get_by_role("button", name="Сохранить").click()
        success(page, "Мероприятие добавлено")
    specialist.check("plan")

    row = page.locator("tbody tr", has_text="Социально-психологическая помощь")
    row.get_by_role("link", name="Направить").click()
    field(page, "Отделение учреждения").select_option(label=PSYCHOLOGY)
    field(page, "О чём просим").fill(
        "Прошу провести консультации психолога для матери и старшего сына (14 лет)."
    )
    page.get_by_role("button", name="Направить").click()
    success(page, "Направление отправлено")
    specialist.check("referral-sent")

    # The inspection act, printed to PDF with the names declined.
    page.goto(case_url)
    page.get_by_role("link", name="Составить акт").click()
    field(page, "Вид акта").select_option(
        label="Акт обследования материально-бытовых условий проживания"
    )
    field(page, "Выявленные обстоятельства").fill(
        "Двухкомнатная квартира, пять человек; задолженность по оплате жилья за три месяца."
    )
    field(page, "Заключение").fill("Семья нуждается в социальном сопровождении.")
    page.get_by_role("button", name="Составить акт").click()
    success(page, "Акт составлен")
    specialist.check("act")
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.endswith(".pdf")
    text = pdf_text(pdf.path().read_bytes())
    assert SPECIALIST_GENITIVE in text, text
    assert MOTHER_GENITIVE in text, text
    specialist.assert_clean()
    page.context.close()

    # --- the psychologist accepts the referral ---------------------------------------------
    page = new_page()
    psychologist = PageInspector(page, base, "psychologist")
    log_in(page, base, "psychologist")
    open_menu_item(page, SECTION, "Входящие направления")
    psychologist.check("incoming")
    page.locator("#results tbody tr").first.get_by_role("link").first.click()
    expect(page.get_by_text(" ".join(MOTHER))).to_be_visible()
    page.get_by_role("button", name="Принять").click()
    expect(page.locator(".alert-success")).to_contain_text("принято в работу")
    psychologist.check("referral-accepted")
    psychologist.assert_clean()
    page.context.close()

    # --- the head sees the case on the unit's deadlines board -------------------------------
    page = new_page()
    head = PageInspector(page, base, "head")
    log_in(page, base, "head")
    open_menu_item(page, SECTION, "Сроки отделения")
    case_link = page.locator(f"main a[href='{case_url.removeprefix(base)}']")
    expect(case_link.first).to_be_visible()
    head.check("board")
    head.assert_clean()
    page.context.close()

    # --- the specialist of district 2 neither finds nor opens the family -------------------
    page = new_page()
    outsider = PageInspector(page, base, "specialist2")
    outsider.ignore_text(SNILS)
    log_in(page, base, "specialist2")
    search_persons(page, SNILS)
    expect(page.get_by_text("Никого не найдено.")).to_be_visible()
    outsider.check("persons-search-nobody")
    for name, url in (("person", person_url), ("family", family_url), ("case", case_url)):
        outsider.visit(url, f"{name}-404", status=404)
    outsider.assert_clean()
    page.context.close()

    # --- the Department opens the card only with a reason ----------------------------------
    page = new_page()
    department = PageInspector(page, base, "department")
    department.ignore_text(SNILS)
    log_in(page, base, "department")
    department.visit(person_url, "person-404", status=404)
    open_menu_item(page, SECTION, "Доступ по основанию")
    field(page, "СНИЛС").fill(SNILS)
    field(page, "Основание доступа").fill(REASON)
    page.get_by_role("button", name="Открыть карточку").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(" ".join(MOTHER))
    department.check("person-with-reason")
    department.assert_clean()
    page.context.close()

    # --- the institution reads the reason in its access log --------------------------------
    page = new_page()
    provider = PageInspector(page, base, "provider")
    log_in(page, base, "provider")
    open_menu_item(page, SECTION, "Журнал доступа")
    entry = page.locator("#results tbody tr", has_text=REASON)
    expect(entry.first).to_be_visible()
    expect(entry.first).to_contain_text("Департамент")
    provider.check("access-log")
    provider.assert_clean()
    assert (SCREENSHOTS / "specialist-act.png").exists()
