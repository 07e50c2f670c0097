"""X-4: the registries loaded from Excel — every row checked before saving, all or nothing,
and a re-import updates the records it matches instead of adding them again."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from resurs.coordination.registries.importers import (
    LegalActImporter,
    ParticipantImporter,
    PracticeMatrixImporter,
    TechnologyImporter,
)
from resurs.coordination.registries.models import (
    ActStatus,
    LegalAct,
    Participant,
    ParticipantStatus,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
    Technology,
)
from resurs.coordination.registries.tests import records
from resurs.kernel.exchange.models import ImportBatch, ImportState
from resurs.kernel.exchange.tests.workbooks import xlsx
from tests.factories import OrganisationFactory, direction, territory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_tasks")]
LIST = reverse("exchange:import_list")
TITLES = (
    "Реестр участников",
    "Реестр нормативных правовых актов",
    "Реестр инновационных технологий и методик",
    "Реестр статей «Из опыта работы»",
    "Матрица внедрения социальных практик",
)


def headers(importer):
    return [title for title, _width in importer.template_columns()]


def row(importer, **values):
    return [values.get(column.key, "") for column in importer.columns]


def upload(client, importer, rows, name="реестр.xlsx") -> ImportBatch:
    client.post(LIST, {"importer": importer.name, "file": xlsx(rows, headers(importer), name)})
    return ImportBatch.objects.latest("id")


def confirm(client, batch) -> ImportBatch:
    client.post(reverse("exchange:import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    return batch


def errors_of(batch) -> dict[int, list]:
    return {r["row"]: r["errors"] for r in batch.rows if r["errors"]}


@pytest.fixture
def partners():
    return [
        OrganisationFactory(name="АНО «Забота»", territory=territory("Сургут")),
        OrganisationFactory(name="АНО «Росток»", territory=territory("Нижневартовск")),
    ]


def participant_row(organisation, **changes):
    values = {
        "organisation": organisation.name,
        "organisation_inn": organisation.inn,
        "participation_form": "Негосударственный поставщик по направлению",
        "joined_on": "19.03.2019",
        "agreement_number": "7",
        "agreement_date": "19.03.2019",
    }
    values.update(changes)
    return row(ParticipantImporter, **values)


def test_the_template_has_the_columns_and_every_registry_is_offered_to_an_rc(world, login):
    client = login(world["rc"])
    page = client.get(LIST).content.decode()
    for title in TITLES:
        assert f"Скачать шаблон «{title}»" in page
    template = client.get(reverse("exchange:template", args=[ParticipantImporter.name]))
    sheet = load_workbook(io.BytesIO(template.content)).active
    assert next(sheet.iter_rows(values_only=True))[:2] == (
        "Участник (полное наименование)*",
        "ИНН участника",
    )
    provider = login(world["provider"])
    assert "Реестр участников" not in provider.get(LIST).content.decode()
    template_url = reverse("exchange:template", args=[ParticipantImporter.name])
    assert provider.get(template_url).status_code == 403


def test_one_bad_row_saves_nothing_the_fixed_file_saves_and_a_reimport_updates(
    world, login, partners
):
    client = login(world["rc"])
    zabota, rostok = partners

    bad = upload(client, ParticipantImporter, [
        participant_row(zabota),
        participant_row(rostok, joined_on="31.02.2019", organisation_inn=""),
    ])  # fmt: skip

    assert bad.state == ImportState.INVALID
    assert errors_of(bad) == {
        3: [["Дата включения", "«31.02.2019» — не дата. Пишите дату как ДД.ММ.ГГГГ."]]
    }
    page = client.get(bad.get_absolute_url()).content.decode()
    assert "не дата" in page
    assert confirm(client, bad).state == ImportState.INVALID
    assert not Participant.objects.exists()

    fixed = upload(client, ParticipantImporter, [
        participant_row(zabota),
        participant_row(rostok, organisation_inn=""),  # found by its full name
    ])  # fmt: skip

    assert fixed.state == ImportState.VALID
    assert confirm(client, fixed).state == ImportState.APPLIED
    assert fixed.saved_rows == 2
    saved = Participant.objects.get(organisation=rostok)
    assert (saved.owner, saved.direction, saved.joined_on) == (
        world["owner"],
        direction(2),
        date(2019, 3, 19),
    )
    assert saved.category == "state_provider"  # by the organisation's kind

    again = upload(client, ParticipantImporter, [
        participant_row(zabota),
        participant_row(rostok, organisation_inn="", status="вышел из реестра",
                        left_on="01.07.2024"),
    ])  # fmt: skip

    assert [r["action"] for r in again.rows] == ["unchanged", "update"]
    assert again.rows[1]["changes"] == [
        ["Статус", "участвует", "вышел из реестра"],
        ["Дата выхода", "", "01.07.2024"],
    ]
    assert "участвует → вышел из реестра" in client.get(again.get_absolute_url()).content.decode()
    assert confirm(client, again).state == ImportState.APPLIED
    assert Participant.objects.count() == 2
    saved.refresh_from_db()
    assert (saved.status, saved.left_on, saved.version) == (
        ParticipantStatus.LEFT,
        date(2024, 7, 1),
        2,
    )


def test_the_registrys_own_export_loads_back_unchanged(world, login, partners):
    client = login(world["rc"])
    for organisation in partners:
        records.participant(
            world["owner"], organisation=organisation, registered_on=date(2024, 1, 9)
        )
    export = client.get(reverse("registries:participants_export"))
    client.post(LIST, {"importer": ParticipantImporter.name,
                       "file": _as_upload(export.content)})  # fmt: skip
    batch = ImportBatch.objects.latest("id")
    assert batch.state == ImportState.VALID, batch.rows
    assert [r["action"] for r in batch.rows] == ["unchanged", "unchanged"]


def _as_upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("выгрузка.xlsx", content)


def test_an_rc_cannot_load_rows_into_another_registry(world, login, partners):
    client = login(world["rc"])
    batch = upload(client, ParticipantImporter, [
        participant_row(partners[0], owner=world["other_rc_2"].organisation.name),
        participant_row(partners[1], direction="8"),
    ])  # fmt: skip
    assert batch.state == ImportState.INVALID
    messages = [e[1] for errors in errors_of(batch).values() for e in errors]
    assert len(messages) == 2
    assert all("только в реестры своей организации" in m for m in messages)


def test_a_file_with_the_same_participant_twice_is_refused(world, login, partners):
    batch = upload(login(world["rc"]), ParticipantImporter, [
        participant_row(partners[0]), participant_row(partners[0], joined_on="01.01.2020"),
    ])  # fmt: skip
    assert batch.state == ImportState.INVALID
    assert "встречается в файле несколько раз" in errors_of(batch)[2][0][1]


def act_row(**changes):
    values = {
        "level": "федеральный",
        "kind": "Федеральный закон",
        "number": "442-ФЗ",
        "adopted_on": "28.12.2013",
        "title": "Об основах социального обслуживания граждан в Российской Федерации",
    }
    values.update(changes)
    return row(LegalActImporter, **values)


def test_acts_match_by_level_kind_number_and_date(world, login):
    client = login(world["rc"])
    first = upload(client, LegalActImporter, [
        act_row(),
        act_row(level="региональный", kind="приказ", number="177-р", adopted_on="20.02.2020",
                title="О создании ресурсных центров", direction="2"),
    ])  # fmt: skip
    assert confirm(client, first).state == ImportState.APPLIED, first.rows

    second = upload(client, LegalActImporter, [
        act_row(),
        act_row(level="региональный", kind="приказ", number="177-р", adopted_on="20.02.2020",
                title="О создании ресурсных центров", direction="2", status="утратил силу",
                repealed_on="04.02.2022"),
        act_row(number="442-ФЗ", adopted_on="28.12.2014", title="Другой акт"),
    ])  # fmt: skip

    assert [r["action"] for r in second.rows] == ["unchanged", "update", "create"]
    confirm(client, second)
    assert LegalAct.objects.count() == 3
    repealed = LegalAct.objects.get(number="177-р")
    assert (repealed.status, repealed.repealed_on) == (ActStatus.REPEALED, date(2022, 2, 4))
    assert LegalAct.objects.get(adopted_on=date(2013, 12, 28)).direction is None


def test_a_wrong_choice_lists_the_allowed_values(world, login):
    batch = upload(login(world["rc"]), LegalActImporter, [act_row(level="всероссийский")])
    assert errors_of(batch)[2][0] == [
        "Уровень",
        "Неизвестное значение «всероссийский». Допустимые: федеральный; региональный; "
        "муниципальный; локальный (учреждения).",
    ]


def test_technologies_match_by_title(world, login):
    client = login(world["rc"])
    rows = [row(TechnologyImporter, title="Дистанционное консультирование семьи",
                introduced_year="2022")]  # fmt: skip
    confirm(client, upload(client, TechnologyImporter, rows))
    changed = [row(TechnologyImporter, title="дистанционное  консультирование семьи",
                   introduced_year="2023")]  # fmt: skip
    batch = upload(client, TechnologyImporter, changed)
    assert [r["action"] for r in batch.rows] == ["update"]
    # The title is matched ignoring case and spaces, but saved as the file writes it.
    assert batch.rows[0]["changes"] == [
        ["Наименование", "Дистанционное консультирование семьи",
         "дистанционное  консультирование семьи"],
        ["Год внедрения", "2022", "2023"],
    ]  # fmt: skip
    confirm(client, batch)
    assert Technology.objects.get().introduced_year == 2023


def test_a_reimport_names_the_organisations_it_changes(world, login, partners):
    client = login(world["rc"])
    zabota, rostok = partners
    title = "Дистанционное консультирование семьи"
    first = [row(TechnologyImporter, title=title, author=zabota.name)]
    confirm(client, upload(client, TechnologyImporter, first))

    batch = upload(client, TechnologyImporter, [row(TechnologyImporter, title=title,
                                                    author=rostok.name)])  # fmt: skip

    assert batch.rows[0]["action"] == "update"
    assert batch.rows[0]["changes"] == [["Организация-автор", "АНО «Забота»", "АНО «Росток»"]]


def test_the_matrix_loads_cells_and_adds_the_practices_it_does_not_have(world, login):
    client = login(world["rc"])
    existing = records.practice(world["owner"], title="Программа выходного дня")
    a = OrganisationFactory(name="ГКУСО ВО «Ковровский СРЦН»")
    b = OrganisationFactory(name="ГБУСО ВО «Вязниковский КЦСОН»")

    def cell_row(**values):
        return row(PracticeMatrixImporter, **values)

    batch = upload(client, PracticeMatrixImporter, [
        cell_row(title="Программа выходного дня", institution=a.name, status="планируется"),
        cell_row(number="7", title="Обучение финансовой грамотности", institution=a.name,
                 status="внедряется", started_on="01.09.2021"),
        cell_row(title="Обучение финансовой грамотности", institution=b.name,
                 status="внедрена", started_on="01.10.2020"),
    ])  # fmt: skip

    assert batch.state == ImportState.VALID, batch.rows
    assert confirm(client, batch).state == ImportState.APPLIED
    new = SocialPractice.objects.get(title="Обучение финансовой грамотности")
    assert (new.number, new.direction, new.owner) == (7, direction(2), world["owner"])
    assert PracticeCell.objects.count() == 3
    assert PracticeCell.objects.get(practice=existing, institution=a).status == "planned"

    again = upload(client, PracticeMatrixImporter, [
        cell_row(title="Программа выходного дня", institution=a.name, status="внедрена",
                 started_on="01.06.2022"),
    ])  # fmt: skip
    assert [r["action"] for r in again.rows] == ["update"]
    confirm(client, again)
    cell = PracticeCell.objects.get(practice=existing, institution=a)
    assert (cell.status, cell.version) == (PracticeStatus.IMPLEMENTED, 2)
    assert SocialPractice.objects.count() == 2


def test_the_list_links_to_its_import_with_the_table_chosen(world, login):
    client = login(world["rc"])
    listed = client.get(reverse("registries:acts_list")).content.decode()
    link = f"{LIST}?importer={LegalActImporter.name}"
    assert link in listed
    form = client.get(link).context["form"]
    assert form["importer"].value() == LegalActImporter.name
