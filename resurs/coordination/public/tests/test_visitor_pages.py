"""EVT-5: the visitor's side — pages without login and without JavaScript."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from resurs.coordination.public import services
from resurs.coordination.public.models import Audience
from resurs.coordination.public.tests.conftest import PDF, PNG, ask, make_page, rc_member
from resurs.kernel.attachments.services import attachment_add
from resurs.kernel.organisations.models import LocalDocumentKind
from resurs.kernel.organisations.services import local_document_add_version, local_document_create

pytestmark = pytest.mark.django_db


def test_page_renders_without_login_and_without_any_script(client, page):
    response = client.get(f"/centres/{page.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ресурсный центр координирует поставщиков" in body
    assert "<script" not in body  # nothing needs JavaScript: there is none
    assert 'lang="ru"' in body
    assert body.count("<h1") == 1
    for heading in ("О ресурсном центре", "Документы", "Нормативная база", "Ближайшие мероприятия",
                    "Родителям", "Специалистам", "Вопросы и ответы"):  # fmt: skip
        assert re.search(rf"<h2[^>]*>{heading}", body), heading
    # The staff menu is not there; the visitor's own header is.
    assert "Основная навигация" not in body
    assert "vendor/bootstrap/bootstrap.min.css" in body


def test_direction_comes_from_the_status_in_force(client, page):
    from django.utils.html import escape

    from tests.factories import direction

    body = client.get(page.get_absolute_url()).content.decode()
    assert escape(direction(2).name) in body
    assert "приказ Департамента № 1-р от 10.01.2024" in body


def test_unpublished_page_is_404_for_visitors(client, db):
    hidden = make_page(published=False, slug="chernovik")
    assert client.get("/centres/chernovik/").status_code == 404
    assert client.get("/centres/chernovik/question/").status_code == 404
    assert hidden.slug not in client.get("/centres/").content.decode()


def test_unpublished_page_is_a_preview_for_its_keepers(login, db):
    hidden = make_page(published=False, slug="chernovik")
    response = login(rc_member(hidden)).get("/centres/chernovik/")
    assert response.status_code == 200
    assert "Предпросмотр: страница не опубликована" in response.content.decode()


def test_index_lists_published_pages_only(client, page, db):
    make_page(published=False, slug="skrytaya")
    body = client.get("/centres/").content.decode()
    assert page.get_absolute_url() in body
    assert "/centres/skrytaya/" not in body
    assert "<script" not in body


def test_index_query_count_does_not_grow(client, db, django_assert_max_num_queries):
    from resurs.coordination.public.tests.conftest import OrganisationFactory, rc_status

    def add(n):
        for i in range(n):
            organisation = OrganisationFactory()
            rc_status(organisation, number=2)
            make_page(organisation, slug=f"centr-{organisation.pk}-{i}")

    add(2)
    with django_assert_max_num_queries(4) as small:
        client.get("/centres/")
    add(20)
    with django_assert_max_num_queries(4) as large:
        client.get("/centres/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_page_query_count_does_not_grow_with_content(client, page, django_assert_max_num_queries):
    keeper = rc_member(page)

    def fill(n):
        for i in range(n):
            material = services.material_create(
                by=None, page=page, audience=Audience.PARENTS, title=f"Памятка {i}"
            )
            attachment_add(by=keeper, parent=material, file=SimpleUploadedFile(f"m{i}.pdf", PDF))
            question = ask(page, may_publish=True, address=f"198.51.100.{i}")
            services.question_answer(by=None, question=question, answer="Ответ")
            services.question_publish(by=None, question=question)

    fill(1)
    with django_assert_max_num_queries(20) as small:
        client.get(page.get_absolute_url())
    fill(4)
    with django_assert_max_num_queries(20) as large:
        client.get(page.get_absolute_url())
    assert len(large.captured_queries) == len(small.captured_queries)


def _document(page, name="polozhenie.pdf"):
    return local_document_create(
        by=rc_member(page),
        organisation=page.organisation,
        kind=LocalDocumentKind.REGULATION,
        title="Положение о ресурсном центре",
        approved_on=date(2022, 2, 9),
        file=SimpleUploadedFile(name, PDF),
    )


def test_documents_show_the_latest_version_and_download_publicly(client, page):
    document = _document(page)
    local_document_add_version(
        by=rc_member(page),
        document=document,
        approved_on=date(2023, 1, 10),
        file=SimpleUploadedFile("polozhenie-2023.pdf", PDF),
    )
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Положение о ресурсном центре" in body
    assert "редакция 2 от 10.01.2023" in body
    response = client.get(reverse("public:document_file", args=[page.slug, document.pk]))
    assert response.status_code == 200
    assert "polozhenie-2023.pdf" in response["Content-Disposition"]


def test_documents_of_an_unpublished_page_are_not_downloadable(client, db):
    hidden = make_page(published=False, slug="chernovik")
    document = _document(hidden)
    url = reverse("public:document_file", args=[hidden.slug, document.pk])
    assert client.get(url).status_code == 404


def test_another_centres_document_is_not_served_through_a_page(client, page, other_page):
    foreign = _document(other_page)
    url = reverse("public:document_file", args=[page.slug, foreign.pk])
    assert client.get(url).status_code == 404


def test_material_files_download_only_when_public_and_published(client, page):
    keeper = rc_member(page)
    shown = services.material_create(
        by=None, page=page, audience=Audience.SPECIALISTS, title="Методические рекомендации"
    )
    hidden = services.material_create(
        by=None, page=page, audience=Audience.PARENTS, title="Черновик памятки", is_public=False
    )
    shown_file = attachment_add(by=keeper, parent=shown, file=SimpleUploadedFile("rek.pdf", PDF))
    hidden_file = attachment_add(by=keeper, parent=hidden, file=SimpleUploadedFile("ch.pdf", PDF))
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Методические рекомендации" in body
    assert "Черновик памятки" not in body
    assert (
        client.get(reverse("public:material_file", args=[page.slug, shown_file.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("public:material_file", args=[page.slug, hidden_file.pk])).status_code
        == 404
    )
    # The staff-side download of the same file needs a login.
    assert client.get(reverse("attachments:download", args=[shown_file.pk])).status_code == 302
    services.page_update(by=None, page=page, expected_version=None, is_published=False)
    assert (
        client.get(reverse("public:material_file", args=[page.slug, shown_file.pk])).status_code
        == 404
    )


def test_logo_is_served_as_an_image_of_a_published_page(client, page):
    services.page_update(
        by=None, page=page, expected_version=None, logo=SimpleUploadedFile("logo.png", PNG)
    )
    response = client.get(reverse("public:logo", args=[page.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert (
        'alt="Символика ресурсного центра"' in client.get(page.get_absolute_url()).content.decode()
    )


def test_other_apps_sections_show_their_public_records(client, page):
    from resurs.coordination.events.models import Event, EventFormat, EventKind, EventState

    start = timezone.now() + timedelta(days=7)
    Event.objects.create(
        organiser=page.organisation,
        direction=page.organisation.directions.first(),
        kind=EventKind.choices[0][0],
        topic="Семинар для специалистов по социальной адаптации",
        format=EventFormat.IN_PERSON,
        place="г. Сургут",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        is_public=True,
        state=EventState.PLANNED,
    )
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Семинар для специалистов по социальной адаптации" in body


def test_normative_base_shows_the_centres_public_acts_only(client, page):
    from resurs.coordination.registries.models import ActKind, ActLevel, LegalAct

    common = {"owner": page.organisation, "level": ActLevel.FEDERAL, "kind": ActKind.LAW,
              "adopted_on": date(2013, 12, 28)}  # fmt: skip
    LegalAct.objects.create(
        **common, number="442-ФЗ", is_public=True,
        title="Об основах социального обслуживания граждан в Российской Федерации",
    )  # fmt: skip
    LegalAct.objects.create(**common, number="1-вн", title="Внутренний акт", is_public=False)
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Об основах социального обслуживания граждан" in body
    assert "Внутренний акт" not in body


def test_index_lists_current_centres_and_marks_a_former_one_apart(client, page, db):
    from resurs.kernel.organisations.services import rc_status_repeal
    from tests.factories import OrganisationFactory, rc_status

    former = OrganisationFactory(name="БУ «Бывший ресурсный центр»")
    status = rc_status(former, number=8, valid_from=date(2020, 2, 20), order_date=date(2020, 2, 20))
    rc_status_repeal(by=None, status=status, order_number="135-р", order_date=date(2022, 2, 4))
    make_page(former, slug="byvshiy")
    body = client.get("/centres/").content.decode()
    current_part, former_part = body.split("Бывшие ресурсные центры")
    assert page.get_absolute_url() in current_part
    assert "/centres/byvshiy/" not in current_part
    assert "/centres/byvshiy/" in former_part
    assert "бывший ресурсный центр" in former_part


def test_page_names_the_rc_head_from_the_current_appointment_on_the_card(login, client, page):
    from resurs.kernel.organisations.models import AppointmentKind
    from tests.factories import appointment

    appointment(
        page.organisation, kind=AppointmentKind.RC_HEAD, person_name="Лебедева Ольга Сергеевна"
    )
    appointment(
        page.organisation,
        kind=AppointmentKind.RC_HEAD,
        person_name="Прежняя Руководительница",
        valid_from=date(2020, 1, 1),
        valid_to=date(2021, 1, 1),
    )
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Руководитель ресурсного центра" in body
    assert "Лебедева Ольга Сергеевна" in body
    assert "Прежняя Руководительница" not in body
    card_url = f"{page.organisation.get_absolute_url()}?tab=appointments"
    card = login(rc_member(page)).get(card_url).content.decode()
    assert "Лебедева Ольга Сергеевна" in card


def test_contacts_show_address_phone_and_email_of_the_directory_record(client, page):
    organisation = page.organisation
    organisation.address = "г. Сургут, ул. Энергетиков, д. 4"
    organisation.phone = "+7 3462 00-00-01"
    organisation.email = "rc@example.org"
    organisation.save()
    body = client.get(page.get_absolute_url()).content.decode()
    contacts = body.split("Контакты", 1)[1]
    assert "г. Сургут, ул. Энергетиков, д. 4" in contacts
    assert "+7 3462 00-00-01" in contacts
    assert "mailto:rc@example.org" in contacts
