"""What the public section asks of the user on the home page (see accounts.attention)."""

from django.urls import reverse

from resurs.coordination.public import permissions, selectors
from resurs.kernel.contributions import AttentionItem


def items_for(scope) -> list[AttentionItem]:
    """EVT-5: visitors' questions waiting for an answer, per centre (two queries)."""
    if not permissions.uses_public_section(scope):
        return []
    inbox = reverse("public:inbox")
    return [
        AttentionItem(
            title=f"Вопросы посетителей без ответа: {count}",
            detail=f"{page.organisation}. Ответ уходит посетителю на почту, если он её оставил.",
            url=f"{inbox}?state=new&centre={page.pk}",
        )
        for page, count in selectors.new_question_counts(scope)
    ]
