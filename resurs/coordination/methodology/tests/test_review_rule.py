"""REG-2: the council's rule, table-driven (verdicts of one round → the outcome)."""

import pytest

from resurs.coordination.methodology.models import ProductState, review_outcome

A, R, X, P = "approve", "return", "reject", ""


@pytest.mark.parametrize(
    ("verdicts", "approvals", "rejections", "outcome"),
    [
        ([P, P], 2, 2, None),
        ([A, P], 2, 2, None),
        ([A, A], 2, 2, ProductState.APPROVED),
        ([A, A, P], 2, 2, ProductState.APPROVED),
        ([A, A, P], 3, 2, None),  # the rule is data: three approvals needed
        ([A, A, A], 3, 2, ProductState.APPROVED),
        ([R, P], 2, 2, ProductState.RETURNED),  # any return sends it back at once
        ([A, R, P], 2, 2, ProductState.RETURNED),
        ([X, P], 2, 2, None),
        ([X, X], 2, 2, ProductState.REJECTED),
        ([X, P], 2, 1, ProductState.REJECTED),
        ([A, X], 2, 2, ProductState.RETURNED),  # all spoke, no rule met: back to the author
        ([A, X, P], 2, 2, None),
    ],
)
def test_review_outcome(verdicts, approvals, rejections, outcome):
    assert (
        review_outcome(verdicts, approvals_needed=approvals, rejections_needed=rejections)
        == outcome
    )
