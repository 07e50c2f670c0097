"""The rental point's pages (TSR-1..5): the point set up, an item entered, an application
taken and waiting, the item freed by another's return and offered, the contract issued, the
early return refunding the unused days; outsiders get 404 for every card; the lists keep
their query count; overdue returns are flagged on the home page and reminded once."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resurs.casework.citizens.models import AccessLogEntry
from resurs.casework.rental import reminders, services
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Charge,
    ChargeKind,
    Contract,
    ItemState,
    RentalPoint,
)
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply
from resurs.kernel.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(rental):
    services.point_save(
        by=rental.head,
        unit=rental.a.support,
        address="2 «а» мкр., ул. Молодежная, д. 18/1",
        hours="пн–пт 9:00–17:00",
        responsible=rental.specialist,
        responsible_order="приказ № 1",
    )
    return rental


def test_the_point_is_set_up_from_its_page_and_a_second_writer_is_told(rental, login):
    client = login(rental.head)
    assert (
        "Пункт проката ещё не организован." in client.get(reverse("rental:home")).content.decode()
    )
    response = client.post(
        reverse("rental:point_create"),
        {"unit": rental.a.support.pk, "address": "ул. Молодежная, 18/1", "hours": "пн–пт"},
    )
    assert response.status_code == 302
    point = RentalPoint.objects.get(unit=rental.a.support)
    stale = client.post(
        reverse("rental:point_edit", args=[rental.a.support.pk]),
        {"address": "другой", "hours": "пн–пт", "version": point.version},
    )
    assert stale.status_code == 302
    told = client.post(
        reverse("rental:point_edit", args=[rental.a.support.pk]),
        {"address": "третий", "hours": "пн–пт", "version": point.version},
    )
    assert "уже изменил другой сотрудник" in told.content.decode()
    point.refresh_from_db()
    assert point.address == "другой"


def test_an_item_is_entered_and_its_card_shows_the_history(point, login):
    client = login(point.specialist)
    response = client.post(
        reverse("rental:item_create"),
        {
            "unit": point.a.support.pk,
            "kind": point.wheelchair.pk,
            "mark": "КК-77",
            "book_value": "15000,00",
            "market_value": "12000",
            "source": "unclaimed",
            "in_service_on": "2025-03-01",
            "condition": "исправно",
        },
    )
    assert "накладной на внутреннее перемещение" in response.content.decode()
    data = {
        "unit": point.a.support.pk,
        "kind": point.wheelchair.pk,
        "mark": "КК-77",
        "book_value": "15000",
        "market_value": "12000",
        "source": "programme",
        "in_service_on": "2025-03-01",
        "condition": "исправно",
    }
    response = client.post(reverse("rental:item_create"), data)
    assert response.status_code == 302
    again = client.post(reverse("rental:item_create"), data).content.decode()
    assert "уже присвоено другому предмету" in again
    item = point.wheelchair.items.get(mark="КК-77")
    client.post(
        reverse("rental:maintenance_start", args=[item.pk]),
        {"started_on": TODAY.isoformat(), "what": "замена колеса"},
    )
    card = client.get(reverse("rental:item_detail", args=[item.pk])).content.decode()
    assert "На обслуживание" in card and "замена колеса" in card and "Поступление" in card
    item.refresh_from_db()
    assert item.state == ItemState.MAINTENANCE


def test_the_year_of_an_item_from_application_to_early_return(point, login):
    w = point
    chair = add_item(w, w.wheelchair, "КК-1")
    first = apply(w, w.wheelchair, person=w.neighbour, days_ago=20)
    services.issue(
        by=w.specialist, application=first, items=[chair], starts_on=TODAY, ends_on=TODAY
    )
    client = login(w.specialist)
    response = client.post(
        reverse("rental:application_create"),
        {
            "person": w.person.pk,
            "unit": w.a.support.pk,
            "requested_kind": w.wheelchair.pk,
            "category": "2.1.4",
            "documents": ["doc_identity", "doc_doctor"],
        },
    )
    assert response.status_code == 302, response.content.decode()
    application = Application.all_records.get(person=w.person)
    card = client.get(reverse("rental:application_detail", args=[application.pk])).content
    assert "1-е место: в порядке очерёдности" in card.decode()
    assert "На условиях оплаты: категория п. 2.1.4" in card.decode()
    assert AccessLogEntry.objects.filter(person=w.person).exists()
    queue = client.get(reverse("rental:waiting_lists")).content.decode()
    assert "Смирнова" in queue
    # The first contract's item comes back: it is offered to the one waiting.
    services.return_items(by=w.specialist, contract=first.contract, returned_on=TODAY)
    application.refresh_from_db()
    assert application.state == ApplicationState.OFFERED
    starts = TODAY - datetime.timedelta(days=12)
    ends = starts + datetime.timedelta(days=29)
    response = client.post(
        reverse("rental:contract_issue", args=[application.pk]),
        {"items": [chair.pk], "starts_on": starts.isoformat(), "ends_on": ends.isoformat()},
    )
    assert response.status_code == 302, response.content.decode()
    contract = Contract.all_records.get(application=application)
    loan = contract.loans.get()
    assert loan.free is False and loan.amount == Decimal("32.41") * 30
    page = client.get(reverse("rental:contract_detail", args=[contract.pk])).content.decode()
    assert contract.number in page and "Принять возврат" in page
    response = client.post(
        reverse("rental:contract_return", args=[contract.pk]),
        {
            "returned_on": (TODAY + datetime.timedelta(days=9)).isoformat(),
            "reason": "citizen_early",
            "notice_given_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
            f"condition_{chair.pk}": "good",
        },
    )
    assert "ещё не наступила" in response.content.decode()  # told, nothing lost
    response = client.post(
        reverse("rental:contract_return", args=[contract.pk]),
        {
            "returned_on": TODAY.isoformat(),
            "reason": "citizen_early",
            "notice_given_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
            f"condition_{chair.pk}": "good",
        },
    )
    assert response.status_code == 302, response.content.decode()
    refund = Charge.all_records.get(contract=contract, kind=ChargeKind.REFUND)
    assert refund.amount == Decimal("32.41") * 17  # from the day after the return to the end


def test_outsiders_get_404_for_every_card(point, login):
    w = point
    chair = add_item(w, w.wheelchair, "КК-1")
    application = apply(w, w.wheelchair)
    contract = services.issue(
        by=w.specialist, application=application, items=[chair], starts_on=TODAY, ends_on=TODAY
    )
    urls = [
        reverse("rental:application_detail", args=[application.pk]),
        reverse("rental:contract_detail", args=[contract.pk]),
        reverse("rental:contract_return", args=[contract.pk]),
        reverse("rental:application_refuse", args=[application.pk]),
    ]
    for reason, who in w.outsiders.items():
        client = login(who)
        for url in urls:
            assert client.get(url).status_code in {403, 404}, (reason, url)
            if who in (w.specialist2, w.other_specialist, w.other_head):
                assert client.get(url).status_code == 404, (reason, url)
    other = login(w.other_specialist)
    assert other.get(reverse("rental:item_detail", args=[chair.pk])).status_code == 404
    assert (
        login(w.department).get(reverse("rental:item_detail", args=[chair.pk])).status_code == 200
    )


def test_the_lists_keep_their_query_count(point, login):
    w = point
    client = login(w.specialist)
    urls = [
        reverse(n) for n in ("rental:item_list", "rental:application_list", "rental:contract_list")
    ]

    def counts():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    add_item(w, w.wheelchair, "КК-1")
    application = apply(w, w.wheelchair)
    services.issue(
        by=w.specialist, application=application,
        items=list(w.wheelchair.items.all()), starts_on=TODAY, ends_on=TODAY,
    )  # fmt: skip
    few = counts()
    for n in range(2, 7):
        item = add_item(w, w.crutches, f"КК-{n}")
        other = apply(w, w.crutches, person=w.neighbour if n % 2 else w.person)
        services.issue(
            by=w.specialist, application=other, items=[item], starts_on=TODAY, ends_on=TODAY
        )
    assert counts() == few


def test_an_overdue_return_is_on_the_home_page_and_reminded_once(point, login):
    w = point
    chair = add_item(w, w.wheelchair, "КК-1")
    application = apply(w, w.wheelchair)
    contract = services.issue(
        by=w.specialist, application=application, items=[chair],
        starts_on=TODAY - datetime.timedelta(days=10), ends_on=TODAY - datetime.timedelta(days=2),
    )  # fmt: skip
    home = login(w.specialist).get("/").content.decode()
    assert f"Просрочен возврат ТСР: договор № {contract.number}" in home
    assert reminders.send_overdue_reminders() == 1
    assert reminders.send_overdue_reminders() == 0
    note = Notification.objects.get(recipient=w.specialist.user)
    assert contract.number in note.title and "Смирнов" not in note.text
    assert login(w.other_specialist).get("/").content.decode().count("Просрочен возврат ТСР") == 0


def test_a_withdrawn_application_leaves_the_list_and_its_offer_goes_to_the_next(point, login):
    w = point
    chair = add_item(w, w.wheelchair, "КК-1")
    holder = apply(w, w.wheelchair, person=w.neighbour, days_ago=30)
    services.issue(
        by=w.specialist, application=holder, items=[chair], starts_on=TODAY, ends_on=TODAY
    )
    first = apply(w, w.wheelchair, days_ago=20)
    second = apply(w, w.wheelchair, person=w.veteran, days_ago=10)
    services.return_items(by=w.specialist, contract=holder.contract, returned_on=TODAY)
    first.refresh_from_db()
    assert first.state == ApplicationState.OFFERED  # the veteran has no priority here
    client = login(w.specialist)
    url = reverse("rental:application_withdraw", args=[first.pk])
    assert "Причина" in client.get(url).content.decode()
    response = client.post(url, {"note": "Приобрела коляску самостоятельно"})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == ApplicationState.WITHDRAWN and first.offered_item == chair
    assert second.state == ApplicationState.OFFERED and second.offered_item == chair
    again = client.post(url, {"note": "ещё раз"}).content.decode()
    assert "Заявление уже отозвано" in again


def test_a_new_tariff_is_set_by_the_department_and_a_later_contract_pays_it(point, login):
    w = point
    url = reverse("rental:tariff_create", args=[w.wheelchair.pk])
    assert login(w.head).get(url).status_code == 403
    department = login(w.department)
    assert "Новый тариф" in department.get(reverse("rental:kinds")).content.decode()
    since = TODAY - datetime.timedelta(days=3)
    data = {"valid_from": since.isoformat(), "price": "35,10", "order_ref": "Приказ № 7"}
    assert department.post(url, data).status_code == 302
    told = department.post(url, data).content.decode()
    assert "уже утверждён" in told
    chair = add_item(w, w.wheelchair, "КК-1")
    contract = services.issue(
        by=w.specialist, application=apply(w, w.wheelchair), items=[chair],
        starts_on=TODAY, ends_on=TODAY,
    )  # fmt: skip
    assert contract.loans.get().price == Decimal("35.10")
    earlier = TODAY - datetime.timedelta(days=5)
    assert w.wheelchair.tariff_on(earlier).price == Decimal("32.41")  # the old one stays
