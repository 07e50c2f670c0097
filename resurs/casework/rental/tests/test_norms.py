"""TSR-2: the shipped tariffs of app. 3 and their lookup by date; the service-life end; the
amount in words."""

import datetime
from decimal import Decimal

import pytest

from resurs.casework.rental import money
from resurs.casework.rental.models import ItemKind, Tariff
from resurs.casework.rental.tests.conftest import add_item
from resurs.kernel.russian import rubles_in_words
from resurs.kernel.workcalendar.periods import add_months

APP_3 = [
    ("Пандус телескопический 3-х секционный", "35.55"),
    ("Пандус телескопический 2-х секционный", "43.37"),
    ("Многофункциональная кровать 4-х секционная с электроприводом", "43.24"),
    ("Кресло-коляска прогулочная с ручным приводом", "32.41"),
    ("Столик прикроватный", "30.88"),
    ("Ходунки складные", "30.95"),
    ("Кровать многофункциональная с электроприводом", "44.89"),
    ("Костыли", "30.91"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "price"), APP_3)
def test_the_kinds_of_app_3_are_shipped_with_their_tariffs(name, price):
    kind = ItemKind.objects.get(name=name)
    tariff = kind.tariff_on(datetime.date(2026, 2, 3))
    assert tariff is not None
    assert tariff.price == Decimal(price)
    assert tariff.get_time_unit_display() == "сутки"
    assert kind.service_code.startswith("ПР-")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "price"),
    [
        (datetime.date(2023, 12, 31), None),  # before any order
        (datetime.date(2024, 1, 1), "32.41"),
        (datetime.date(2026, 6, 30), "32.41"),
        (datetime.date(2026, 7, 1), "35.00"),  # the new order's first day
        (datetime.date(2027, 1, 1), "35.00"),
    ],
)
def test_the_tariff_in_force_is_the_last_one_set_on_or_before_the_day(day, price):
    kind = ItemKind.objects.get(name="Кресло-коляска прогулочная с ручным приводом")
    Tariff.objects.create(
        kind=kind, valid_from=datetime.date(2026, 7, 1), price=Decimal("35.00"), order_ref="№ 5"
    )
    tariff = kind.tariff_on(day)
    assert (tariff.price if tariff else None) == (Decimal(price) if price else None)


def test_service_life_ends_by_the_kinds_norm(rental):
    item = add_item(rental, rental.crutches, "К-1", in_service_on=datetime.date(2024, 8, 31))
    assert item.service_life_ends_on == datetime.date(2026, 8, 31)  # 24 months


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2027, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2026, 3, 15), -3, datetime.date(2025, 12, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, result):
    assert add_months(day, months) == result


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "Ноль рублей 00 копеек"),
        ("1", "Один рубль 00 копеек"),
        ("32.41", "Тридцать два рубля 41 копейка"),
        ("972.30", "Девятьсот семьдесят два рубля 30 копеек"),
        ("11829.65", "Одиннадцать тысяч восемьсот двадцать девять рублей 65 копеек"),
        ("21001.02", "Двадцать одна тысяча один рубль 02 копейки"),
        ("2000000", "Два миллиона рублей 00 копеек"),
        ("114.125", "Сто четырнадцать рублей 12 копеек"),  # a half-kopeck rounds to even
    ],
)
def test_rubles_in_words(amount, words):
    assert rubles_in_words(amount) == words


@pytest.mark.parametrize(
    ("price", "starts", "ends", "fee"),
    [
        ("32.41", datetime.date(2026, 2, 1), datetime.date(2026, 2, 1), "32.41"),
        ("32.41", datetime.date(2026, 2, 1), datetime.date(2026, 3, 2), "972.30"),  # 30 days
        ("44.89", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), "16384.85"),  # 365
    ],
)
def test_the_fee_is_the_tariff_times_the_days_both_ends_counted(price, starts, ends, fee):
    assert money.fee(Decimal(price), money.rental_days(starts, ends)) == Decimal(fee)
