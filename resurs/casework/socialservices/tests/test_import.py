"""SOC-11 / X-4: the catalogue loaded from Excel through the one importer framework: every
row's verdict before the save (new / changed / unchanged / error with a Russian reason), a
tariff added as a new row and never rewritten, all rows or none."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from resurs.casework.socialservices import services
from resurs.casework.socialservices.importers import ServiceImporter
from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind, Tariff
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.exchange import services as exchange
from resurs.kernel.exchange.importers import Action, get_importer
from resurs.kernel.exchange.models import ImportBatch, ImportState

pytestmark = pytest.mark.django_db
D = datetime.date
HEADERS = [title for title, _width in ServiceImporter.template_columns()]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def row(**cells) -> list:
    values = {
        "code": "СР-01",
        "name": "Обеспечение бесплатным горячим питанием или наборами продуктов",
        "kind": "срочные социальные услуги",
        "form": "срочные социальные услуги",
        "measure_unit": "",
        "is_paid": "",
        "allows_anonymous": "",
        "egisso_code": "",
        "order_ref": "",
        "is_active": "",
        "tariff": "",
        "tariff_from": "",
        "tariff_order": "",
    }
    values.update(cells)
    return [values[column.key] for column in ServiceImporter.columns]


def xlsx(rows, headers=HEADERS, name="перечень.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for line in rows:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(who, rows, **kwargs):
    batch = exchange.import_start(by=who, importer=ServiceImporter.name, file=xlsx(rows, **kwargs))
    batch.refresh_from_db()  # the check ran as a task
    return batch


def verdicts(batch) -> dict:
    batch.refresh_from_db()
    return {entry["row"]: entry for entry in batch.rows}


@pytest.fixture
def stored(casework):
    service = services.service_create(
        by=casework.department,
        code="ПР-01",
        name="Прокат: пандус телескопический 3-х секционный",
        kind=ServiceKind.ADDITIONAL,
        form=ServiceForm.ADDITIONAL,
        measure_unit="сутки проката",
        is_paid=True,
        tariff_from=D(2024, 1, 1),
        tariff_price=Decimal("35.55"),
    )
    services.service_create(
        by=casework.department,
        code="ТЛ-01",
        name="Консультирование по телефону",
        kind=ServiceKind.URGENT,
        form=ServiceForm.URGENT,
        allows_anonymous=True,
    )
    return service


def rental(**cells):
    values = {
        "code": "пр-01",
        "name": "Прокат: пандус телескопический 3-х секционный",
        "kind": "дополнительные",
        "form": "дополнительные услуги",
        "measure_unit": "сутки проката",
        "is_paid": "да",
    }
    values.update(cells)
    return row(**values)


def test_the_importer_is_declared_and_only_the_catalogue_keepers_run_it(casework):
    assert get_importer("social-services") is ServiceImporter
    for who in (casework.department, casework.administrator):
        assert ServiceImporter.allows(who)
    for who in (casework.specialist, casework.head, casework.provider, casework.uszn):
        assert not ServiceImporter.allows(who)
        with pytest.raises(PermissionDenied):
            upload(who, [row()])


def test_the_template_has_the_columns_and_the_hints_name_the_kinds(casework, login):
    response = login(casework.department).get(
        reverse("exchange:template", args=[ServiceImporter.name])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header[:4] == [
        "Код услуги*",
        "Наименование услуги*",
        "Вид услуги*",
        "Форма социального обслуживания*",
    ]
    assert "Тариф действует с" in header
    assert "социально-бытовые" in ServiceImporter.column("kind").hint


def test_every_row_has_its_verdict_before_anything_is_saved(casework, stored):
    batch = upload(
        casework.department,
        [
            row(code="СР-01"),  # new
            rental(),  # the same service: unchanged
            rental(
                code="ТЛ-01",
                name="Консультирование по телефону службы «Помощь»",
                kind="срочные",
                form="срочные",
                is_paid="",
                measure_unit="",
            ),  # changed
            rental(tariff="40,10", tariff_from="01.01.2025"),  # a new tariff: changed
        ],
    )
    assert batch.state == ImportState.INVALID  # row 5 repeats the code of row 3
    rows = verdicts(batch)
    assert rows[2]["action"] == Action.CREATE and rows[2]["errors"] == []
    assert rows[3]["errors"] and "несколько раз" in rows[3]["errors"][0][1]
    assert rows[4]["action"] == Action.UPDATE
    assert [
        "Наименование услуги",
        "Консультирование по телефону",
        "Консультирование по телефону службы «Помощь»",
    ] in rows[4]["changes"]
    assert not Service.objects.filter(code="СР-01").exists()


def test_new_changed_and_unchanged_rows_are_saved_and_a_tariff_is_a_new_row(casework, stored):
    batch = upload(
        casework.department,
        [
            row(code="ср-01", tariff="0", tariff_from="01.01.2025"),
            rental(tariff="40,10", tariff_from="01.01.2025", tariff_order="Приказ № 7"),
            row(
                code="ТЛ-01",
                name="Консультирование по телефону",
                kind="срочные",
                form="срочные",
                allows_anonymous="да",
            ),
        ],
    )
    rows = verdicts(batch)
    assert batch.state == ImportState.VALID, batch.rows
    assert [rows[n]["action"] for n in (2, 3, 4)] == ["create", "update", "unchanged"]
    assert rows[3]["changes"] == [["Тариф, руб.", "", "40,10 руб. с 01.01.2025 (новый тариф)"]]
    exchange.import_confirm(batch=batch, by=casework.department)
    batch.refresh_from_db()
    assert batch.state == ImportState.APPLIED and batch.saved_rows == 2
    urgent = Service.objects.get(code="СР-01")
    assert urgent.kind == ServiceKind.URGENT and urgent.form == ServiceForm.URGENT
    assert urgent.measure_unit == "услуга" and not urgent.is_paid
    assert list(
        Tariff.objects.filter(service=stored)
        .order_by("valid_from")
        .values_list("valid_from", "price", "order_ref")
    ) == [(D(2024, 1, 1), Decimal("35.55"), ""), (D(2025, 1, 1), Decimal("40.10"), "Приказ № 7")]
    assert AuditEntry.objects.for_object(urgent).filter(actor=casework.department.user).exists()


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"kind": "бытовые"}, "Вид услуги", "Неизвестное значение «бытовые»"),
        ({"form": "очно"}, "Форма социального обслуживания", "Допустимые:"),
        ({"tariff": "-5", "tariff_from": "01.01.2025"}, "Тариф, руб.", "отрицательным"),
        ({"tariff": "10", "tariff_from": "31.02.2025"}, "Тариф действует с", "не дата"),
        ({"tariff": "10", "tariff_from": "01.01.1900"}, "Тариф действует с", "вне допустимых"),
        ({"tariff": "10"}, "Тариф действует с", "с какого дня"),
        ({"tariff_from": "01.01.2025"}, "Тариф, руб.", "Укажите тариф"),
        ({"tariff": "десять", "tariff_from": "01.01.2025"}, "Тариф, руб.", "не сумма"),
        ({"is_paid": "может быть"}, "Платная", "напишите «да» или «нет»"),
        ({"code": "К" * 21}, "Код услуги", "длиннее 20"),
        ({"name": ""}, "Наименование услуги", "Обязательное поле."),
    ],
)
def test_a_wrong_cell_is_an_error_with_a_russian_reason_and_nothing_is_saved(
    casework, cells, column, message
):
    batch = upload(casework.department, [row(code="СР-02"), row(**cells)])
    assert batch.state == ImportState.INVALID
    errors = verdicts(batch)[3]["errors"]
    assert any(header == column and message in text for header, text in errors), errors
    with pytest.raises(Exception, match="ошибки"):
        exchange.import_confirm(batch=batch, by=casework.department)
    assert not Service.objects.exists()


def test_a_set_tariff_is_never_rewritten_by_a_file(casework, stored):
    batch = upload(casework.department, [rental(tariff="99", tariff_from="01.01.2024")])
    assert batch.state == ImportState.INVALID
    [(column, message)] = verdicts(batch)[2]["errors"]
    assert column == "Тариф, руб." and "не переписывается" in message
    same = upload(casework.department, [rental(tariff="35,55", tariff_from="01.01.2024")])
    assert verdicts(same)[2]["action"] == Action.UNCHANGED


def test_duplicate_codes_in_a_file_name_each_other(casework):
    batch = upload(casework.department, [row(), row(code="ср-01"), row(code="СР-02")])
    rows = verdicts(batch)
    assert "см. также строку 3" in rows[2]["errors"][0][1]
    assert "см. также строку 2" in rows[3]["errors"][0][1]
    assert rows[4]["errors"] == []


def test_a_file_that_is_not_a_workbook_is_refused_at_the_upload(casework):
    with pytest.raises(ValidationError, match="файл повреждён или переименован"):
        exchange.import_start(
            by=casework.department,
            importer=ServiceImporter.name,
            file=SimpleUploadedFile("перечень.xlsx", b"this is not a workbook"),
        )
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            lambda: xlsx([["СР-01", "что-то"]], headers=["Номер", "Название"]),
            "не найдена строка заголовков",
        ),
        (lambda: xlsx([]), "нет ни одной заполненной строки"),
        (
            lambda: xlsx([["СР-01", "Питание"]], headers=["Код услуги", "Наименование услуги"]),
            "нет обязательных столбцов: «Вид услуги», «Форма социального обслуживания»",
        ),
    ],
)
def test_a_malformed_workbook_fails_with_a_russian_message(casework, file, message):
    batch = exchange.import_start(
        by=casework.department, importer=ServiceImporter.name, file=file()
    )
    batch.refresh_from_db()
    assert batch.state == ImportState.FAILED
    assert message in batch.message
    assert not Service.objects.exists()


def test_the_file_is_checked_again_against_the_service_edited_while_it_waited(casework, stored):
    batch = upload(casework.department, [rental(name="Прокат: пандус из файла")])
    assert batch.state == ImportState.VALID
    services.service_update(
        by=casework.administrator, service=stored, expected_version=1, name="Прокат: из формы"
    )
    exchange.import_confirm(batch=batch, by=casework.department)
    batch.refresh_from_db()
    # The file is checked again at the save: it is a change of the stored service again.
    assert batch.state == ImportState.APPLIED
    stored.refresh_from_db()
    assert stored.name == "Прокат: пандус из файла" and stored.version == 3
