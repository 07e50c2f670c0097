"""Items 2, 3 and 5 of issue 11 as a probe of the whole UI, found by crawling it as every
demo login (tests.hardening.crawl), so a new page, filter, export or record type is covered
without being listed here.

- Bad queries: every GET form (list filters, searches, drill-downs) gets far and impossible
  dates, huge numbers, NUL and markup in each field, and page numbers out of range.
- Attachments: every upload form (each record type that takes files) gets a small valid PDF,
  DOCX and XLSX and a set of bad files.
- Stored markup: every free-text field of every row holds markup, a formula and a control
  character; then every page and export is rendered again: no server error, no raw markup in
  HTML, no formula in an XLSX cell.
"""

import time
from io import BytesIO
from urllib.parse import parse_qsl, urlsplit

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.test import Client
from docx import Document as WordDocument
from openpyxl import Workbook, load_workbook

from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.attachments.models import Attachment
from tests.hardening import corpus
from tests.hardening.crawl import crawl, demo_clients, forms_of, shape_of, text_fields

PAGES = ("1000000000000000000", "1\x00")
RECORDS_PER_TYPE = 30
BAD_VALUES = {
    "date": corpus.DATES,
    "datetime-local": ("9999-12-31T23:59", "0001-01-01T00:00"),
    "number": corpus.NUMBERS,
    "text": ("\x00", corpus.MARKUP[0]),
    "search": ("\x00", corpus.MARKUP[0]),
    "select": ("\x00", "99999999999999999999", "-1", "<script>"),
    "hidden": ("\x00", "99999999999999999999"),
}
# Query parameters read straight from links (tabs, periods, drill-down keys).
LINK_VALUES = ("\x00", "9999-12-31")


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = BytesIO()
    document = WordDocument()
    document.add_paragraph("Приложение")
    document.save(buffer)
    return buffer.getvalue()


def xlsx() -> bytes:
    buffer = BytesIO()
    workbook = Workbook()
    workbook.active.append(["Показатель", 1])
    workbook.save(buffer)
    return buffer.getvalue()


GOOD_FILES = {"prilozhenie.pdf": pdf, "prilozhenie.docx": docx, "tablitsa.xlsx": xlsx}
BAD_FILES = {
    "pustoy.pdf": b"",
    "virus.exe": b"MZ\x90\x00",
    "fake.pdf": b"<html><script>alert(1)</script></html>",
    "fake.docx": b"PK\x03\x04not a zip",
    "name\x00.pdf": pdf(),
    ("Я" * 300) + ".pdf": pdf(),
    '"><img src=x onerror=alert(1)>.pdf': pdf(),
}


def test_bad_queries_answer_4xx(demo_site, capsys):
    started = time.monotonic()
    failures, shapes, requests, pages = [], {}, 0, 0
    probed: set = set()  # a filter or a query shape is probed once, as the first user
    for name, (client, starts) in demo_clients().items():
        visits = crawl(client, starts=starts, seen_shapes=shapes, exports=False)
        pages += len(visits)
        failures += [f"{name} {v.url}: {v.status}" for v in visits.values() if v.status >= 500]

        def probe(path, query, what, client=client, name=name, failures=failures):
            nonlocal requests
            response = client.get(path, query)
            requests += 1
            if response.status_code >= 500:
                failures.append(f"{name} {path} {what}: {response.status_code}")

        for url in visits:
            path, query = urlsplit(url).path, dict(parse_qsl(urlsplit(url).query))
            if not query or shape_of(url) in probed:
                continue
            probed.add(shape_of(url))
            for key in query:
                for value in LINK_VALUES:
                    probe(path, {**query, key: value}, f"{key}={value!r}")
        for form in forms_of(visits):
            path = urlsplit(form.action).path
            key = (path, tuple(item.name for item in form.inputs))
            if form.method != "get" or path.startswith("/accounts/") or key in probed:
                continue
            probed.add(key)
            base = form.data()
            for page in PAGES:
                probe(path, {**base, "page": page}, f"page={page!r}")
            for item in form.inputs:
                for value in BAD_VALUES.get(item.kind, ()):
                    probe(path, {**base, item.name: value}, f"{item.name}={value[:30]!r}")
    with capsys.disabled():
        print(
            f"\nСтраниц: {pages}, запросов с плохими параметрами: {requests}, "
            f"ошибок: {len(failures)} ({time.monotonic() - started:.0f} с)"
        )
        for failure in failures:
            print("  ", failure)
    assert failures == []


def test_every_record_type_that_takes_files_accepts_documents_and_refuses_bad_files(
    demo_site, capsys
):
    """The record types are the models that define ``attachments_editable_by`` (the rule of
    kernel.attachments); each is tried with its first records as every login that may
    attach to them. Every other model's content type must answer 404."""
    started = time.monotonic()
    clients = demo_clients()
    memberships = {
        m.user.username: m for m in Membership.objects.select_related("user", "organisation")
    }
    failures, uploads, accepting, without_records = [], 0, [], []
    models_with_files = [m for m in apps.get_models() if hasattr(m, "attachments_editable_by")]
    for model in models_with_files:
        content_type = ContentType.objects.get_for_model(model)
        records = list(model._base_manager.order_by("pk")[:RECORDS_PER_TYPE])
        if not records:
            without_records.append(model._meta.label)
            continue
        accepted, tried = False, False
        for record in records:
            if tried:
                break
            for name, (client, _starts) in clients.items():
                if not record.attachments_editable_by(Scope.of(memberships[name])):
                    continue
                tried = True
                path = f"/files/to/{content_type.pk}/{record.pk}/"
                for filename, content in [*GOOD_FILES.items(), *BAD_FILES.items()]:
                    good = filename in GOOD_FILES
                    before = Attachment.objects.count()
                    response = client.post(
                        path,
                        {
                            "file": SimpleUploadedFile(filename, content() if good else content),
                            "title": corpus.MARKUP[0] if good else "\x00" + corpus.LONG,
                        },
                    )
                    uploads += 1
                    added = Attachment.objects.count() - before
                    where = f"{name} {model._meta.label} {filename[:40]!r}"
                    if response.status_code >= 500:
                        failures.append(f"{where}: {response.status_code}")
                    elif not good and added:
                        failures.append(f"{where}: принят плохой файл")
                    accepted |= good and added == 1
                break  # one login per record
        if accepted:
            accepting.append(model._meta.label)
        elif not tried:
            without_records.append(model._meta.label)
        else:
            failures.append(f"{model._meta.label}: ни один правильный файл не принят")
    client = clients["admin"][0]
    refusing = 0
    for content_type in ContentType.objects.all():
        model = content_type.model_class()
        if model is None or model in models_with_files:
            continue
        record = model._base_manager.order_by("pk").first()
        response = client.post(
            f"/files/to/{content_type.pk}/{record.pk if record else 1}/",
            {"file": SimpleUploadedFile("prilozhenie.pdf", pdf())},
        )
        refusing += 1
        if response.status_code != 404:
            failures.append(f"{content_type}: {response.status_code} вместо 404")
    with capsys.disabled():
        print(
            f"\nВидов записей с файлами: {len(models_with_files)} (в демо нет записи, которую "
            f"можно дополнять: {without_records}), загрузок: {uploads}, "
            f"видов без файлов: {refusing}, ошибок: {len(failures)} "
            f"({time.monotonic() - started:.0f} с)"
        )
        for failure in failures:
            print("  ", failure)
    assert len(accepting) >= 10
    assert failures == []


# --- stored markup ------------------------------------------------------------------------

# Tables and fields that hold no free text a user types, each with the reason.
NOT_FREE_TEXT = {
    "admin": "журнал административного сайта Django",
    "auth": "права и группы Django",
    "contenttypes": "имена моделей Django",
    "sessions": "сессии",
    "django_tasks_database": "служебная очередь задач",
    "accounts.User.password": "хеш пароля",
    "accounts.ApiToken.key_hash": "хеш ключа",
    "organisations.Region.timezone": "имя часового пояса",
    "exchange.ImportBatch.importer": "ключ импортёра в реестре",
    "reporting.Indicator.counter": "ключ счётчика показателя",
    "reporting.Indicator.formula": "формула показателя, разбирается программой",
    "audit.AuditEntry.object_id": "ключ записи",
    "audit.AuditEntry.parent_id": "ключ записи",
    "public.PublicPage.slug": "адрес страницы в URL (латиница, проверяется формой)",
}


def excluded(field: models.Field) -> bool:
    model = field.model._meta
    return bool(
        {model.app_label, model.label, f"{model.label}.{field.name}"} & set(NOT_FREE_TEXT)
    ) or isinstance(field, models.SlugField)


def plant_markup() -> tuple[int, list[str]]:
    """Writes corpus.STORED into every free-text field of every row; returns how many
    fields got it and which were too short to hold it."""
    planted, too_short = 0, []
    for model in apps.get_models():
        for field in text_fields(model):
            if excluded(field):
                continue
            if field.max_length and field.max_length < len(corpus.STORED) + 8:
                too_short.append(f"{model._meta.label}.{field.name}")
                continue
            # The row's id keeps unique fields unique.
            model._base_manager.update(
                **{field.name: Concat(Value(corpus.STORED + " "), Cast("pk", CharField()))}
            )
            planted += 1
    return planted, too_short


def test_stored_markup_is_escaped_on_every_page_and_export(demo_site, capsys):
    started = time.monotonic()
    clients = demo_clients()  # before the markup lands in the logins' names
    visitor = Client(raise_request_exception=False)  # the public section needs no login
    clients["посетитель"] = (visitor, ("/centres/",))
    planted, too_short = plant_markup()
    failures, shapes, pages, exports = [], {}, 0, 0
    for name, (client, starts) in clients.items():
        visits = crawl(client, starts=starts, seen_shapes=shapes, limit=600)
        for visit in visits.values():
            pages += 1
            where = f"{name} {visit.url}"
            if visit.status >= 500:
                failures.append(f"{where}: {visit.status}")
            elif visit.content_type.startswith("text/html"):
                body = visit.body.decode()
                failures += [f"{where}: {raw!r} не экранирован" for raw in corpus.RAW_MARKUP
                             if raw in body]  # fmt: skip
            elif "spreadsheetml" in visit.content_type:
                exports += 1
                workbook = load_workbook(BytesIO(visit.body))
                formulas = [
                    cell.coordinate
                    for sheet in workbook.worksheets
                    for row in sheet.iter_rows()
                    for cell in row
                    if cell.data_type == "f"
                ]
                if formulas:
                    failures.append(f"{where}: формулы в ячейках {formulas[:5]}")
            elif visit.status == 200 and "html" not in visit.content_type:
                exports += 1
    with capsys.disabled():
        print(
            f"\nПолей с разметкой: {planted} (слишком короткие: {len(too_short)}), страниц: "
            f"{pages}, выгрузок: {exports}, ошибок: {len(failures)} "
            f"({time.monotonic() - started:.0f} с)"
        )
        for failure in failures:
            print("  ", failure)
    assert planted >= 100
    assert failures == []
