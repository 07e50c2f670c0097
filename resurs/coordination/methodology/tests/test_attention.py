"""The home page queues of the methodology registries (methodology.attention)."""

import pytest

from resurs.coordination.methodology.attention import SHOWN, items_for
from resurs.coordination.methodology.models import Verdict
from resurs.coordination.methodology.services import practices, products, reviews
from resurs.coordination.methodology.tests.conftest import make_product, under_review
from resurs.kernel.accounts.scoping import Scope
from tests.factories import direction

pytestmark = pytest.mark.django_db


def titles(membership):
    return [item.title for item in items_for(Scope.of(membership))]


def test_each_role_sees_its_own_queue(world):
    w = world
    under_review(w, make_product(w, title="На экспертизе"))
    returned = under_review(w, make_product(w, title="Возвращённый"))
    reviews.product_record_verdict(
        by=w.experts[0], product=returned, verdict=Verdict.RETURN, remarks="Доработать."
    )
    sent = make_product(w, title="Направленный")
    products.product_submit(by=w.rc, product=sent)
    practice = practices.practice_create(
        by=w.provider,
        organisation=w.provider_org,
        direction=direction(2),
        title="Практика",
        description="Описание",
        year=2025,
    )
    practices.practice_propose(by=w.provider, practice=practice)

    waiting = "Направлен в экспертный совет: «Направленный»"
    # Experts are Department (or methodical-centre) staff: they also see what awaits experts.
    assert titles(w.experts[0]) == ["Ожидает вашего заключения: «На экспертизе»", waiting]
    assert titles(w.experts[1]) == ["Ожидает вашего заключения: «На экспертизе»", waiting]
    assert titles(w.experts[2]) == [waiting]  # not assigned to review it
    assert titles(w.department) == [waiting]
    assert titles(w.rc) == [
        "Возвращён на доработку: «Возвращённый»",
        "Практика ждёт анализа: «Практика»",
    ]
    # The author organisation sees its returned product; another provider sees nothing.
    assert titles(w.provider) == ["Возвращён на доработку: «Возвращённый»"]
    assert titles(w.other_provider) == []
    assert titles(w.rc8) == []


def test_a_long_queue_is_cut_and_costs_the_same_queries(world, django_assert_max_num_queries):
    w = world
    scope = Scope.of(w.experts[0])
    for n in range(2):
        under_review(w, make_product(w, title=f"Продукт {n}"))
    with django_assert_max_num_queries(2):
        assert len(items_for(scope)) == 2
    for n in range(2, SHOWN + 3):
        under_review(w, make_product(w, title=f"Продукт {n}"))
    with django_assert_max_num_queries(2):
        items = items_for(scope)
    assert len(items) == SHOWN + 1
    assert items[-1].title == "Другие продукты ждут вашего заключения"
