"""REG-2 through the services: the path through the expert council, its rule, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from resurs.coordination.methodology.models import Product, ProductState, ReviewRound, Verdict
from resurs.coordination.methodology.services import products, reviews
from resurs.coordination.methodology.tests.conftest import make_product, under_review
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.audit.services import history_of
from resurs.kernel.writes.errors import DomainError, StaleVersion
from tests.factories import direction

pytestmark = pytest.mark.django_db


def test_draft_sent_under_review_approved_by_two_reviewers(world):
    w = world
    product = make_product(w)
    assert product.state == ProductState.DRAFT
    product = products.product_submit(by=w.rc, product=product)
    assert product.state == ProductState.SENT and product.submitted_at
    review_round = reviews.product_start_review(
        by=w.department, product=product, council=w.council, reviewers=[e.user for e in w.experts]
    )
    assert review_round.number == 1 and review_round.approvals_needed == 2
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW
    reviews.product_record_verdict(by=w.experts[0], product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW  # one approval of two
    reviews.product_record_verdict(by=w.experts[1], product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED
    assert product.decided_at is not None
    review_round.refresh_from_db()
    assert review_round.outcome == ProductState.APPROVED
    # Every step is in the card's history: the product's states and the experts' verdicts.
    actions = [(e.content_type.model, e.action) for e in history_of(product)]
    assert actions.count(("review", "update")) == 2
    assert ("reviewround", "create") in actions
    states = [
        e.changes["state"][1]
        for e in AuditEntry.objects.for_object(product)
        if "state" in e.changes
    ]
    assert states == [
        "Рекомендован к внедрению",
        "На экспертизе",
        "Направлен в экспертный совет",
        "Черновик",
    ]


def test_returned_resubmitted_and_approved_in_a_second_round(world):
    w = world
    product = under_review(w, make_product(w))
    reviews.product_record_verdict(by=w.experts[0], product=product, verdict=Verdict.APPROVE)
    reviews.product_record_verdict(
        by=w.experts[1], product=product, verdict=Verdict.RETURN, remarks="Нет критериев оценки."
    )
    product.refresh_from_db()
    assert product.state == ProductState.RETURNED
    # The author may edit it again, then send it back with a note of what was revised.
    products.product_update(
        by=w.rc, product=product, expected_version=product.version, annotation="С критериями."
    )
    with pytest.raises(ValidationError) as error:
        products.product_resubmit(by=w.rc, product=product, note=" ")
    assert "note" in error.value.message_dict
    products.product_resubmit(by=w.rc, product=product, note="Добавлены критерии оценки.")
    reviews.product_start_review(
        by=w.department, product=product, council=w.council, reviewers=[e.user for e in w.experts]
    )
    for expert in w.experts[:2]:
        reviews.product_record_verdict(by=expert, product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED
    rounds = list(ReviewRound.objects.filter(product=product).order_by("number"))
    assert [r.outcome for r in rounds] == [ProductState.RETURNED, ProductState.APPROVED]
    assert rounds[1].submission_note == "Добавлены критерии оценки."
    # The first round's verdicts are kept, remarks included.
    assert [(r.verdict, r.remarks) for r in rounds[0].reviews.order_by("id")] == [
        (Verdict.APPROVE, ""),
        (Verdict.RETURN, "Нет критериев оценки."),
    ]


def test_a_non_member_cannot_record_a_verdict(world):
    w = world
    product = under_review(w, make_product(w))
    with pytest.raises(PermissionDenied):
        reviews.product_record_verdict(by=w.department, product=product, verdict=Verdict.APPROVE)
    # An expert of the council not assigned to this product cannot either.
    with pytest.raises(PermissionDenied):
        reviews.product_record_verdict(by=w.experts[2], product=product, verdict=Verdict.APPROVE)
    # Nor an assigned expert removed from the council meanwhile.
    reviews.council_save(
        by=None,
        council=w.council,
        members=[w.experts[1].user, w.experts[2].user],
        approvals_needed=2,
    )
    with pytest.raises(PermissionDenied):
        reviews.product_record_verdict(by=w.experts[0], product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW


def test_the_approvals_needed_rule_is_data(world):
    w = world
    reviews.council_save(
        by=w.department,
        council=w.council,
        members=[e.user for e in w.experts],
        expected_version=w.council.version,
        approvals_needed=3,
    )
    product = make_product(w)
    products.product_submit(by=w.rc, product=product)
    with pytest.raises(ValidationError) as error:
        reviews.product_start_review(
            by=w.department,
            product=product,
            council=w.council,
            reviewers=[e.user for e in w.experts[:2]],
        )
    assert "не менее 3" in error.value.message_dict["reviewers"][0]
    reviews.product_start_review(
        by=w.department, product=product, council=w.council, reviewers=[e.user for e in w.experts]
    )
    for expert in w.experts[:2]:
        reviews.product_record_verdict(by=expert, product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.UNDER_REVIEW  # two approvals no longer approve
    reviews.product_record_verdict(by=w.experts[2], product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED


def test_a_change_of_the_rule_does_not_rewrite_a_review_under_way(world):
    w = world
    product = under_review(w, make_product(w))
    reviews.council_save(
        by=None, council=w.council, members=[e.user for e in w.experts], approvals_needed=3
    )
    for expert in w.experts[:2]:
        reviews.product_record_verdict(by=expert, product=product, verdict=Verdict.APPROVE)
    product.refresh_from_db()
    assert product.state == ProductState.APPROVED


def test_two_rejections_reject_and_remarks_are_required(world):
    w = world
    product = under_review(w, make_product(w))
    with pytest.raises(ValidationError) as error:
        reviews.product_record_verdict(by=w.experts[0], product=product, verdict=Verdict.REJECT)
    assert "remarks" in error.value.message_dict
    for expert in w.experts[:2]:
        reviews.product_record_verdict(
            by=expert, product=product, verdict=Verdict.REJECT, remarks="Не соответствует."
        )
    product.refresh_from_db()
    assert product.state == ProductState.REJECTED
    with pytest.raises(DomainError):
        products.product_resubmit(by=w.rc, product=product, note="Переделали.")


def test_an_expert_gives_one_verdict_per_round(world):
    w = world
    product = under_review(w, make_product(w))
    reviews.product_record_verdict(by=w.experts[0], product=product, verdict=Verdict.APPROVE)
    with pytest.raises(DomainError, match="уже дали"):
        reviews.product_record_verdict(by=w.experts[0], product=product, verdict=Verdict.REJECT)


def test_reviewers_must_be_council_members_without_a_stake(world):
    w = world
    product = make_product(w)
    products.product_submit(by=w.rc, product=product)
    with pytest.raises(ValidationError, match="Не члены совета"):
        reviews.product_start_review(
            by=w.department,
            product=product,
            council=w.council,
            reviewers=[w.experts[0].user, w.department.user],
        )
    # An expert who also works at the author organisation may not judge its product.
    from tests.factories import MembershipFactory

    MembershipFactory(user=w.experts[0].user, organisation=w.provider_org, role="provider")
    with pytest.raises(ValidationError, match="своей организации"):
        reviews.product_start_review(
            by=w.department,
            product=product,
            council=w.council,
            reviewers=[e.user for e in w.experts[:2]],
        )
    with pytest.raises(PermissionDenied):
        reviews.product_start_review(
            by=w.rc, product=product, council=w.council, reviewers=[e.user for e in w.experts[1:]]
        )


def test_council_members_must_hold_a_department_or_methodical_centre_role(world):
    w = world
    with pytest.raises(ValidationError) as error:
        reviews.council_save(
            by=w.department,
            council=w.council,
            members=[w.experts[0].user, w.rc.user],
            expected_version=w.council.version,
        )
    assert "Департамента или методического центра" in error.value.message_dict["members"][0]
    with pytest.raises(ValidationError) as error:
        reviews.council_save(
            by=w.department,
            council=w.council,
            members=[w.experts[0].user],
            expected_version=w.council.version,
        )
    assert "approvals_needed" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        reviews.council_save(by=w.methodist, council=w.council, members=[e.user for e in w.experts])


def test_only_the_author_side_edits_and_only_in_draft_or_returned(world):
    w = world
    product = make_product(w, by=w.provider, author_organisation=w.provider_org)
    with pytest.raises(PermissionDenied):
        products.product_update(
            by=w.other_provider, product=product, expected_version=1, annotation="чужое"
        )
    products.product_update(by=w.provider, product=product, expected_version=1, authors="Иванова")
    with pytest.raises(StaleVersion):
        products.product_update(by=w.rc, product=product, expected_version=1, authors="Петров")
    products.product_submit(by=w.provider, product=product)
    with pytest.raises(DomainError, match="Направлен в экспертный совет"):
        products.product_update(by=w.provider, product=product, expected_version=None, year=2024)


def test_the_registry_is_kept_by_an_rc_of_the_direction(world):
    w = world
    with pytest.raises(ValidationError) as error:
        make_product(w, by=w.department, organisation=w.provider_org)
    assert "не является ресурсным центром" in error.value.message_dict["organisation"][0]
    with pytest.raises(ValidationError):
        make_product(w, by=w.department, direction=direction(8))
    # An RC adds only to its own registry; a provider only what it developed.
    with pytest.raises(PermissionDenied):
        make_product(w, by=w.rc8)
    with pytest.raises(PermissionDenied):
        make_product(w, by=w.other_provider, author_organisation=w.provider_org)
    product = make_product(w, by=w.provider, author_organisation=None)
    assert product.author_organisation == w.provider_org


def test_a_title_is_unique_in_an_rcs_registry_per_year(world):
    w = world
    make_product(w)
    with pytest.raises(ValidationError) as error:
        make_product(w)
    assert "уже есть продукт" in error.value.message_dict["title"][0]
    assert make_product(w, year=2024).pk


def test_a_draft_without_annotation_is_not_sent(world):
    w = world
    product = make_product(w, annotation="")
    with pytest.raises(ValidationError) as error:
        products.product_submit(by=w.rc, product=product)
    assert "annotation" in error.value.message_dict
    assert Product.objects.get(pk=product.pk).state == ProductState.DRAFT


def test_implementation_only_of_a_recommended_product(world):
    w = world
    product = make_product(w)
    with pytest.raises(DomainError):
        products.implementation_add(
            by=w.rc, product=product, organisation=w.provider_org, started_on="2025-09-01"
        )
    product = under_review(w, product)
    for expert in w.experts[:2]:
        reviews.product_record_verdict(by=expert, product=product, verdict=Verdict.APPROVE)
    implementation = products.implementation_add(
        by=w.rc, product=product, organisation=w.provider_org, started_on="2025-09-01"
    )
    assert list(product.implemented_in.all()) == [w.provider_org]
    with pytest.raises(ValidationError):
        products.implementation_add(
            by=w.rc, product=product, organisation=w.provider_org, started_on="2025-10-01"
        )
    products.implementation_remove(by=w.rc, implementation=implementation)
    assert not product.implemented_in.exists()


def test_moving_a_product_to_another_registry_needs_the_right_to_add_there(world):
    w = world
    product = make_product(w)
    with pytest.raises(PermissionDenied):
        products.product_update(
            by=w.rc,
            product=product,
            expected_version=product.version,
            organisation=w.rc8_org,
            direction=direction(8),
        )
    moved = products.product_update(
        by=w.department,
        product=product,
        expected_version=product.version,
        organisation=w.rc8_org,
        direction=direction(8),
    )
    assert (moved.organisation, moved.direction.number) == (w.rc8_org, 8)
