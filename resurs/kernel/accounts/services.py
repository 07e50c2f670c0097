"""Sign-in protection, memberships and API tokens."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from resurs.kernel.accounts.models import ApiToken, Membership, User
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record

log = logging.getLogger("resurs.security")


class AccountLocked(Exception):
    def __init__(self, until):
        self.until = until
        local = timezone.localtime(until)
        super().__init__(
            f"Учётная запись временно заблокирована после {settings.LOGIN_FAILURE_LIMIT} "
            f"неудачных попыток входа. Повторите после {local:%H:%M}."
        )


def login_check_not_locked(*, username: str) -> None:
    user = User.objects.filter(username__iexact=username).only("locked_until").first()
    if user is not None and user.is_locked():
        raise AccountLocked(user.locked_until)


@transaction.atomic
def login_failed(*, username: str) -> None:
    """Counts a failed password; the limit-th failure in a row locks the account."""
    user = User.objects.select_for_update().filter(username__iexact=username).first()
    if user is None:
        log.warning("login failed for an unknown account")
        return
    User.objects.filter(pk=user.pk).update(failed_login_count=F("failed_login_count") + 1)
    user.refresh_from_db(fields=["failed_login_count"])
    log.warning("login failed: user_id=%s attempt=%s", user.pk, user.failed_login_count)
    record(by=None, instance=user, action=AuditAction.LOGIN_FAILED, role="система")
    if user.failed_login_count >= settings.LOGIN_FAILURE_LIMIT:
        user.locked_until = timezone.now() + datetime.timedelta(
            minutes=settings.LOGIN_LOCKOUT_MINUTES
        )
        user.failed_login_count = 0
        user.save(update_fields=["locked_until", "failed_login_count"])
        log.warning("account locked: user_id=%s until=%s", user.pk, user.locked_until.isoformat())
        record(
            by=None,
            instance=user,
            action=AuditAction.LOCKED,
            role="система",
            after={"locked_until": user.locked_until.isoformat()},
        )


def login_succeeded(*, user: User) -> None:
    if user.failed_login_count or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)


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
