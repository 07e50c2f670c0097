"""The importer framework itself (X-4), with a small importer of its own."""

import datetime
import time
import tracemalloc

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import default_task_backend
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.exchange import services
from resurs.kernel.exchange.importers import (
    Action,
    Column,
    Identity,
    Importer,
    ImportFileError,
    get_importer,
    importers_for,
    read_table,
    reading,
    register,
    unregister,
)
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import org_row, padded_xlsx, xlsx
from resurs.kernel.organisations.importers import OrganisationImporter
from resurs.kernel.organisations.models import Direction, Organisation
from tests.factories import member

pytestmark = pytest.mark.django_db


class DirectionImporter(Importer):
    """Adds priority directions; a provider may run it, so that two providers can be compared."""

    name = "test-directions"
    title = "Направления (тест)"
    roles = frozenset({Role.PROVIDER, Role.DEPARTMENT})
    columns = (
        Column("number", "Номер", required=True),
        Column("name", "Наименование", required=True),
    )

    def check_row(self, verdict):
        number = verdict.cells.get("number", "")
        if number and not number.isdigit():
            verdict.add_error("number", "Номер — целое число.")
            return
        verdict.label = verdict.cells.get("name", "")
        verdict.data = {"number": int(number or 0), "name": verdict.cells.get("name", "")}
        verdict.action = Action.CREATE

    def identity(self, verdict):
        number = verdict.cells.get("number")
        return Identity("number", ("number", number), f"Номер {number}") if number else None

    def apply_row(self, verdict):
        if verdict.data["name"] == "сбой":
            raise ValidationError("Сбой при сохранении.")
        Direction.objects.create(
            number=verdict.data["number"],
            name=verdict.data["name"],
            short_name=verdict.data["name"],
        )


HEADERS = ["Номер*", "Наименование*"]


@pytest.fixture
def directions_importer():
    register(DirectionImporter)
    yield DirectionImporter
    unregister(DirectionImporter.name)


def upload(client, file, importer="test-directions"):
    return client.post(reverse("exchange:import_list"), {"importer": importer, "file": file})


def test_organisations_are_registered_by_autodiscovery():
    assert get_importer("organisations") is OrganisationImporter
    with pytest.raises(LookupError):
        get_importer("nothing")


def test_a_name_cannot_be_registered_twice(directions_importer):
    other = type("Other", (DirectionImporter,), {})
    with pytest.raises(ImproperlyConfigured):
        register(other)


def test_an_importer_refuses_a_role_it_does_not_allow():
    provider = member(Role.PROVIDER)
    with pytest.raises(PermissionDenied):
        OrganisationImporter(by=provider)
    assert OrganisationImporter not in importers_for(provider)
    assert OrganisationImporter in importers_for(member(Role.ADMINISTRATOR))


def test_the_service_refuses_an_upload_from_a_role_the_importer_does_not_allow():
    with pytest.raises(PermissionDenied):
        services.import_start(
            by=member(Role.PROVIDER), importer="organisations", file=xlsx([org_row(1)])
        )
    assert not ImportBatch.objects.exists()


def test_two_providers_do_not_see_each_others_batches(login, directions_importer):
    first, second = member(Role.PROVIDER), member(Role.PROVIDER)
    upload(login(first), xlsx([[90, "Первое"]], headers=HEADERS, name="первый.xlsx"))
    batch = ImportBatch.objects.get()
    other = login(second)

    assert other.get(batch.get_absolute_url()).status_code == 404
    assert other.post(reverse("exchange:import_confirm", args=[batch.pk])).status_code == 404
    assert "первый.xlsx" not in other.get(reverse("exchange:import_list")).content.decode()
    assert list(ImportBatch.objects.visible_to(second)) == []
    assert list(ImportBatch.objects.visible_to(first)) == [batch]


def test_the_check_counts_progress_and_blank_rows_keep_excel_numbering(directions_importer):
    provider = member(Role.PROVIDER)
    rows = [[90 + n, f"Направление {n}"] for n in range(5)]
    rows.insert(2, [None, None])
    batch = services.import_start(
        by=provider, importer="test-directions", file=xlsx(rows, headers=HEADERS)
    )

    batch.refresh_from_db()
    assert batch.state == ImportState.VALID
    assert (batch.total_rows, batch.processed_rows) == (5, 5)
    assert [row["row"] for row in batch.rows] == [2, 3, 5, 6, 7]


def test_a_failure_while_saving_rolls_back_every_row(login, directions_importer):
    provider = member(Role.PROVIDER)
    client = login(provider)
    rows = [[91, "Первое"], [92, "сбой"], [93, "Третье"]]
    upload(client, xlsx(rows, headers=HEADERS))
    batch = ImportBatch.objects.get()
    assert batch.state == ImportState.VALID

    client.post(reverse("exchange:import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.state == ImportState.FAILED
    assert (
        batch.message == "Не удалось сохранить: Строка 3: Сбой при сохранении. Ничего не сохранено."
    )
    assert not Direction.objects.filter(number__in=[91, 92, 93]).exists()
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Строка 3: Сбой при сохранении." in page
    assert "Загрузить исправленный файл" in page


def test_a_batch_is_checked_again_when_saved_and_refused_if_the_data_changed(login):
    client = login(member(Role.DEPARTMENT))
    upload(
        client,
        xlsx([org_row(1, directions="9"), org_row(2)]),
        importer="organisations",
    )
    batch = ImportBatch.objects.get()
    assert batch.state == ImportState.VALID
    Direction.objects.filter(number=9).delete()  # the directory changed meanwhile

    client.post(reverse("exchange:import_confirm", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.state == ImportState.INVALID
    assert batch.message.startswith("Пока загрузка ждала сохранения, данные в системе изменились")
    assert batch.rows[0]["errors"] == [["Направления", "Направления с номером 9 нет."]]
    assert not Organisation.objects.filter(name__startswith="БУ «Тестовый центр").exists()


def test_a_batch_is_saved_once_even_if_confirmed_twice(login, directions_importer):
    client = login(member(Role.PROVIDER))
    upload(client, xlsx([[94, "Одно"]], headers=HEADERS))
    batch = ImportBatch.objects.get()
    confirm_url = reverse("exchange:import_confirm", args=[batch.pk])

    client.post(confirm_url)
    response = client.post(confirm_url, follow=True)

    assert Direction.objects.filter(number=94).count() == 1
    assert "Эта загрузка уже сохраняется или сохранена." in response.content.decode()


def test_duplicates_use_the_importers_identity(directions_importer):
    batch = services.import_start(
        by=member(Role.PROVIDER),
        importer="test-directions",
        file=xlsx([[95, "А"], [96, "Б"], [95, "В"], ["x", "Г"]], headers=HEADERS),
    )
    batch.refresh_from_db()
    errors = {row["row"]: row["errors"] for row in batch.rows}
    assert errors[2] == [
        ["Номер", "Номер 95 встречается в файле несколько раз: см. также строку 4."]
    ]
    assert errors[3] == []
    assert errors[5] == [["Номер", "Номер — целое число."]]
    assert batch.error_rows == 3


def test_a_required_cell_left_empty_is_reported_once(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1, name="", kind="")]), importer="organisations")

    errors = ImportBatch.objects.get().rows[0]["errors"]
    assert errors == [
        ["Полное наименование", "Обязательное поле."],
        ["Вид", "Обязательное поле."],
    ]


def test_organisation_rows_are_checked_by_the_models_own_rules(login):
    client = login(member(Role.DEPARTMENT))
    rows = [
        org_row(1, email="не-почта", ogrn="123"),
        org_row(2, kind="Негосударственный поставщик", legal_form="бюджетное учреждение"),
        org_row(3, kind="Школа", directions="1, x, 42"),
    ]
    upload(client, xlsx(rows), importer="organisations")

    errors = {row["row"]: row["errors"] for row in ImportBatch.objects.get().rows}
    assert errors[2] == [
        ["ОГРН", "ОГРН должен состоять из 13 цифр (ОГРНИП — из 15) с верной контрольной цифрой."],
        ["Электронная почта", "Введите правильный адрес электронной почты."],
    ]
    assert errors[3] == [
        ["Организационно-правовая форма", "Негосударственный поставщик не может быть учреждением."]
    ]
    assert errors[4][0][0] == "Вид"
    assert errors[4][0][1].startswith("Неизвестное значение «Школа». Допустимые: Департамент;")
    assert errors[4][1:] == [
        [
            "Направления",
            "«x» — не номер направления. Укажите номера через запятую, например: 1, 3.",
        ],
        ["Направления", "Направления с номером 42 нет."],
    ]


def test_a_row_without_inn_updates_the_organisation_with_the_same_name_and_territory(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1, inn="", head_name="Иванов")]), importer="organisations")
    first = ImportBatch.objects.latest("id")
    client.post(reverse("exchange:import_confirm", args=[first.pk]))

    upload(client, xlsx([org_row(1, inn="", head_name="Сидоров")]), importer="organisations")
    second = ImportBatch.objects.latest("id")

    assert second.rows[0]["action"] == "update"
    client.post(reverse("exchange:import_confirm", args=[second.pk]))
    organisation = Organisation.objects.get(name=org_row(1)[0])
    assert organisation.head_name == "Сидоров"


def test_a_column_missing_from_the_file_keeps_the_stored_value(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1)]), importer="organisations")
    client.post(reverse("exchange:import_confirm", args=[ImportBatch.objects.get().pk]))
    headers = ["Полное наименование", "Вид", "Организационно-правовая форма", "Территория", "ИНН"]
    row = org_row(1)
    short = [row[0], row[2], row[3], row[4], row[6]]

    upload(client, xlsx([short], headers=headers), importer="organisations")

    assert ImportBatch.objects.latest("id").rows[0]["action"] == "unchanged"


def test_the_header_may_not_name_a_column_twice():
    file = xlsx([["1", "2"]], headers=["Номер", "номер "])
    with pytest.raises(ImportFileError, match="Столбец «Номер» встречается в строке заголовков"):
        read_table(file, DirectionImporter)


def test_a_file_longer_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(DirectionImporter, "max_rows", 3)
    file = xlsx([[n, "x"] for n in range(4)], headers=HEADERS)
    with pytest.raises(ImportFileError, match="В файле больше 3 строк"):
        read_table(file, DirectionImporter)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  Сургут\xa0 ", "Сургут"),
        (12.0, "12"),
        (12.5, "12.5"),
        (True, "да"),
        (datetime.date(2025, 3, 1), "01.03.2025"),
        (datetime.datetime(2025, 3, 1), "01.03.2025"),  # noqa: DTZ001 — cells are naive
    ],
)
def test_a_cell_is_read_as_the_text_a_person_typed(value, text):
    assert Column("x", "X").text(value) == text


def test_a_number_cell_of_a_code_gets_its_leading_zeros_back():
    column = Column("inn", "ИНН", code_lengths=(10, 12))
    assert column.text(274123456) == "0274123456"
    assert column.text(27412345678) == "027412345678"
    assert column.text("274123456") == "274123456"  # typed as text: left as the user wrote it


def test_checking_a_file_costs_the_same_queries_for_few_and_many_rows(
    django_assert_max_num_queries,
):
    importer = OrganisationImporter(by=member(Role.DEPARTMENT))
    few = read_table(xlsx([org_row(n) for n in range(2)]), OrganisationImporter)
    many = read_table(xlsx([org_row(n) for n in range(40)]), OrganisationImporter)
    with django_assert_max_num_queries(10) as small:
        importer.check(few)
    with django_assert_max_num_queries(10) as large:
        verdicts = importer.check(many)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert all(v.ok for v in verdicts)


# --- a sheet is read as far as its data goes -----------------------------------------------

MILLION = 1_000_000


@pytest.fixture(scope="module")
def million_blank_rows() -> bytes:
    """Five organisations followed by a million formatted blank rows (built once: ~3 s)."""
    return padded_xlsx([org_row(n) for n in range(1, 6)], blank_rows=MILLION).read()


def test_a_million_blank_rows_after_the_data_are_not_read(million_blank_rows):
    file = SimpleUploadedFile("пустые-строки.xlsx", million_blank_rows)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        table = read_table(file, OrganisationImporter)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert [number for number, _cells in table.rows] == [2, 3, 4, 5, 6]
    # Reading stopped after BLANK_RUN_LIMIT blank rows, not at the millionth.
    assert table.last_row == 6 + reading.BLANK_RUN_LIMIT
    assert table.cut_by_blank_rows
    assert "После строки 6 в файле 1000 пустых строк подряд" in table.notice
    # Before the limit: 45 s and 140 MB (226 s, 414 MB under tracemalloc); now ~0.2 s, ~1 MB.
    assert elapsed < 5
    assert peak < 20 * 2**20


def test_the_sheets_claimed_dimension_is_not_trusted(monkeypatch):
    # The dimension claims the whole sheet, A1:XFD1048576: every row would be read 16,384
    # cells wide (and, in openpyxl, padded to the claimed width).
    file = padded_xlsx([org_row(1), org_row(2)], claimed_rows=1_048_576, claimed_column="XFD")
    widths = []
    read_sheet = reading._read_sheet

    def spy(rows, importer):
        def counted():
            for cells in rows:
                widths.append(len(cells))
                yield cells

        return read_sheet(counted(), importer)

    monkeypatch.setattr(reading, "_read_sheet", spy)

    table = read_table(file, OrganisationImporter)

    assert [number for number, _cells in table.rows] == [2, 3]
    assert not table.cut_by_blank_rows and table.notice == ""
    assert len(widths) == 3
    assert max(widths) <= reading.MAX_COLUMNS


def test_a_dimension_claiming_fewer_rows_than_the_sheet_holds_hides_none_of_them():
    # openpyxl stops at the claimed last row: rows 3-6 were silently left out.
    file = padded_xlsx([org_row(n) for n in range(1, 6)], claimed_rows=2)

    table = read_table(file, OrganisationImporter)

    assert [number for number, _cells in table.rows] == [2, 3, 4, 5, 6]


def test_blank_rows_inside_a_table_count_towards_its_length_limit(monkeypatch):
    monkeypatch.setattr(DirectionImporter, "max_rows", 3)
    rows = []
    for n in range(4):
        rows += [[90 + n, f"Направление {n}"], [None, None]]

    with pytest.raises(ImportFileError, match="Таблица в файле длиннее 6 строк, считая пустые"):
        read_table(xlsx(rows, headers=HEADERS), DirectionImporter)


def test_a_long_run_of_blank_rows_above_the_header_ends_the_search(monkeypatch):
    monkeypatch.setattr(reading, "BLANK_RUN_LIMIT", 5)
    title = [["Направления"]]
    near = xlsx([[90, "Первое"]], headers=HEADERS, title_rows=title + [[]] * 4)
    far = xlsx([[90, "Первое"]], headers=HEADERS, title_rows=title + [[]] * 5)

    assert read_table(near, DirectionImporter).header_row == 6
    with pytest.raises(ImportFileError, match="В файле не найдена строка заголовков"):
        read_table(far, DirectionImporter)


def test_the_upload_request_stores_the_file_and_queues_it_without_reading_it(
    login, settings, monkeypatch, million_blank_rows
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = login(member(Role.DEPARTMENT))
    assert client.get(reverse("exchange:import_list")).status_code == 200  # URLs loaded

    def no_parsing(*args, **kwargs):
        raise AssertionError("the upload request parsed the workbook")

    with monkeypatch.context() as patched:
        patched.setattr(reading, "load_workbook", no_parsing)
        started = time.perf_counter()
        response = upload(
            client, SimpleUploadedFile("пустые-строки.xlsx", million_blank_rows), "organisations"
        )
        elapsed = time.perf_counter() - started

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert elapsed < 2  # before: 24 s reading a million blank rows under the header
    assert (batch.state, batch.total_rows) == (ImportState.UPLOADED, 0)
    assert [task.args for task in default_task_backend.results] == [[batch.pk]]
    page = client.get(
        batch.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "import-status"}
    ).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "Файл читается" in page

    services.import_check(batch_id=batch.pk)  # what the worker does

    batch.refresh_from_db()
    assert (batch.state, batch.total_rows) == (ImportState.VALID, 5)
    assert "1000 пустых строк подряд" in batch.message
    finished = client.get(batch.get_absolute_url()).content.decode()
    assert "hx-trigger" not in finished
    assert "строки ниже не читаются" in finished
