"""EVT-5: the staff pages of the public section — the page, its logo and its materials."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resurs.coordination.public.models import PublicMaterial, PublicPage
from resurs.coordination.public.slugs import transliterate
from resurs.coordination.public.tests.conftest import PDF, PNG, make_page, rc_member
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditEntry
from tests.factories import OrganisationFactory, direction, member, rc_status

pytestmark = pytest.mark.django_db


def test_transliteration_gives_a_readable_latin_address():
    assert transliterate("Сургутский центр адаптации") == "surgutskiy-tsentr-adaptatsii"
    assert transliterate("Ранняя помощь: 0–3 года") == "rannyaya-pomoshch-0-3-goda"
    assert len(transliterate("очень длинное название " * 20)) <= 80


def test_an_rc_without_a_page_is_sent_to_create_it_with_a_proposed_address(login):
    organisation = OrganisationFactory(name="БУ «Сургутский районный центр»", short_name="")
    rc_status(organisation, number=2)
    keeper = member(Role.RESOURCE_CENTRE, organisation=organisation, direction=direction(2))
    client = login(keeper)
    response = client.get(reverse("public:manage"))
    assert response.status_code == 302
    create_url = reverse("public:page_create", args=[organisation.pk])
    assert response["Location"] == create_url
    form = client.get(create_url).content.decode()
    assert 'value="bu-surgutskiy-rayonnyy-tsentr"' in form
    response = client.post(
        create_url,
        {"slug": "surgutskiy-tsentr", "about": "О центре", "contacts": "", "is_published": "on"},
    )
    page = PublicPage.objects.get()
    assert response["Location"] == page.get_manage_url()
    assert page.is_published
    assert client.get(reverse("public:manage"))["Location"] == page.get_manage_url()


def test_a_page_is_not_published_empty(login):
    organisation = OrganisationFactory()
    rc_status(organisation, number=2)
    keeper = member(Role.RESOURCE_CENTRE, organisation=organisation, direction=direction(2))
    response = login(keeper).post(
        reverse("public:page_create", args=[organisation.pk]),
        {"slug": "pustaya", "about": "", "is_published": "on"},
    )
    assert response.status_code == 400
    assert "заполните раздел «О ресурсном центре»" in response.content.decode()
    assert not PublicPage.objects.exists()


def test_only_institutions_with_rc_status_get_a_page(login):
    plain = OrganisationFactory()
    response = login(member(Role.DEPARTMENT)).get(reverse("public:page_create", args=[plain.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Сургут", "латинские строчные буквы"),
        ("manage", "занят служебной страницей"),
        ("nizhnevartovsk", "уже занят страницей другого центра"),
    ],
)
def test_the_address_is_checked(login, page, other_page, slug, message):
    response = login(rc_member(page)).post(
        reverse("public:page_edit", args=[page.pk]),
        {"slug": slug, "about": page.about, "contacts": "", "version": page.version},
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_editing_the_page_is_audited_and_changes_the_public_page(login, client, page):
    keeper = rc_member(page)
    login(keeper).post(
        reverse("public:page_edit", args=[page.pk]),
        {
            "slug": "novyy-adres",
            "about": "Новый текст о центре",
            "contacts": "8 (3462) 00-00-00",
            "is_published": "on",
            "version": page.version,
        },
    )
    assert "Новый текст о центре" in client.get("/centres/novyy-adres/").content.decode()
    assert client.get(f"/centres/{page.slug}/").status_code == 404
    entry = AuditEntry.objects.for_object(page).latest("id")
    assert entry.actor_id == keeper.user_id
    assert "about" in entry.changes


def test_a_stale_edit_is_refused(login, page):
    client = login(rc_member(page))
    data = {"slug": page.slug, "about": "Первая правка", "is_published": "on"}
    client.post(reverse("public:page_edit", args=[page.pk]), {**data, "version": page.version})
    response = client.post(
        reverse("public:page_edit", args=[page.pk]),
        {**data, "about": "Вторая правка", "version": page.version},
    )
    assert response.status_code == 400
    assert "сохранил другой пользователь" in response.content.decode()
    assert PublicPage.objects.get().about == "Первая правка"


def test_the_logo_must_be_a_genuine_image(login, page):
    client = login(rc_member(page))
    data = {"slug": page.slug, "about": page.about, "is_published": "on", "version": page.version}
    pdf = client.post(
        reverse("public:page_edit", args=[page.pk]),
        {**data, "logo": SimpleUploadedFile("logo.pdf", PDF)},
    )
    assert pdf.status_code == 400
    assert "Логотип — изображение PNG или JPEG" in pdf.content.decode()
    fake = client.post(
        reverse("public:page_edit", args=[page.pk]),
        {**data, "logo": SimpleUploadedFile("logo.png", PDF)},
    )
    assert "Содержимое файла не соответствует расширению PNG" in fake.content.decode()
    good = client.post(
        reverse("public:page_edit", args=[page.pk]),
        {**data, "logo": SimpleUploadedFile("logo.png", PNG)},
    )
    assert good.status_code == 302
    assert PublicPage.objects.get().logo.name.endswith(".png")


def test_another_centre_cannot_open_or_edit_the_page(login, page, other_page):
    outsider = login(rc_member(other_page, number=8))
    assert outsider.get(page.get_manage_url()).status_code == 404
    assert outsider.get(reverse("public:page_edit", args=[page.pk])).status_code == 404
    assert outsider.get(reverse("public:material_create", args=[page.pk])).status_code == 404
    assert login(member(Role.PROVIDER)).get(reverse("public:manage")).status_code == 403


def test_department_sees_every_centre_and_their_page_state(login, page):
    no_page = OrganisationFactory(name="БУ «Центр без страницы»")
    rc_status(no_page, number=5)
    body = login(member(Role.DEPARTMENT)).get(reverse("public:manage")).content.decode()
    assert f"/centres/{page.slug}/" in body
    assert "БУ «Центр без страницы»" in body
    assert reverse("public:page_create", args=[no_page.pk]) in body


def test_materials_crud_with_files(login, client, page):
    keeper = rc_member(page)
    staff = login(keeper)
    response = staff.post(
        reverse("public:material_create", args=[page.pk]),
        {"audience": "parents", "title": "Школа ответственного родительства",
         "text": "Рекомендации", "link": "", "is_public": "on"},
    )  # fmt: skip
    material = PublicMaterial.objects.get()
    assert response["Location"] == material.get_absolute_url()
    edit_page = staff.get(material.get_absolute_url()).content.decode()
    assert "Прикрепить" in edit_page  # the attachments block with its upload form
    staff.post(
        reverse("attachments:upload", args=[_content_type_id(), material.pk]),
        {"file": SimpleUploadedFile("pamyatka.pdf", PDF), "title": "Памятка"},
    )
    body = client.get(page.get_absolute_url()).content.decode()
    assert "Школа ответственного родительства" in body
    assert "Памятка" in body
    staff.post(
        material.get_absolute_url(),
        {
            "audience": "parents",
            "title": "Школа ответственного родительства",
            "text": "",
            "link": "",
            "version": material.version,
        },
    )  # fmt: skip — unchecked «показывать на странице» hides it
    assert (
        "Школа ответственного родительства"
        not in client.get(page.get_absolute_url()).content.decode()
    )
    staff.post(reverse("public:material_delete", args=[material.pk]))
    assert not PublicMaterial.objects.exists()
    from resurs.kernel.attachments.models import Attachment

    assert not Attachment.objects.exists()


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(PublicMaterial).pk


def test_materials_tab_lists_them_for_the_keeper(login, page):
    from resurs.coordination.public import services

    services.material_create(by=None, page=page, audience="specialists", title="Рекомендации")
    body = login(rc_member(page)).get(page.get_manage_url(), {"tab": "materials"}).content.decode()
    assert "Рекомендации" in body
    assert "Специалистам" in body


def test_page_card_shows_kpi_6_1(login, page):
    body = login(rc_member(page)).get(page.get_manage_url()).content.decode()
    assert "Показатель 6.1" in body
    assert "открытый раздел опубликован" in body


def test_unpublished_card_tells_what_to_do(login, db):
    hidden = make_page(published=False, slug="chernovik")
    body = login(rc_member(hidden)).get(hidden.get_manage_url()).content.decode()
    assert "открытый раздел не опубликован" in body
