"""The rental point's tests, in the case-work world of resurs/casework/conftest.py: the
rental point is «КЦСОН А»'s social-support unit; its specialist (district 1) runs it. The
kinds and tariffs are the shipped ones (seed 002 app. 1, app. 3)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from resurs.casework.conftest import make_person
from resurs.casework.rental import services
from resurs.casework.rental.models import Category, ItemKind, ItemSource
from resurs.casework.socialservices.shipped import load_catalogue

TODAY = timezone.localdate()
ID_AND_NEED = ("doc_identity", "doc_disability")


def shipped_kinds() -> dict[int, ItemKind]:
    """The kinds of app. 3 by their line (rental/reference.py loads them)."""
    return {kind.position: kind for kind in ItemKind.objects.all()}


def add_item(w, kind, mark, **fields):
    values = {
        "by": w.specialist,
        "unit": w.a.support,
        "mark": mark,
        "kind": kind,
        "book_value": Decimal("15000"),
        "market_value": Decimal("12000"),
        "source": ItemSource.PROGRAMME,
        "in_service_on": datetime.date(2025, 3, 1),
    }
    values.update(fields)
    return services.item_create(**values)


def apply(w, kind, *, person=None, category=Category.MEDICAL, days_ago=10, **fields):
    values = {
        "by": w.specialist,
        "person": person or w.person,
        "unit": w.a.support,
        "category": category,
        "requested_kind": kind,
        "applied_at": timezone.now() - datetime.timedelta(days=days_ago),
        "documents": ID_AND_NEED,
    }
    values.update(fields)
    return services.application_create(**values)


@pytest.fixture
def rental(casework):
    w = casework
    w.kinds = shipped_kinds()
    w.wheelchair = w.kinds[4]
    w.crutches = w.kinds[8]
    w.neighbour = make_person(
        w.a.support, w.a.districts[0], w.specialist.user, last_name="Петрова", first_name="Анна"
    )
    w.veteran = make_person(
        w.a.support, w.a.districts[0], w.specialist.user, last_name="Иванов", first_name="Пётр",
        sex="male", birth_date=datetime.date(1926, 5, 9),
    )  # fmt: skip
    return w


@pytest.fixture
def catalogue(db):
    """The shipped catalogue with its «ПР-…» services: a rental is a service fact."""
    load_catalogue()
