"""The home page's «Требует внимания»: every app adds what it asks of the user through
``attention`` in its contribution module (resurs.kernel.contributions); the home page
collects them in INSTALLED_APPS order."""

from resurs.kernel.contributions import AttentionItem, contributions


def attention_for(scope) -> list[AttentionItem]:
    if scope is None:
        return []
    items: list[AttentionItem] = []
    for contribution in contributions():
        if contribution.attention is not None:
            items.extend(contribution.attention(scope))
    return items
