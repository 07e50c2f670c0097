"""Sign-in protection, memberships and API tokens."""

import datetime
import ipaddress
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from resurs.kernel.accounts.models import ApiToken, Membership, SignInThrottle, User
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record

log = logging.getLogger("resurs.security")


class SignInSuspended(Exception):
    """Sign-in under this name from this address is paused after repeated failures.

    The message is the same whether an account with the name exists or not.
    """

    def __init__(self, until):
        self.until = until
        local = timezone.localtime(until)
        super().__init__(
            f"Вход под этим именем с вашего адреса приостановлен после "
            f"{settings.LOGIN_FAILURE_LIMIT} неудачных попыток. Повторите после {local:%H:%M}."
        )


def signin_source(request) -> str:
    """The network address a sign-in comes from (one half of the lockout key).

    Behind a reverse proxy REMOTE_ADDR is the proxy itself; with LOGIN_SOURCE_FROM_PROXY the
    address the proxy appended to X-Forwarded-For is used (the last entry: the ones before it
    are whatever the client sent).
    """
    if request is None:
        return "-"
    address = ""
    if settings.LOGIN_SOURCE_FROM_PROXY:
        address = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    return _source_key(address or request.META.get("REMOTE_ADDR") or "-")


def _source_key(address: str) -> str:
    """An IPv4 address, or the /64 network of an IPv6 one: one IPv6 client commonly holds a
    whole /64, and counting its addresses one by one would multiply its guesses."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:45]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _lockout_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def signin_check_not_suspended(*, username: str, source: str) -> None:
    """§0: refuse a sign-in while its (name, address) pair is suspended."""
    throttle = SignInThrottle.objects.filter(
        username_hash=SignInThrottle.hash_username(username), source=source
    ).first()
    if throttle is not None and throttle.is_locked():
        raise SignInSuspended(throttle.locked_until)


@transaction.atomic
def signin_failed(*, username: str, source: str) -> None:
    """§0: count a wrong password for (name, address); the limit-th in a row suspends the pair.

    Unknown names are counted the same way, so the answers do not tell which names exist.
    """
    now = timezone.now()
    window = _lockout_window()
    # Streaks older than the window have run out; their rows are no longer needed.
    SignInThrottle.objects.filter(last_failure_at__lt=now - window).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    ).delete()
    throttle, _created = SignInThrottle.objects.select_for_update().get_or_create(
        username_hash=SignInThrottle.hash_username(username),
        source=source,
        defaults={"last_failure_at": now},
    )
    if throttle.last_failure_at < now - window:
        throttle.failures = 0
    throttle.failures += 1
    throttle.last_failure_at = now
    until = None
    if throttle.failures >= settings.LOGIN_FAILURE_LIMIT:
        until = throttle.locked_until = now + window
        throttle.failures = 0
    throttle.save()
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        log.warning("login failed for an unknown account: source=%s", source)
    else:
        log.warning("login failed: user_id=%s source=%s", user.pk, source)
        record(
            by=None,
            instance=user,
            action=AuditAction.LOGIN_FAILED,
            role="система",
            after={"source": source},
        )
    if until is not None:
        log.warning(
            "sign-in suspended: user_id=%s source=%s until=%s",
            user.pk if user else "-",
            source,
            until.isoformat(),
        )
        if user is not None:
            record(
                by=None,
                instance=user,
                action=AuditAction.LOCKED,
                role="система",
                after={"source": source, "locked_until": until.isoformat()},
            )


def signin_succeeded(*, username: str, source: str) -> None:
    """A right password ends the streak of failures from that address."""
    SignInThrottle.objects.filter(
        username_hash=SignInThrottle.hash_username(username), source=source
    ).delete()


def membership_for_switch(*, user: User, membership_id) -> Membership | None:
    return user.memberships.filter(pk=membership_id, is_active=True).first()


@transaction.atomic
def api_token_create(*, membership: Membership, name: str) -> tuple[ApiToken, str]:
    """X-4: issue a personal token; the raw key is returned once and never stored."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        membership=membership,
        name=name.strip() or "Интеграция",
        key_prefix=raw[:10],
        key_hash=ApiToken.hash_key(raw),
    )
    record(
        by=membership.user,
        role=membership.get_role_display(),
        instance=token,
        action=AuditAction.CREATE,
        after={"name": token.name, "key_prefix": token.key_prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: Membership) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            by=by.user,
            role=by.get_role_display(),
            instance=token,
            action=AuditAction.UPDATE,
            before={"revoked_at": None},
            after={"revoked_at": token.revoked_at.isoformat()},
        )
    return token
