"""ORG-4: who must act on something is derived from the appointments of its organisation."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from resurs.kernel.accounts.models import User
from resurs.kernel.organisations.models import Appointment, Organisation


def responsible_users(
    organisation: Organisation | int,
    kinds: Iterable[str],
    today: datetime.date | None = None,
    *,
    appointments: Iterable[Appointment] = (),
    members_if_none: bool = True,
) -> list[User]:
    """The people with an active login who answer for a thing of ``organisation`` (an
    instance or a pk), in this order: the ``appointments`` the thing names itself (a roadmap
    item's responsibles); else the organisation's current appointments of ``kinds``
    (organisations.AppointmentKind); else, with ``members_if_none``, its active members."""
    users: set[User] = {a.user for a in appointments if a.user is not None and a.user.is_active}
    organisation_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    if not users:
        users = {
            a.user
            for a in Appointment.objects.current(today)
            .filter(
                organisation_id=organisation_id,
                kind__in=list(kinds),
                user__isnull=False,
                user__is_active=True,
            )
            .select_related("user")
            if a.user is not None
        }
    if not users and members_if_none:
        users = set(
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=organisation_id,
                memberships__is_active=True,
            ).distinct()
        )
    return sorted(users, key=lambda u: u.pk)
