"""Pages of the data bank: lists with filters and a POSTed search, cards logged in the access
log, forms with the duplicate rule, the export refused without consent, the head's
duplicates queue, the access log, and the region-wide roles' reasoned access and counts."""

import datetime

import pytest
from django.urls import reverse

from resurs.casework.citizens import record_services
from resurs.casework.citizens.models import (
    AccessLogEntry,
    ConsentPurpose,
    DuplicateLink,
    Person,
    Signatory,
)
from resurs.casework.citizens.tests.conftest import VALID_SNILS
from resurs.casework.conftest import make_person
from resurs.kernel.documents import XLSX_CONTENT_TYPE

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def test_persons_list_with_filters_and_a_fixed_number_of_queries(
    casework, login, django_assert_max_num_queries
):
    for n in range(5):
        make_person(casework.a.support, casework.a.districts[0], first_name=f"Имя{n}")
    client = login(casework.specialist)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("citizens:persons"))
    assert response.status_code == 200
    assert "Смирнова Ольга Ивановна" in body(response)
    with django_assert_max_num_queries(14):
        client.get(reverse("citizens:persons"), {"older": "on"})
    filtered = client.get(reverse("citizens:persons"), {"district": casework.a.districts[1].pk})
    assert "Смирнова" not in body(filtered)
    assert "Ничего не найдено" in body(filtered)


def test_the_search_is_posted_never_in_the_url(casework, login):
    client = login(casework.specialist)
    page = body(client.get(reverse("citizens:persons")))
    assert '<form method="post" action="/citizens/"' in page
    found = client.post(reverse("citizens:persons"), {"q": "смир"})
    assert "Смирнова Ольга Ивановна" in body(found)
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    by_snils = client.post(reverse("citizens:persons"), {"q": "112-233-445 95"})
    assert "Смирнова Ольга Ивановна" in body(by_snils)
    outsider = login(casework.specialist2).post(reverse("citizens:persons"), {"q": "смир"})
    assert "Смирнова" not in body(outsider)


def test_empty_list_says_what_to_do(casework, login):
    page = body(login(casework.other_specialist).get(reverse("citizens:persons")))
    assert "Внести гражданина" in page


def test_the_card_shows_everything_and_is_logged(casework, login, records):
    client = login(casework.head)
    response = client.get(casework.person.get_absolute_url())
    page = body(response)
    assert response.status_code == 200
    assert "Семья Смирновых" in page
    assert "Редакция 1" in page
    assert "ЛД-1" in page
    assert "действует" in page
    entry = AccessLogEntry.objects.get(person=casework.person)
    assert entry.role == "Заведующий отделением"
    assert entry.record_label == f"Гражданин № {casework.person.pk}"
    client.get(casework.family.get_absolute_url())
    assert AccessLogEntry.objects.filter(family=casework.family).count() == 1


def test_creating_a_person_offers_likely_duplicates_then_saves(casework, login):
    client = login(casework.specialist)
    data = {
        "unit": casework.a.support.pk,
        "district": casework.a.districts[0].pk,
        "last_name": "СМИРНОВА",
        "first_name": "Ольга",
        "patronymic": "Ивановна",
        "sex": "female",
        "birth_date": "1988-03-14",
        "snils": "",
    }
    asked = client.post(reverse("citizens:person_create"), data)
    assert asked.status_code == 400
    assert "Похожие карточки" in body(asked)
    assert casework.person.get_absolute_url() in body(asked)
    saved = client.post(reverse("citizens:person_create"), {**data, "confirm_not_duplicate": "on"})
    assert saved.status_code == 302
    assert Person.all_records.filter(name_key=casework.person.name_key).count() == 2


def test_a_snils_typed_as_on_the_card_is_kept_as_digits(casework, login):
    client = login(casework.specialist)
    data = {
        "unit": casework.a.support.pk,
        "district": casework.a.districts[0].pk,
        "last_name": "Гаврилова",
        "first_name": "Нина",
        "sex": "female",
        "birth_date": "1979-05-02",
        "snils": "112-233-445 95",
    }
    assert client.post(reverse("citizens:person_create"), data).status_code == 302
    assert Person.all_records.get(last_name="Гаврилова").snils == VALID_SNILS
    wrong = client.post(
        reverse("citizens:person_create"),
        {**data, "last_name": "Орлова", "snils": "112-233-445 96"},
    )
    assert wrong.status_code == 400 and "контрольного числа" in body(wrong)


def test_a_snils_typed_as_printed_fits_the_field_and_is_stored_as_digits(casework, login):
    client = login(casework.specialist)
    form = body(client.get(reverse("citizens:person_create")))
    # The browser cuts a typed value at maxlength: the check number must not be cut off.
    assert 'maxlength="11"' not in form
    assert 'maxlength="20"' in form
    saved = client.post(
        reverse("citizens:person_create"),
        {
            "unit": casework.a.support.pk,
            "last_name": "Иванов",
            "first_name": "Иван",
            "sex": "male",
            "birth_date": "1970-01-01",
            "snils": "112-233-445 95",
        },
    )
    assert saved.status_code == 302
    assert Person.all_records.get(last_name="Иванов").snils == VALID_SNILS


def test_a_known_snils_of_another_institution_is_named_not_shown(casework, login):
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    client = login(casework.other_specialist)
    refused = client.post(
        reverse("citizens:person_create"),
        {
            "unit": casework.b.support.pk,
            "last_name": "Иванов",
            "first_name": "Иван",
            "sex": "male",
            "birth_date": "1970-01-01",
            "snils": VALID_SNILS,
        },
    )
    page = body(refused)
    assert "уже зарегистрирован в КЦСОН А" in page
    assert casework.person.get_absolute_url() not in page
    assert "Смирнова" not in page


def test_export_refused_without_consent_then_xlsx(casework, login):
    client = login(casework.specialist)
    url = reverse("citizens:person_export", args=[casework.person.pk])
    refused = client.post(url, follow=True)
    assert "Нет действующего согласия" in body(refused)
    record_services.consent_record(
        by=casework.specialist,
        person=casework.person,
        purpose=ConsentPurpose.EXCHANGE,
        signatory=Signatory.SELF,
        document="Согласие б/н",
        signed_on=datetime.date(2025, 1, 1),
    )
    response = client.post(url)
    assert response["Content-Type"] == XLSX_CONTENT_TYPE


def test_consent_register_on_the_card(casework, login):
    client = login(casework.specialist)
    response = client.post(
        reverse("citizens:consent_add", args=[casework.person.pk]),
        {
            "purpose": "exchange",
            "signatory": "representative",
            "representative_name": "",
            "document": "Согласие б/н",
            "signed_on": "2026-01-10",
        },
    )
    assert response.status_code == 400
    assert "Укажите законного представителя" in body(response)


def test_the_heads_duplicates_queue(casework, login):
    twin = make_person(casework.a.support, casework.a.districts[1])
    client = login(casework.head)
    page = body(client.get(reverse("citizens:duplicates")))
    assert f"№ {twin.pk}" in page
    client.post(
        reverse("citizens:duplicate_decide"),
        {"first": casework.person.pk, "second": twin.pk, "decision": "linked"},
    )
    link = DuplicateLink.objects.visible_to(casework.head).get()
    client.post(reverse("citizens:duplicate_undo", args=[link.pk]))
    link.refresh_from_db()
    assert link.undone_at is not None
    assert login(casework.specialist).get(reverse("citizens:duplicates")).status_code == 403


def test_region_wide_user_opens_the_card_only_with_a_reason(casework, login):
    Person.all_records.filter(pk=casework.person.pk).update(snils=VALID_SNILS)
    client = login(casework.department)
    url = casework.person.get_absolute_url()
    assert client.get(url).status_code == 404
    short = client.post(
        reverse("citizens:reasoned_access"), {"snils": VALID_SNILS, "reason": "надо"}
    )
    assert short.status_code == 400
    assert client.get(url).status_code == 404
    opened = client.post(
        reverse("citizens:reasoned_access"),
        {"snils": "112-233-445 95", "reason": "Обращение гражданина № 15-2026 в Департамент"},
    )
    assert opened.status_code == 302
    assert opened["Location"] == url
    assert client.get(url).status_code == 200
    entry = AccessLogEntry.objects.get(person=casework.person)
    assert entry.reason == "Обращение гражданина № 15-2026 в Департамент"
    log = body(login(casework.provider).get(reverse("citizens:access_log")))
    assert "Обращение гражданина № 15-2026 в Департамент" in log
    assert "table-warning" in log
    assert login(casework.methodical).get(url).status_code == 404


def test_access_log_filters_and_who_sees_it(casework, login):
    login(casework.specialist).get(casework.person.get_absolute_url())
    head = login(casework.head)
    assert "Специалист" in body(head.get(reverse("citizens:access_log")))
    filtered = head.get(reverse("citizens:access_log"), {"role": "Поставщик"})
    assert "Карточки ещё никто не открывал" in body(filtered) or "Ничего не найдено" in body(
        filtered
    )
    other = body(login(casework.other_provider).get(reverse("citizens:access_log")))
    assert f"Гражданин № {casework.person.pk}" not in other
    assert login(casework.specialist).get(reverse("citizens:access_log")).status_code == 403


def test_statistics_show_counts_only(casework, login):
    page = body(login(casework.department).get(reverse("citizens:statistics")))
    assert "КЦСОН А" in page
    assert "Смирнова" not in page
    assert login(casework.specialist).get(reverse("citizens:statistics")).status_code == 403


def _record_urls(casework, records):
    return {
        "карточка гражданина": casework.person.get_absolute_url(),
        "изменение гражданина": reverse("citizens:person_edit", args=[casework.person.pk]),
        "карточка семьи": casework.family.get_absolute_url(),
        "согласие": reverse("citizens:consent_withdraw", args=[records["consent"].pk]),
        "личное дело": reverse("citizens:personal_file_close", args=[records["personal_file"].pk]),
        "социальный паспорт": reverse("citizens:person_passport_new", args=[casework.person.pk]),
    }


def test_every_outsider_gets_404_and_insiders_see(casework, login, records):
    urls = _record_urls(casework, records)
    for label, membership in casework.outsiders.items():
        client = login(membership)
        for what, url in urls.items():
            assert client.get(url).status_code == 404, (label, what)
    for label, membership in casework.insiders.items():
        client = login(membership)
        assert client.get(urls["карточка гражданина"]).status_code == 200, label
        assert client.get(urls["карточка семьи"]).status_code == 200, label
        assert "ЛД-1" in body(client.get(urls["карточка гражданина"])), label
