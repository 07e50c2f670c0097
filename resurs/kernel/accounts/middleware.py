import time

from django.conf import settings
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from resurs.kernel.accounts.scoping import Scope

SESSION_KEY = "active_membership_id"
SEEN_KEY = "seen_at"
# The session's idle clock is pushed forward at most this often, so that an ordinary page
# does not write the session on every request.
SESSION_TOUCH_SECONDS = 60


def user_memberships(user) -> list:
    """All active memberships of a user, in one query (the role switcher lists them)."""
    return list(
        user.memberships.filter(is_active=True)
        .select_related("organisation__territory__region", "direction")
        .order_by("pk")
    )


def active_membership(request, memberships: list):
    """The membership the user acts under now: the one chosen, else the first active one."""
    chosen = request.session.get(SESSION_KEY)
    membership = next((m for m in memberships if m.pk == chosen), None)
    if membership is None and memberships:
        membership = memberships[0]
        request.session[SESSION_KEY] = membership.pk
    return membership


def touch_session(request) -> None:
    """Sessions expire after SESSION_IDLE_MINUTES without a request (SESSION_COOKIE_AGE)."""
    now = int(time.time())
    if now - request.session.get(SEEN_KEY, 0) >= min(
        SESSION_TOUCH_SECONDS, settings.SESSION_COOKIE_AGE
    ):
        request.session[SEEN_KEY] = now


class ActiveMembershipMiddleware:
    """Sets request.memberships, .membership and .scope, and the region's time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        memberships = []
        membership = None
        if request.user.is_authenticated:
            memberships = user_memberships(request.user)
            membership = active_membership(request, memberships)
            touch_session(request)
        request.memberships = memberships
        request.membership = membership
        request.scope = Scope.of(membership) if membership else None
        if membership is not None:
            timezone.activate(membership.organisation.territory.region.timezone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in user (a page, a fragment, an export, an API answer to a
    token) is ``Cache-Control: no-store``: it holds personal data that no browser cache or
    proxy may keep. Static files are served before this middleware (WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Checked after the view: an API token signs its caller in inside the view.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
