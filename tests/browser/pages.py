"""Checking a page as a user would meet it: Debian's Chromium, axe-core, Russian text.

Every page a browser test opens goes through ``PageInspector.visit`` (or ``check`` after a
click), which records an HTTP error or an error page, a console error (CSP violations
included), Latin UI text, a page wider than the window and serious or critical axe-core
violations, and saves a screenshot to ``artifacts/screenshots/<role>-<page>.png``.
"""

import os
import re
from pathlib import Path

from django.conf import settings
from django.urls import resolve
from playwright.sync_api import Page

from resurs.kernel.organisations.demo import DEMO_PASSWORD, LOGINS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
ERRORS_DIR = Path(settings.BASE_DIR) / "templates" / "errors"

# WCAG 2.1 A and AA: the level ГОСТ Р 52872-2019 requires of state web services.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_FAILING_IMPACTS = {"serious", "critical"}

# Latin words a Russian page may legitimately show. Everything else of 3+ Latin letters is
# taken for untranslated text. Keep this short: each entry is a name with no Russian form.
LATIN_ALLOWED = {
    "API",  # the integration interface: «API-токены», the footer link to the API docs
    "OpenAPI",  # the name of the API description format on the docs page
    "Bearer",  # the HTTP authorisation scheme, when named in running text
    "Excel",  # «Выгрузить в Excel»: the program the export opens in
    "Word",  # the program a DOCX opens in («Загрузить из файла (Excel, Word, текст)»)
    "XLSX",  # file formats named in upload and export hints
    "DOCX",
    "PDF",
    "PNG",  # image formats accepted for a centre's logo
    "JPEG",
    "JSON",  # the data format of the API, named on its description page
    "e-mail",  # the usual Russian spelling in contact fields
    "htmx",  # the front-end library, named only in technical notes
    # The product's own Latin identifiers: the demo logins (shown e.g. in the admin).
    *(login.username for login in LOGINS),
}
# Not UI text: URLs, e-mail addresses and file name extensions («Файл Excel (.xlsx)»).
NOT_TEXT = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|(?<![\w.])\.[A-Za-z0-9]{2,5}\b"
)
ROMAN_NUMERAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
LATIN_WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")

# Everything a user reads or hears: visible text, the title, and the texts of attributes that
# screen readers announce or browsers show as tooltips and hints.
PAGE_TEXT_JS = """() => {
  const parts = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll(
      '[aria-label], [title], [placeholder], img[alt], input[type=submit], input[type=button]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    }
    if (el.matches('input[type=submit], input[type=button]')) parts.push(el.value);
  }
  // Literal code (an HTTP header to send, a token's prefix) is not UI text.
  const code = [...document.body.querySelectorAll('code, kbd, samp, pre')].map(el => el.innerText);
  return {text: parts.join('\\n'), code: code};
}"""

AXE_RUN_JS = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact,
                              summary: n.failureSummary})),
  }));
}"""


def error_titles() -> set[str]:
    """The titles of templates/errors/*.html: a page with one of them is an error page."""
    titles = set()
    for template in ERRORS_DIR.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        match = re.search(r"{% block title %}(.*?){% endblock %}", text) or re.search(
            r"<title>(.*?) — ", text
        )
        if match:
            titles.add(match.group(1).strip())
    return titles


def latin_words(text: str) -> list[str]:
    """Words of 3+ Latin letters that are not in the allow-list."""
    text = NOT_TEXT.sub(" ", text)
    found = []
    for word in LATIN_WORD.findall(text):
        letters = sum(ch.isalpha() for ch in word)
        if ROMAN_NUMERAL.fullmatch(word):  # «III квартал»: Russian writes quarters this way
            continue
        if letters >= 3 and word not in LATIN_ALLOWED and word not in found:
            found.append(word)
    return found


def page_name(path: str) -> str:
    """A screenshot name for a path: its URL name, e.g. ``organisations-list``."""
    match = resolve(path.split("?")[0])
    return match.view_name.replace(":", "-").replace("_", "-")


class PageInspector:
    """Opens pages of one role in one browser tab and collects every problem found."""

    def __init__(self, page: Page, base_url: str, role: str):
        self.page = page
        self.base_url = base_url
        self.role = role
        self.problems: list[tuple[str, str]] = []
        self._console: list[str] = []
        self._expected_error = False
        self._data_texts: list[str] = []
        self._error_titles = error_titles()
        self._axe_source = AXE_JS.read_text(encoding="utf-8")
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self._console.append(f"ошибка JavaScript: {error}"))

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        if self._expected_error and message.location.get("url") == self.page.url:
            return  # the browser's note about the error status the page was expected to have
        self._console.append(f"консоль: {message.text} [{message.location.get('url')}]")

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def problem(self, name: str, text: str) -> None:
        """Records a problem found by the test itself on the current page."""
        self.problems.append((f"{name} ({self.page.url.removeprefix(self.base_url)})", text))

    def ignore_text(self, *texts: str) -> None:
        """Marks texts the test itself typed in (a file name with its «.xlsx», a person's
        Latin name) as data, not UI text: the Latin check skips them on every page after."""
        self._data_texts.extend(texts)

    def reset(self) -> None:
        """Forgets console messages so far: call before an action whose result is checked."""
        self._console.clear()

    def visit(self, path: str, name: str | None = None, *, status: int = 200) -> None:
        """Opens ``path`` and checks it; the problems go to ``self.problems``."""
        self.reset()
        self._expected_error = status >= 400
        response = self.page.goto(self.url(path), wait_until="load")
        self.check(
            name or page_name(path),
            response_status=response.status if response else None,
            expected_status=status,
        )

    def check(
        self, name: str, *, response_status: int | None = None, expected_status: int = 200
    ) -> None:
        """Checks the page as it is now (after a goto, a click or a form submission)."""
        page = self.page
        where = f"{name} ({page.url.removeprefix(self.base_url)})"
        problems = []
        if response_status is not None and response_status != expected_status:
            problems.append(f"HTTP {response_status}, ожидался {expected_status}")
        title = page.title()
        if expected_status < 400 and any(title.startswith(t) for t in self._error_titles):
            problems.append(f"страница ошибки «{title}»")
        lang = page.evaluate("document.documentElement.lang")
        if not lang.startswith("ru"):
            problems.append(f'язык страницы lang="{lang}", ожидался ru')
        width, viewport = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if width > viewport:
            problems.append(f"страница шире окна: {width} пикселей при ширине {viewport}")
        shown = page.evaluate(PAGE_TEXT_JS)
        text = shown["text"]
        # Longest first: a path that contains a shorter one must be removed whole.
        for code in sorted([*shown["code"], *self._data_texts], key=len, reverse=True):
            text = text.replace(code, " ")
        untranslated = latin_words(text)
        if untranslated:
            problems.append("непереведённый текст: " + ", ".join(untranslated))
        problems.extend(self._axe())
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{self.role}-{name}.png", full_page=True)
        problems.extend(self._console)
        self._console.clear()
        self._expected_error = False
        self.problems.extend((where, problem) for problem in problems)

    def _axe(self) -> list[str]:
        # page.evaluate goes through DevTools, which the page's CSP does not restrict, so the
        # app's CSP stays on and its violations are still caught.
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(self._axe_source)
        problems = []
        for violation in self.page.evaluate(AXE_RUN_JS, AXE_TAGS):
            for node in violation["nodes"]:
                impact = node["impact"] or violation["impact"]
                if impact in AXE_FAILING_IMPACTS:
                    problems.append(
                        f"axe {violation['id']} ({impact}) {node['target']}: {violation['help']}"
                    )
        return problems

    def assert_clean(self) -> None:
        """Fails with every problem once, followed by the pages where it was found."""
        pages: dict[str, dict[str, None]] = {}
        for where, problem in self.problems:
            pages.setdefault(problem, {})[where] = None
        report = [
            f"{problem}\n    на страницах: {'; '.join(where)}" for problem, where in pages.items()
        ]
        assert not report, f"{self.role}: проблемы ({len(report)}):\n" + "\n".join(report)


def log_in(page: Page, base_url: str, username: str) -> None:
    """Signs in through the real login form."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(base_url + "/")
