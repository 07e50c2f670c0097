"""Loading the directory from Excel through the pages (X-4, ORG-1)."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import HEADERS, inn, org_row, xlsx
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.organisations.validators import complete_inn
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

LIST = reverse("exchange:import_list")


def upload(client, file, importer="organisations"):
    return client.post(LIST, {"importer": importer, "file": file})


def confirm(client, batch):
    return client.post(reverse("exchange:import_confirm", args=[batch.pk]))


def latest_batch() -> ImportBatch:
    return ImportBatch.objects.latest("id")


def test_valid_file_is_checked_then_saved_on_confirm(login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    before = Organisation.objects.count()

    response = upload(client, xlsx([org_row(1), org_row(2), org_row(3)]))

    batch = latest_batch()
    assert response.status_code == 302
    assert response["Location"] == batch.get_absolute_url()
    assert batch.state == ImportState.VALID
    assert (batch.total_rows, batch.processed_rows, batch.error_rows) == (3, 3, 0)
    assert [row["row"] for row in batch.rows] == [2, 3, 4]
    assert Organisation.objects.count() == before  # nothing is saved before the confirm
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "будет добавлена" in page
    assert "Сохранить" in page

    response = confirm(client, batch)

    batch.refresh_from_db()
    assert response.status_code == 302
    assert batch.state == ImportState.APPLIED
    assert batch.saved_rows == 3
    assert Organisation.objects.count() == before + 3
    created = Organisation.objects.get(inn=inn(2))
    assert created.name == "БУ «Тестовый центр социального обслуживания № 2»"
    assert created.territory.name == "Сургут"
    assert sorted(created.directions.values_list("number", flat=True)) == [1, 3]
    assert created.email == "centre2@example.ru"
    entry = AuditEntry.objects.filter(object_id=str(created.pk), action=AuditAction.CREATE).get()
    assert entry.actor == department.user
    assert batch.created_by == department.user
    assert batch.membership == department
    assert "добавлена" in client.get(batch.get_absolute_url()).content.decode()


def test_bad_rows_show_every_error_with_its_row_number_and_nothing_is_saved(login):
    client = login(member(Role.DEPARTMENT))
    before = Organisation.objects.count()
    bad_inn = inn(2)[:-1] + str((int(inn(2)[-1]) + 1) % 10)
    file = xlsx([org_row(1), org_row(2, inn=bad_inn), org_row(3, territory="Атлантида")])

    upload(client, file)

    batch = latest_batch()
    assert batch.state == ImportState.INVALID
    assert batch.error_rows == 2
    errors = {row["row"]: row["errors"] for row in batch.rows}
    assert errors[2] == []
    inn_message = "ИНН должен состоять из 10 (организация) или 12 (ИП, физическое лицо) цифр"
    assert errors[3][0][0] == "ИНН"
    assert errors[3][0][1].startswith(inn_message)
    assert errors[4] == [
        ["Территория", "Территория «Атлантида» не найдена в справочнике территорий."]
    ]
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "Атлантида" in page
    assert inn_message in page
    assert "Исправьте эти строки в файле и загрузите его снова" in page
    assert reverse("exchange:import_confirm", args=[batch.pk]) not in page

    response = confirm(client, batch)

    batch.refresh_from_db()
    assert response.status_code == 302
    assert batch.state == ImportState.INVALID
    assert Organisation.objects.count() == before
    followed = client.get(batch.get_absolute_url()).content.decode()
    assert "пока они не исправлены, ничего не сохраняется" in followed


def test_the_file_uploaded_again_after_fixing_is_saved(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1), org_row(2, territory="Атлантида")]))
    assert latest_batch().state == ImportState.INVALID

    upload(client, xlsx([org_row(1), org_row(2, territory="сургут")]))
    batch = latest_batch()
    assert batch.state == ImportState.VALID
    confirm(client, batch)

    batch.refresh_from_db()
    assert batch.state == ImportState.APPLIED
    assert Organisation.objects.filter(inn__in=[inn(1), inn(2)]).count() == 2


def test_reimport_updates_the_organisation_with_the_same_inn(login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    existing = OrganisationFactory(inn=inn(7), name="Старое наименование")
    count = Organisation.objects.count()

    upload(client, xlsx([org_row(7, name="Новое наименование"), org_row(8)]))
    batch = latest_batch()
    assert [row["action"] for row in batch.rows] == ["update", "create"]
    page = client.get(batch.get_absolute_url()).content.decode()
    assert "будет обновлена" in page
    assert "будет добавлена" in page
    confirm(client, batch)

    existing.refresh_from_db()
    assert existing.name == "Новое наименование"
    assert existing.version == 2
    assert sorted(existing.directions.values_list("number", flat=True)) == [1, 3]
    assert Organisation.objects.count() == count + 1
    assert AuditEntry.objects.filter(
        object_id=str(existing.pk), action=AuditAction.UPDATE, actor=department.user
    ).exists()


def test_the_directory_export_loads_back_without_changes(login):
    client = login(member(Role.DEPARTMENT))
    organisation = OrganisationFactory(email="kcson@example.ru", phone="8 (3462) 11-22-33")
    organisation.directions.set(Direction.objects.filter(number__in=[2, 5]))
    exported = client.get(reverse("organisations:export"))
    count = Organisation.objects.count()

    upload(client, SimpleUploadedFile("organisations.xlsx", exported.content))

    batch = latest_batch()
    assert batch.state == ImportState.VALID, batch.rows
    assert {row["action"] for row in batch.rows} == {"unchanged"}
    assert "«Ресурсный центр», «Действует»" in batch.message
    confirm(client, batch)
    batch.refresh_from_db()
    assert batch.state == ImportState.APPLIED
    assert batch.saved_rows == 0
    assert Organisation.objects.count() == count
    organisation.refresh_from_db()
    assert organisation.version == 1


def test_the_same_inn_twice_in_a_file_is_an_error_on_both_rows(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1), org_row(2), org_row(3, inn=inn(1))]))

    batch = latest_batch()
    errors = {row["row"]: row["errors"] for row in batch.rows}
    assert batch.state == ImportState.INVALID
    assert errors[2] == [
        ["ИНН", f"ИНН {inn(1)} встречается в файле несколько раз: см. также строку 4."]
    ]
    assert errors[4] == [
        ["ИНН", f"ИНН {inn(1)} встречается в файле несколько раз: см. также строку 2."]
    ]
    assert errors[3] == []


def _zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "не книга Excel")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("random.xlsx", bytes(range(256)) * 8),
            "Содержимое файла не соответствует расширению XLSX",
        ),
        (SimpleUploadedFile("table.csv", b"a;b\n1;2\n"), "Недопустимый тип файла «.csv»"),
        (
            SimpleUploadedFile("roadmap.txt", "Полное наименование\nА\n".encode()),
            "«Организации» загружаются из файла: книга Excel (.xlsx).",
        ),
    ],
    ids=["random-bytes", "csv", "text-to-a-workbook-importer"],
)
def test_a_file_of_a_wrong_type_is_refused_at_once_and_nothing_is_stored(
    login, settings, file, message
):
    client = login(member(Role.DEPARTMENT))

    response = upload(client, file)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not Path(settings.MEDIA_ROOT, "imports").exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            SimpleUploadedFile("archive.xlsx", _zip_that_is_not_a_workbook()),
            "Файл не удаётся прочитать как книгу Excel",
        ),
        (xlsx([org_row(1), org_row(2)], headers=None), "В файле не найдена строка заголовков"),
        (
            xlsx([["Центр", "Сургут"]], headers=["Наименование", "Город"]),
            "В файле не найдена строка заголовков",
        ),
        (
            xlsx([["Центр", "", "Сургут"]], headers=["Полное наименование", "ИНН", "Территория"]),
            "В строке заголовков нет обязательных столбцов: «Вид», «Организационно-правовая форма»",
        ),
        (xlsx([]), "Под строкой заголовков нет ни одной заполненной строки."),
    ],
    ids=["zip-not-workbook", "no-header", "wrong-headers", "missing-required", "empty"],
)
def test_a_file_that_cannot_be_read_fails_its_batch_with_a_russian_message(login, file, message):
    # The request only stores the file: its content is read by the background check.
    client = login(member(Role.DEPARTMENT))
    before = Organisation.objects.count()

    response = upload(client, file)

    batch = latest_batch()
    assert response.status_code == 302
    assert batch.state == ImportState.FAILED
    assert message in batch.message
    page = client.get(batch.get_absolute_url()).content.decode()
    assert message in page
    assert "Загрузить исправленный файл" in page
    assert Organisation.objects.count() == before


def test_an_oversized_file_is_refused(login, settings):
    settings.UPLOAD_MAX_MEGABYTES = 1
    client = login(member(Role.DEPARTMENT))
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024 + 10))

    response = upload(client, big)

    assert response.status_code == 400
    assert "Файл слишком большой" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_header_below_a_title_and_numbers_typed_as_numbers_are_understood(login):
    client = login(member(Role.DEPARTMENT))
    leading_zero = complete_inn("027412345")
    # Excel keeps an ИНН typed as a number without its leading zero.
    row = org_row(1, inn=int(leading_zero), kind="ГОСУДАРСТВЕННОЕ  учреждение", directions=2)
    upload(client, xlsx([row], title_rows=[["Организации Сургута"], []]))

    batch = latest_batch()
    assert batch.state == ImportState.VALID, batch.rows
    assert batch.rows[0]["row"] == 4
    confirm(client, batch)
    created = Organisation.objects.get(inn=leading_zero)
    assert created.kind == "state_institution"
    assert list(created.directions.values_list("number", flat=True)) == [2]


def test_a_user_does_not_see_another_users_batch(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1)]))
    batch = latest_batch()
    outsider = login(member(Role.USZN))

    assert outsider.get(batch.get_absolute_url()).status_code == 404
    assert confirm(outsider, batch).status_code == 404


def test_a_colleague_with_a_region_wide_role_may_look_but_not_save(login):
    client = login(member(Role.DEPARTMENT))
    upload(client, xlsx([org_row(1)]))
    batch = latest_batch()
    colleague = login(member(Role.DEPARTMENT))

    assert batch.original_name not in colleague.get(LIST).content.decode()
    page = colleague.get(batch.get_absolute_url()).content.decode()
    assert "Сохранить загрузку может тот, кто её загрузил" in page
    assert confirm(colleague, batch).status_code == 403
    batch.refresh_from_db()
    assert batch.state == ImportState.VALID


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.USZN, Role.RESOURCE_CENTRE])
def test_roles_outside_the_department_may_not_import_organisations(login, role):
    client = login(member(role))

    assert client.get(reverse("exchange:template", args=["organisations"])).status_code == 403
    assert upload(client, xlsx([org_row(1)])).status_code in (400, 403)
    assert not ImportBatch.objects.exists()


def test_the_menu_offers_the_import_to_roles_with_an_importer_only(login):
    assert LIST in login(member(Role.DEPARTMENT)).get(reverse("home")).content.decode()
    assert LIST not in login(member(Role.SPECIALIST)).get(reverse("home")).content.decode()


def test_the_progress_fragment_polls_while_the_batch_is_checked(login):
    department = member(Role.DEPARTMENT)
    batch = ImportBatch.objects.create(
        importer="organisations",
        file="imports/x.xlsx",
        original_name="x.xlsx",
        state=ImportState.VALIDATING,
        total_rows=1200,
        processed_rows=480,
        created_by=department.user,
        membership=department,
    )
    client = login(department)

    response = client.get(
        batch.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "import-status"}
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<section id="import-status"')
    assert "<html" not in body
    assert 'hx-trigger="every 1s"' in body
    assert 'max="1200" value="480"' in body
    assert "Проверено строк: 480 из 1" in body

    ImportBatch.objects.filter(pk=batch.pk).update(state=ImportState.VALID, processed_rows=1200)
    finished = client.get(
        batch.get_absolute_url(), headers={"HX-Request": "true", "HX-Target": "import-status"}
    ).content.decode()
    assert "hx-trigger" not in finished
    assert "Сохранить" in finished


def test_the_template_downloads_with_the_columns_of_the_importer(login):
    response = login(member(Role.DEPARTMENT)).get(
        reverse("exchange:template", args=["organisations"])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert HEADERS[:5] == [
        "Полное наименование*",
        "Краткое наименование",
        "Вид*",
        "Организационно-правовая форма*",
        "Территория*",
    ]
    assert sheet.max_row == 1


def test_an_unknown_template_is_not_found(login):
    response = login(member(Role.DEPARTMENT)).get(reverse("exchange:template", args=["nothing"]))
    assert response.status_code == 404


def test_the_list_shows_own_batches_in_fixed_queries(login, django_assert_max_num_queries):
    department = member(Role.DEPARTMENT)
    client = login(department)
    upload(client, xlsx([org_row(1)]))
    client.get(LIST)
    with django_assert_max_num_queries(8) as few:
        client.get(LIST)
    for _ in range(15):
        upload(client, xlsx([org_row(1)]))
    with django_assert_max_num_queries(8) as many:
        page = client.get(LIST)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(re.findall(r'href="/imports/\d+/"', page.content.decode())) == 16


def test_the_list_explains_what_to_do_when_empty(login):
    page = login(member(Role.DEPARTMENT)).get(LIST).content.decode()
    assert "Вы ещё ничего не загружали." in page
    assert reverse("exchange:template", args=["organisations"]) in page
