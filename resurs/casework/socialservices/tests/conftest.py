"""Service facts' tests start from the case-work world (resurs/casework/conftest.py) and a
small catalogue: a free household service, a paid one with a tariff that changed, and a
helpline call that may be anonymous."""

import datetime
from decimal import Decimal

import pytest

from resurs.casework.socialservices.models import Service, ServiceForm, ServiceKind, Tariff


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
