"""The demo registries: seed facts, and a second load changes nothing."""

from datetime import date

import pytest

from resurs.coordination.registries import demo
from resurs.coordination.registries.models import (
    ActStatus,
    LegalAct,
    Participant,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
)
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.organisations import demo as org_demo
from resurs.kernel.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_seeds_registries_once():
    org_demo.load_demo()
    assert demo.load_demo_data() is True
    trail = AuditEntry.objects.count()

    assert demo.load_demo_data() is False
    assert AuditEntry.objects.count() == trail

    nv = Organisation.objects.get(name=org_demo.NV_RC)
    repealed = LegalAct.objects.get(owner=nv, number="177-р")
    assert (repealed.status, repealed.repealed_on) == (ActStatus.REPEALED, date(2022, 2, 4))
    assert LegalAct.objects.filter(number="442-ФЗ").count() == 2  # each RC keeps its own
    surgut = Organisation.objects.get(name=org_demo.SURGUT_RC)
    assert Participant.objects.filter(owner=surgut, direction__number=2).count() == 3


def test_the_matrix_of_seed_004_is_seven_practices_by_its_institutions():
    org_demo.load_demo()
    demo.load_demo_data()
    practices = SocialPractice.objects.order_by("number")
    assert [p.number for p in practices] == [1, 2, 3, 4, 5, 6, 7]
    owner = practices[0].owner
    assert owner.name == (
        "ГКУСО ВО «Владимирский социально-реабилитационный центр для несовершеннолетних»"
    )
    assert owner.territory.region.name == "Владимирская область"
    cells = PracticeCell.objects.all()
    assert cells.values("institution").distinct().count() == 17
    assert cells.count() == 78
    assert set(cells.values_list("status", flat=True)) == {PracticeStatus.PLANNED}
    rental = cells.filter(practice__number=5).values_list("institution__short_name", flat=True)
    assert sorted(rental) == [
        "Александровский КЦСОН",
        "Вязниковский КЦСОН",
        "Петушинский КЦСОН",
        "Селивановский КЦСОН",
    ]
