"""The registries' pages (REG-1, REG-4, REG-5): index, list, filters, export, card, forms."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from resurs.coordination.registries.catalogue import REGISTRIES
from resurs.coordination.registries.models import (
    ActStatus,
    Article,
    LegalAct,
    Participant,
    ParticipantStatus,
)
from resurs.coordination.registries.tests import records
from resurs.kernel.audit.models import AuditAction, AuditEntry
from tests.factories import OrganisationFactory, direction

pytestmark = pytest.mark.django_db

MAKERS = {
    "participants": records.participant,
    "acts": lambda owner: records.act(owner, direction_number=2),
    "technologies": records.technology,
    "articles": records.article,
    "practices": records.practice,
}


def test_the_index_counts_what_the_user_sees(world, login):
    records.act(world["owner"], direction_number=2)
    records.act(world["owner"], direction_number=2)
    records.technology(world["owner"])
    records.act(world["rc_8"].organisation, direction_number=8)  # not the RC's to see
    page = login(world["rc"]).get(reverse("registries:index")).content.decode()
    assert "Реестр нормативных правовых актов" in page
    assert "Матрица внедрения социальных практик" in page
    acts = page.split("Реестр нормативных правовых актов</a>")[1]
    assert '<span class="fs-4 fw-semibold">2</span>' in acts.split("</section>")[0]


def test_the_list_searches_case_insensitively_in_cyrillic(world, login):
    records.act(
        world["owner"], direction_number=2, title="Об основах социального обслуживания граждан"
    )
    records.act(world["owner"], direction_number=2, title="О персональных данных")
    response = login(world["rc"]).get(reverse("registries:acts_list"), {"q": "ОСНОВАХ"})
    body = response.content.decode()
    assert "Об основах социального обслуживания" in body
    assert "О персональных данных" not in body


def test_filters_by_status_year_direction_and_public_flag(world, login):
    owner = world["owner"]
    kept = records.participant(owner, joined_on=date(2022, 2, 9), is_public=True)
    records.participant(owner, joined_on=date(2021, 5, 1), is_public=True)
    records.participant(
        owner, joined_on=date(2022, 3, 1), status=ParticipantStatus.LEFT,
        left_on=date(2023, 1, 1), is_public=True,
    )  # fmt: skip
    records.participant(owner, joined_on=date(2022, 4, 1))
    client = login(world["department"])
    response = client.get(
        reverse("registries:participants_list"),
        {"status": "active", "year": 2022, "direction": direction(2).pk, "public": "yes"},
    )
    assert [p.pk for p in response.context["page_obj"].object_list] == [kept.pk]


def test_the_territory_of_a_participant_filter_is_the_participants(world, login):
    from tests.factories import territory

    in_uray = records.participant(
        world["owner"], organisation=OrganisationFactory(territory=territory("Урай"))
    )
    records.participant(world["owner"])
    response = login(world["rc"]).get(
        reverse("registries:participants_list"), {"territory": territory("Урай").pk}
    )
    assert [p.pk for p in response.context["page_obj"].object_list] == [in_uray.pk]


def test_the_htmx_request_gets_only_the_results(world, login):
    response = login(world["rc"]).get(
        reverse("registries:acts_list"), headers={"HX-Request": "true", "HX-Target": "results"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "<html" not in body


def test_an_empty_registry_says_what_to_do(world, login):
    body = login(world["rc"]).get(reverse("registries:technologies_list")).content.decode()
    assert "В реестре пока нет записей." in body
    assert "Добавить технологию" in body


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.slug)
def test_the_list_query_count_does_not_grow_with_rows(
    world, login, django_assert_max_num_queries, registry
):
    client = login(world["department"])
    url = reverse(f"registries:{registry.slug}_list")
    make = MAKERS[registry.slug]
    for _ in range(3):
        make(world["owner"])
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url, {"q": ""}).status_code == 200
    for _ in range(60):
        make(world["owner"])
    with django_assert_max_num_queries(12) as large:
        client.get(url, {"q": ""})
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_export_is_the_filtered_list(world, login):
    records.act(world["owner"], direction_number=2, title="Об основах социального обслуживания")
    records.act(world["owner"], direction_number=2, title="О персональных данных")
    response = login(world["rc"]).get(reverse("registries:acts_export"), {"q": "основах"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Уровень", "Вид акта", "Номер", "Дата", "Наименование")
    assert [r[4] for r in rows[1:]] == ["Об основах социального обслуживания"]


def test_the_export_writes_dates_as_dates_and_the_direction_with_its_name(world, login):
    records.participant(
        world["owner"], joined_on=date(2024, 3, 1), registered_on=date(2024, 3, 5), left_on=None
    )
    response = login(world["rc"]).get(reverse("registries:participants_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = sheet[2]
    joined = row[header.index("Дата включения")]
    assert joined.is_date and joined.value.date() == date(2024, 3, 1)
    assert joined.number_format == "DD.MM.YYYY"
    assert row[header.index("Дата выхода")].value is None
    assert row[header.index("Направление")].value == str(direction(2))
    assert str(direction(2)).startswith("2. ")


def test_an_rc_adds_a_participant_to_its_own_registry_in_its_direction(world, login):
    partner = OrganisationFactory(name="АНО «Социальный партнёр»")
    response = login(world["rc"]).post(
        reverse("registries:participants_create"),
        {
            "direction": direction(2).pk,
            "organisation": partner.pk,
            "category": "social_partner",
            "participation_form": "Соглашение о сотрудничестве",
            "joined_on": "2024-03-01",
            "status": "active",
            "registered_on": "2024-03-01",
        },
    )
    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == participant.get_absolute_url()
    assert participant.owner == world["owner"]
    assert participant.organisation == partner
    entry = AuditEntry.objects.get(object_id=str(participant.pk), action=AuditAction.CREATE)
    assert entry.actor == world["rc"].user


def test_an_rc_cannot_choose_another_direction(world, login):
    response = login(world["rc"]).post(
        reverse("registries:technologies_create"),
        {"direction": direction(8).pk, "title": "Чужая технология", "status": "in_use",
         "registered_on": "2024-03-01"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "direction" in response.context["form"].errors


def test_errors_are_russian_and_next_to_the_field(world, login):
    response = login(world["rc"]).post(
        reverse("registries:acts_create"),
        {"level": "regional", "kind": "order", "number": "1-р", "adopted_on": "2024-01-10",
         "title": "О ресурсном центре", "status": "repealed", "registered_on": "2024-01-10"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["form"].errors["repealed_on"] == [
        "Укажите дату, с которой акт утратил силу."
    ]
    assert not LegalAct.objects.exists()


def test_the_owner_edits_and_the_history_tab_shows_the_change(world, login):
    act = records.act(world["owner"], direction_number=2, title="О ресурсных центрах")
    client = login(world["rc"])
    form = client.get(reverse("registries:acts_edit", args=[act.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        direction=direction(2).pk, status="repealed", repealed_on="2025-02-04",
        adopted_on="2024-02-13", registered_on=act.registered_on.isoformat(),
    )  # fmt: skip
    response = client.post(reverse("registries:acts_edit", args=[act.pk]), data)
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.status == ActStatus.REPEALED
    assert act.version == 2
    history = client.get(act.get_absolute_url(), {"tab": "history"}).content.decode()
    assert "утратил силу" in history
    assert world["rc"].user.get_full_name() in history


def test_a_concurrent_edit_is_refused_not_overwritten(world, login):
    act = records.act(world["owner"], direction_number=2, title="Первоначальное название")
    client = login(world["rc"])
    form = client.get(reverse("registries:acts_edit", args=[act.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(direction=direction(2).pk, adopted_on="2024-02-13",
                registered_on=act.registered_on.isoformat())  # fmt: skip
    LegalAct.objects.filter(pk=act.pk).update(title="Название коллеги", version=2)
    data["title"] = "Моё название"
    response = client.post(reverse("registries:acts_edit", args=[act.pk]), data)
    assert response.status_code == 400
    assert "сохранил другой пользователь" in response.content.decode()
    act.refresh_from_db()
    assert act.title == "Название коллеги"


def test_a_reader_has_no_buttons_and_gets_403_on_the_forms(world, login):
    act = records.act(world["owner"], direction_number=2)
    client = login(world["other_rc_2"])  # sees the direction's records, keeps its own
    card = client.get(act.get_absolute_url()).content.decode()
    assert reverse("registries:acts_edit", args=[act.pk]) not in card
    assert client.get(reverse("registries:acts_edit", args=[act.pk])).status_code == 403
    provider = login(world["provider"])
    listed = provider.get(reverse("registries:acts_list")).content.decode()
    assert reverse("registries:acts_create") not in listed
    assert "Записи появятся здесь" in listed
    assert provider.get(reverse("registries:acts_create")).status_code == 403


def test_the_department_keeps_a_record_for_an_rc(world, login):
    response = login(world["department"]).post(
        reverse("registries:articles_create"),
        {
            "owner": world["owner"].pk,
            "direction": direction(2).pk,
            "title": "Из опыта работы",
            "authors": "Петрова А. И.",
            "publication": "Сборник",
            "published_on": "2024-12-20",
            "registered_on": "2024-12-20",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.owner == world["owner"]
    # The RC keeps it from now on, as if it had added it itself.
    assert (
        login(world["rc"]).get(reverse("registries:articles_edit", args=[article.pk])).status_code
        == 200
    )


def test_the_owner_attaches_a_file_on_the_files_tab(world, login):
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile

    from resurs.kernel.attachments.models import Attachment

    act = records.act(world["owner"], direction_number=2)
    client = login(world["rc"])
    tab = client.get(act.get_absolute_url(), {"tab": "files"}).content.decode()
    assert "Прикрепить" in tab
    content_type = ContentType.objects.get_for_model(act)
    client.post(
        reverse("attachments:upload", args=[content_type.pk, act.pk]),
        {"file": SimpleUploadedFile("act.pdf", b"%PDF-1.4\n%%EOF\n"), "title": "Текст приказа"},
    )
    assert Attachment.objects.of(act).get().title == "Текст приказа"
    reader = login(world["other_rc_2"]).get(act.get_absolute_url(), {"tab": "files"})
    assert "Текст приказа" in reader.content.decode()
    assert "Прикрепить" not in reader.content.decode()


def test_the_home_page_asks_an_rc_to_fill_its_registry_of_participants(world, login):
    home = login(world["rc"]).get(reverse("home")).content.decode()
    assert "Реестр участников направления не заполнен" in home
    records.participant(world["owner"])
    assert (
        "Реестр участников направления не заполнен"
        not in login(world["rc"]).get(reverse("home")).content.decode()
    )
    assert "Реестр участников" not in login(world["provider"]).get(reverse("home")).content.decode()
