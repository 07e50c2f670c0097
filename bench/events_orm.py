"""The data of the event list and its API through the application's ORM code, without HTTP
or rendering: what ``events_raw`` reads, by calling the selectors and the form the views call.
"""

from django.contrib.sessions.backends.db import SessionStore
from django.core.paginator import Paginator
from django.utils import timezone

from resurs.coordination.events import selectors
from resurs.coordination.events.forms import EventFilterForm
from resurs.coordination.events.views.common import PAGE_SIZE
from resurs.kernel.accounts.middleware import user_memberships
from resurs.kernel.accounts.models import ApiToken, User
from resurs.kernel.accounts.scoping import Scope


def list_page(user_id: int, session_key: str, params: dict, page: int, zone: str):
    SessionStore(session_key).load()
    user = User.objects.get(pk=user_id)
    scope = Scope.of(user_memberships(user)[0])
    with timezone.override(zone):
        form = EventFilterForm(params or None, who=scope)
        queryset = selectors.events_visible_to(scope, form.filters()).only(
            *selectors.EVENT_LIST_COLUMNS
        )
        current = Paginator(queryset, PAGE_SIZE).get_page(page)
        rows = [(e.pk, str(e.organiser), str(e.direction or "")) for e in current.object_list]
    # The filter's choices the page renders.
    choices = [list(form.fields[name].queryset) for name in ("direction", "organiser")]
    return rows, choices


def api_page(raw_token: str, filters: selectors.EventFilter, page: int, size: int, zone: str):
    found = (
        ApiToken.objects.for_raw(raw_token)
        .filter(membership__is_active=True, membership__user__is_active=True)
        .select_related("membership__user", "membership__organisation")
        .first()
    )
    scope = Scope.of(found.membership)
    with timezone.override(zone):
        queryset = selectors.events_visible_to(scope, filters).defer("search_text")
        count = queryset.count()
        offset = (page - 1) * size
        return count, [(e.pk, e.organiser_id) for e in queryset[offset : offset + size]]
