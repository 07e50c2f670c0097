"""The reads of the event list, its API and the KPI counts, written by hand (no ORM).

Each page function runs every statement its page needs and fetches every row: the session
(or token) lookups of ``bench.raw``, the filter's choices the page renders (directions,
organisers), ``COUNT(*)`` and one page of events with the organiser and direction the table
shows. The KPI functions are one aggregate each. Statements are portable between SQLite and
PostgreSQL (``%s`` placeholders through Django's cursor, no vendor functions).
"""

from dataclasses import dataclass

from django.db import connection

from bench.raw import (
    COORDINATION_KINDS,
    DIRECTION,
    ORG,
    RC_STATUS,
    Who,
    scope_where,
    session_lookups,
    today_param,
    token_lookup,
)
from resurs.coordination.events.rules import METHODOLOGICAL_SUPPORT_KINDS
from resurs.coordination.registries.models import SOCIAL_PARTNER_CATEGORIES

EVENT = "events_event"
PARTICIPATION = "events_participation"
CONSULTATION = "events_consultation"
CONSULTED = "events_consultation_consulted_organisations"
PUBLICATION = "events_publication"
PARTICIPANT = "registries_participant"
REGION_WIDE_ROLES = ("department", "methodical_centre", "administrator")

# What the list's table shows (templates/events/list.html) …
LIST_COLUMNS = (
    "e.id, e.kind, e.topic, e.format, e.starts_at, e.ends_at, e.state, e.is_public, "
    "e.nominations_open, o.name, o.short_name, d.number, d.short_name"
)
# … and what the API's EventOut carries (no organiser or direction beyond their ids).
API_COLUMNS = (
    "e.id, e.organiser_id, e.direction_id, e.kind, e.topic, e.description, e.format, "
    "e.starts_at, e.ends_at, e.place, e.link, e.is_public, e.state, e.nominations_open, "
    "e.nomination_deadline, e.places, e.version"
)


@dataclass(frozen=True)
class EventQuery:
    """The list's filters: an organiser and [start, end) as aware datetimes."""

    organiser_id: int | None = None
    start: object = None
    end: object = None


def _event_scope(who: Who) -> tuple[str, list]:
    """EventQuerySet.scope_filter as SQL: own events, the RC's direction region-wide, and
    the events its organisation takes part in."""
    if who.role in REGION_WIDE_ROLES:
        return "1 = 1", []
    if who.role != "resource_centre":
        raise ValueError(f"Сценариев для роли {who.role} нет")
    sql = (
        "(e.organiser_id = %s OR e.direction_id = %s OR e.id IN "
        f"(SELECT event_id FROM {PARTICIPATION} WHERE organisation_id = %s))"
    )
    return sql, [who.organisation_id, who.direction_id, who.organisation_id]


def _event_where(who: Who, query: EventQuery) -> tuple[str, list]:
    sql, params = _event_scope(who)
    if query.organiser_id:
        sql += " AND e.organiser_id = %s"
        params.append(query.organiser_id)
    if query.start is not None:
        sql += " AND e.starts_at >= %s AND e.starts_at < %s"
        params += [
            connection.ops.adapt_datetimefield_value(query.start),
            connection.ops.adapt_datetimefield_value(query.end),
        ]
    return sql, params


def _events_page(cursor, who: Who, query: EventQuery, page: int, size: int, columns: str, *, clamp):
    where, params = _event_where(who, query)
    cursor.execute(f"SELECT COUNT(*) FROM {EVENT} e WHERE {where}", params)
    count = cursor.fetchone()[0]
    if clamp:  # the HTML paginator shows the last page for a page beyond it
        page = min(max(page, 1), max(1, -(-count // size)))
    offset = (page - 1) * size
    rows = []
    if offset < count:
        joins = ""
        if columns == LIST_COLUMNS:
            joins = (
                f" JOIN {ORG} o ON o.id = e.organiser_id"
                f" LEFT JOIN {DIRECTION} d ON d.id = e.direction_id"
            )
        cursor.execute(
            f"SELECT {columns} FROM {EVENT} e{joins} WHERE {where} "
            "ORDER BY e.starts_at DESC, e.id DESC LIMIT %s OFFSET %s",
            [*params, size, offset],
        )
        rows = cursor.fetchall()
    return count, rows


def _filter_choices(cursor, who: Who) -> None:
    """What the filter form renders: active directions and the organisers one may pick
    (coordination bodies, every holder of RC status, the user's own organisation)."""
    cursor.execute(
        f"SELECT id, number, short_name FROM {DIRECTION} WHERE is_active = %s ORDER BY number",
        [True],
    )
    cursor.fetchall()
    scope, params = scope_where(who, today_param())
    cursor.execute(
        f"SELECT o.id, o.name, o.short_name FROM {ORG} o WHERE {scope} AND "
        f"(o.id IN (SELECT organisation_id FROM {RC_STATUS}) OR o.kind IN (%s, %s) OR o.id = %s) "
        "ORDER BY o.name, o.id",
        [*params, *COORDINATION_KINDS, who.organisation_id],
    )
    cursor.fetchall()


def list_page(who: Who, session_key: str, query: EventQuery, *, page: int = 1, size: int = 50):
    """/events/: session, user, memberships, the filter's choices, count, the page."""
    with connection.cursor() as cursor:
        session_lookups(cursor, who, session_key)
        _filter_choices(cursor, who)
        return _events_page(cursor, who, query, page, size, LIST_COLUMNS, clamp=True)


def api_page(who: Who, raw_token: str, query: EventQuery, *, page: int = 1, size: int = 50):
    """GET /api/v1/events: the token with its membership, count, the page."""
    with connection.cursor() as cursor:
        token_lookup(cursor, raw_token)
        return _events_page(cursor, who, query, page, size, API_COLUMNS, clamp=False)


# --- KPI counts ------------------------------------------------------------------------------


def _one(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _direction(alias: str, direction_id: int | None) -> tuple[str, list]:
    if direction_id is None:
        return "", []
    return f" AND {alias}.direction_id = %s", [direction_id]


def events_held(organisation_id: int, direction_id, start, end) -> int:
    """KPI 6.2: held events the organisation organised that start in [start, end)."""
    by_direction, params = _direction("e", direction_id)
    return _one(
        f"SELECT COUNT(*) FROM {EVENT} e WHERE e.organiser_id = %s AND e.starts_at >= %s "
        f"AND e.starts_at < %s AND e.state = 'held'{by_direction}",
        [
            organisation_id,
            connection.ops.adapt_datetimefield_value(start),
            connection.ops.adapt_datetimefield_value(end),
            *params,
        ],
    )[0]


def consulted_organisations(organisation_id: int, direction_id, first_day, last_day, start, end):
    """KPI 6.3: organisations consulted in [first_day, last_day] or attending a held
    methodological event that starts in [start, end), other than the RC itself, once each."""
    consultation_direction, consultation_params = _direction("c", direction_id)
    event_direction, event_params = _direction("e", direction_id)
    kinds = sorted(METHODOLOGICAL_SUPPORT_KINDS)
    marks = ", ".join(["%s"] * len(kinds))
    adapt_date = connection.ops.adapt_datefield_value
    adapt_time = connection.ops.adapt_datetimefield_value
    return _one(
        "SELECT COUNT(*) FROM ("
        f"SELECT co.organisation_id FROM {CONSULTED} co "
        f"JOIN {CONSULTATION} c ON c.id = co.consultation_id "
        "WHERE c.organisation_id = %s AND c.held_on >= %s AND c.held_on <= %s "
        f"AND co.organisation_id <> %s{consultation_direction} "
        "UNION "
        f"SELECT p.organisation_id FROM {PARTICIPATION} p JOIN {EVENT} e ON e.id = p.event_id "
        "WHERE e.organiser_id = %s AND e.starts_at >= %s AND e.starts_at < %s "
        f"AND e.state = 'held' AND e.kind IN ({marks}){event_direction} "
        "AND p.status = 'attended' AND p.organisation_id IS NOT NULL AND p.organisation_id <> %s"
        ") consulted",
        [
            organisation_id,
            adapt_date(first_day),
            adapt_date(last_day),
            organisation_id,
            *consultation_params,
            organisation_id,
            adapt_time(start),
            adapt_time(end),
            *kinds,
            *event_params,
            organisation_id,
        ],
    )[0]


def publications(organisation_id: int, direction_id, first_day, last_day) -> tuple[int, int]:
    """KPI 6.4: (all, in mass media) publications of the organisation in the period."""
    by_direction, params = _direction("p", direction_id)
    total, mass_media = _one(
        "SELECT COUNT(*), COUNT(CASE WHEN p.is_mass_media THEN 1 END) "
        f"FROM {PUBLICATION} p WHERE p.organisation_id = %s AND p.published_on >= %s "
        f"AND p.published_on <= %s{by_direction}",
        [
            organisation_id,
            connection.ops.adapt_datefield_value(first_day),
            connection.ops.adapt_datefield_value(last_day),
            *params,
        ],
    )
    return total, mass_media


def social_partners(organisation_id: int, direction_id, first_day, last_day) -> int:
    """KPI 6.6: distinct partner organisations in the RC's registry during the period."""
    by_direction, params = _direction("r", direction_id)
    categories = [str(c) for c in SOCIAL_PARTNER_CATEGORIES]
    marks = ", ".join(["%s"] * len(categories))
    adapt = connection.ops.adapt_datefield_value
    return _one(
        f"SELECT COUNT(DISTINCT r.organisation_id) FROM {PARTICIPANT} r "
        f"WHERE r.owner_id = %s AND r.category IN ({marks}) AND r.joined_on <= %s "
        f"AND (r.left_on IS NULL OR r.left_on >= %s){by_direction}",
        [organisation_id, *categories, adapt(last_day), adapt(first_day), *params],
    )[0]
