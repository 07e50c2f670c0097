"""MAP-6: seed 003's 2022 roadmap loads from XLSX, DOCX and tab-separated text through the
importer framework; a broken file saves nothing; the exports load back unchanged."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import include, path, reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from config.urls import urlpatterns as project_urls
from resurs.coordination.roadmaps import document_urls, exporters
from resurs.coordination.roadmaps.importers import RoadmapImporter
from resurs.coordination.roadmaps.models import (
    Checkpoint,
    Item,
    Roadmap,
    RoadmapState,
    ScheduleKind,
    Section,
)
from resurs.coordination.roadmaps.services import roadmap_create
from resurs.kernel.accounts.roles import Role
from resurs.kernel.exchange import services
from resurs.kernel.exchange.importers import ImportFileError, read_table
from resurs.kernel.exchange.models import ImportBatch, ImportState
from tests.factories import direction, member

pytestmark = pytest.mark.django_db

SEED = next(Path("/work/shared/seeds").glob("003_*.txt"))
SEED_TITLE = "**План мероприятий («дорожная карта») Ресурсного центра по направлению"

# The URLs of this module until the lead includes them into roadmaps/urls.py.
urlpatterns = [
    path("roadmaps/", include((document_urls.urlpatterns, "roadmaps"))),
    *(p for p in project_urls if getattr(p, "namespace", None) != "roadmaps"),
]
use_test_urls = override_settings(ROOT_URLCONF=__name__)

SECTIONS = [
    "Организационно-методическая деятельность",
    "Информационно-прикладная деятельность",
    "Аналитико-исследовательская деятельность",
]
TIMEFRAMES = [
    "В актуальном режиме",
    "1 квартал 2022 год",
    "В течение года",
    "1 квартал 2022 года",
    "1 квартал 2022г.",
    "1 раз в квартал",
    "4 квартал",
    "1 раз в квартал в течение года\n1 раз в квартал в течение года\nЕжеквартально\nежеквартально",
    "Ежеквартально, в соответствии с планом",
    "Ежеквартально, в соответствии с планом",
    "ежемесячно в соответствии с планом",
    "1 квартал 2022 год",
    "В течение 2022 года",
    "1 раз в полугодие",
    "Октябрь-декабрь",
    "ежеквартально",
]
SECTION_OF_ITEM = [1] * 7 + [2] * 8 + [3]


def seed_lines() -> list[str]:
    """Appendix 3 of seed 003 as written: the title above the table, then the table."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = lines.index(SEED_TITLE + "  ")
    return lines[start:]


def seed_tsv() -> bytes:
    return "\n".join(seed_lines()).encode("utf-8")


def seed_rows() -> tuple[list[str], list[list[str]]]:
    """(title lines, table rows) of the appendix, blank lines left out."""
    lines = [line for line in seed_lines() if line.strip()]
    header = next(i for i, line in enumerate(lines) if line.startswith("№\t"))
    return lines[:header], [line.split("\t") for line in lines[header:]]


def seed_xlsx() -> bytes:
    title, rows = seed_rows()
    workbook = Workbook()
    sheet = workbook.active
    for line in title:
        sheet.append([line])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def seed_docx() -> bytes:
    """The table as a Word document has it: section rows are one merged cell."""
    title, rows = seed_rows()
    document = Document()
    for line in title:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=5)
    for row in rows:
        cells = table.add_row().cells
        if row[0].startswith("<b>"):
            cells[0].merge(cells[-1]).text = row[0]
            continue
        for cell, value in zip(cells, row + [""] * (5 - len(row)), strict=False):
            cell.text = value
    document.add_paragraph("Руководитель ресурсного центра ____________")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def rc():
    return member(Role.RESOURCE_CENTRE, direction=direction(8))


def load(rc, name: str, content: bytes) -> ImportBatch:
    batch = services.import_start(by=rc, importer="roadmap", file=upload(name, content))
    batch.refresh_from_db()
    return batch


def assert_seed_roadmap(roadmap: Roadmap) -> None:
    sections = list(roadmap.sections.order_by("number"))
    assert [s.title for s in sections] == SECTIONS
    items = list(Item.objects.filter(section__roadmap=roadmap).order_by("number"))
    assert [i.number for i in items] == list(range(1, 17))
    assert [i.section.number for i in items] == SECTION_OF_ITEM
    assert [i.timeframe for i in items] == TIMEFRAMES
    first, fifth, ninth, last = items[0], items[4], items[8], items[15]
    assert first.name.startswith("Изучение и анализ действующих нормативно-правовых актов")
    assert first.responsible_text == (
        "Директор, руководитель Ресурсного центра, заведующий ОИАР, "
        "заведующий отделением ранней помощи"
    )
    assert first.expected_results.startswith("Актуализация реестра действующих нормативных")
    # Rows broken by a page break in the seed are joined back.
    assert fifth.name == (
        "Разработка модели межведомственного взаимодействия с БУ ХМАО-Югры «Ресурсный центр "
        "развития социального обслуживания» в рамках реализации стажировочных площадок"
    )
    assert fifth.responsible_text == (
        "Руководитель Ресурсного центра, заведующий отделением ранней помощи"
    )
    assert fifth.expected_results == "План работы стажировочной площадки на 2022 год"
    assert ninth.name.endswith(
        "по обобщению опыта работы специалистов, реализующих технологии ранней помощи в "
        "соответствии мероприятиями плана ИДП"
    )
    assert ninth.expected_results.endswith(
        "навыков специалистов. Обмен эффективным опытом специалистов округа, реализующих "
        "технологии ранней помощи"
    )
    # HTML of the converted cells becomes lines.
    assert items[7].name.split("\n")[1].startswith("▪ Пополнение информационными материалами")
    assert last.responsible_text == "Заместитель директора, руководитель Ресурсного центра"
    assert last.expected_results == "Коэффициент эффективности деятельности ресурсного центра"
    # The schedules were understood by the services (MAP-2).
    assert first.schedule_kind == ScheduleKind.CONTINUOUS
    assert list(items[1].checkpoints.values_list("due_on", flat=True)) == [
        datetime.date(2022, 3, 31)
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [("plan.xlsx", seed_xlsx), ("plan.docx", seed_docx), ("plan.txt", seed_tsv)],
)
def test_seed_003_roadmap_loads_from_each_format(rc, name, content):
    batch = load(rc, name, content())
    assert batch.state == ImportState.VALID, batch.message or batch.rows
    assert not Roadmap.objects.exists()  # nothing is saved before the user confirms
    labels = [row["label"] for row in batch.rows]
    assert labels[0].startswith("Раздел «Организационно-методическая деятельность» — в новую")
    assert "на 2022 год" in labels[0]
    assert any(
        label.startswith("№ 2. Изучение успешного") and "31.03.2022" in label for label in labels
    )
    assert sum(label.startswith("продолжение строки") for label in labels) == 2

    services.import_confirm(batch=batch, by=rc)
    batch.refresh_from_db()
    assert batch.state == ImportState.APPLIED, batch.message
    roadmap = Roadmap.objects.get()
    assert (roadmap.organisation, roadmap.direction, roadmap.year) == (
        rc.organisation,
        rc.direction,
        2022,
    )
    assert roadmap.state == RoadmapState.DRAFT
    assert roadmap.title.startswith("План мероприятий («дорожная карта») Ресурсного центра")
    assert_seed_roadmap(roadmap)


def test_reimport_updates_instead_of_duplicating(rc):
    services.import_confirm(batch=load(rc, "plan.txt", seed_tsv()), by=rc)
    changed = seed_tsv().replace("\tОктябрь-декабрь\t".encode(), "\tноябрь-декабрь\t".encode())
    batch = load(rc, "plan.txt", changed)
    actions = [row["action"] for row in batch.rows]
    assert actions.count("update") == 1 and "create" not in actions
    services.import_confirm(batch=batch, by=rc)
    assert Item.objects.count() == 16 and Section.objects.count() == 3
    assert Item.objects.get(number=15).timeframe == "ноябрь-декабрь"


def test_unrecognised_timeframe_is_no_error(rc):
    text = (
        "на 2022 год\n№\tНаименование мероприятия\tСрок реализации\n1.\tВстреча\tкогда получится\n"
    )
    batch = load(rc, "plan.tsv", text.encode("cp1251"))
    assert batch.state == ImportState.VALID
    (row,) = batch.rows
    assert "срок не распознан" in row["label"] and not row["errors"]
    services.import_confirm(batch=batch, by=rc)
    item = Item.objects.get()
    assert item.section.title == "Мероприятия"
    assert item.schedule_kind == ScheduleKind.UNRECOGNISED
    assert not Checkpoint.objects.exists()


def test_import_into_an_existing_draft_of_that_year(rc):
    roadmap = roadmap_create(
        by=rc, organisation=rc.organisation, direction=rc.direction, year=2022, title="Мой план"
    )
    services.import_confirm(batch=load(rc, "plan.xlsx", seed_xlsx()), by=rc)
    assert Roadmap.objects.get() == roadmap
    assert_seed_roadmap(roadmap)


def test_an_agreed_roadmap_is_not_loaded_into(rc):
    roadmap = roadmap_create(
        by=rc, organisation=rc.organisation, direction=rc.direction, year=2022, title="План"
    )
    Roadmap.objects.filter(pk=roadmap.pk).update(state=RoadmapState.AGREED, agreed_version=1)
    batch = load(rc, "plan.txt", seed_tsv())
    assert batch.state == ImportState.INVALID
    assert "«согласована»: загрузить в неё нельзя" in batch.rows[0]["errors"][0][1]
    assert not Section.objects.exists()


def _workbook_of_other_columns() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Фамилия", "Имя", "Отчество"])
    workbook.active.append(["Иванов", "Иван", "Иванович"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.txt", bytes(range(256)) * 4, "Содержимое файла не соответствует расширению TXT"),
        ("plan.csv", b"a;b", "Недопустимый тип файла «.csv»"),
    ],
)
def test_a_file_of_a_wrong_type_is_refused_in_russian_and_nothing_saved(
    rc, login, name, content, message
):
    client = login(rc)
    response = client.post(
        reverse("exchange:import_list"),
        {"importer": "roadmap", "file": upload(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert not Roadmap.objects.exists() and not Section.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.xlsx", _workbook_of_other_columns(), "В файле не найдена строка заголовков"),
        ("plan.docx", b"PK\x03\x04" + bytes(range(256)) * 4, "не удаётся прочитать как документ"),
        ("plan.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, "не удаётся прочитать как книгу"),
    ],
)
def test_a_malformed_file_fails_its_batch_in_russian_and_nothing_saved(
    rc, login, name, content, message
):
    # The upload only stores the file; the background check reads it and says what is wrong.
    client = login(rc)
    response = client.post(
        reverse("exchange:import_list"),
        {"importer": "roadmap", "file": upload(name, content)},
    )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.state == ImportState.FAILED
    assert message in batch.message
    assert message in client.get(batch.get_absolute_url()).content.decode()
    assert not Roadmap.objects.exists() and not Section.objects.exists()


def test_other_importers_still_read_only_workbooks():
    from resurs.kernel.organisations.importers import OrganisationImporter

    with pytest.raises(ImportFileError, match="загружаются из файла: книга Excel"):
        read_table(upload("orgs.txt", "Полное наименование\nА\n".encode()), OrganisationImporter)


def test_importer_is_offered_to_the_rc_only(rc):
    assert RoadmapImporter.allows(rc)
    assert not RoadmapImporter.allows(member(Role.PROVIDER))


# --- export (MAP-6) -----------------------------------------------------------------------


@pytest.fixture
def seed_roadmap(rc):
    services.import_confirm(batch=load(rc, "plan.docx", seed_docx()), by=rc)
    return Roadmap.objects.get()


@pytest.mark.parametrize(
    ("url_name", "extension"), [("export_xlsx", "xlsx"), ("export_docx", "docx")]
)
@use_test_urls
def test_export_loads_back_into_an_empty_roadmap(seed_roadmap, login, url_name, extension):
    rc = seed_roadmap.organisation.memberships.get()
    response = login(rc).get(reverse(f"roadmaps:{url_name}", args=[seed_roadmap.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert f".{extension}" in response["Content-Disposition"]

    other = member(Role.RESOURCE_CENTRE, direction=direction(8))
    empty = roadmap_create(
        by=other, organisation=other.organisation, direction=other.direction, year=2022, title="П"
    )
    batch = load(other, f"export.{extension}", content)
    assert batch.state == ImportState.VALID, batch.message or batch.rows
    services.import_confirm(batch=batch, by=other)
    assert_seed_roadmap(empty)

    def content_of(roadmap):
        return [
            (i.section.number, i.section.title, i.number, i.name, i.timeframe)
            + (i.responsible_text, i.expected_results)
            for i in Item.objects.filter(section__roadmap=roadmap).order_by("number")
        ]

    assert content_of(empty) == content_of(seed_roadmap)


@use_test_urls
def test_export_xlsx_has_the_seed_layout(seed_roadmap, login):
    rc = seed_roadmap.organisation.memberships.get()
    response = login(rc).get(reverse("roadmaps:export_xlsx", args=[seed_roadmap.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header = rows.index(tuple(h for h, _ in exporters.COLUMNS))
    assert rows[header + 1][0] == "1. Организационно-методическая деятельность"
    assert rows[header + 2][:3] == ("1.", Item.objects.get(number=1).name, "В актуальном режиме")
    assert any(f"A{header + 2}:E{header + 2}" == str(r) for r in sheet.merged_cells.ranges)


@use_test_urls
@pytest.mark.parametrize("url_name", ["export_xlsx", "export_docx"])
def test_export_is_404_for_who_does_not_see_the_roadmap(seed_roadmap, login, url_name):
    outsider = member(Role.RESOURCE_CENTRE, direction=direction(2))
    url = reverse(f"roadmaps:{url_name}", args=[seed_roadmap.pk])
    assert login(outsider).get(url).status_code == 404
    department = member(Role.DEPARTMENT)
    assert login(department).get(url).status_code == 200


# --- issue 12, item 1: the import knows its target ---------------------------------------------


def plan_tsv(rows, title="") -> bytes:
    """A small plan as tab-separated text: (№, name, timeframe) rows under the header."""
    lines = [title] if title else []
    lines.append("№\tНаименование мероприятия\tСрок реализации")
    lines += ["\t".join(map(str, row)) for row in rows]
    return "\n".join(lines).encode("utf-8")


def draft(rc, year, *items):
    roadmap = roadmap_create(
        by=rc, organisation=rc.organisation, direction=rc.direction, year=year, title=f"План {year}"
    )
    if items:
        batch = services.import_start(
            by=rc,
            importer="roadmap",
            file=upload("p.txt", plan_tsv(items)),
            target=str(roadmap.pk),
        )
        batch.refresh_from_db()
        services.import_confirm(batch=batch, by=rc)
    return roadmap


def test_a_file_of_another_year_is_not_mixed_into_the_chosen_roadmap(rc):
    this_year = draft(rc, 2026, (1, "Семинар", "1 квартал"), (2, "Вебинар", "2 квартал"))
    before = list(Item.objects.values_list("pk", "name", "timeframe"))
    old_plan = plan_tsv([(1, "Совещание", "1 квартал 2025"), (2, "Отчёт", "4 квартал 2025")])
    batch = services.import_start(
        by=rc, importer="roadmap", file=upload("2025.txt", old_plan), target=str(this_year.pk)
    )
    batch.refresh_from_db()
    assert batch.state == ImportState.INVALID
    message = batch.rows[0]["errors"][0][1]
    assert "В файле план на 2025 год, а выбрана дорожная карта на 2026 год" in message
    assert list(Item.objects.values_list("pk", "name", "timeframe")) == before
    # Without a choice the file's year decides: a new draft for 2025, the 2026 one untouched.
    batch = load(rc, "2025.txt", old_plan)
    assert batch.state == ImportState.VALID, batch.rows
    assert "в новую дорожную карту на 2025 год" in batch.rows[0]["label"]
    assert {row["action"] for row in batch.rows} == {"create"}


def test_with_two_drafts_the_chosen_one_gets_the_rows_and_changes_show_old_and_new(rc):
    draft(rc, 2025)
    target = draft(rc, 2026, (1, "Семинар", "1 квартал"))
    plan = plan_tsv([(1, "Семинар для специалистов", "2 квартал"), (2, "Вебинар", "3 квартал")])
    refused = load(rc, "plan.txt", plan)  # no year anywhere, two drafts: which one?
    assert refused.state == ImportState.INVALID
    assert "выберите дорожную карту в форме загрузки" in refused.rows[0]["errors"][0][1]
    batch = services.import_start(
        by=rc, importer="roadmap", file=upload("plan.txt", plan), target=str(target.pk)
    )
    batch.refresh_from_db()
    assert batch.state == ImportState.VALID, batch.rows
    update = next(row for row in batch.rows if row["label"].startswith("№ 1."))
    assert update["action"] == "update"
    changes = {header: (old, new) for header, old, new in update["changes"]}
    assert changes == {
        "Наименование мероприятия": ("Семинар", "Семинар для специалистов"),
        "Срок реализации": ("1 квартал", "2 квартал"),
    }
    services.import_confirm(batch=batch, by=rc)
    assert sorted(Item.objects.filter(section__roadmap=target).values_list("name", flat=True)) == [
        "Вебинар",
        "Семинар для специалистов",
    ]


def test_the_roadmap_page_opens_the_upload_with_its_roadmap_chosen(rc, client):
    roadmap = draft(rc, 2026)
    client.force_login(rc.user)
    page = client.get(reverse("roadmaps:detail", args=[roadmap.pk])).content.decode()
    link = f"/imports/?importer=roadmap&amp;target={roadmap.pk}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).context["form"]
    assert form["target"].value() == str(roadmap.pk)
    assert str(roadmap.pk) in dict(form.fields["target"].choices)
    # A target that is not the uploader's is refused before anything is stored.
    other = member(Role.RESOURCE_CENTRE, direction=direction(8))
    foreign = draft(other, 2026)
    response = client.post(
        "/imports/",
        {
            "importer": "roadmap",
            "target": str(foreign.pk),
            "file": upload("p.txt", plan_tsv([(1, "А", "1 квартал")])),
        },
    )
    assert response.status_code == 400
    assert not ImportBatch.objects.exclude(target="").exclude(target=str(roadmap.pk)).exists()
