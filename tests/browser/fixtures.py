"""Fixtures of the browser tests: the system Chromium through Playwright and the demo data.

Chromium is Debian's (``/usr/bin/chromium``, ``make browser`` installs it); Playwright's own
browser downloads are never used. The checks themselves are in ``tests/browser/pages.py``.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from resurs.kernel.organisations.demo import load_demo
from resurs.kernel.organisations.regions import load_region
from tests.browser.pages import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS


@pytest.fixture(scope="session")
def screenshots() -> Path:
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    # Screenshots are artifacts, not sources: keep the whole folder out of git.
    (ARTIFACTS / ".gitignore").write_text("*\n", encoding="utf-8")
    return SCREENSHOTS


@pytest.fixture(scope="module")
def browser(screenshots):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium не найден ({CHROMIUM}); установите его: make browser")
    # Playwright's sync API keeps an asyncio loop running in the test thread while it is
    # started, and Django refuses ORM calls under a running loop; allowed only meanwhile.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(transactional_db):
    """The region's reference data and the demo organisations with one login per role.

    A transactional test database is flushed after each test, taking the data migration's
    territories and directions with it, so the region is loaded again here.
    """
    load_region("86")
    load_demo()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a fresh browser context (no cookies) per call; all are closed after the test."""
    contexts = []

    def open_page(width: int = 1366, height: int = 900) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
