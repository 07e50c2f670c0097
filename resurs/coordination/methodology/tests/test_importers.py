"""REG-2 / REG-3 / X-4: the registries loaded from Excel: a verdict per row before saving,
all rows or none, a re-import updates instead of duplicating."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.coordination.methodology.importers import PracticeImporter, ProductImporter
from resurs.coordination.methodology.models import Practice, Product, ProductState
from resurs.coordination.methodology.services import practices
from resurs.coordination.methodology.tests.conftest import make_product, under_review
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import xlsx

pytestmark = pytest.mark.django_db

PRODUCT_HEADERS = [title for title, _width in ProductImporter.template_columns()]
PRACTICE_HEADERS = [title for title, _width in PracticeImporter.template_columns()]


def product_row(n=1, **changes):
    values = {
        "title": f"Технология № {n}",
        "kind": "Технология",
        "organisation": "Сургутский РЦ",
        "direction": "2",
        "year": 2025,
        "author_organisation": "АНО «Забота»",
        "authors": "Иванова А. А.",
        "target_group": "Граждане, освобождённые из мест лишения свободы",
        "annotation": "Этапы сопровождения.",
        "link": "",
        "is_public": "нет",
    }
    values.update(changes)
    return [values[c.key] for c in ProductImporter.columns]


def upload(client, rows, importer="methodology-products", headers=PRODUCT_HEADERS):
    response = client.post(
        reverse("exchange:import_list"),
        {"importer": importer, "file": xlsx(rows, headers=headers, name="реестр.xlsx")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("id")


def confirm(client, batch):
    client.post(reverse("exchange:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    return batch


def test_a_bad_row_saves_nothing_and_the_fixed_file_imports(world, login):
    w = world
    client = login(w.rc)
    rows = [product_row(1), product_row(2, kind="Брошюра"), product_row(3)]
    batch = upload(client, rows)
    assert batch.state == ImportState.INVALID and batch.error_rows == 1
    bad = next(row for row in batch.rows if row["errors"])
    assert bad["row"] == 3
    assert bad["errors"][0][0] == "Вид"
    assert "Неизвестный вид «Брошюра»" in bad["errors"][0][1]
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Неизвестный вид" in page
    assert confirm(client, batch).state == ImportState.INVALID
    assert not Product.objects.exists()

    rows[1] = product_row(2, kind="Методическое пособие")
    batch = upload(client, rows)
    assert batch.state == ImportState.VALID
    assert [row["action"] for row in batch.rows] == ["create", "create", "create"]
    assert confirm(client, batch).state == ImportState.APPLIED
    products = Product.objects.order_by("title")
    assert [p.title for p in products] == ["Технология № 1", "Технология № 2", "Технология № 3"]
    assert {p.state for p in products} == {ProductState.DRAFT}
    assert products[1].get_kind_display() == "Методическое пособие"
    assert products[0].author_organisation == w.provider_org


def test_reimport_updates_by_owner_title_and_year(world, login):
    w = world
    client = login(w.rc)
    confirm(client, upload(client, [product_row(1), product_row(2)]))
    batch = upload(
        client, [product_row(1, annotation="Новая аннотация"), product_row(2), product_row(3)]
    )
    assert [row["action"] for row in batch.rows] == ["update", "unchanged", "create"]
    assert [change[0] for change in batch.rows[0]["changes"]] == ["Аннотация"]
    assert batch.rows[0]["changes"][0][2] == "Новая аннотация"
    assert confirm(client, batch).state == ImportState.APPLIED
    assert Product.objects.count() == 3
    assert Product.objects.get(title="Технология № 1").annotation == "Новая аннотация"
    # Another year is another product.
    confirm(client, upload(client, [product_row(1, year=2024)]))
    assert Product.objects.filter(title="Технология № 1").count() == 2


def test_reimport_refuses_to_change_a_product_under_review(world, login):
    w = world
    product = under_review(w, make_product(w, title="Технология № 1"))
    batch = upload(login(w.rc), [product_row(1, annotation="Другая")])
    assert batch.state == ImportState.INVALID
    assert "На экспертизе" in batch.rows[0]["errors"][0][1]
    product.refresh_from_db()
    assert product.annotation != "Другая"


def test_row_checks_owner_permission_and_duplicates(world, login):
    w = world
    rows = [
        product_row(1, organisation="АНО «Забота»"),  # not an RC of the direction
        product_row(2, organisation="Нижневартовский РЦ", direction="8"),  # not the rc's registry
        product_row(3, direction="99"),
        product_row(4, year="двадцать"),
        product_row(5),
        product_row(5),
    ]
    batch = upload(login(w.rc), rows)
    errors = {
        row["row"]: " ".join(message for _column, message in row["errors"]) for row in batch.rows
    }
    assert "не является ресурсным центром" in errors[2]
    assert "не разрешено" in errors[3]
    assert "Направления «99» нет" in errors[4]
    assert "не год" in errors[5]
    assert "несколько раз" in errors[6] and "несколько раз" in errors[7]
    assert not Product.objects.exists()


def test_export_of_the_registry_imports_back_unchanged(world, login):
    w = world
    client = login(w.rc)
    make_product(w, title="Технология для обмена")
    export = client.get(reverse("methodology:product_export"))
    file = SimpleUploadedFile("выгрузка.xlsx", export.content)
    client.post(reverse("exchange:import_list"), {"importer": "methodology-products", "file": file})
    batch = ImportBatch.objects.latest("id")
    assert batch.state == ImportState.VALID, batch.rows
    assert [row["action"] for row in batch.rows] == ["unchanged"]


def practice_row(n=1, **changes):
    values = {
        "title": f"Практика № {n}",
        "organisation": "АНО «Забота»",
        "direction": "2",
        "year": 2025,
        "description": "Описание практики.",
        "results": "",
        "target_group": "",
        "link": "",
        "is_public": "",
    }
    values.update(changes)
    return [values[c.key] for c in PracticeImporter.columns]


def test_practices_import_all_or_nothing_then_update(world, login):
    w = world
    client = login(w.provider)
    batch = upload(
        client,
        [practice_row(1), practice_row(2, organisation="Сургутский РЦ")],
        importer="methodology-practices",
        headers=PRACTICE_HEADERS,
    )
    assert batch.state == ImportState.INVALID
    assert "сама организация" in batch.rows[1]["errors"][0][1]
    assert not Practice.objects.exists()
    batch = upload(
        client, [practice_row(1), practice_row(2)], "methodology-practices", PRACTICE_HEADERS
    )
    assert confirm(client, batch).state == ImportState.APPLIED
    batch = upload(
        client,
        [practice_row(1, results="Новые результаты"), practice_row(2)],
        "methodology-practices",
        PRACTICE_HEADERS,
    )
    assert [row["action"] for row in batch.rows] == ["update", "unchanged"]
    assert [change[0] for change in batch.rows[0]["changes"]] == ["Результаты"]
    assert batch.rows[0]["changes"][0][2] == "Новые результаты"
    confirm(client, batch)
    assert Practice.objects.count() == 2
    assert Practice.objects.get(title="Практика № 1").results == "Новые результаты"
    practices.practice_propose(by=w.provider, practice=Practice.objects.get(title="Практика № 2"))
    batch = upload(
        client, [practice_row(2, results="Иначе")], "methodology-practices", PRACTICE_HEADERS
    )
    assert batch.state == ImportState.INVALID


def test_importers_are_offered_to_registry_roles_only(world, login):
    rc_page = login(world.rc).get(reverse("exchange:import_list")).content.decode()
    assert "Методические продукты" in rc_page and "Лучшие практики" in rc_page
    assert login(world.uszn_surgut).get(reverse("exchange:import_list")).status_code == 403
