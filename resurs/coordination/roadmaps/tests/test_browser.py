"""Issue 4 item 8: a resource centre's roadmap clicked through in a real browser (MAP-1..MAP-6).

The RC of the Nizhnevartovsk early-help centre (direction 8) imports seed 003's 2022 roadmap
from its Word table and submits it; the Department returns it with a remark on item 5; the RC
edits item 5 in place and resubmits; the Department agrees; the RC marks the first quarter's
checkpoints «выполнено», item 5's with an event of the centre as evidence; the annual report
downloads as DOCX and PDF with item 5's new name, its status and the event's title.

The demo login «rc» is the Surgut RC (direction 2): the test makes a login of the NV centre
(its RC status was repealed in 2022, which the roadmap path does not depend on). The roadmaps
demo is not loaded: it has an agreed NV roadmap for 2022, which would refuse the import.

Every page passed goes through tests/browser/pages.py (axe-core WCAG 2.1 AA, Russian text,
no console errors). Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import datetime
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from resurs.coordination.events.demo import INTERNSHIPS_2022
from resurs.coordination.events.demo import load_demo_data as load_events_demo
from resurs.coordination.events.models import Event
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Item,
    Mark,
    MarkResult,
    Roadmap,
    RoadmapState,
)
from resurs.coordination.roadmaps.tests.test_import_export import SECTIONS, seed_docx
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import DEMO_PASSWORD, NV_RC
from resurs.kernel.organisations.models import Direction, Organisation
from tests.browser.pages import PageInspector, log_in
from tests.browser.test_registry_paths import IMMEDIATE_TASKS, field, open_menu_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NV_LOGIN = "rc-nv"
SEED_FILE = "дорожная-карта-2022.docx"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PLAN_REMARK = "Уточните мероприятие № 5: из наименования не видно, что будет результатом."
ITEM5_REMARK = "Назовите документ, которым утверждается модель взаимодействия."
ITEM5_OLD_START = "Разработка модели межведомственного взаимодействия"
ITEM5_NEW_NAME = (
    "Разработка и утверждение приказом модели межведомственного взаимодействия с БУ ХМАО-Югры "
    "«Ресурсный центр развития социального обслуживания» в рамках стажировочных площадок"
)
Q1_END = datetime.date(2022, 3, 31)
DONE_TEXT = "Выполнено в I квартале 2022 года в полном объёме."
BADGE = re.compile(r"^(\d\d)\.(\d\d)\.(\d{4})")  # «31.03.2022: просрочено», «… (проверка)»


def nv_rc_login() -> Membership:
    """A login of the NV centre in the role «Ресурсный центр» of its direction 8."""
    user = User.objects.create_user(
        username=NV_LOGIN,
        password=DEMO_PASSWORD,
        last_name="Немцова",
        first_name="Ольга",
        patronymic="Федоровна",
    )
    membership = Membership(
        user=user,
        organisation=Organisation.objects.get(name=NV_RC),
        role=Role.RESOURCE_CENTRE,
        position="Заместитель директора",
        direction=Direction.objects.get(number=8),
    )
    membership.full_clean()
    membership.save()
    return membership


def state_of(page) -> str:
    """The roadmap's state as the card's heading shows it (the badge of _state.html)."""
    return page.locator("main .badge").first.inner_text().strip()


def open_roadmap(page, roadmap: Roadmap) -> None:
    """From the menu «Дорожные карты» to the roadmap's card."""
    open_menu_item(page, "Дорожные карты", "Дорожные карты")
    url = roadmap.get_absolute_url()
    page.locator(f'#results a[href="{url}"]').click()
    page.wait_for_url(f"**{url}")


def verdict_labels(page) -> list[tuple[str, str]]:
    rows = page.locator("#import-status tbody tr")
    return [
        (
            rows.nth(i).locator("td").nth(1).inner_text().strip(),
            rows.nth(i).locator("td").nth(2).inner_text().strip(),
        )
        for i in range(rows.count())
    ]


def one_line(text: str) -> str:
    return " ".join(text.split())


def docx_item_row(content: bytes, number: str) -> list[str]:
    """The cells of an item's row in the report's DOCX (№, item, status, done, evidence)."""
    document = Document(io.BytesIO(content))
    for table in document.tables:
        for row in table.rows:
            cells = [one_line(cell.text) for cell in row.cells]
            if cells[0] == number:
                return cells
    raise AssertionError(f"В отчёте нет строки мероприятия № {number}")


def pdf_text(content: bytes) -> str:
    """The PDF's text on one line; a line broken after a hyphen («ХМАО-\nЮгры») is joined."""
    reader = PdfReader(io.BytesIO(content))
    text = one_line("\n".join(page.extract_text() for page in reader.pages))
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def download(page, link_name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    path = info.value.path()
    return info.value.suggested_filename, path.read_bytes()


def test_rc_roadmap_from_import_through_agreement_and_execution_to_the_annual_report(
    demo,
    new_page,
    live_server,
    settings,
):
    settings.TASKS = IMMEDIATE_TASKS  # the import's check and save run inside the request
    load_events_demo()  # the NV centre's 2022 events, among them the internship of 15.03.2022
    nv_rc_login()
    nv = Organisation.objects.get(name=NV_RC)
    internship_topic = INTERNSHIPS_2022[0][1]
    event = Event.objects.get(organiser=nv, topic=internship_topic)
    assert event.starts_at.date() <= Q1_END
    base = live_server.url

    # --- the RC imports seed 003's table from Word ------------------------------------------
    rc = new_page()
    rc_inspector = PageInspector(rc, base, "resource_centre-nv")
    rc_inspector.ignore_text(NV_LOGIN, SEED_FILE)
    log_in(rc, base, NV_LOGIN)
    open_menu_item(rc, "Сервис", "Загрузка из файлов")
    rc_inspector.check("exchange-import-list-roadmap")
    field(rc, "Что загружается").select_option(label="Дорожная карта")
    field(rc, "Файл (.xlsx; для дорожной карты также .docx, .txt, .tsv)").set_input_files(
        {"name": SEED_FILE, "mimeType": DOCX_TYPE, "buffer": seed_docx()}
    )
    rc.get_by_role("button", name="Загрузить и проверить").click()
    rc.wait_for_url("**/imports/*/")
    status = rc.locator("#import-status")
    status.locator("table").wait_for()
    rc_inspector.check("exchange-import-detail-roadmap")
    verdicts = verdict_labels(rc)
    sections = [label for label, _ in verdicts if label.startswith("Раздел «")]
    items = [label for label, _ in verdicts if label.startswith("№ ")]
    assert len(sections) == 3, verdicts
    assert sections[0].startswith(f"Раздел «{SECTIONS[0]}» — в новую дорожную карту на 2022 год")
    assert [label.split(".")[0] for label in items] == [f"№ {n}" for n in range(1, 17)]
    assert all(verdict.startswith("✓") for _, verdict in verdicts), verdicts
    item5_verdict = next(label for label in items if label.startswith("№ 5."))
    assert ITEM5_OLD_START in item5_verdict and "31.03.2022" in item5_verdict
    assert not Roadmap.objects.filter(organisation=nv).exists()  # nothing saved before «Сохранить»
    rc.get_by_role("button", name="Сохранить").click()
    expect(status).to_contain_text("Загрузка сохранена")
    rc_inspector.check("exchange-import-detail-roadmap-applied")
    roadmap = Roadmap.objects.get(organisation=nv, year=2022)
    assert roadmap.direction.number == 8 and roadmap.state == RoadmapState.DRAFT
    item5 = Item.objects.get(section__roadmap=roadmap, number=5)
    card = roadmap.get_absolute_url()

    # --- the RC finds it in the menu: 3 sections, 16 items; submits it -----------------------
    open_roadmap(rc, roadmap)
    plan = rc.locator("#plan")
    section_titles = [one_line(t) for t in plan.locator("h2 > span").all_inner_texts()]
    assert section_titles == [f"{n}. {title}" for n, title in enumerate(SECTIONS, start=1)]
    assert plan.locator("tbody tr").count() == 16
    assert state_of(rc) == "черновик"
    rc_inspector.check("roadmaps-detail-draft")
    rc.get_by_role("button", name="Направить на согласование").click()
    rc.wait_for_url(f"**{card}")
    assert "Дорожная карта направлена в Департамент на согласование." in rc.inner_text("main")
    assert state_of(rc) == "на согласовании"
    assert rc.get_by_role("button", name="Направить на согласование").count() == 0
    rc_inspector.check("roadmaps-detail-submitted")

    # --- the Department returns it with a remark on item 5 ----------------------------------
    department = new_page()
    department_inspector = PageInspector(department, base, "department")
    log_in(department, base, "department")
    open_roadmap(department, roadmap)
    assert state_of(department) == "на согласовании"
    department_inspector.check("roadmaps-detail-submitted")
    department.get_by_role("link", name="Вернуть на доработку").click()
    department.wait_for_url(f"**{card}return/")
    department_inspector.check("roadmaps-return")
    field(department, "Замечания к дорожной карте").fill(PLAN_REMARK)
    department.get_by_label(re.compile(r"^№ 5\. ")).fill(ITEM5_REMARK)
    department.get_by_role("button", name="Вернуть с замечаниями").click()
    department.wait_for_url(f"**{card}")
    assert "Дорожная карта возвращена на доработку с замечаниями." in department.inner_text("main")
    assert state_of(department) == "возвращена на доработку"
    department_inspector.check("roadmaps-detail-returned")

    # --- the RC sees the remarks, edits item 5 in place and resubmits ------------------------
    rc_inspector.visit(card, "roadmaps-detail-returned")
    assert state_of(rc) == "возвращена на доработку"
    assert PLAN_REMARK in rc.locator("main .alert-warning").inner_text()
    row = rc.locator(f"#item-{item5.pk}")
    assert f"Замечание Департамента: {ITEM5_REMARK}" in row.inner_text()
    row.get_by_role("button", name="Изменить").click()
    editor = rc.locator(f"#item-{item5.pk} form")
    editor.wait_for()
    rc_inspector.check("roadmaps-item-edit-inline")
    name = field(editor, "Наименование мероприятия")
    assert one_line(name.input_value()).startswith(ITEM5_OLD_START)
    name.fill(ITEM5_NEW_NAME)
    editor.get_by_role("button", name="Сохранить").click()
    expect(row).to_contain_text(ITEM5_NEW_NAME)
    expect(rc.locator(f"#item-{item5.pk} form")).to_have_count(0)
    rc_inspector.check("roadmaps-item-edited")
    item5.refresh_from_db()
    assert item5.name == ITEM5_NEW_NAME
    rc.get_by_role("button", name="Направить на согласование").click()
    rc.wait_for_url(f"**{card}")
    assert state_of(rc) == "направлена повторно"
    rc_inspector.check("roadmaps-detail-resubmitted")

    # --- the Department agrees ---------------------------------------------------------------
    department_inspector.visit(card, "roadmaps-detail-resubmitted")
    assert state_of(department) == "направлена повторно"
    assert ITEM5_NEW_NAME in department.locator(f"#item-{item5.pk}").inner_text()
    department.get_by_role("button", name="Согласовать").click()
    department.wait_for_url(f"**{card}")
    assert "Дорожная карта согласована" in department.inner_text("main")
    assert state_of(department) == "согласована"
    department_inspector.check("roadmaps-detail-agreed")

    # --- the RC marks the first quarter's checkpoints, item 5's with the event ---------------
    rc_inspector.visit(card + "?tab=execution", "roadmaps-detail-execution")
    assert "Дорожная карта ещё не согласована" not in rc.inner_text("main")
    badges = rc.locator("#card-tab tbody a.badge")
    q1_links = []
    for index in range(badges.count()):
        badge = badges.nth(index)
        day, month, year = BADGE.match(badge.inner_text()).groups()
        if datetime.date(int(year), int(month), int(day)) <= Q1_END:
            q1_links.append(badge.get_attribute("href"))
    q1_checkpoints = Checkpoint.objects.filter(item__section__roadmap=roadmap, due_on__lte=Q1_END)
    assert len(q1_links) == q1_checkpoints.count()
    item5_checkpoints = list(item5.checkpoints.all())
    assert [c.due_on for c in item5_checkpoints] == [Q1_END]
    item5_link = item5_checkpoints[0].get_absolute_url()
    assert item5_link in q1_links
    for link in q1_links:
        rc.goto(base + link)
        form = rc.locator("main form").filter(has=rc.get_by_role("button", name="Сохранить"))
        form.get_by_label("выполнено", exact=True).check()
        field(form, "Что сделано").fill(DONE_TEXT)
        if link == item5_link:
            field(form, "Подтверждения — записи системы").select_option(label=str(event))
            rc_inspector.check("roadmaps-checkpoint-form")
        form.get_by_role("button", name="Сохранить").click()
        rc.wait_for_url(f"**{link}")
        main = rc.locator("main")
        assert "Отметка об исполнении сохранена." in main.inner_text()
        assert "Отметка: выполнено" in main.inner_text()
        if link == item5_link:
            assert main.locator(".card").get_by_role("link", name=str(event)).count() == 1
            rc_inspector.check("roadmaps-checkpoint-marked")

    rc_inspector.visit(card + "?tab=execution", "roadmaps-detail-executed")
    done_badges = rc.locator("#card-tab tbody a.badge", has_text="выполнено")
    assert done_badges.count() == len(q1_links)
    marks = Mark.objects.filter(checkpoint__item__section__roadmap=roadmap)
    assert marks.count() == len(q1_links)
    assert set(marks.values_list("result", flat=True)) == {MarkResult.DONE}

    # --- the annual report: DOCX and PDF ---------------------------------------------------
    rc_inspector.visit(card, "roadmaps-detail-agreed")
    filename, content = download(rc, "Отчёт об исполнении (DOCX)")
    assert filename.endswith(".docx")
    _number, name_and_timeframe, item_status, done, evidence = docx_item_row(content, "5.")
    assert name_and_timeframe.startswith(f"{ITEM5_NEW_NAME} Срок: 1 квартал 2022г.")
    assert item_status == "выполнено"
    assert f"31.03.2022 — выполнено: {DONE_TEXT}" in done
    assert evidence == str(event)
    filename, content = download(rc, "Отчёт об исполнении (PDF)")
    assert filename.endswith(".pdf") and content.startswith(b"%PDF")
    item5_in_pdf = re.escape(ITEM5_NEW_NAME) + r" Срок: .{0,200}? выполнено срок 31\.03\.2022 — "
    item5_in_pdf += re.escape(f"выполнено: {DONE_TEXT} {event}")
    assert re.search(item5_in_pdf, pdf_text(content)), "в PDF нет мероприятия № 5 с отметкой"

    roadmap.refresh_from_db()
    assert roadmap.state == RoadmapState.AGREED and roadmap.agreed_version == 1
    rc_inspector.assert_clean()
    department_inspector.assert_clean()
