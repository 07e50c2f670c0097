"""X-4: the roadmap endpoints; every query goes through the selectors' scope.

Roadmaps with their sections and items, the workflow transitions (submit, agree, return,
reopen), items (create, update with optimistic locking, move, delete, manual schedule),
checkpoints and their marks with evidence, proposals and agreed versions with comparison
(SPEC §3 MAP-1..MAP-4). Lists are paginated (?page, ?page_size); writes go through
`resurs.coordination.roadmaps.services`, so the rules and the audit are those of the UI.
"""

from ninja import Router

router = Router(tags=["Дорожные карты"])


def _scope(request):
    return request.scope
