"""Which link a recipient gets: a notice links only to a section the recipient's menu
reaches (issue 12, item 3). A link to a section none of the person's roles has in its menu
would end on a refusal or a page the person cannot find again; such a notice keeps its text
and loses the link."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.navigation import menu_for

if TYPE_CHECKING:
    from resurs.kernel.accounts.models import User


def _sections(role: str) -> set[str]:
    return {item.url_name.split(":")[0] for item in menu_for(role) if ":" in item.url_name}


def links_for(recipients: Iterable[User], link: str) -> dict[int, str]:
    """user id → ``link`` when one of the user's active roles reaches its section, else ""."""
    users = list(recipients)
    if not link or "://" in link:
        return {user.pk: link for user in users}
    try:
        match = resolve(urlsplit(link).path)
    except Resolver404:
        return {user.pk: "" for user in users}
    if not match.namespaces:  # the home page and other pages outside any section
        return {user.pk: link for user in users}
    section = match.namespaces[0]
    roles: dict[int, set[str]] = defaultdict(set)
    for user_id, role in Membership.objects.filter(
        user__in=[user.pk for user in users], is_active=True
    ).values_list("user_id", "role"):
        roles[user_id].add(role)
    reached = {role for rs in roles.values() for role in rs if section in _sections(role)}
    return {user.pk: link if roles[user.pk] & reached else "" for user in users}
