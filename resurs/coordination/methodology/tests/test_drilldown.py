"""REP-4/REP-6 drill-down of KPI 6.5 «методические продукты, рекомендованные экспертным
советом»: the counter's link opens the registry of products showing exactly those counted —
the RC's own registry (not products it authored elsewhere), its direction, approved by a
decision of the period (local days, both ends included)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from resurs.coordination.methodology.models import Product, ProductState
from resurs.coordination.methodology.tests.conftest import make_product
from resurs.coordination.reporting.counters import COUNTERS, Counting
from tests.factories import direction, rc_status

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timezone.get_current_timezone())


def decided(product, moment, state=ProductState.APPROVED) -> Product:
    """The council's decision straight to the database (the review flow is tested apart)."""
    Product.objects.filter(pk=product.pk).update(state=state, decided_at=moment)
    return product


@pytest.fixture
def products(world):
    w = world
    # The Surgut RC keeps direction 8's registry too; the Nizhnevartovsk one, direction 2's.
    rc_status(w.rc_org, 8)
    rc_status(w.rc8_org, 2)
    counted = [
        decided(make_product(w, title="Первый день"), at(2026, 1, 1, 0, 5)),
        decided(make_product(w, title="Середина"), at(2026, 2, 14, 12)),
        decided(make_product(w, title="Последний день"), at(2026, 3, 31, 23, 55)),
    ]
    decided(make_product(w, title="Накануне"), at(2025, 12, 31, 23, 55))
    decided(make_product(w, title="После"), at(2026, 4, 1, 0, 5))
    decided(make_product(w, title="Возвращён"), at(2026, 2, 1), ProductState.RETURNED)
    make_product(w, title="Черновик")
    # Of the RC but in another direction, and the RC's authorship in another RC's registry.
    decided(
        make_product(w, by=w.department, title="Направление 8", direction=direction(8)),
        at(2026, 2, 1),
    )
    decided(
        make_product(
            w,
            by=w.department,
            title="Авторство центра",
            organisation=w.rc8_org,
            direction=direction(2),
            author_organisation=w.rc_org,
        ),
        at(2026, 2, 1),
    )
    return counted


def listed(response) -> set[int]:
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert form.is_valid(), form.errors
    return {p.pk for p in response.context["page_obj"].paginator.object_list}


@pytest.mark.parametrize("viewer", ["department", "rc", "methodist"])
def test_approved_products_link_to_exactly_the_products_counted(world, products, login, viewer):
    counting = Counting(world.rc_org, direction(2), START, END)
    counter = COUNTERS["products_approved"]
    assert counter.count(counting) == 3
    response = login(getattr(world, viewer)).get(counter.records(counting))
    assert listed(response) == {p.pk for p in products}
    assert "Найдено: 3" in response.content.decode()


def test_without_a_direction_nothing_is_counted_and_there_is_no_link(world, products):
    counting = Counting(world.rc_org, None, START, END)
    counter = COUNTERS["products_approved"]
    assert counter.count(counting) == 0
    assert counter.records(counting) == ""


def test_the_decision_dates_filter_alone_and_checks_its_ends(world, products, login):
    client = login(world.department)
    url = reverse("methodology:product_list")
    assert "Решение совета с" in client.get(url).content.decode()
    later = listed(client.get(url, {"decided_from": "2026-02-01"}))
    titles = set(Product.objects.filter(pk__in=later).values_list("title", flat=True))
    assert titles == {
        "Середина", "Последний день", "После", "Возвращён", "Направление 8", "Авторство центра"
    }  # fmt: skip
    response = client.get(url, {"decided_from": "2026-03-01", "decided_to": "2026-02-01"})
    assert response.context["filter_form"].errors == {
        "decided_to": ["Конец периода раньше его начала."]
    }


def test_the_keeper_filter_leaves_out_what_the_centre_only_authored(world, products, login):
    response = login(world.department).get(
        reverse("methodology:product_list"), {"keeper": world.rc8_org.pk}
    )
    assert {Product.objects.get(pk=pk).title for pk in listed(response)} == {"Авторство центра"}


def test_the_drilldown_list_query_count_does_not_grow_with_rows(
    world, login, django_assert_max_num_queries
):
    w = world
    url = COUNTERS["products_approved"].records(Counting(w.rc_org, direction(2), START, END))
    client = login(w.department)
    for n in range(3):
        decided(make_product(w, title=f"Продукт {n}"), at(2026, 2, 1))
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        assert client.get(url).status_code == 200
    for n in range(3, 40):
        decided(make_product(w, title=f"Продукт {n}"), at(2026, 2, 1))
    with django_assert_max_num_queries(12) as large:
        assert "Найдено: 40" in client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
