"""SOC-11: the catalogue of social services — its writes (kept by the Department and the
administrator, versioned, audited, a tariff never rewritten), its pages and the shipped list."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from resurs.casework.socialservices import services, shipped
from resurs.casework.socialservices.models import (
    Service,
    ServiceFact,
    ServiceForm,
    ServiceKind,
    Tariff,
)
from resurs.kernel.audit.models import AuditAction, AuditEntry
from resurs.kernel.writes.errors import DomainError, StaleVersion

pytestmark = pytest.mark.django_db
D = datetime.date


def make_service(by=None, code="СР-01", **extra):
    values = {
        "code": code,
        "name": "Обеспечение бесплатным горячим питанием или наборами продуктов",
        "kind": ServiceKind.URGENT,
        "form": ServiceForm.URGENT,
    }
    values.update(extra)
    return services.service_create(by=by, **values)


# --- the writes ------------------------------------------------------------------------------


def test_the_department_adds_a_service_with_its_first_tariff_and_the_trail_keeps_it(casework):
    service = make_service(
        casework.department,
        code=" пр-01 ",
        kind=ServiceKind.ADDITIONAL,
        form=ServiceForm.ADDITIONAL,
        is_paid=True,
        tariff_from=D(2025, 1, 1),
        tariff_price=Decimal("35.55"),
    )
    assert service.code == "ПР-01"
    assert [(t.valid_from, t.price) for t in service.tariffs.all()] == [
        (D(2025, 1, 1), Decimal("35.55"))
    ]
    created = AuditEntry.objects.for_object(service).get()
    assert created.action == AuditAction.CREATE and created.actor_role == "Департамент"


@pytest.mark.parametrize("who", ["specialist", "head", "provider", "uszn", "methodical", "rc"])
def test_only_the_department_and_the_administrator_keep_the_catalogue(casework, who):
    with pytest.raises(PermissionDenied):
        make_service(getattr(casework, who))
    service = make_service(casework.administrator)
    with pytest.raises(PermissionDenied):
        services.service_update(
            by=getattr(casework, who), service=service, expected_version=1, name="Другое"
        )
    with pytest.raises(PermissionDenied):
        services.tariff_set(
            by=getattr(casework, who), service=service, valid_from=D(2025, 1, 1), price=1
        )


def test_a_code_is_unique_whatever_its_case(casework):
    make_service(casework.department)
    with pytest.raises(DomainError, match="уже есть в перечне"):
        make_service(casework.department, code="ср-01")


def test_an_edit_bumps_the_version_and_a_second_editor_is_told(casework):
    service = make_service(casework.department)
    first = Service.objects.get(pk=service.pk)
    second = Service.objects.get(pk=service.pk)
    services.service_update(
        by=casework.department, service=first, expected_version=1, measure_unit="набор"
    )
    assert Service.objects.get(pk=service.pk).version == 2
    with pytest.raises(StaleVersion, match="другой пользователь"):
        services.service_update(
            by=casework.administrator, service=second, expected_version=1, measure_unit="обед"
        )
    assert Service.objects.get(pk=service.pk).measure_unit == "набор"
    update = AuditEntry.objects.for_object(service).filter(action=AuditAction.UPDATE).get()
    assert "набор" in str(update.changes)


def test_a_tariff_is_a_new_row_and_a_fact_keeps_the_price_of_its_day(casework):
    service = make_service(casework.department, is_paid=True)
    today = timezone.localdate()
    services.tariff_set(
        by=casework.department, service=service, valid_from=today.replace(day=1), price="100"
    )
    with pytest.raises(DomainError, match="не переписывается"):
        services.tariff_set(
            by=casework.department, service=service, valid_from=today.replace(day=1), price=90
        )
    fact = services.fact_record(
        by=casework.specialist,
        unit=casework.a.support,
        service=service,
        provided_on=today,
        person=casework.person,
    )
    services.tariff_set(
        by=casework.department, service=service, valid_from=today, price=Decimal("120")
    )
    fact.refresh_from_db()
    assert fact.price == Decimal("100")
    assert sorted(Tariff.objects.filter(service=service).values_list("price", flat=True)) == [
        Decimal("100.00"),
        Decimal("120.00"),
    ]


@pytest.mark.parametrize(
    ("price", "message"),
    [("-1", "отрицательным"), ("1,234", "двух знаков"), ("абв", "не сумма")],
)
def test_a_tariff_that_is_not_a_price_is_refused(casework, price, message):
    service = make_service(casework.department)
    with pytest.raises(DomainError, match=message):
        services.tariff_set(
            by=casework.department, service=service, valid_from=D(2025, 1, 1), price=price
        )


def test_the_code_of_a_service_with_facts_stays(casework):
    service = make_service(casework.department)
    services.fact_record(
        by=casework.specialist,
        unit=casework.a.support,
        service=service,
        provided_on=timezone.localdate(),
        person=casework.person,
    )
    with pytest.raises(DomainError, match="код не меняется"):
        services.service_update(
            by=casework.department, service=service, expected_version=1, code="СР-99"
        )
    assert ServiceFact.all_records.get().service_code == "СР-01"


# --- the pages -------------------------------------------------------------------------------


def test_everyone_who_works_with_citizens_reads_the_list_a_resource_centre_does_not(
    casework, login
):
    make_service(casework.department)
    url = reverse("socialservices:catalogue")
    for who in ("specialist", "head", "provider", "uszn", "department", "administrator"):
        page = login(getattr(casework, who)).get(url)
        assert page.status_code == 200, who
        assert "СР-01" in page.content.decode()
    assert login(casework.rc).get(url).status_code == 403


def test_the_list_searches_and_filters_and_pages(casework, login):
    make_service(casework.department)
    make_service(
        casework.department,
        code="ПР-01",
        name="Прокат: костыли",
        kind=ServiceKind.ADDITIONAL,
        form=ServiceForm.ADDITIONAL,
        is_paid=True,
    )
    make_service(casework.department, code="СП-01", name="Психологическая помощь", is_active=False)
    client = login(casework.specialist)
    url = reverse("socialservices:catalogue")

    def codes(**query):
        text = client.get(url, query).content.decode()
        return [code for code in ("СР-01", "ПР-01", "СП-01") if f">{code}</a>" in text]

    assert codes() == ["СР-01", "ПР-01", "СП-01"]
    assert codes(q="пр-") == ["ПР-01"]
    assert codes(q="костыли") == ["ПР-01"]
    assert codes(kind="additional") == ["ПР-01"]
    assert codes(form="urgent") == ["СР-01", "СП-01"]
    assert codes(payment="paid") == ["ПР-01"]
    assert codes(payment="free", active="yes") == ["СР-01"]
    assert codes(active="no") == ["СП-01"]
    bad = client.get(url, {"kind": "нет такого"}).content.decode()
    assert "Фильтры не применены" in bad


def test_the_list_pages_at_fifty_and_costs_the_same_queries(
    casework, login, django_assert_max_num_queries
):
    for number in range(1, 56):
        make_service(code=f"СБ-{number:02d}")
    client = login(casework.specialist)
    url = reverse("socialservices:catalogue")
    client.get(url)
    with django_assert_max_num_queries(12):
        first = client.get(url).content.decode()
    assert "СБ-50" in first and "СБ-51" not in first and "1 из 2" in first
    assert "СБ-55" in client.get(url, {"page": 2}).content.decode()


def test_an_empty_list_says_what_to_do(casework, login):
    url = reverse("socialservices:catalogue")
    editor = login(casework.department).get(url).content.decode()
    assert "Перечень социальных услуг пока пуст." in editor
    assert "Добавить услугу" in editor and "загрузите перечень из файла Excel" in editor
    reader = login(casework.specialist).get(url).content.decode()
    assert "Перечень ведёт Департамент" in reader and "Добавить услугу" not in reader
    filtered = login(casework.specialist).get(url, {"q": "нет такой"}).content.decode()
    assert "Измените условия отбора" in filtered


def test_the_card_shows_the_tariffs_by_date(casework, login):
    service = make_service(casework.department, is_paid=True)
    services.tariff_set(
        by=casework.department,
        service=service,
        valid_from=D(2024, 1, 1),
        price="30.88",
        order_ref="Приказ № 1",
    )
    services.tariff_set(
        by=casework.department, service=service, valid_from=D(2025, 1, 1), price="35.55"
    )
    page = login(casework.specialist).get(
        reverse("socialservices:catalogue_service", args=[service.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("01.01.2025") < text.index("01.01.2024")
    assert "31.12.2024" in text and "по настоящее время" in text
    assert "35,55" in text and "30,88" in text and "Приказ № 1" in text
    assert reverse("socialservices:catalogue_tariff", args=[service.pk]) not in text


def test_the_department_adds_and_edits_a_service_and_sets_a_tariff_on_the_pages(casework, login):
    client = login(casework.department)
    created = client.post(
        reverse("socialservices:catalogue_create"),
        {
            "code": "ПР-08",
            "name": "Прокат: костыли",
            "kind": "additional",
            "form": "additional",
            "measure_unit": "сутки проката",
            "is_paid": "on",
            "is_active": "on",
            "tariff_price": "30,91",
            "tariff_from": "2025-01-01",
        },
    )
    service = Service.objects.get(code="ПР-08")
    card = reverse("socialservices:catalogue_service", args=[service.pk])
    assert created.status_code == 302 and created["Location"] == card
    assert service.tariffs.get().price == Decimal("30.91")
    tariff = client.post(
        reverse("socialservices:catalogue_tariff", args=[service.pk]),
        {"valid_from": "2025-01-01", "price": "40"},
    )
    assert tariff.status_code == 400
    assert "не переписывается" in tariff.content.decode()
    edit_url = reverse("socialservices:catalogue_edit", args=[service.pk])
    form = {
        "code": "ПР-08",
        "name": "Прокат: костыли подмышечные",
        "kind": "additional",
        "form": "additional",
        "measure_unit": "сутки проката",
        "is_paid": "on",
        "is_active": "on",
        "version": "1",
    }
    assert client.post(edit_url, form).status_code == 302
    # A second editor who opened the form at version 1 is told, and overwrites nothing.
    stale = login(casework.administrator).post(edit_url, {**form, "name": "Костыли"})
    assert stale.status_code == 400
    assert "сохранил другой пользователь" in stale.content.decode()
    assert Service.objects.get(pk=service.pk).name == "Прокат: костыли подмышечные"


def test_a_reader_cannot_open_the_forms(casework, login):
    service = make_service(casework.department)
    client = login(casework.head)
    for url in (
        reverse("socialservices:catalogue_create"),
        reverse("socialservices:catalogue_edit", args=[service.pk]),
        reverse("socialservices:catalogue_tariff", args=[service.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_the_forms_say_their_errors_next_to_the_fields(casework, login):
    page = login(casework.department).post(
        reverse("socialservices:catalogue_create"),
        {"code": "", "name": "", "kind": "", "form": "", "tariff_price": "-5"},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "Обязательное поле." in text
    assert "Тариф не может быть отрицательным." in text
    assert not Service.objects.exists()


# --- the shipped list ------------------------------------------------------------------------


def test_the_shipped_catalogue_loads_once_and_again_changes_nothing(db):
    counts = shipped.load_catalogue()
    assert counts["added"] == len(shipped.SERVICES) and counts["tariffs"] == 8
    assert shipped.load_catalogue() == {"added": 0, "updated": 0, "tariffs": 0}
    rental = Service.objects.get(code="ПР-01")
    assert rental.is_paid and rental.tariffs.get().price == Decimal("35.55")
    assert Service.objects.get(code="ПР-08").tariffs.get().price == Decimal("30.91")
    helpline = Service.objects.filter(code__startswith="ТЛ-")
    assert helpline.count() == 3 and all(s.allows_anonymous for s in helpline)
    assert not Service.objects.exclude(code__startswith="ТЛ-").filter(allows_anonymous=True)
    assert Service.objects.filter(code__startswith="МСС-").count() == 6
    prefixes = {code.split("-")[0] for code in Service.objects.values_list("code", flat=True)}
    assert prefixes == {"СБ", "СМ", "СП", "СПД", "СТ", "СПР", "КП", "СР", "МСС", "ПР", "ТЛ"}


def test_the_shipped_catalogue_brings_a_changed_service_back_and_keeps_set_tariffs(db):
    shipped.load_catalogue()
    rental = Service.objects.get(code="ПР-01")
    services.service_update(by=None, service=rental, expected_version=None, name="Изменено")
    services.tariff_set(by=None, service=rental, valid_from=D(2026, 1, 1), price="50")
    assert shipped.load_catalogue() == {"added": 0, "updated": 1, "tariffs": 0}
    rental.refresh_from_db()
    assert rental.name.endswith("пандус телескопический 3-х секционный")
    assert rental.tariffs.count() == 2
