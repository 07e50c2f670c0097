"""The site as a user sees it: every page reachable by links from the home page, with the
forms each page holds. The hardening tests walk it instead of keeping lists of URLs, so a
new page, form, export or record type is covered as soon as a link leads to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.test import Client
from django.urls import Resolver404, resolve

from conftest import client_for
from resurs.kernel.accounts.models import Membership
from resurs.kernel.organisations.demo import LOGINS

# Links a crawler must not follow: they change the session, not the data shown.
NOT_FOLLOWED = ("/accounts/logout/", "/accounts/role/", "/admin/", "/api/", "/static/")
EXPORT_SUFFIXES = (".xlsx", ".docx", ".pdf")


@dataclass
class Input:
    name: str
    kind: str  # "text", "textarea", "select", "checkbox", "date", "number", "file", ...
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False
    multiple: bool = False


@dataclass
class Form:
    page: str
    action: str
    method: str
    multipart: bool
    inputs: list[Input] = field(default_factory=list)

    def data(self) -> dict:
        """What the browser would send untouched (the first real option of a select)."""
        data: dict = {}
        for item in self.inputs:
            if item.kind in {"submit", "button", "file", "reset", "image"} or not item.name:
                continue
            if item.kind in {"checkbox", "radio"}:
                if item.checked:
                    data.setdefault(item.name, []).append(item.value or "on")
                continue
            if item.kind == "select":
                value = item.value or next((o for o in item.options if o), "")
                data[item.name] = [value] if item.multiple else value
                continue
            data[item.name] = item.value
        return data


class _PageParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Input | None = None
        self._textarea: Input | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                page=self.page,
                action=urljoin(self.page, a.get("action") or self.page),
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            self._form.inputs.append(
                Input(
                    a.get("name", ""),
                    a.get("type", "text").lower(),
                    a.get("value", ""),
                    checked="checked" in a,
                )
            )
        elif tag == "select":
            self._select = Input(a.get("name", ""), "select", multiple="multiple" in a)
            self._form.inputs.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a and not self._select.value:
                self._select.value = a.get("value", "")
        elif tag == "textarea":
            self._textarea = Input(a.get("name", ""), "textarea")
            self._form.inputs.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse(page: str, html: str) -> tuple[list[str], list[Form]]:
    parser = _PageParser(page)
    parser.feed(html)
    links = []
    for href in parser.links:
        url = urldefrag(urljoin(page, href)).url
        parts = urlsplit(url)
        if parts.scheme in {"", "http"} and parts.netloc in {"", "testserver"}:
            links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links, parser.forms


def routable(url: str) -> bool:
    path = urlsplit(url).path
    if path.startswith(NOT_FOLLOWED):
        return False
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def is_export(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith(EXPORT_SUFFIXES) or "/export" in path or path.endswith("/file/")


@dataclass
class Visit:
    url: str
    status: int
    content_type: str
    body: bytes


def shape_of(url: str) -> tuple:
    parts = urlsplit(url)
    keys = tuple(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return resolve(parts.path).route, keys


def crawl(
    client: Client,
    *,
    starts: tuple[str, ...] = ("/",),
    limit: int = 400,
    per_shape: int = 1,
    seen_shapes: dict | None = None,
    exports: bool = True,
) -> dict[str, Visit]:
    """Pages reachable from ``starts`` by GET links, at most ``limit``; ``per_shape`` URLs
    per route and query shape (a list of 500 records costs one card, not 500). Pass one
    ``seen_shapes`` to several crawls to open each kind of card once across several users
    (the first that may open it); lists differ by role and are opened by each."""
    seen_shapes = {} if seen_shapes is None else seen_shapes
    queue, visits, tried = list(starts), {}, {}
    while queue and len(visits) < limit:
        url = queue.pop(0)
        if url in visits or not routable(url) or (not exports and is_export(url)):
            continue
        shape = shape_of(url)
        # A list (a route without ids) differs by role: every user opens it; a card of one
        # kind is opened once across users.
        shared = "<" in shape[0]
        if url not in starts and (
            (shared and seen_shapes.get(shape, 0) >= per_shape) or tried.get(shape, 0) >= per_shape
        ):
            continue
        tried[shape] = tried.get(shape, 0) + 1
        response = client.get(url)
        if response.status_code == 200:  # a page this user may not open is left to others
            seen_shapes[shape] = seen_shapes.get(shape, 0) + 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        visit = Visit(url, response.status_code, response.get("Content-Type", ""), body)
        visits[url] = visit
        if response.status_code == 200 and visit.content_type.startswith("text/html"):
            links, _forms = parse(url, body.decode())
            queue.extend(link for link in links if link not in visits)
    return visits


def forms_of(visits: dict) -> list[Form]:
    found, keys = [], set()
    for visit in visits.values():
        if visit.status != 200 or not visit.content_type.startswith("text/html"):
            continue
        for form in parse(visit.url, visit.body.decode())[1]:
            key = (form.method, urlsplit(form.action).path, tuple(i.name for i in form.inputs))
            if key not in keys:
                keys.add(key)
                found.append(form)
    return found


def demo_clients() -> dict[str, tuple[Client, tuple[str, ...]]]:
    """One logged-in client per demo login (each role of the demo), with where its crawl
    starts: its own organisation's card first (what it may edit), then the home page."""
    clients = {}
    for login in LOGINS:
        membership = Membership.objects.select_related("user", "organisation").get(
            user__username=login.username
        )
        client = client_for(membership)
        client.raise_request_exception = False
        clients[login.username] = (client, (membership.organisation.get_absolute_url(), "/"))
    return clients


def row_counts() -> dict[str, int]:
    """Rows of every table of the project, in one query."""
    from django.apps import apps

    tables = {
        model._meta.label: model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608 -- model tables
        for index, table in enumerate(tables.values())
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    return {label: counts[index] for index, label in enumerate(tables)}


def text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


def content_type_of(model) -> ContentType:
    return ContentType.objects.get_for_model(model)
