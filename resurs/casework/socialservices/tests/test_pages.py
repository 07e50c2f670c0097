"""Pages of the service facts: the list (filters, drill-down parameters, empty state, pinned
queries), the card (logged; 404 to whoever must not see it), recording from a case and on its
own, the reversal on a closed month, the day's grid and the months a head closes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.casework.cases import services as case_services
from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.socialservices import services
from resurs.casework.socialservices.models import MonthClosure, ServiceFact, month_start

pytestmark = pytest.mark.django_db


def last_month() -> datetime.date:
    return month_start(month_start(timezone.localdate()) - datetime.timedelta(days=1))


@pytest.fixture
def fact(casework, catalogue):
    return services.fact_record(
        by=casework.specialist,
        unit=casework.a.support,
        service=catalogue["free"],
        provided_on=last_month() + datetime.timedelta(days=2),
        person=casework.person,
        quantity=2,
    )


def test_the_empty_list_says_what_to_do(casework, login):
    page = login(casework.specialist).get(reverse("socialservices:fact_list")).content.decode()
    assert "Оказанных услуг пока нет." in page
    assert reverse("socialservices:day") in page


def test_the_list_filters_as_the_statistics_drill_down(casework, fact, login):
    client = login(casework.head)
    url = reverse("socialservices:fact_list")
    found = client.get(url, {"kind": "household", "specialist_id": casework.specialist.user_id})
    assert "Смирнова" in found.content.decode()
    assert "сужен переходом из статистики" in found.content.decode()
    other = client.get(url, {"kind": "legal"}).content.decode()
    assert "Ничего не найдено." in other
    wrong = client.get(url, {"period_from": "2026-13-01"}).content.decode()
    assert "Фильтры не применены" in wrong


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_costs_the_same_for_any_length(
    casework, catalogue, login, django_assert_max_num_queries, count
):
    for _ in range(count):
        services.fact_record(
            by=casework.specialist,
            unit=casework.a.support,
            service=catalogue["free"],
            provided_on=timezone.localdate(),
            person=casework.person,
        )
    client = login(casework.head)
    with django_assert_max_num_queries(14):
        client.get(reverse("socialservices:fact_list"))


def test_the_card_is_logged_and_hidden_from_outsiders(casework, fact, login):
    url = reverse("socialservices:fact_detail", args=[fact.pk])
    for who, membership in casework.outsiders.items():
        assert login(membership).get(url).status_code == 404, who
    for who, membership in casework.insiders.items():
        assert login(membership).get(url).status_code == 200, who
    assert AccessLogEntry.objects.filter(person=casework.person).count() == len(casework.insiders)


def test_a_fact_is_recorded_from_the_case(casework, catalogue, login):
    case = case_services.case_open(
        by=casework.specialist,
        unit=casework.a.support,
        problem="Трудная жизненная ситуация",
        detected_on=timezone.localdate(),
        person=casework.person,
    )
    client = login(casework.specialist)
    url = reverse("socialservices:fact_create") + f"?case={case.pk}"
    form = client.get(url).content.decode()
    assert "Смирнова" in form
    answer = client.post(
        url,
        {
            "unit": casework.a.support.pk,
            "service": catalogue["free"].pk,
            "provided_on": timezone.localdate().isoformat(),
            "quantity": 1,
            "case": case.pk,
        },
    )
    assert answer.status_code == 302 and answer.url == reverse("cases:case", args=[case.pk])
    made = ServiceFact.objects.unscoped(reason="тест").get()
    assert made.case_id == case.pk and made.person_id == casework.person.pk
    # Another district's specialist cannot record from a case they do not see.
    assert login(casework.specialist2).get(url).status_code == 404


def test_a_fact_on_its_own_picks_the_recipient_by_post(casework, catalogue, login):
    client = login(casework.specialist)
    found = client.post(reverse("socialservices:person_search"), {"person_q": "Смир"})
    assert "Смирнова" in found.content.decode()
    blank = client.post(
        reverse("socialservices:fact_create"),
        {
            "unit": casework.a.support.pk,
            "service": catalogue["free"].pk,
            "provided_on": timezone.localdate().isoformat(),
            "quantity": 1,
            "basis": "urgent",
        },
    )
    assert blank.status_code == 400
    assert "только известному получателю" in blank.content.decode()
    done = client.post(
        reverse("socialservices:fact_create"),
        {
            "unit": casework.a.support.pk,
            "person": casework.person.pk,
            "service": catalogue["free"].pk,
            "provided_on": timezone.localdate().isoformat(),
            "quantity": 1,
            "basis": "urgent",
        },
    )
    assert done.status_code == 302


def test_a_closed_month_is_corrected_on_the_card_by_reversal(casework, fact, login):
    head = login(casework.head)
    closed = head.post(
        reverse("socialservices:months"),
        {"unit": casework.a.support.pk, "month": last_month().isoformat()},
    )
    assert closed.status_code == 302
    assert MonthClosure.objects.filter(unit=casework.a.support, month=last_month()).exists()
    client = login(casework.specialist)
    card = client.get(reverse("socialservices:fact_detail", args=[fact.pk])).content.decode()
    assert "Исправить" not in card and "Сторнировать" in card
    assert client.post(reverse("socialservices:fact_delete", args=[fact.pk])).status_code == 302
    assert ServiceFact.all_records.filter(pk=fact.pk).exists()
    empty = client.post(reverse("socialservices:fact_reverse", args=[fact.pk]), {"reason": ""})
    assert empty.status_code == 400
    done = client.post(
        reverse("socialservices:fact_reverse", args=[fact.pk]),
        {"reason": "одна услуга, не две", "corrected_quantity": 1},
    )
    assert done.status_code == 302
    assert ServiceFact.all_records.filter(reverses=fact).get().quantity == -2
    assert ServiceFact.all_records.filter(note__startswith="Исправление").get().quantity == 1
    # A specialist does not close months.
    assert (
        login(casework.specialist)
        .post(
            reverse("socialservices:months"),
            {"unit": casework.a.support.pk, "month": last_month().isoformat()},
        )
        .status_code
        == 403
    )


def test_the_day_grid_records_the_filled_cells(casework, catalogue, login):
    day = timezone.localdate()
    services.fact_record(
        by=casework.specialist,
        unit=casework.a.support,
        service=catalogue["call"],
        provided_on=day - datetime.timedelta(days=7),
        person=casework.person,
    )
    client = login(casework.specialist)
    query = {
        "unit": casework.a.support.pk,
        "day": day.isoformat(),
        "services": [catalogue["free"].pk, catalogue["call"].pk],
    }
    url = reverse("socialservices:day")
    page = client.get(url, query).content.decode()
    # the person served last month is a row already
    assert "Смирнова" in page
    cell = f"q-{casework.person.pk}-{catalogue['free'].pk}"
    assert f'name="{cell}"' in page
    from urllib.parse import urlencode

    full = url + "?" + urlencode(query, doseq=True)
    bad = client.post(full, {"row": [casework.person.pk], cell: "два"})
    assert bad.status_code == 400 and "Ничего не сохранено" in bad.content.decode()
    assert 'value="два"' in bad.content.decode()
    saved = client.post(full, {"row": [casework.person.pk], cell: "3"})
    assert saved.status_code == 302
    assert ServiceFact.objects.unscoped(reason="тест").filter(provided_on=day).get().quantity == 3
    again = client.get(url, query).content.decode()
    assert "уже 3" in again
    row = client.post(
        reverse("socialservices:day_row"),
        {"person": casework.person.pk, "services": [catalogue["free"].pk]},
    ).content.decode()
    assert cell in row
    hidden = (
        login(casework.specialist2)
        .post(
            reverse("socialservices:day_row"),
            {"person": casework.person.pk, "services": [catalogue["free"].pk]},
        )
        .content.decode()
    )
    assert cell not in hidden


def test_the_head_is_asked_to_close_last_month(casework, fact, monkeypatch):
    from resurs.casework.socialservices import attention

    month = last_month()
    after = month_start(timezone.localdate()) + datetime.timedelta(days=9)
    before = month_start(timezone.localdate()) + datetime.timedelta(days=1)
    monkeypatch.setattr(attention.timezone, "localdate", lambda *a: before)
    assert attention.items_for(casework.head.scope) == []  # not due yet
    monkeypatch.setattr(attention.timezone, "localdate", lambda *a: after)
    items = attention.items_for(casework.head.scope)
    assert [item.url for item in items] == [reverse("socialservices:months")]
    assert f"{month:%m.%Y}" in items[0].title
    assert attention.items_for(casework.specialist.scope) == []
    monkeypatch.undo()
    services.month_close(by=casework.head, unit=casework.a.support, month=month)
    monkeypatch.setattr(attention.timezone, "localdate", lambda *a: after)
    assert attention.items_for(casework.head.scope) == []
