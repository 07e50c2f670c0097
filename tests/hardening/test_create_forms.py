"""Item 11 of issue 11: the bad-input corpus through every create form of the UI.

The forms are found, not listed: every POST form reachable by links as any demo login whose
page or action is a create route (``new/``, ``…create``, ``…add``). Each text field gets
each corpus value (markup, formulas, control characters, a 10,000-character string), each
date field the far dates, each number field the huge numbers. Expected: no server error;
a rejected form leaves every table as it was; an accepted one stores exactly what was sent
(after the usual trimming of spaces)."""

import re
import time
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import get_resolver, resolve
from django.utils import timezone

from tests.hardening import corpus
from tests.hardening.crawl import (
    Form,
    crawl,
    demo_clients,
    forms_of,
    parse,
    row_counts,
    text_fields,
)

CREATE_WORDS = {"create", "add", "new", "ask", "propose", "nominate"}
# Create routes the demo offers no form for, so no user can reach them by links.
NOT_REACHED = {
    "reporting/versions/<int:pk>/sections/new/": "в демо нет черновика версии формы",
    "reporting/versions/<int:pk>/indicators/new/": "в демо нет черновика версии формы",
    "centres/manage/new/<int:organisation_pk>/": "у каждого РЦ демо уже есть публичная страница",
    "organisations/documents/<int:document_pk>/versions/new/": "в демо нет локальных документов",
    "methodology/practices/<int:pk>/propose/": "кнопка перехода состояния без полей, не форма",
}
IDS_TRIED = 20
# Tables that record who read what, not what was sent: a refused form shown again with the
# card it sits on is an opening of that card (152-FZ), and the log of it is expected.
READ_LOGS = {"citizens.accesslogentry"}
TEXT_KINDS = {"text", "textarea", "search", "email", "tel", "url"}


def is_create_route(route: str, url_name: str | None) -> bool:
    words = set((url_name or "").split("_")) | set(route.split("/"))
    return bool(words & CREATE_WORDS)


def create_routes() -> set[str]:
    """Every create route of the UI, from the URL resolver (not the admin, not the API)."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern.name

    return {
        route
        for route, name in walk(get_resolver().url_patterns)
        if is_create_route(route, name) and not route.startswith(("admin/", "api/"))
    }


def ids_of_segment(route: str) -> list[int]:
    """The ids of the records a route's id names, found by the word before it
    («roadmaps/sections/<int:pk>/…» — Section): on PostgreSQL the ids of a test's records
    are not small, as sequences do not go back with a rolled-back transaction."""
    parts = route.split("/")
    position = next((i for i, part in enumerate(parts) if part.startswith("<int:")), 0)
    segment = parts[position - 1] if position else ""
    found: list[int] = []
    for model in apps.get_models():
        if segment and model._meta.model_name + "s" == segment:
            found += list(model._base_manager.order_by("pk").values_list("pk", flat=True)[:30])
    return found


def form_by_ids(client, route: str, ids: list[int]) -> Form | None:
    if route.count("<") != 1 or "<int:" not in route:
        return None
    for pk in dict.fromkeys([*ids_of_segment(route), *ids]):
        url = "/" + re.sub(r"<int:\w+>", str(pk), route)
        response = client.get(url)
        if response.status_code != 200:
            continue
        for form in parse(url, response.content.decode())[1]:
            if create_route_of(form) == route:
                return form
    return None


def create_route_of(form: Form) -> str | None:
    if form.method != "post":
        return None
    match = resolve(urlsplit(form.action).path)
    return match.route if is_create_route(match.route, match.url_name) else None


def baseline(form: Form) -> dict:
    """What a user would send: the defaults, and a plausible value in every empty field."""
    data = form.data()
    for item in form.inputs:
        if not item.name or data.get(item.name) not in ("", None):
            continue
        if item.kind in TEXT_KINDS - {"email", "url"}:
            data[item.name] = "Проверка"
        elif item.kind == "email":
            data[item.name] = "test@example.ru"
        elif item.kind == "url":
            data[item.name] = "https://example.ru/"
        elif item.kind == "date":
            data[item.name] = timezone.localdate().isoformat()
        elif item.kind == "number":
            data[item.name] = "1"
    return data


def stored_somewhere(new_models: list, value: str) -> bool:
    for label in new_models:
        model = apps.get_model(label)
        for field in text_fields(model):
            if model._base_manager.filter(**{field.name: value.strip()}).exists():
                return True
    return False


def test_bad_input_corpus_through_every_create_form(demo_site, capsys):
    started = time.monotonic()
    clients = demo_clients()
    forms, covered, shapes, ids = [], set(), {}, set(range(1, IDS_TRIED + 1))
    for name, (client, starts) in clients.items():
        visits = crawl(client, starts=starts, exports=False, seen_shapes=shapes)
        ids |= {int(n) for url in visits for n in re.findall(r"/(\d+)/", url)}
        for form in forms_of(visits):
            route = create_route_of(form)
            if route is not None and route not in covered:
                covered.add(route)
                forms.append((name, form))
    # A create form behind a state or a tab the links did not lead to: its route is tried
    # with the first ids and those seen in links, as each user, until one shows the form.
    for route in sorted(create_routes() - covered - set(NOT_REACHED)):
        for name, (client, _starts) in clients.items():
            form = form_by_ids(client, route, sorted(ids))
            if form is not None:
                covered.add(route)
                forms.append((name, form))
                break
    uncovered = create_routes() - covered - set(NOT_REACHED)
    crawled = time.monotonic()
    posts, accepted, failures = 0, 0, []
    baseline_accepted = 0
    for name, form in forms:
        client = clients[name][0]
        action = urlsplit(form.action).path
        good = baseline(form)
        response = client.post(action, good)
        posts += 1
        if response.status_code >= 500:
            failures.append(f"{name} {action} базовая отправка: {response.status_code}")
        baseline_accepted += response.status_code == 302
        cases = []
        texts = [i.name for i in form.inputs if i.kind in TEXT_KINDS and i.name]
        for field in texts:
            cases += [({field: value}, value) for value in corpus.PER_FIELD]
        # Formulas that are harmless as text go into every text field at once.
        cases += [(dict.fromkeys(texts, value), value) for value in corpus.ALL_FIELDS if texts]
        for item in form.inputs:
            if item.kind == "date" and item.name:
                cases += [({item.name: value}, value) for value in corpus.DATES]
            elif item.kind == "number" and item.name:
                cases += [({item.name: value}, value) for value in corpus.NUMBERS]
        before = row_counts()
        for sent, value in cases:
            response = client.post(action, {**good, **sent})
            posts += 1
            after = row_counts()
            grown = [
                label
                for label in after
                if after[label] > before.get(label, 0) and label.lower() not in READ_LOGS
            ]
            before = after
            where = f"{name} {action} {sorted(sent)[:3]}={value[:40]!r}"
            if response.status_code >= 500:
                failures.append(f"{where}: {response.status_code}")
            elif response.status_code != 302 and grown:
                failures.append(f"{where}: форма отклонена, но записано: {grown}")
            elif grown:
                accepted += 1
                if corpus.has_control(value):
                    failures.append(f"{where}: принят управляющий символ")
                elif value in corpus.TEXT and not stored_somewhere(grown, value):
                    failures.append(f"{where}: сохранено не то, что отправлено")
    with capsys.disabled():
        print(
            f"\nФормы создания: {len(forms)}, отправок: {posts}, принято значений корпуса: "
            f"{accepted}, базовых отправок принято: {baseline_accepted}, ошибок: {len(failures)}"
            f" (обход {crawled - started:.0f} с, отправки {time.monotonic() - crawled:.0f} с)"
        )
        for failure in failures:
            print("  ", failure)
        print("   не найдены по ссылкам:", sorted(uncovered))
    assert uncovered == set()
    assert failures == []
