"""Applications and contracts are a citizen's personal data: everybody who must not see
district 1's records (resurs/casework/conftest.py ``outsiders``) gets «not found» from the
selectors, like a record that does not exist; the inventory is seen with its institution."""

import pytest
from django.http import Http404

from resurs.casework.rental import selectors, services
from resurs.casework.rental.models import Application
from resurs.casework.rental.tests.conftest import TODAY, add_item, apply
from resurs.kernel.accounts.scoping import ScopeNotApplied


@pytest.fixture
def records(rental):
    w = rental
    w.chair = add_item(w, w.wheelchair, "КК-1")
    w.application = apply(w, w.wheelchair)
    w.contract = services.issue(
        by=w.specialist, application=w.application, items=[w.chair], starts_on=TODAY,
        ends_on=TODAY,
    )  # fmt: skip
    return w


def test_outsiders_get_404_for_the_application_and_the_contract(records):
    for reason, who in records.outsiders.items():
        with pytest.raises(Http404):
            selectors.application_for(who, records.application.pk)
        with pytest.raises(Http404):
            selectors.contract_for(who, records.contract.pk)
        assert not selectors.applications_visible_to(who).exists(), reason


def test_insiders_see_them(records):
    for reason, who in records.insiders.items():
        assert selectors.application_for(who, records.application.pk) == records.application, reason


def test_a_read_of_applications_without_the_scope_fails_loudly(records):
    with pytest.raises(ScopeNotApplied):
        list(Application.objects.all())


def test_another_institution_does_not_see_the_inventory(records):
    assert (
        not selectors.items_visible_to(records.other_specialist)
        .filter(pk=records.chair.pk)
        .exists()
    )
    assert selectors.items_visible_to(records.specialist).filter(pk=records.chair.pk).exists()


def test_another_institutions_staff_cannot_issue_or_return(records):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.return_items(
            by=records.other_specialist, contract=records.contract, returned_on=TODAY
        )
