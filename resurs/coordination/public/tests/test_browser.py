"""Issue 3 item 8 (EVT-5): a visitor asks a question on a public page with JavaScript off,
a specialist of the centre answers and publishes it, the visitor reads the answer.

The visitor's clicks run in a browser with JavaScript disabled. The same pages are then
checked by tests/browser/pages.py (axe-core WCAG 2.1 AA, Russian text, no console errors),
which needs JavaScript for axe itself. Screenshots: artifacts/screenshots/<role>-<page>.png.
"""

import pytest

from resurs.coordination.public.demo import SURGUT_SLUG, load_demo_data
from resurs.coordination.public.models import Question
from tests.browser.pages import PageInspector, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Как нашему фонду получить методическую помощь по работе с бездомными?"
CENTRE = "БУ «Сургутский районный центр социальной адаптации»"


def test_visitor_asks_without_javascript_specialist_answers_and_publishes(
    demo,  # noqa: F811
    browser,  # noqa: F811
    new_page,  # noqa: F811
    live_server,
):
    load_demo_data()
    base = live_server.url
    page_url = f"{base}/centres/{SURGUT_SLUG}/"

    # The visitor: no login, JavaScript switched off.
    context = browser.new_context(java_script_enabled=False, locale="ru-RU")
    context.set_default_timeout(15_000)
    visitor = context.new_page()
    visitor.goto(base + "/centres/")
    visitor.get_by_role("link", name=CENTRE).click()
    assert visitor.url == page_url
    visitor.get_by_role("link", name="Задать вопрос специалистам").click()
    visitor.get_by_label("Как к вам обращаться").fill("Ирина")
    visitor.get_by_label("Ваш вопрос").fill(QUESTION)
    visitor.get_by_label("Можно опубликовать вопрос с ответом на странице центра").check()
    visitor.get_by_role("button", name="Отправить вопрос").click()
    # Without the consent the form comes back with the reason, and the text is kept.
    assert "Без согласия на обработку персональных данных" in visitor.inner_text("main")
    assert visitor.get_by_label("Ваш вопрос").input_value() == QUESTION
    visitor.get_by_label("Я согласен(на) на обработку моих персональных данных").check()
    visitor.get_by_role("button", name="Отправить вопрос").click()
    assert "Спасибо, ваш вопрос отправлен" in visitor.inner_text("main")
    question = Question.objects.get(text=QUESTION)

    # The specialist of the Surgut RC (demo login «rc»).
    staff = new_page()
    staff_inspector = PageInspector(staff, base, "resource_centre")
    log_in(staff, base, "rc")
    staff_inspector.visit("/centres/inbox/?state=new", "public-inbox")
    staff.get_by_role("link", name=str(question.pk), exact=True).click()
    staff_inspector.check("public-question")
    staff.get_by_label("Ответ").fill("Напишите нам: включим фонд в реестр участников.")
    staff.get_by_role("button", name="Сохранить ответ").click()
    assert "Ответ сохранён" in staff.inner_text("main")
    staff_inspector.check("public-question-answered")
    staff.get_by_role("button", name="Опубликовать вопрос и ответ").click()
    assert "опубликован на странице центра" in staff.inner_text("main")
    staff_inspector.check("public-question-published")
    staff_inspector.visit("/centres/manage/", "public-manage")
    staff_inspector.visit(f"/centres/manage/{question.page_id}/?tab=materials", "public-materials")
    staff_inspector.assert_clean()

    # The visitor reads the answer on the page, still without JavaScript.
    visitor.goto(page_url)
    assert "включим фонд в реестр участников" in visitor.inner_text("#questions")
    context.close()

    # The visitor's pages, checked for accessibility and Russian text.
    inspector = PageInspector(new_page(), base, "visitor")
    inspector.visit("/centres/", "public-index")
    inspector.visit(f"/centres/{SURGUT_SLUG}/", "public-page")
    inspector.visit(f"/centres/{SURGUT_SLUG}/question/", "public-ask")
    # A form with errors answers 400: the browser's console note about it is expected.
    inspector._expected_error = True
    inspector.page.get_by_role("button", name="Отправить вопрос").click()
    inspector.check("public-ask-errors")
    inspector.visit(f"/centres/{SURGUT_SLUG}/question/thanks/", "public-thanks")
    inspector.visit("/centres/nizhnevartovsk-rannyaya-pomoshch/", "public-page-nv")
    inspector.assert_clean()
