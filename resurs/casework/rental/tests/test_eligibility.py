"""TSR-3: free or paid, from the regulation's cases (seed 002 app. 1 §2.1, §4.2–4.3)."""

import pytest

from resurs.casework.rental.eligibility import eligibility
from resurs.casework.rental.models import Category
from resurs.casework.rental.tests.conftest import apply

# (category, the requested kind is in the ИПР/ИПРА, free, the paragraph the reason names)
CASES = [
    (Category.QUEUED_IPRA, True, True, "п. 4.2"),
    (Category.QUEUED_IPRA, False, False, "п. 4.2, абзац второй"),
    (Category.OWN_IN_REPAIR, True, True, "п. 4.2"),
    (Category.OWN_IN_REPAIR, False, False, "п. 4.2, абзац второй"),
    (Category.NO_IPRA, False, False, "п. 4.3"),
    (Category.MEDICAL, False, False, "п. 4.3"),
]


@pytest.mark.parametrize(("category", "listed", "free", "paragraph"), CASES)
def test_free_only_for_2_1_1_and_2_1_2_and_only_for_kinds_of_their_ipra(
    rental, category, listed, free, paragraph
):
    ipra = [rental.wheelchair] if listed else [rental.crutches] if category in {
        Category.QUEUED_IPRA, Category.OWN_IN_REPAIR
    } else []  # fmt: skip
    application = apply(rental, rental.wheelchair, category=category, ipra_kinds=ipra)

    decision = eligibility(application, rental.wheelchair)

    assert decision.free is free
    assert paragraph in decision.reason
    assert f"п. {category.value}" in decision.reason
    assert ("Бесплатно" if free else "На условиях оплаты") in decision.reason


def test_ipra_kinds_are_refused_for_categories_without_an_ipra(rental):
    from resurs.kernel.writes import DomainError

    with pytest.raises(DomainError, match="2.1.1 и 2.1.2"):
        apply(rental, rental.wheelchair, category=Category.MEDICAL, ipra_kinds=[rental.wheelchair])
