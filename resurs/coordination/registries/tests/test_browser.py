"""REG-6 and the registries' pages in a real browser: the matrix cell edited in place with
htmx, and every registry page clean (axe, Russian text, no console errors) for the roles
that use them. Screenshots: artifacts/screenshots/<role>-<page>.png."""

import pytest

from resurs.coordination.registries.demo import load_demo_data
from resurs.coordination.registries.models import (
    LegalAct,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
)
from tests.browser.pages import PageInspector, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registries_demo(demo):  # noqa: F811
    load_demo_data()


def test_the_department_edits_a_matrix_cell_in_place(
    registries_demo,
    new_page,  # noqa: F811
    live_server,
):
    page = new_page()
    inspector = PageInspector(page, live_server.url, "department")
    log_in(page, live_server.url, "department")
    inspector.visit("/registries/practices/matrix/", "registries-matrix")
    practice = SocialPractice.objects.get(number=5)
    institution = PracticeCell.objects.filter(practice=practice).first().institution
    cell = f"#cell-{practice.pk}-{institution.pk}"

    page.click(f"{cell} a")
    page.wait_for_selector(f"{cell} form")
    inspector.check("registries-matrix-cell-editor")
    page.select_option(f"{cell} select", "implemented")
    page.fill(f"{cell} input[type=date]", "2021-03-01")
    page.click(f"{cell} button[type=submit]")
    page.wait_for_selector(f"{cell} [role=status]")

    assert "внедрена" in page.inner_text(cell) and "с 01.03.2021" in page.inner_text(cell)
    stored = PracticeCell.objects.get(practice=practice, institution=institution)
    assert stored.status == PracticeStatus.IMPLEMENTED
    assert page.url.endswith("/registries/practices/matrix/")  # no page load: a swap
    inspector.check("registries-matrix-cell-saved")
    inspector.assert_clean()


@pytest.mark.parametrize("username", ["rc", "department", "provider", "uszn", "methodist"])
def test_every_registry_page_is_clean(
    registries_demo,
    new_page,  # noqa: F811
    live_server,
    username,
):
    page = new_page()
    inspector = PageInspector(page, live_server.url, username)
    log_in(page, live_server.url, username)
    for slug in ("participants", "acts", "technologies", "articles", "practices"):
        inspector.visit(f"/registries/{slug}/")
    inspector.visit("/registries/")
    inspector.visit("/registries/practices/matrix/")
    if username in ("rc", "department"):
        act = LegalAct.objects.filter(owner__name__startswith="БУ «Сургутский").first()
        for tab in ("details", "files", "history"):
            inspector.visit(f"/registries/acts/{act.pk}/?tab={tab}", f"registries-act-{tab}")
        inspector.visit(f"/registries/acts/{act.pk}/edit/")
        inspector.visit("/registries/participants/new/")
        inspector.visit("/registries/practices/new/")
    inspector.assert_clean()
