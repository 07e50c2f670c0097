"""The data of a page through the application's own ORM code, without HTTP or rendering.

It reads what ``raw`` reads (session, user, memberships or the token, count, page, directions)
by calling the same selectors the views call, so that the table can split the cost of a
page into "ORM" (this) and "framework + rendering" (the rest of the request).
"""

from django.contrib.sessions.backends.db import SessionStore
from django.core.paginator import Paginator

from resurs.kernel.accounts.middleware import user_memberships
from resurs.kernel.accounts.models import ApiToken, User
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.organisations import selectors
from resurs.kernel.organisations.forms import OrganisationFilterForm
from resurs.kernel.organisations.views import PAGE_SIZE, _filters


def list_page(user_id: int, session_key: str, params: dict, page: int):
    SessionStore(session_key).load()
    user = User.objects.get(pk=user_id)
    membership = user_memberships(user)[0]
    form = OrganisationFilterForm(params or None)
    queryset = selectors.organisations_visible_to(Scope.of(membership), _filters(form))
    current = Paginator(queryset, PAGE_SIZE).get_page(page)
    return [
        (o.pk, str(o.territory), [d.number for d in o.direction_list]) for o in current.object_list
    ]


def api_page(raw_token: str, text: str, page: int, size: int):
    found = (
        ApiToken.objects.for_raw(raw_token)
        .filter(membership__is_active=True, membership__user__is_active=True)
        .select_related("membership__user", "membership__organisation")
        .first()
    )
    scope = Scope.of(found.membership)
    queryset = selectors.organisations_visible_to(scope, selectors.OrganisationFilter(text=text))
    count = queryset.count()
    offset = (page - 1) * size
    return count, [
        (o.pk, [d.pk for d in o.direction_list]) for o in queryset[offset : offset + size]
    ]
