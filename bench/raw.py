"""The same reads as the directory page and API, written by hand: ``connection.cursor()``, no ORM.

Each function runs every statement its page needs and fetches every row, which is the
floor the application is compared against. The statements are portable between SQLite
and PostgreSQL (``%s`` placeholders through Django's cursor, no vendor functions).
"""

import hashlib
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

ORG = "organisations_organisation"
THROUGH = "organisations_organisation_directions"
DIRECTION = "organisations_direction"
TERRITORY = "organisations_territory"
RC_STATUS = "organisations_resourcecentrestatus"

# What is "in force today" (ResourceCentreStatusQuerySet.active), for a correlated EXISTS
# (is_resource_centre) and for the set of resource centres every scoped role sees.
RC_IN_FORCE = "state = 'active' AND valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)"
COORDINATION_KINDS = ("department", "methodical_centre")
REGION_WIDE_ROLES = ("department", "methodical_centre", "administrator")

LIST_COLUMNS = "o.id, o.name, o.short_name, o.kind, o.legal_form, o.is_active, o.inn, t.name"
API_COLUMNS = (
    "o.id, o.name, o.short_name, o.kind, o.legal_form, o.sector, o.territory_id, o.inn, "
    "o.ogrn, o.address, o.phone, o.email, o.website, o.head_name, o.is_active, o.version"
)


@dataclass(frozen=True)
class Who:
    """What the raw queries need to know about the acting membership."""

    user_id: int
    membership_id: int
    role: str
    organisation_id: int
    territory_id: int | None
    direction_id: int | None

    @classmethod
    def of(cls, membership) -> "Who":
        return cls(
            user_id=membership.user_id,
            membership_id=membership.pk,
            role=membership.role,
            organisation_id=membership.organisation_id,
            territory_id=membership.territory_id or membership.organisation.territory_id,
            direction_id=membership.direction_id,
        )


def today_param():
    return connection.ops.adapt_datefield_value(timezone.localdate())


def scope_where(who: Who, today) -> tuple[str, list]:
    """resurs.kernel.accounts.scoping.organisation_q as SQL."""
    if who.role in REGION_WIDE_ROLES:
        return "1 = 1", []
    sql = (
        f"(o.id = %s OR o.kind IN (%s, %s) OR o.id IN "
        f"(SELECT organisation_id FROM {RC_STATUS} WHERE {RC_IN_FORCE})"
    )
    params: list = [who.organisation_id, *COORDINATION_KINDS, today, today]
    if who.role == "uszn" and who.territory_id:
        sql += " OR o.territory_id = %s"
        params.append(who.territory_id)
    elif who.role == "resource_centre" and who.direction_id:
        sql += f" OR o.id IN (SELECT organisation_id FROM {THROUGH} WHERE direction_id = %s)"
        params.append(who.direction_id)
    elif who.territory_id:
        sql += " OR (o.kind = 'uszn' AND o.territory_id = %s)"
        params.append(who.territory_id)
    return sql + ")", params


def _where(who: Who, text: str, today) -> tuple[str, list]:
    sql, params = scope_where(who, today)
    text = text.strip()
    if text:
        like = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql += " AND (o.search_text LIKE %s ESCAPE '\\' OR o.inn = %s OR o.ogrn = %s)"
        params += [like + "%", text, text]
    return sql, params


def _organisation_page(cursor, who: Who, text: str, page: int, size: int, columns: str):
    """count + one page (with territory and the RC flag) + the directions of its rows."""
    today = today_param()
    where, params = _where(who, text, today)
    cursor.execute(f"SELECT COUNT(*) FROM {ORG} o WHERE {where}", params)
    count = cursor.fetchone()[0]
    pages = max(1, -(-count // size))
    page = min(max(page, 1), pages)  # the paginators clamp (HTML) or return an empty page
    cursor.execute(
        f"SELECT {columns}, EXISTS(SELECT 1 FROM {RC_STATUS} s "
        f"WHERE s.organisation_id = o.id AND s.{RC_IN_FORCE.replace('valid_', 's.valid_')}) "
        f"FROM {ORG} o JOIN {TERRITORY} t ON t.id = o.territory_id "
        f"WHERE {where} ORDER BY o.name, o.id LIMIT %s OFFSET %s",
        [today, today, *params, size, (page - 1) * size],
    )
    rows = cursor.fetchall()
    directions = []
    if rows:
        ids = [row[0] for row in rows]
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"SELECT od.organisation_id, d.id, d.number, d.name FROM {THROUGH} od "
            f"JOIN {DIRECTION} d ON d.id = od.direction_id "
            f"WHERE od.organisation_id IN ({marks}) ORDER BY d.number",
            ids,
        )
        directions = cursor.fetchall()
    return count, rows, directions


def session_lookups(cursor, who: Who, session_key: str) -> None:
    """What every page reads first: the session, the user, the user's memberships."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    cursor.execute(
        "SELECT session_key, session_data, expire_date FROM django_session "
        "WHERE session_key = %s AND expire_date > %s",
        [session_key, now],
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT id, password, last_login, is_superuser, username, first_name, last_name, "
        "email, is_staff, is_active, date_joined, patronymic, phone "
        "FROM accounts_user WHERE id = %s",
        [who.user_id],
    )
    cursor.fetchall()
    cursor.execute(
        "SELECT m.id, m.role, m.organisation_id, m.territory_id, m.direction_id, "
        "o.name, o.short_name, o.territory_id, t.name, r.code, r.timezone, d.short_name "
        "FROM accounts_membership m "
        f"JOIN {ORG} o ON o.id = m.organisation_id "
        f"JOIN {TERRITORY} t ON t.id = o.territory_id "
        "JOIN organisations_region r ON r.id = t.region_id "
        f"LEFT JOIN {DIRECTION} d ON d.id = m.direction_id "
        "WHERE m.user_id = %s AND m.is_active = %s ORDER BY m.id",
        [who.user_id, True],
    )
    cursor.fetchall()


def token_lookup(cursor, raw_token: str) -> None:
    """What every API request reads first: the token with its membership and user."""
    key_hash = hashlib.sha256(raw_token.encode()).hexdigest()
    cursor.execute(
        "SELECT k.id, k.last_used_at, m.id, m.role, m.organisation_id, m.territory_id, "
        "m.direction_id, u.id, u.username, u.is_active, o.territory_id "
        "FROM accounts_apitoken k "
        "JOIN accounts_membership m ON m.id = k.membership_id "
        "JOIN accounts_user u ON u.id = m.user_id "
        f"JOIN {ORG} o ON o.id = m.organisation_id "
        "WHERE k.key_hash = %s AND k.revoked_at IS NULL AND m.is_active = %s "
        "AND u.is_active = %s LIMIT 1",
        [key_hash, True, True],
    )
    cursor.fetchall()


def list_page(who: Who, session_key: str, *, text: str = "", page: int = 1, size: int = 50):
    """/organisations/: session, user, memberships, then the page."""
    with connection.cursor() as cursor:
        session_lookups(cursor, who, session_key)
        return _organisation_page(cursor, who, text, page, size, LIST_COLUMNS)


def api_page(who: Who, raw_token: str, *, text: str = "", page: int = 1, size: int = 50):
    """GET /api/v1/organisations: the token with its membership, then the page."""
    with connection.cursor() as cursor:
        token_lookup(cursor, raw_token)
        return _organisation_page(cursor, who, text, page, size, API_COLUMNS)
