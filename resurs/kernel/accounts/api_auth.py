"""How API callers authenticate: a personal token, or the browser session."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from resurs.kernel.accounts.models import ApiToken
from resurs.kernel.accounts.scoping import Scope


class TokenAuth(HttpBearer):
    """X-4: ``Authorization: Bearer rsr_…``; the token acts under the membership it was made in."""

    def authenticate(self, request, token):
        found = (
            ApiToken.objects.for_raw(token)
            .filter(membership__is_active=True, membership__user__is_active=True)
            .select_related("membership__user", "membership__organisation")
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        membership = found.membership
        request.user = membership.user
        request.membership = membership
        request.scope = Scope.of(membership)
        return membership.user


class MembershipSessionAuth(SessionAuth):
    """The signed-in browser session, acting under its active membership."""

    def _get_key(self, request):
        # Without a signed-in session there is nothing for a forged request to ride on, so the
        # CSRF check is moot: the caller is simply unauthenticated (401), not "CSRF failed" (403).
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or getattr(request, "scope", None) is None:
            return None
        return user
