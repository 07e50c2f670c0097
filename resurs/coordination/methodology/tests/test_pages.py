"""REG-2 / REG-3 pages through the test client: the path a browser test will click through,
scoping, query counts, export and the council page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from resurs.coordination.methodology.models import (
    ExpertCouncil,
    Practice,
    PracticeState,
    Product,
    ProductState,
    Verdict,
)
from resurs.coordination.methodology.services import practices, products, reviews
from resurs.coordination.methodology.tests.conftest import make_product, under_review
from resurs.kernel.accounts.roles import Role
from tests.factories import MembershipFactory, direction

pytestmark = pytest.mark.django_db


def test_ui_path_from_draft_to_approval_by_two_reviewers(world, login):
    w = world
    rc = login(w.rc)
    response = rc.post(
        reverse("methodology:product_create"),
        {
            "kind": "programme",
            "title": "Программа «Шаг навстречу»",
            "annotation": "Сопровождение освобождённых граждан.",
            "organisation": w.rc_org.pk,
            "direction": direction(2).pk,
            "author_organisation": w.rc_org.pk,
            "year": 2025,
        },
    )
    product = Product.objects.get(title="Программа «Шаг навстречу»")
    assert response.status_code == 302 and response.url == product.get_absolute_url()
    card = rc.get(product.get_absolute_url()).content.decode()
    assert 'id="product-submit"' in card and 'id="product-state"' in card
    rc.post(reverse("methodology:product_submit", args=[product.pk]))
    product.refresh_from_db()
    assert product.state == ProductState.SENT

    department = login(w.department)
    card = department.get(product.get_absolute_url()).content.decode()
    assert 'id="product-start-review"' in card
    page = department.get(reverse("methodology:product_start_review", args=[product.pk]))
    assert "Не менее 2" in page.content.decode()
    response = department.post(
        reverse("methodology:product_start_review", args=[product.pk]),
        {"council": w.council.pk, "reviewers": [w.experts[0].user.pk, w.experts[1].user.pk]},
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW

    for expert in w.experts[:2]:
        client = login(expert)
        home = client.get(reverse("home")).content.decode()
        assert "Ожидает вашего заключения: «Программа «Шаг навстречу»»" in home
        assert 'id="product-verdict"' in client.get(product.get_absolute_url()).content.decode()
        page = client.get(reverse("methodology:product_verdict", args=[product.pk]))
        assert 'id="verdict-form"' in page.content.decode()
        response = client.post(
            reverse("methodology:product_verdict", args=[product.pk]),
            {"verdict": "approve", "remarks": ""},
        )
        assert response.status_code == 302
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED
    reviews = rc.get(product.get_absolute_url() + "?tab=reviews").content.decode()
    assert reviews.count("Рекомендовать к внедрению") == 2
    assert "Рекомендован к внедрению" in reviews


def test_verdict_form_shows_the_missing_remarks_next_to_the_field(world, login):
    w = world
    product = under_review(w, make_product(w))
    response = login(w.experts[0]).post(
        reverse("methodology:product_verdict", args=[product.pk]), {"verdict": "return"}
    )
    assert response.status_code == 400
    assert "Укажите замечания" in response.content.decode()
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW


def test_returned_product_shows_remarks_and_is_resubmitted(world, login):
    w = world
    product = under_review(w, make_product(w))
    reviews.product_record_verdict(
        by=w.experts[0], product=product, verdict=Verdict.RETURN, remarks="Добавьте критерии."
    )
    rc = login(w.rc)
    home = rc.get(reverse("home")).content.decode()
    assert "Возвращён на доработку: «Технология «Новый старт»»" in home
    card = rc.get(product.get_absolute_url()).content.decode()
    assert "Добавьте критерии." in card and 'id="product-resubmit"' in card
    response = rc.post(
        reverse("methodology:product_resubmit", args=[product.pk]), {"note": "Критерии добавлены."}
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.state == ProductState.SENT


def test_a_non_member_gets_403_on_the_verdict_page(world, login):
    w = world
    product = under_review(w, make_product(w))
    client = login(w.department)
    url = reverse("methodology:product_verdict", args=[product.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"verdict": "approve"}).status_code == 403
    assert 'id="product-verdict"' not in client.get(product.get_absolute_url()).content.decode()
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW


def test_an_expert_sees_the_assigned_product_under_any_membership(world, login):
    w = world
    product = under_review(w, make_product(w))
    # The first expert also works at a provider of another territory and acts as such.
    provider_role = MembershipFactory(user=w.experts[0].user, role=Role.PROVIDER)
    client = login(provider_role)
    assert client.get(product.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("methodology:product_verdict", args=[product.pk]), {"verdict": "approve"}
    )
    assert response.status_code == 302
    other = make_product(w, title="Другой продукт")
    assert client.get(other.get_absolute_url()).status_code == 404


PRODUCT_OUTSIDERS = ["other_provider", "uszn_uray", "rc8"]
PRODUCT_INSIDERS = ["rc", "provider", "uszn_surgut", "department", "methodist"]


def _product_urls(product):
    return [
        product.get_absolute_url(),
        product.get_absolute_url() + "?tab=history",
        reverse("methodology:product_edit", args=[product.pk]),
        reverse("methodology:product_resubmit", args=[product.pk]),
        reverse("methodology:product_verdict", args=[product.pk]),
        reverse("methodology:implementation_add", args=[product.pk]),
    ]


@pytest.mark.parametrize("who", PRODUCT_OUTSIDERS)
def test_product_outside_the_scope_is_404(world, login, who):
    w = world
    product = make_product(w)
    client = login(getattr(w, who))
    for url in _product_urls(product):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("methodology:product_submit", args=[product.pk])).status_code == 404
    listing = client.get(reverse("methodology:product_list")).content.decode()
    assert product.title not in listing
    export = client.get(reverse("methodology:product_export"))
    assert product.title not in [
        row[0]
        for row in load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("who", PRODUCT_INSIDERS)
def test_product_inside_the_scope_is_shown(world, login, who):
    w = world
    product = make_product(w)
    client = login(getattr(w, who))
    assert client.get(product.get_absolute_url()).status_code == 200
    assert product.title in client.get(reverse("methodology:product_list")).content.decode()


def test_product_list_query_count_does_not_grow_with_rows(
    world, login, django_assert_max_num_queries
):
    w = world
    client = login(w.department)
    for n in range(3):
        make_product(w, title=f"Продукт {n}")
    client.get(reverse("methodology:product_list"))
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("methodology:product_list"))
    for n in range(3, 60):
        make_product(
            w,
            by=w.department,
            title=f"Продукт {n}",
            organisation=w.rc8_org,
            direction=direction(8),
        )
    with django_assert_max_num_queries(12) as large:
        body = client.get(reverse("methodology:product_list")).content.decode()
    assert "Найдено: 60" in body
    assert len(large.captured_queries) == len(small.captured_queries)


def test_product_list_filters_and_htmx_fragment(world, login):
    w = world
    make_product(w, title="Технология раз")
    make_product(
        w, by=w.department, title="Программа два", organisation=w.rc8_org, direction=direction(8)
    )
    client = login(w.department)
    body = client.get(
        reverse("methodology:product_list"), {"direction": direction(8).pk, "q": "ПРОГРАММА"}
    ).content.decode()
    assert "Программа два" in body and "Технология раз" not in body
    fragment = client.get(
        reverse("methodology:product_list"),
        {"state": "draft"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    ).content.decode()
    assert fragment.lstrip().startswith('<div id="results">')
    empty = client.get(reverse("methodology:product_list"), {"year": 1999}).content.decode()
    assert "Методических продуктов не найдено." in empty


def test_product_export_loads_as_the_import_template(world, login):
    w = world
    make_product(w, title="Технология для выгрузки")
    response = login(w.rc).get(reverse("methodology:product_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("Наименование*", "Вид*", "Ресурсный центр*", "Направление*", "Год*")
    assert rows[1][:5] == ("Технология для выгрузки", "Технология", w.rc_org.name, 2, 2025)
    assert rows[1][11] == "Черновик"


def test_edit_form_refuses_a_stale_version(world, login):
    w = world
    product = make_product(w)
    client = login(w.rc)
    data = {
        "kind": "technology",
        "title": product.title,
        "annotation": "Новая аннотация",
        "organisation": w.rc_org.pk,
        "direction": direction(2).pk,
        "author_organisation": w.provider_org.pk,
        "year": 2025,
        "version": product.version,
    }
    products.product_update(by=w.provider, product=product, expected_version=1, authors="Иванова")
    response = client.post(reverse("methodology:product_edit", args=[product.pk]), data)
    assert response.status_code == 400
    assert "другой пользователь" in response.content.decode()
    product.refresh_from_db()
    assert product.annotation != "Новая аннотация"


def test_council_page_for_the_department_and_its_rule_edited(world, login):
    w = world
    client = login(w.department)
    page = client.get(reverse("methodology:council_list")).content.decode()
    assert "Экспертный совет Департамента" in page and str(w.experts[0].user) in page
    response = client.post(
        reverse("methodology:council_edit", args=[w.council.pk]),
        {
            "name": "Экспертный совет Департамента",
            "members": [e.user.pk for e in w.experts],
            "approvals_needed": 3,
            "rejections_needed": 2,
            "is_active": "on",
            "version": w.council.version,
        },
    )
    assert response.status_code == 302
    assert ExpertCouncil.objects.get(pk=w.council.pk).approvals_needed == 3
    # A user without a Department or methodical-centre role is not offered as a member.
    form = client.get(reverse("methodology:council_edit", args=[w.council.pk])).content.decode()
    assert f'name="members" value="{w.experts[2].user.pk}"' in form
    assert f'name="members" value="{w.rc.user.pk}"' not in form
    assert login(w.rc).get(reverse("methodology:council_list")).status_code == 403
    assert login(w.methodist).get(reverse("methodology:council_list")).status_code == 200
    assert login(w.methodist).get(reverse("methodology:council_create")).status_code == 403


def test_ui_path_of_a_best_practice(world, login):
    w = world
    provider = login(w.provider)
    response = provider.post(
        reverse("methodology:practice_create"),
        {
            "organisation": w.provider_org.pk,
            "direction": direction(2).pk,
            "title": "Пункт социальной помощи",
            "description": "Приём граждан без определённого места жительства.",
            "year": 2025,
        },
    )
    practice = Practice.objects.get(title="Пункт социальной помощи")
    assert response.status_code == 302
    provider.post(reverse("methodology:practice_propose", args=[practice.pk]))
    rc = login(w.rc)
    assert (
        "Практика ждёт анализа: «Пункт социальной помощи»"
        in rc.get(reverse("home")).content.decode()
    )
    assert 'id="practice-analyse"' in rc.get(practice.get_absolute_url()).content.decode()
    rc.post(
        reverse("methodology:practice_analyse", args=[practice.pk]),
        {"verdict": "recommended", "analysis": "Применима в муниципалитетах округа."},
    )
    rc.post(reverse("methodology:practice_submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.state == PracticeState.SUBMITTED
    assert practice.analysed_by_organisation == w.rc_org
    response = login(w.methodist).post(
        reverse("methodology:replication_add", args=[practice.pk]),
        {"organisation": w.rc_org.pk, "started_on": "2025-10-01", "result": "Внедрена."},
    )
    assert response.status_code == 302
    replication = provider.get(practice.get_absolute_url() + "?tab=replication").content.decode()
    assert "Сургутский РЦ" in replication and "Внедрена." in replication
    # The RC of another direction neither sees nor analyses it.
    assert login(w.rc8).get(practice.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("who", ["other_provider", "uszn_uray", "rc8"])
def test_practice_outside_the_scope_is_404(world, login, who):
    w = world
    practice = practices.practice_create(
        by=w.provider,
        organisation=w.provider_org,
        direction=direction(2),
        title="Практика",
        description="Описание",
        year=2025,
    )
    client = login(getattr(w, who))
    for url in (
        practice.get_absolute_url(),
        reverse("methodology:practice_edit", args=[practice.pk]),
        reverse("methodology:practice_analyse", args=[practice.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("methodology:practice_propose", args=[practice.pk])).status_code == 404
    )


def test_practice_list_query_count_does_not_grow_with_rows(
    world, login, django_assert_max_num_queries
):
    w = world
    client = login(w.rc)

    def add(n):
        practices.practice_create(
            by=None,
            organisation=w.provider_org,
            direction=direction(2),
            title=f"Практика {n}",
            description="Описание",
            year=2025,
        )

    for n in range(3):
        add(n)
    client.get(reverse("methodology:practice_list"))
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("methodology:practice_list"))
    for n in range(3, 60):
        add(n)
    with django_assert_max_num_queries(12) as large:
        assert "Найдено: 60" in client.get(reverse("methodology:practice_list")).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_card_tabs_render_for_every_state(world, login):
    w = world
    product = under_review(w, make_product(w))
    for expert in w.experts[:2]:
        reviews.product_record_verdict(by=expert, product=product, verdict=Verdict.APPROVE)
    client = login(w.rc)
    for tab in ("details", "reviews", "implementation", "files", "history"):
        response = client.get(product.get_absolute_url(), {"tab": tab})
        assert response.status_code == 200, tab
    fragment = client.get(
        product.get_absolute_url(),
        {"tab": "files"},
        headers={"HX-Request": "true", "HX-Target": "card-tab"},
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="card-tab">')
    assert (
        'id="product-add-implementation"'
        in client.get(product.get_absolute_url(), {"tab": "implementation"}).content.decode()
    )
    client.post(reverse("methodology:product_publish", args=[product.pk]), {"is_public": "1"})
    product.refresh_from_db()
    assert product.is_public
