"""What the methodology registries ask of the user on the home page (see accounts.attention).

At most four queries whatever the number of records: each queue shows its first items and a
link to the rest.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.coordination.methodology import selectors
from resurs.coordination.methodology.models import PracticeState, Product, ProductState
from resurs.coordination.methodology.permissions import COUNCIL_SECRETARY_ROLES
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import AttentionItem

SHOWN = 5  # items of one queue listed one by one; the rest behind a link to the list


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%d.%m.%Y}" if moment else ""


def _queue(rows, item, *, more_title: str, more_url: str) -> list[AttentionItem]:
    rows = list(rows[: SHOWN + 1])
    items = [item(row) for row in rows[:SHOWN]]
    if len(rows) > SHOWN:
        items.append(AttentionItem(title=more_title, detail="Откройте список.", url=more_url))
    return items


def items_for(scope) -> list[AttentionItem]:
    """REG-2/REG-3 queues: an expert's products awaiting a verdict, the author's returned
    products, the council secretary's products awaiting experts, the RC's practices
    awaiting analysis."""
    products_url = reverse("methodology:product_list")
    practices_url = reverse("methodology:practice_list")
    items: list[AttentionItem] = []
    items += _queue(
        selectors.reviews_awaiting(scope, scope.user_id),
        lambda review: AttentionItem(
            title=f"Ожидает вашего заключения: «{review.round.product.title}»",
            detail=f"Экспертный совет, рассмотрение № {review.round.number} от "
            f"{_day(review.round.started_at)}.",
            url=reverse("methodology:product_verdict", args=[review.round.product_id]),
        ),
        more_title="Другие продукты ждут вашего заключения",
        more_url=f"{products_url}?state={ProductState.UNDER_REVIEW}",
    )
    if scope.role in (Role.RESOURCE_CENTRE, Role.PROVIDER):
        own = Q(organisation_id=scope.organisation_id) | Q(
            author_organisation_id=scope.organisation_id
        )
        returned = (
            Product.objects.visible_to(scope)
            .filter(own, state=ProductState.RETURNED)
            .only("id", "title", "decided_at")
            .order_by("decided_at", "id")
        )
        items += _queue(
            returned,
            lambda product: AttentionItem(
                title=f"Возвращён на доработку: «{product.title}»",
                detail="Учтите замечания экспертов и направьте продукт повторно.",
                url=product.get_absolute_url(),
            ),
            more_title="Другие продукты возвращены на доработку",
            more_url=f"{products_url}?state={ProductState.RETURNED}",
        )
    if scope.role in COUNCIL_SECRETARY_ROLES:
        sent = selectors.products_visible_to(scope).filter(state=ProductState.SENT)
        items += _queue(
            sent.order_by("submitted_at", "id"),
            lambda product: AttentionItem(
                title=f"Направлен в экспертный совет: «{product.title}»",
                detail=f"{product.organisation}, {_day(product.submitted_at)}. "
                "Назначьте экспертов.",
                url=product.get_absolute_url(),
            ),
            more_title="Другие продукты ждут назначения экспертов",
            more_url=f"{products_url}?state={ProductState.SENT}",
        )
    if scope.role == Role.RESOURCE_CENTRE:
        awaiting = selectors.practices_awaiting_analysis(scope).filter(
            direction_id=scope.direction_id
        )
        items += _queue(
            awaiting,
            lambda practice: AttentionItem(
                title=f"Практика ждёт анализа: «{practice.title}»",
                detail=f"Предложила {practice.organisation} {_day(practice.proposed_at)}.",
                url=practice.get_absolute_url(),
            ),
            more_title="Другие практики ждут анализа",
            more_url=f"{practices_url}?state={PracticeState.PROPOSED}",
        )
    return items
