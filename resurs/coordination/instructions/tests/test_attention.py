"""The home page: incoming items near or after their deadline for the addressee; overdue
addressees for the sender; a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from resurs.coordination.instructions import attention, services
from resurs.coordination.instructions.tests.conftest import TODAY, send

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def titles(items):
    return [item.title for item in items]


def test_incoming_due_soon_or_overdue_for_the_addressee(world, freeze):
    provider = world["provider_a"]
    assert attention.items_for(provider) == []  # the fixture's request is due in 7 days
    soon = send(
        world["rc"], [provider.organisation], title="Срочный запрос", deadline=TODAY + 2 * DAY
    )
    items = attention.items_for(provider)
    assert titles(items) == ["Запрос № 2 от 08.04.2026: Срочный запрос"]
    assert items[0].detail == "Входящий запрос: срок ответа — 10.04.2026 (через 2 дн.)."
    assert items[0].url == soon.addressees.get().get_absolute_url()
    freeze(TODAY + 4 * DAY)
    details = [item.detail for item in attention.items_for(provider)]
    assert "Входящий запрос: срок ответа прошёл 10.04.2026 (просрочено на 2 дн.)." in details


def test_answered_items_and_the_specialist_are_left_out(world, freeze):
    freeze(world["instruction"].deadline)
    services.answer_submit(by=world["provider_a"], addressee=world["row_a"], text="Ответ")
    assert attention.items_for(world["provider_a"]) == []
    assert attention.items_for(world["specialist_a"]) == []
    assert len(attention.items_for(world["provider_b"])) == 1


def test_the_sender_sees_addressees_that_missed_the_deadline(world, freeze):
    assert attention.items_for(world["rc"]) == []
    freeze(world["instruction"].deadline + DAY)
    (item,) = attention.items_for(world["rc"])
    assert item.title == "Не ответили в срок: 2 адресата по 1 запросу или поручению"
    assert item.url == reverse("instructions:board") + "?control=overdue"


def test_a_long_queue_is_cut_and_costs_the_same(world, django_assert_max_num_queries):
    provider = world["provider_a"]
    for n in range(8):
        send(world["rc"], [provider.organisation], title=f"Запрос {n}", deadline=TODAY + DAY)
    with django_assert_max_num_queries(2):
        items = attention.items_for(provider)
    assert len(items) == 6
    assert items[-1].url == reverse("instructions:incoming") + "?state=open"
