"""Fixtures of the social services' tests, in the case-work world of
resurs/casework/conftest.py.

``catalogue``: a free household service, a paid one with a tariff that changed, and a
helpline call that may be anonymous.

``facts`` (the statistics' tests):

In the last full month (``MONTH``) «КЦСОН А» gave: Смирнова (district 1) two home visits and
one paid medical service (150 руб.); a man of district 2 one home visit (by the second
specialist); three anonymous legal consultations by phone. «КЦСОН Б» gave one person five
home visits. So КЦСОН А: 2 recipients, 7 services, 150,00 руб.; the region: 3, 12, 150,00.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from resurs.casework.conftest import make_person
from resurs.casework.socialservices import services
from resurs.casework.socialservices.models import (
    Payment,
    Service,
    ServiceForm,
    ServiceKind,
    Tariff,
    month_start,
)


def last_month() -> datetime.date:
    return month_start(month_start(timezone.localdate()) - datetime.timedelta(days=1))


MONTH = last_month()
DAY = MONTH + datetime.timedelta(days=9)


@pytest.fixture
def stats_catalogue(db):
    home = Service.objects.create(
        code="1.1", name="Покупка продуктов питания", kind=ServiceKind.HOUSEHOLD,
        form=ServiceForm.HOME,
    )  # fmt: skip
    medical = Service.objects.create(
        code="2.1", name="Измерение давления", kind=ServiceKind.MEDICAL,
        form=ServiceForm.SEMI_STATIONARY, is_paid=True,
    )  # fmt: skip
    Tariff.objects.create(service=medical, valid_from=datetime.date(2020, 1, 1), price=150)
    call = Service.objects.create(
        code="9.1", name="Консультация по телефону", kind=ServiceKind.LEGAL,
        form=ServiceForm.URGENT, allows_anonymous=True,
    )  # fmt: skip
    return SimpleNamespace(home=home, medical=medical, call=call)


@pytest.fixture
def facts(casework, stats_catalogue):
    w = casework
    catalogue = stats_catalogue
    w.catalogue = catalogue
    a, b = w.a, w.b
    w.man = make_person(
        a.support, a.districts[1], w.specialist2.user, last_name="Петров", first_name="Иван",
        sex="male",
    )  # fmt: skip
    w.stranger = make_person(
        b.support, b.districts[0], w.other_specialist.user, last_name="Сидорова"
    )
    w.home_visits = services.fact_record(
        by=w.specialist, unit=a.support, service=catalogue.home, provided_on=DAY,
        person=w.person, quantity=2,
    )  # fmt: skip
    w.paid = services.fact_record(
        by=w.specialist, unit=a.support, service=catalogue.medical, provided_on=DAY,
        person=w.person, payment=Payment.PAID,
    )  # fmt: skip
    w.man_visit = services.fact_record(
        by=w.specialist2, unit=a.support, service=catalogue.home, provided_on=DAY,
        person=w.man,
    )  # fmt: skip
    w.calls = services.fact_record(
        by=w.specialist, unit=a.support, service=catalogue.call, provided_on=DAY, quantity=3,
        basis="call",
    )  # fmt: skip
    w.theirs = services.fact_record(
        by=w.other_specialist, unit=b.support, service=catalogue.home, provided_on=DAY,
        person=w.stranger, quantity=5,
    )  # fmt: skip
    w.month = MONTH
    w.cost = Decimal("150.00")
    return w


@pytest.fixture
def catalogue(db):
    free = Service.objects.create(
        code="СБ-01",
        name="Покупка за счёт средств получателя и доставка на дом продуктов питания",
        kind=ServiceKind.HOUSEHOLD,
        form=ServiceForm.HOME,
    )
    paid = Service.objects.create(
        code="ДУ-01",
        name="Уборка жилого помещения (дополнительная услуга)",
        kind=ServiceKind.ADDITIONAL,
        form=ServiceForm.ADDITIONAL,
        is_paid=True,
    )
    Tariff.objects.create(service=paid, valid_from=datetime.date(2024, 1, 1), price=Decimal("100"))
    Tariff.objects.create(service=paid, valid_from=datetime.date(2026, 7, 1), price=Decimal("120"))
    call = Service.objects.create(
        code="ТЛ-01",
        name="Консультирование по телефону",
        kind=ServiceKind.URGENT,
        form=ServiceForm.URGENT,
        allows_anonymous=True,
    )
    return {"free": free, "paid": paid, "call": call}
