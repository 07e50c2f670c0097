"""Issue requirement 10: every demo role signs in and opens every page of its menu.

A page fails on an HTTP error or an error page, a console or JavaScript error (CSP violations
included), untranslated (Latin) UI text, or a serious or critical axe-core violation of
WCAG 2.1 A/AA (ГОСТ Р 52872-2019). Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import pytest

from resurs.kernel.accounts.attention import attention_for
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.navigation import menu_for
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.organisations.demo import LOGINS, PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation
from tests.browser.pages import PageInspector, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAIN_MENU = "#main-menu .menu-link"
USER_MENU = "#main-menu .dropdown-menu a.dropdown-item:not(.menu-link)"
FOOTER = "footer a"
CARD_TABS = ["details", "statuses", "appointments", "documents", "history"]
EMPTY_HOME = "Сейчас ничего не требует вашего внимания."


def links(page, selector: str) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(
        selector, "els => els.map(e => [e.textContent.trim(), e.getAttribute('href')])"
    )


def test_anonymous_pages(demo, new_page, live_server):
    page = new_page()
    inspector = PageInspector(page, live_server.url, "anonymous")
    inspector.visit("/", "redirect-to-login")
    assert page.url.startswith(live_server.url + "/accounts/login/")
    inspector.visit("/accounts/login/", "login")
    inspector.visit("/no-such-page/", "error-404", status=404)
    # A failed sign-in shows the form's error, in Russian and accessibly.
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Имя пользователя").fill("department")
    page.get_by_label("Пароль").fill("wrong-password")
    page.get_by_role("button", name="Войти").click()
    page.wait_for_load_state()
    assert "Неверное имя пользователя или пароль" in page.inner_text("main")
    inspector.check("login-failed")
    inspector.assert_clean()


@pytest.mark.parametrize("login", LOGINS, ids=[login.username for login in LOGINS])
def test_role_opens_every_page_of_its_menu(login, demo, new_page, live_server):
    page = new_page()
    base = live_server.url
    inspector = PageInspector(page, base, login.role)
    log_in(page, base, login.username)

    menu = links(page, MAIN_MENU)
    assert [title for title, _ in menu] == [item.title for item in menu_for(login.role)]
    # The user menu and the footer are menus too (API tokens, password, API description).
    others = links(page, USER_MENU) + links(page, FOOTER)
    assert others, "нет меню пользователя"
    for href in dict.fromkeys(href for _title, href in menu + others):
        inspector.visit(href)

    # The card of the first organisation of the list, tab by tab.
    inspector.visit("/organisations/")
    card = page.locator("#results tbody tr").first.locator("a").first.get_attribute("href")
    can_create = page.get_by_role("link", name="Добавить организацию").count() > 0
    for tab in CARD_TABS:
        inspector.visit(f"{card}?tab={tab}", f"organisations-detail-{tab}")
        assert [href for _title, href in links(page, ".nav-tabs a")] == [
            f"?tab={key}" for key in CARD_TABS
        ]

    # The tabs also work in place through htmx (no reload, the address follows).
    inspector.visit(card, "organisations-detail")
    inspector.reset()
    page.locator('.nav-tabs a[href="?tab=history"]').click()
    page.wait_for_url(f"**{card}?tab=history")
    assert page.locator("#card-tab h2").inner_text() == "История изменений"
    current = page.locator(".nav-tabs [aria-current=page]")
    if current.count() != 1 or current.get_attribute("href") != "?tab=history":
        inspector.problem(
            "organisations-detail-history-htmx",
            "после перехода на вкладку «История изменений» через htmx текущей (active, "
            f"aria-current) осталась отмечена {current.all_inner_texts()}",
        )
    inspector.check("organisations-detail-history-htmx")

    assert can_create == (login.role in {Role.DEPARTMENT, Role.ADMINISTRATOR})
    if can_create:
        inspector.visit("/organisations/new/")
    if login.role == Role.ADMINISTRATOR:
        inspector.visit("/admin/")
    inspector.assert_clean()


def test_home_page_says_what_needs_attention(demo, new_page, live_server):
    """Each role's home lists exactly what the directory asks of it, or says that nothing."""
    base = live_server.url
    problems = []
    shown = {}
    for login in LOGINS:
        membership = Membership.objects.get(user__username=login.username)
        expected = [item.title for item in attention_for(Scope.of(membership))]
        page = new_page()
        log_in(page, base, login.username)
        main = page.locator("main")
        assert main.get_by_role("heading", name="Требует внимания").count() == 1, login.role
        titles = main.locator(".list-group a .fw-semibold").all_inner_texts()
        empty = main.get_by_text(EMPTY_HOME).count() > 0
        if titles != expected:
            problems.append(f"{login.role}: показано {titles}, ожидалось {expected}")
        if empty == bool(expected):
            problems.append(f"{login.role}: сообщение «{EMPTY_HOME}» {'есть' if empty else 'нет'}")
        shown[login.role] = bool(titles)
        page.context.close()
    assert not problems, "\n".join(problems)
    # The demo has gaps (an RC without responsibles, no one for the interaction with the RC)
    # and roles with nothing to do, so both states of the home page are seen.
    assert shown[Role.DEPARTMENT] and shown[Role.USZN] and shown[Role.PROVIDER]
    assert not all(shown.values())


def test_role_switch_through_navbar(demo, new_page, live_server):
    user = User.objects.get(username="uszn")
    second = Membership(
        user=user,
        organisation=Organisation.objects.get(name=PYT_YAKH_KCSON),
        role=Role.SPECIALIST,
        position="Специалист по социальной работе (по совместительству)",
    )
    second.full_clean()
    second.save()

    page = new_page()
    base = live_server.url
    inspector = PageInspector(page, base, "two-roles")
    log_in(page, base, user.username)
    territories = "Территории"  # in the USZN's menu, not in the specialist's
    assert territories in [title for title, _ in links(page, MAIN_MENU)]

    switch = page.get_by_label("Роль", exact=True)
    assert switch.input_value() != str(second.pk)
    inspector.check("home-uszn")
    switch.select_option(str(second.pk))
    page.get_by_role("button", name="Сменить роль").click()
    page.wait_for_load_state()

    assert page.get_by_label("Роль", exact=True).input_value() == str(second.pk)
    assert f"Вы работаете в роли «{second}»" in page.inner_text("main")
    menu = [title for title, _ in links(page, MAIN_MENU)]
    assert menu == [item.title for item in menu_for(Role.SPECIALIST)]
    assert territories not in menu
    assert page.locator("main h1").inner_text().startswith("Специалист:")
    inspector.check("home-specialist")
    inspector.assert_clean()


def test_narrow_screen(demo, new_page, live_server):
    """A phone-sized screen: the menu folds behind the toggler, nothing scrolls sideways."""
    page = new_page(390, 844)
    base = live_server.url
    inspector = PageInspector(page, base, "department-narrow")
    log_in(page, base, "department")
    menu = page.locator(MAIN_MENU).first
    assert not menu.is_visible()
    page.get_by_role("button", name="Показать меню").click()
    menu.wait_for(state="visible")
    inspector.check("home-menu")
    for path in ("/calendar/", "/organisations/"):
        inspector.visit(path)
    card = page.locator("#results tbody tr").first.locator("a").first.get_attribute("href")
    inspector.visit(card, "organisations-detail")
    inspector.assert_clean()
