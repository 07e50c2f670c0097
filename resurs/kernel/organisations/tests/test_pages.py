"""Directory pages (ORG-1..ORG-5) through the UI."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.organisations.models import (
    Appointment,
    LocalDocument,
    Organisation,
    RCStatusState,
)
from tests.factories import OrganisationFactory, appointment, member, rc_status, territory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_list_searches_case_insensitively_in_cyrillic(login):
    department = member(Role.DEPARTMENT)
    OrganisationFactory(name="БУ «Сургутский районный центр социальной адаптации»", short_name="")
    OrganisationFactory(name="БУ «Когалымский КЦСОН»", short_name="")
    response = login(department).get(reverse("organisations:list"), {"q": "СУРГУТСКИЙ"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Сургутский районный центр" in body
    assert "Когалымский" not in body


def test_list_htmx_request_returns_only_the_results_fragment(login):
    department = member(Role.DEPARTMENT)
    response = login(department).get(
        reverse("organisations:list"), headers={"HX-Request": "true", "HX-Target": "results"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "<html" not in body


def test_list_query_count_does_not_grow_with_rows(login, django_assert_max_num_queries):
    department = member(Role.DEPARTMENT)
    client = login(department)
    OrganisationFactory.create_batch(3)
    client.get(reverse("organisations:list"))  # warm the session and content types
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("organisations:list"))
    for organisation in OrganisationFactory.create_batch(60):
        organisation.directions.set([1, 2, 3])
    with django_assert_max_num_queries(8) as large:
        client.get(reverse("organisations:list"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_export_is_a_real_workbook_with_the_visible_rows(login):
    department = member(Role.DEPARTMENT)
    OrganisationFactory(name="БУ «Тестовый центр для выгрузки»", inn="")
    response = login(department).get(reverse("organisations:export"), {"q": "выгрузки"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Полное наименование"
    assert [r[0] for r in rows[1:]] == ["БУ «Тестовый центр для выгрузки»"]


def test_create_edit_and_the_history_tab(login):
    department = member(Role.DEPARTMENT)
    client = login(department)
    response = client.post(
        reverse("organisations:create"),
        {
            "name": "АНО «Новый поставщик»",
            "kind": "non_state_provider",
            "legal_form": "so_nko",
            "sector": "social",
            "territory": territory("Урай").pk,
            "directions": [3],
            "is_active": "on",
        },
    )
    organisation = Organisation.objects.get(name="АНО «Новый поставщик»")
    assert response.status_code == 302
    response = client.post(
        reverse("organisations:edit", args=[organisation.pk]),
        {
            "name": "АНО «Новый поставщик социальных услуг»",
            "kind": "non_state_provider",
            "legal_form": "so_nko",
            "sector": "social",
            "territory": territory("Урай").pk,
            "directions": [3, 6],
            "is_active": "on",
            "version": organisation.version,
        },
    )
    assert response.status_code == 302
    history = client.get(organisation.get_absolute_url(), {"tab": "history"}).content.decode()
    assert "АНО «Новый поставщик социальных услуг»" in history
    assert "изменение" in history and "создание" in history
    entries = AuditEntry.objects.filter(object_id=str(organisation.pk)).order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].actor == department.user
    assert entries[1].changes["name"] == [
        "АНО «Новый поставщик»",
        "АНО «Новый поставщик социальных услуг»",
    ]


def test_second_editor_is_told_and_nothing_is_overwritten(login):
    department = member(Role.DEPARTMENT)
    organisation = OrganisationFactory(name="Исходное наименование")
    stale_version = organisation.version
    form = {
        "kind": organisation.kind,
        "legal_form": organisation.legal_form,
        "sector": "social",
        "territory": organisation.territory_id,
        "is_active": "on",
        "version": stale_version,
    }
    first = login(department).post(
        reverse("organisations:edit", args=[organisation.pk]), {**form, "name": "Первый"}
    )
    second = login(member(Role.DEPARTMENT)).post(
        reverse("organisations:edit", args=[organisation.pk]), {**form, "name": "Второй"}
    )
    assert first.status_code == 302
    assert second.status_code == 400
    assert "сохранил другой пользователь" in second.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Первый"


def test_duplicate_inn_gets_a_russian_error_and_keeps_the_form(login):
    department = member(Role.DEPARTMENT)
    existing = OrganisationFactory()
    response = login(department).post(
        reverse("organisations:create"),
        {
            "name": "Двойник",
            "kind": "state_institution",
            "legal_form": "budget",
            "sector": "social",
            "territory": existing.territory_id,
            "inn": existing.inn,
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f"ИНН {existing.inn} уже есть" in body
    assert 'value="Двойник"' in body
    assert not Organisation.objects.filter(name="Двойник").exists()


def test_provider_cannot_open_the_create_form(login):
    provider = member(Role.PROVIDER)
    assert login(provider).get(reverse("organisations:create")).status_code == 403


def test_rc_status_assign_repeal_and_the_history(login):
    department = member(Role.DEPARTMENT)
    centre = OrganisationFactory()
    client = login(department)
    response = client.post(
        reverse("organisations:rc_status_assign", args=[centre.pk]),
        {
            "direction": 8,
            "order_number": "177-р",
            "order_date": "2020-02-20",
            "valid_from": "2020-02-20",
            "order_file": SimpleUploadedFile("prikaz.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    status = centre.rc_statuses.get()
    response = client.post(
        reverse("organisations:rc_status_repeal", args=[status.pk]),
        {"order_number": "135-р", "order_date": "2022-02-04"},
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.state == RCStatusState.REPEALED
    page = client.get(centre.get_absolute_url(), {"tab": "statuses"}).content.decode()
    assert "177-р" in page and "135-р" in page and "отменён" in page
    download = client.get(reverse("organisations:rc_status_file", args=[status.pk]))
    assert b"".join(download.streaming_content) == PDF


def test_upload_of_a_disguised_file_is_refused_in_russian(login):
    department = member(Role.DEPARTMENT)
    centre = OrganisationFactory()
    response = login(department).post(
        reverse("organisations:rc_status_assign", args=[centre.pk]),
        {
            "direction": 2,
            "order_number": "1-р",
            "order_date": "2024-01-01",
            "valid_from": "2024-01-01",
            "order_file": SimpleUploadedFile("prikaz.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 400
    assert "не является" in response.content.decode() or "PDF" in response.content.decode()
    assert not centre.rc_statuses.exists()


def test_oversized_upload_is_refused(login, settings):
    settings.UPLOAD_MAX_MEGABYTES = 1
    department = member(Role.DEPARTMENT)
    centre = OrganisationFactory()
    big = PDF + b"0" * (1024 * 1024 + 1)
    response = login(department).post(
        reverse("organisations:rc_status_assign", args=[centre.pk]),
        {
            "direction": 2,
            "order_number": "1-р",
            "order_date": "2024-01-01",
            "valid_from": "2024-01-01",
            "order_file": SimpleUploadedFile("prikaz.pdf", big, "application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "1 МБ" in response.content.decode()
    assert not centre.rc_statuses.exists()


def test_organisation_appoints_its_responsible_and_keeps_a_document(login):
    provider = member(Role.PROVIDER)
    organisation = provider.organisation
    client = login(provider)
    response = client.post(
        reverse("organisations:appointment_create", args=[organisation.pk]),
        {
            "kind": "interaction",
            "person_name": "Смирнова Ольга Ивановна",
            "order_number": "12",
            "order_date": "2025-01-15",
            "valid_from": "2025-01-15",
        },
    )
    assert response.status_code == 302
    assert Appointment.objects.filter(organisation=organisation).count() == 1
    response = client.post(
        reverse("organisations:document_create", args=[organisation.pk]),
        {
            "kind": "regulation",
            "title": "Положение о ресурсном центре",
            "approved_on": "2025-01-20",
            "file": SimpleUploadedFile("polozhenie.pdf", PDF),
        },
    )
    assert response.status_code == 302
    document = LocalDocument.objects.get(organisation=organisation)
    response = client.post(
        reverse("organisations:document_version_add", args=[document.pk]),
        {
            "approved_on": "2026-01-20",
            "note": "Новая редакция",
            "file": SimpleUploadedFile("v2.pdf", PDF),
        },
    )
    assert response.status_code == 302
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    tab = client.get(organisation.get_absolute_url(), {"tab": "documents"}).content.decode()
    assert "Редакция 2" in tab and "Редакция 1" in tab


def test_card_tabs_render_for_every_tab(login):
    department = member(Role.DEPARTMENT)
    centre = OrganisationFactory()
    rc_status(centre)
    appointment(centre)
    client = login(department)
    for tab in ("details", "statuses", "appointments", "documents", "history"):
        response = client.get(centre.get_absolute_url(), {"tab": tab})
        assert response.status_code == 200, tab
    fragment = client.get(
        centre.get_absolute_url(),
        {"tab": "appointments"},
        headers={"HX-Request": "true", "HX-Target": "card-tab"},
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="card-tab"')
    assert "Петров Пётр Петрович" in fragment


def test_nine_digit_inn_gets_one_clear_message(login):
    department = member(Role.DEPARTMENT)
    existing = OrganisationFactory()
    response = login(department).post(
        reverse("organisations:create"),
        {
            "name": "Девять цифр",
            "kind": "state_institution",
            "legal_form": "budget",
            "sector": "social",
            "territory": existing.territory_id,
            "inn": "860100000",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["inn"] == [
        "ИНН должен состоять из 10 (организация) или 12 (ИП, физическое лицо) цифр "
        "с верной контрольной суммой."
    ]
    body = response.content.decode()
    assert "ИНН организации — 10 цифр" not in body


def test_a_valid_twelve_digit_inn_of_an_institution_still_names_the_length():
    organisation = OrganisationFactory.build(inn="500100732259", legal_form="budget")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean(exclude=["territory"])
    assert error.value.message_dict["inn"] == ["ИНН организации — 10 цифр."]
