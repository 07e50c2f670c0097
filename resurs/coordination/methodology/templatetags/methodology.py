"""Presentation helpers of the methodology pages."""

from django import template

from resurs.coordination.methodology.models import PracticeState, ProductState, Verdict

register = template.Library()

BADGES = {
    ProductState.DRAFT: "text-bg-secondary",
    ProductState.SENT: "text-bg-info",
    ProductState.UNDER_REVIEW: "text-bg-primary",
    ProductState.APPROVED: "text-bg-success",
    ProductState.RETURNED: "text-bg-warning",
    ProductState.REJECTED: "text-bg-danger",
    PracticeState.PROPOSED: "text-bg-info",
    PracticeState.RECOMMENDED: "text-bg-success",
    PracticeState.NOT_RECOMMENDED: "text-bg-warning",
    PracticeState.SUBMITTED: "text-bg-primary",
}
VERDICT_BADGES = {
    Verdict.APPROVE: "text-bg-success",
    Verdict.RETURN: "text-bg-warning",
    Verdict.REJECT: "text-bg-danger",
}


@register.filter
def state_badge(state: str) -> str:
    """The Bootstrap badge class of a product's or a practice's state."""
    return BADGES.get(state, "text-bg-light border")


@register.filter
def verdict_badge(verdict: str) -> str:
    return VERDICT_BADGES.get(verdict, "text-bg-light border")
