"""Issue 3 item 8: two registry paths clicked through in a real browser.

* REG-2: a resource centre enters a methodological product, sends it to the expert council,
  the Department's secretary assigns two experts and both recommend it for implementation.
* X-4 on REG-4: a workbook of normative acts with one bad row shows every row's verdict and
  saves nothing; the corrected file is saved whole.

Every page passed goes through tests/browser/pages.py (axe-core WCAG 2.1 AA, Russian text,
no console errors). Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from resurs.coordination.methodology.demo import COUNCIL_NAME
from resurs.coordination.methodology.demo import load_demo_data as load_methodology_demo
from resurs.coordination.methodology.models import (
    Product,
    ProductKind,
    ProductState,
    ReviewRound,
    Verdict,
)
from resurs.coordination.registries.demo import load_demo_data as load_registries_demo
from resurs.coordination.registries.models import ActKind, ActLevel, LegalAct
from resurs.kernel.organisations.demo import SURGUT_RC
from tests.browser.pages import PageInspector, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

PRODUCT_TITLE = (
    "Программа социальной адаптации граждан, освобождённых из мест лишения свободы, «Шаг навстречу»"
)
PRODUCT_ANNOTATION = (
    "Индивидуальный маршрут сопровождения: восстановление документов, жильё, трудоустройство, "
    "психологическая поддержка в первые шесть месяцев после освобождения."
)
EXPERTS = {
    "expert1": (
        "Соловьева Марина Николаевна",
        "Рекомендую к внедрению в комплексных центрах социального обслуживания.",
    ),
    "expert2": (
        "Егоров Павел Андреевич",
        "Программа готова к внедрению; дополнить перечнем партнёров при тиражировании.",
    ),
}


def open_menu_item(page, section: str, item: str) -> None:
    """Clicks a main-menu section (a dropdown) and then one of its items; a section of one
    item is that item's link itself."""
    menu = page.locator("#main-menu")
    dropdown = menu.get_by_role("button", name=section, exact=True)
    if dropdown.count():
        dropdown.click()
    link = menu.get_by_role("link", name=item, exact=True)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**{href}")


def field(scope, label: str):
    """A form field by its label, whether or not the label carries the «required» star."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$"))


def product_state(page) -> str:
    return page.locator("#product-state").inner_text().strip()


def test_product_goes_from_draft_through_review_to_approval_by_two_experts(
    demo,  # noqa: F811
    new_page,  # noqa: F811
    live_server,
):
    load_methodology_demo()  # the expert council and its two experts (expert1, expert2)
    base = live_server.url

    # The resource centre (demo login «rc», the Surgut RC of direction 2) enters a draft.
    rc = new_page()
    rc_inspector = PageInspector(rc, base, "resource_centre")
    log_in(rc, base, "rc")
    open_menu_item(rc, "Реестры", "Методические продукты")
    assert rc.url == base + "/methodology/products/"
    rc_inspector.check("methodology-product-list")
    rc.click("#product-create")
    rc.wait_for_url("**/methodology/products/new/")
    rc_inspector.check("methodology-product-create")
    field(rc, "Вид").select_option(label="Программа")
    field(rc, "Наименование").fill(PRODUCT_TITLE)
    field(rc, "Аннотация").fill(PRODUCT_ANNOTATION)
    field(rc, "Год разработки").fill("2024")
    rc.get_by_role("button", name="Сохранить").click()
    rc.wait_for_url(re.compile(r"/methodology/products/\d+/$"))
    assert "Продукт внесён в реестр как черновик" in rc.inner_text("main")
    assert product_state(rc) == "Черновик"
    rc_inspector.check("methodology-product-draft")
    product = Product.objects.get(title=PRODUCT_TITLE)
    assert product.state == ProductState.DRAFT
    card = product.get_absolute_url()

    # Sent to the council after the confirmation dialog.
    rc.once("dialog", lambda dialog: dialog.accept())
    rc.click("#product-submit")
    expect(rc.locator("#product-state")).to_have_text("Направлен в экспертный совет")
    assert "Продукт направлен в экспертный совет" in rc.inner_text("main")
    assert rc.locator("#product-submit, #product-edit").count() == 0  # no longer editable
    rc_inspector.check("methodology-product-sent")
    rc_inspector.assert_clean()

    # The Department's secretary finds it on the home page and assigns both experts.
    department = new_page()
    department_inspector = PageInspector(department, base, "department")
    log_in(department, base, "department")
    department.get_by_role("link", name=f"Направлен в экспертный совет: «{PRODUCT_TITLE}»").click()
    department.wait_for_url(base + card)
    assert product_state(department) == "Направлен в экспертный совет"
    department_inspector.check("methodology-product-detail")
    department.click("#product-start-review")
    department.wait_for_url(f"{base}{card}review/")
    department_inspector.check("methodology-product-start-review")
    council = field(department, "Экспертный совет")
    assert council.locator("option:checked").inner_text() == COUNCIL_NAME
    for name, _remarks in EXPERTS.values():
        department.get_by_label(name, exact=True).check()
    department.get_by_role("button", name="Начать экспертизу").click()
    department.wait_for_url(f"{base}{card}?tab=reviews")
    assert product_state(department) == "На экспертизе"
    assert "Эксперты назначены, продукт на экспертизе" in department.inner_text("main")
    department_inspector.check("methodology-product-under-review")
    department_inspector.assert_clean()

    # Each expert opens the product from the home page queue and recommends it.
    for username, (name, remarks) in EXPERTS.items():
        expert = new_page()
        inspector = PageInspector(expert, base, username)
        log_in(expert, base, username)
        inspector.check("home")
        expert.get_by_role("link", name=f"Ожидает вашего заключения: «{PRODUCT_TITLE}»").click()
        expert.wait_for_url(f"{base}{card}verdict/")
        inspector.check("methodology-product-verdict")
        form = expert.locator("#verdict-form")
        form.get_by_label("Рекомендовать к внедрению", exact=True).check()
        field(form, "Замечания").fill(remarks)
        expert.click("#verdict-submit")
        expert.wait_for_url(f"{base}{card}?tab=reviews")
        assert "Заключение записано" in expert.inner_text("main")
        row = expert.locator("#card-tab tbody tr").filter(has_text=name)
        assert "Рекомендовать к внедрению" in row.inner_text()
        assert remarks in row.inner_text()
        inspector.check("methodology-product-verdict-recorded")
        expected = "На экспертизе" if username == "expert1" else "Рекомендован к внедрению"
        assert product_state(expert) == expected
        # The queue is empty again: the verdict is not asked twice.
        expert.goto(base + "/")
        assert expert.get_by_text(f"Ожидает вашего заключения: «{PRODUCT_TITLE}»").count() == 0
        inspector.assert_clean()

    # The author sees the decision and both verdicts on the «Экспертиза» tab.
    rc_inspector.visit(card, "methodology-product-approved")
    assert product_state(rc) == "Рекомендован к внедрению"
    rc.locator("#tab-reviews").click()
    rc.wait_for_url(f"**{card}?tab=reviews")
    tab = rc.locator("#card-tab")
    assert "Рассмотрение № 1" in tab.inner_text()
    assert "Рекомендован к внедрению" in tab.locator("h3").inner_text()
    rows = tab.locator("tbody tr")
    assert rows.count() == 2
    for name, remarks in EXPERTS.values():
        row = rows.filter(has_text=name)
        assert "Рекомендовать к внедрению" in row.inner_text()
        assert remarks in row.inner_text()
    rc_inspector.check("methodology-product-reviews")
    rc_inspector.assert_clean()

    # The database holds the same story.
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED
    assert product.kind == ProductKind.PROGRAMME
    assert product.year == 2024
    assert product.annotation == PRODUCT_ANNOTATION
    assert product.organisation.name == SURGUT_RC
    assert product.author_organisation.name == SURGUT_RC
    assert product.direction.number == 2
    assert product.submitted_at is not None and product.decided_at is not None
    review_round = ReviewRound.objects.get(product=product)
    assert review_round.number == 1
    assert review_round.outcome == ProductState.APPROVED
    assert review_round.decided_at is not None
    assert review_round.council.name == COUNCIL_NAME
    assert review_round.started_by.username == "department"
    assert review_round.approvals_needed == 2
    verdicts = {
        review.reviewer.username: (review.verdict, review.remarks, review.decided_at is not None)
        for review in review_round.reviews.select_related("reviewer")
    }
    assert verdicts == {
        username: (Verdict.APPROVE, remarks, True) for username, (_, remarks) in EXPERTS.items()
    }


# --- X-4 on REG-4: a file with a bad row saves nothing, the corrected file imports -----------

ACT_IMPORTER = "Реестр нормативных правовых актов"
ACTS = [
    # level, kind, number, adopted on, title, issuer
    (
        "региональный",
        "Постановление",
        "115-п",
        "14.04.2023",
        "О порядке социального сопровождения граждан, освобождённых из мест лишения свободы",
        "Правительство Ханты-Мансийского автономного округа – Югры",
    ),
    (
        "региональный",
        "Приказ",
        "27-р",
        "31.02.2023",  # no such day: the bad row
        "Об утверждении методических рекомендаций по работе с гражданами без определённого "
        "места жительства",
        "Депсоцразвития Югры",
    ),
    (
        "локальный",
        "Положение",
        "4",
        "09.01.2024",
        "Положение о ресурсном центре по направлению «Социальная адаптация»",
        "БУ «Сургутский районный центр социальной адаптации»",
    ),
]
BAD_ROW = 3  # the second data row, below the header
FIXED_DATE = "28.02.2023"


def workbook_from_template(template_path, destination, rows) -> None:
    """Fills the downloaded template with rows (cells as a person types them: text)."""
    workbook = load_workbook(template_path)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for level, kind, number, adopted_on, title, issuer in rows:
        values = {
            "Уровень*": level,
            "Вид акта*": kind,
            "Номер*": number,
            "Дата*": adopted_on,
            "Наименование*": title,
            "Кем принят": issuer,
        }
        sheet.append([values.get(header) for header in headers])
    workbook.save(destination)


def upload(page, inspector, path, name: str) -> None:
    """Chooses the acts' importer, uploads the file and waits for every row's verdict."""
    inspector.visit("/imports/", "exchange-import-list")
    field(page, "Что загружается").select_option(label=ACT_IMPORTER)
    field(page, "Файл (.xlsx; для дорожной карты также .docx, .txt, .tsv)").set_input_files(path)
    page.get_by_role("button", name="Загрузить и проверить").click()
    page.wait_for_url("**/imports/*/")
    page.locator("#import-status table").wait_for()
    inspector.check(name)


def verdicts_shown(page) -> dict[int, str]:
    rows = page.locator("#import-status tbody tr")
    shown = {}
    for index in range(rows.count()):
        cells = rows.nth(index).locator("td")
        shown[int(cells.nth(0).inner_text())] = cells.nth(2).inner_text().strip()
    return shown


def test_import_with_a_bad_row_saves_nothing_and_the_fixed_file_imports(
    demo,  # noqa: F811
    new_page,  # noqa: F811
    live_server,
    settings,
    tmp_path,
):
    # The check and the save run inside the request (no worker in the tests).
    settings.TASKS = IMMEDIATE_TASKS
    load_registries_demo()  # the Surgut RC's acts are there already: nothing may be added
    base = live_server.url
    page = new_page()
    inspector = PageInspector(page, base, "resource_centre")
    log_in(page, base, "rc")
    acts_before = LegalAct.objects.count()
    assert LegalAct.objects.filter(owner__name=SURGUT_RC).exists()

    open_menu_item(page, "Сервис", "Загрузка из файлов")
    assert page.url == base + "/imports/"
    inspector.check("exchange-import-list-empty")
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Скачать шаблон «{ACT_IMPORTER}»").click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.name == "template-registry_legal_acts.xlsx"
    header = [cell.value for cell in load_workbook(template).worksheets[0][1]]
    assert header[:5] == ["Уровень*", "Вид акта*", "Номер*", "Дата*", "Наименование*"]
    assert {"Кем принят", "Статус", "Направление", "Ведёт реестр"} <= set(header)

    # A file with one impossible date: every row gets a verdict, nothing can be saved.
    bad_file = tmp_path / "акты-с-ошибкой.xlsx"
    fixed_file = tmp_path / "акты-исправленные.xlsx"
    # The file names are the user's data: shown on the pages with their «.xlsx».
    inspector.ignore_text(bad_file.name, fixed_file.name)
    workbook_from_template(template, bad_file, ACTS)
    upload(page, inspector, bad_file, "exchange-import-detail-invalid")
    status = page.locator("#import-status")
    assert "Строк с ошибками: 1 из 3. Ничего не сохранено." in status.inner_text()
    verdicts = verdicts_shown(page)
    assert sorted(verdicts) == [2, 3, 4]
    assert "Дата: «31.02.2023» — не дата. Пишите дату как ДД.ММ.ГГГГ." in verdicts[BAD_ROW]
    for row in (2, 4):
        assert verdicts[row] == "✓ будет добавлена"
    assert page.get_by_role("button", name="Сохранить").count() == 0
    # A save asked past the page (a stale tab, a crafted request) is refused too.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    refused = page.request.post(page.url + "confirm/", form={"csrfmiddlewaretoken": token})
    assert refused.ok and "В файле есть ошибки: пока они не исправлены" in refused.text()
    assert LegalAct.objects.count() == acts_before

    # «Только с ошибками» leaves the bad row alone.
    page.get_by_role("link", name="Только с ошибками").click()
    page.wait_for_url("**?errors=1")
    assert list(verdicts_shown(page)) == [BAD_ROW]
    inspector.check("exchange-import-detail-errors")

    # The corrected file: every row is fine, the save writes all three acts.
    fixed = [list(act) for act in ACTS]
    fixed[1][3] = FIXED_DATE
    workbook_from_template(template, fixed_file, fixed)
    upload(page, inspector, fixed_file, "exchange-import-detail-valid")
    assert set(verdicts_shown(page).values()) == {"✓ будет добавлена"}
    assert "Ошибок нет" in status.inner_text()
    assert LegalAct.objects.count() == acts_before
    page.get_by_role("button", name="Сохранить").click()
    expect(status).to_contain_text("Загрузка сохранена: записано строк — 3.")
    assert set(verdicts_shown(page).values()) == {"✓ добавлена"}
    inspector.check("exchange-import-detail-applied")

    acts = LegalAct.objects.filter(owner__name=SURGUT_RC, number__in=["115-п", "27-р", "4"])
    stored = {
        (act.level, act.kind, act.number, act.adopted_on, act.title, act.issuer) for act in acts
    }
    assert stored == {
        (ActLevel.REGIONAL, ActKind.RESOLUTION, "115-п", datetime.date(2023, 4, 14),
         ACTS[0][4], ACTS[0][5]),
        (ActLevel.REGIONAL, ActKind.ORDER, "27-р", datetime.date(2023, 2, 28),
         ACTS[1][4], ACTS[1][5]),
        (ActLevel.LOCAL, ActKind.REGULATION, "4", datetime.date(2024, 1, 9),
         ACTS[2][4], ACTS[2][5]),
    }  # fmt: skip
    assert LegalAct.objects.count() == acts_before + 3

    # The registry shows them too.
    inspector.visit("/registries/acts/?q=115-п", "registries-acts-imported")
    assert ACTS[0][4] in page.inner_text("#results")
    inspector.assert_clean()
