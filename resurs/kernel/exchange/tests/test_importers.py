"""The importer framework itself (X-4), with a small importer of its own."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
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
    register,
    unregister,
)
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import org_row, xlsx
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
