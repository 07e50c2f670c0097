"""Writes of roadmaps (SPEC §3 MAP-1..MAP-4). Views, the API, the demo and tasks call these.

Every write checks `roadmaps.permissions`, validates with ``full_clean()`` and leaves an audit
entry filed under the roadmap (its card's history shows the whole plan's changes).
"""

from resurs.coordination.roadmaps import permissions
from resurs.coordination.roadmaps.models import (
    Roadmap,
)
from resurs.kernel.writes import acting, require
from resurs.kernel.writes.errors import DomainError


def _check(by, allowed: bool, message: str = "Недостаточно прав для этого действия.") -> None:
    """System jobs and the demo (``by`` None) act without a scope."""
    if by is not None:
        require(allowed, message)


def _scope(by):
    return acting(by)[1]


def _require_editable(by, roadmap: Roadmap) -> None:
    if not roadmap.is_editable:
        raise DomainError(
            f"Дорожная карта «{roadmap.get_state_display()}»: изменять её нельзя. "
            "После согласования нажмите «Внести изменения» — будет подготовлена новая версия."
        )
    _check(by, permissions.can_edit_plan(_scope(by), roadmap))
