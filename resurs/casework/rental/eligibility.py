"""TSR-3: free or paid (seed 002 app. 1 §2.1, §4.2–4.3; contract §3.1).

Free only for the categories 2.1.1 (queued for the item under the ИПР/ИПРА) and 2.1.2 (one's
own item under repair) and only for the kinds listed in the person's ИПР/ИПРА; every other
case is paid. The decision carries the paragraph it stands on, in Russian, for the contract
and the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from resurs.casework.rental.models import Application, Category, ItemKind

FREE_CATEGORIES = frozenset({Category.QUEUED_IPRA, Category.OWN_IN_REPAIR})


@dataclass(frozen=True)
class Decision:
    free: bool
    reason: str


def eligibility(application: Application, kind: ItemKind) -> Decision:
    """TSR-3: whether ``kind`` is given to the applicant free, and why (the paragraph)."""
    category = Category(application.category)
    if category in FREE_CATEGORIES:
        # .all(): a list page's prefetch answers it without a query per row
        listed = any(listed.pk == kind.pk for listed in application.ipra_kinds.all())
        if listed:
            return Decision(
                True,
                f"Бесплатно: категория п. {category.value} положения, «{kind}» указано в "
                "ИПР/ИПРА (п. 4.2).",
            )
        return Decision(
            False,
            f"На условиях оплаты: категория п. {category.value}, но «{kind}» не указано в "
            "ИПР/ИПРА — ТСР, не указанные в ИПР/ИПРА, предоставляются на условиях оплаты "
            "(п. 4.2, абзац второй).",
        )
    return Decision(
        False,
        f"На условиях оплаты: категория п. {category.value} положения (п. 4.3).",
    )
