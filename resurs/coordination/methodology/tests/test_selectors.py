"""KPI 6.5 counts, the public section's items and the demo data."""

import datetime

import pytest
from django.utils import timezone

from resurs.coordination.methodology.demo import load_demo_data
from resurs.coordination.methodology.models import (
    ExpertCouncil,
    Implementation,
    Practice,
    PracticeState,
    Product,
    ProductState,
    Verdict,
)
from resurs.coordination.methodology.selectors import (
    methodology_counts,
    products_approved_count,
    public_methodology_items,
)
from resurs.coordination.methodology.services import practices, products, replications, reviews
from resurs.coordination.methodology.tests.conftest import make_product, under_review
from resurs.kernel.organisations.demo import NV_RC, SURGUT_RC, load_demo
from resurs.kernel.organisations.models import Organisation
from tests.factories import direction

pytestmark = pytest.mark.django_db


def _approve(w, product):
    product = under_review(w, product)
    for expert in w.experts[:2]:
        reviews.product_record_verdict(by=expert, product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    return product


def _recommended_practice(w, title="Практика", **fields):
    practice = practices.practice_create(
        by=w.provider,
        organisation=w.provider_org,
        direction=direction(2),
        title=title,
        description="Описание практики.",
        year=2025,
        **fields,
    )
    practices.practice_propose(by=w.provider, practice=practice)
    return practices.practice_analyse(
        by=w.rc, practice=practice, verdict="recommended", analysis="Рекомендуется."
    )


def test_methodology_counts_by_kind_and_period(world, django_assert_max_num_queries):
    w = world
    today = timezone.localdate()  # read per test: a run may span midnight
    approved = _approve(w, make_product(w, title="Программа", kind="programme"))
    products.implementation_add(
        by=w.rc, product=approved, organisation=w.provider_org, started_on=today
    )
    make_product(w, title="Технология")
    make_product(w, by=w.department, title="Чужая", organisation=w.rc8_org, direction=direction(8))
    practice = _recommended_practice(w)
    practices.practice_submit(by=w.rc, practice=practice)
    replications.replication_add(
        by=w.methodist, practice=practice, organisation=w.rc8_org, started_on=today, result="Да."
    )
    direction_2 = direction(2)
    with django_assert_max_num_queries(4):
        counts = methodology_counts(
            organisation=w.rc_org,
            direction=direction_2,
            period_start=today - datetime.timedelta(days=1),
            period_end=today,
        )
    assert counts["products_added"] == 2
    assert counts["products_added_programme"] == 1
    assert counts["products_added_technology"] == 1
    assert counts["products_sent"] == 1
    assert counts["products_approved"] == 1
    assert counts["products_approved_programme"] == 1
    assert counts["products_approved_technology"] == 0
    assert counts["implementations"] == 1
    assert counts["practices_proposed"] == 1
    assert counts["practices_recommended"] == 1
    assert counts["practices_submitted"] == 1
    assert counts["replications"] == 1
    with django_assert_max_num_queries(1):
        alone = products_approved_count(
            organisation=w.rc_org,
            direction=direction_2,
            period_start=today - datetime.timedelta(days=1),
            period_end=today,
        )
    assert alone == counts["products_approved"] == 1
    last_year = methodology_counts(
        organisation=w.rc_org,
        direction=direction(2),
        period_start=datetime.date(today.year - 1, 1, 1),
        period_end=datetime.date(today.year - 1, 12, 31),
    )
    assert set(last_year.values()) == {0}


def test_public_items_are_approved_products_and_recommended_practices(world):
    w = world
    _approve(w, make_product(w, title="Программа", kind="programme", is_public=True, link=""))
    _approve(w, make_product(w, title="Закрытая программа"))
    make_product(w, title="Черновик", is_public=True)
    _recommended_practice(w, title="Открытая практика", is_public=True)
    _recommended_practice(w, title="Закрытая практика")
    items = public_methodology_items(w.rc_org)
    assert [(i.kind, i.title, i.year, i.url) for i in items] == [
        ("Программа", "Программа", 2025, None),
        ("Лучшая практика", "Открытая практика", 2025, None),
    ]
    assert items[0].summary.startswith("Сопровождение")
    assert public_methodology_items(w.rc8_org) == []


def test_demo_data_loads_once_with_the_seed_roadmap_products(db):
    load_demo()
    assert load_demo_data() is True
    nv, surgut = Organisation.objects.get(name=NV_RC), Organisation.objects.get(name=SURGUT_RC)
    assert {p.state for p in Product.objects.filter(organisation=nv)} == {
        ProductState.APPROVED,
        ProductState.UNDER_REVIEW,
    }
    assert {p.state for p in Product.objects.filter(organisation=surgut)} == {
        ProductState.RETURNED,
        ProductState.DRAFT,
    }
    approved = Product.objects.get(state=ProductState.APPROVED)
    assert approved.rounds.get().reviews.filter(verdict=Verdict.APPROVE).count() == 2
    assert approved.decided_at.date() == datetime.date(2022, 4, 12)
    assert Implementation.objects.filter(product=approved).count() == 2
    returned = Product.objects.get(state=ProductState.RETURNED)
    assert "критерии" in returned.rounds.get().reviews.get(verdict=Verdict.RETURN).remarks
    council = ExpertCouncil.objects.get()
    assert sorted(u.username for u in council.members.all()) == ["expert1", "expert2"]
    practice = Practice.objects.get(state=PracticeState.SUBMITTED)
    assert practice.analysed_by_organisation == surgut and practice.replications.count() == 1
    counts = methodology_counts(
        organisation=nv,
        direction=approved.direction,
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
    )
    assert counts["products_added"] == 2 and counts["products_approved_programme"] == 1
    assert counts["products_sent"] == 2
    assert [i.title for i in public_methodology_items(nv)] == [approved.title]
    before = (Product.objects.count(), Practice.objects.count(), ExpertCouncil.objects.count())
    assert load_demo_data() is False
    assert before == (Product.objects.count(), Practice.objects.count(), 1)
