"""Issue 15, item 11: the demo rental point of the Pyt-Yakh KCSON on top of the whole demo —
items in every state, the veteran first in the wheelchairs' waiting list, a refund, an overdue
contract, a service fact for every loan — and a second load adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from resurs.casework.rental.demo import WAITING_KIND, load_demo_data
from resurs.casework.rental.models import (
    Application,
    ApplicationState,
    Charge,
    ChargeKind,
    Contract,
    ContractState,
    Item,
    ItemKind,
    ItemSource,
    ItemState,
    Loan,
    Maintenance,
    Priority,
    RentalPoint,
    Return,
    WriteOff,
)
from resurs.casework.rental.queue import waiting_list
from resurs.casework.socialservices.models import Basis, Payment, ServiceFact
from resurs.kernel.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PLAIN = (RentalPoint, Item, Maintenance, WriteOff)
PERSONAL = (Application, Contract, Loan, Return, Charge, ServiceFact)


def _load():
    """The whole demo, then the rental one (a no-op once the app's contribution names it)."""
    call_command("load_demo", stdout=StringIO())
    load_demo_data()


def _counts():
    return (
        [model.objects.count() for model in PLAIN]
        + [model.all_records.count() for model in PERSONAL]
        + [AuditEntry.objects.filter(content_type__app_label="rental").count()]
    )


def test_the_demo_shows_every_state_and_rule_of_the_rental_point_and_loads_once():
    # One test: a load of the whole demo takes most of a minute.
    _load()
    counts = _counts()
    today = timezone.localdate()
    point = RentalPoint.objects.select_related("responsible__user").get()
    assert point.responsible.user.username == "specialist"
    assert "Молодежная" in point.address and "13:00" in point.hours
    items = Item.objects.all()
    assert set(items.values_list("state", flat=True)) == set(ItemState.values)
    assert set(items.values_list("kind", flat=True)) == set(
        ItemKind.objects.values_list("pk", flat=True)
    )
    assert set(items.values_list("source", flat=True)) == set(ItemSource.values)
    unclaimed = items.get(source=ItemSource.UNCLAIMED)
    assert unclaimed.transfer_note_number and unclaimed.transfer_note_date
    assert any(0 < (item.service_life_ends_on - today).days <= 60 for item in items)
    assert Maintenance.objects.open().filter(item__state=ItemState.MAINTENANCE).count() == 2

    entries = waiting_list(
        ItemKind.objects.get(position=WAITING_KIND), organisation_id=point.organisation_id
    )
    assert [e.application.priority for e in entries][0] == Priority.WWII_VETERAN
    first, *others = [e.application for e in entries]
    assert others and all(other.applied_at < first.applied_at for other in others)
    refused = Application.all_records.get(state=ApplicationState.REFUSED)
    assert refused.refusal_ground

    kinds = set(Charge.all_records.values_list("kind", flat=True))
    assert {ChargeKind.REFUND, ChargeKind.REPAIR, ChargeKind.EXTENSION} <= kinds
    overdue = Contract.objects.visible_to(point.responsible).overdue(today)
    assert overdue.count() == 1
    contracts = Contract.all_records.all()
    assert contracts.filter(delivery=True).exists()
    assert contracts.exclude(representative_name="").exists()
    assert contracts.filter(extended_until__isnull=False).exists()
    assert set(contracts.values_list("state", flat=True)) == set(ContractState.values)

    loans = Loan.all_records.select_related("service_fact")
    assert {loan.free for loan in loans} == {True, False}
    assert all(loan.service_fact and loan.service_fact.basis == Basis.RENTAL for loan in loans)
    assert {loan.service_fact.payment for loan in loans if loan.service_fact is not None} == {
        Payment.FREE,
        Payment.PAID,
    }

    _load()
    assert _counts() == counts
