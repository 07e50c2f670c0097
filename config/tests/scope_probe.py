"""The cross-scope probe's knowledge: who has a stake in a record (the model → owner rule of
SPEC §0), and which record each id-taking URL opens (found, not declared).

A record's *stake* names the organisations it belongs to or is addressed to, the territories
whose УСЗН controls its owner, the directions whose resource centre coordinates it, and the
users it is personal to. An outsider of a kind is a member who has no part in it along any of
these lines:

* another provider — not one of the organisations, its institution neither in the record's
  territories nor taking part in its directions;
* another territory's УСЗН — not one of the organisations, another territory;
* another direction's RC — not one of the organisations, another direction, another territory.

Such an outsider must get 404 from every card, form, export, download, fragment and API URL
that takes the record's id. ``None`` instead of a stake marks a record every signed-in user
may read (the coordination bodies, reference data).

Which model a URL's id belongs to is found by asking: the URL is requested once by a
region-wide user with an id no table holds, and the first SQL statement that carries that id
names the table (`model_of_url`). So a new URL needs nothing; a new model needs one line in
`OWNERS`, and the probe fails until it has it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

SENTINEL = 987_654_321
INT_KWARG = re.compile(r"<int:(\w+)>")


@dataclass(frozen=True)
class Stake:
    organisations: frozenset[int] = field(default_factory=frozenset)
    territories: frozenset[int] = field(default_factory=frozenset)
    directions: frozenset[int] = field(default_factory=frozenset)
    users: frozenset[int] = field(default_factory=frozenset)

    def __or__(self, other: Stake | None) -> Stake:
        if other is None:
            return self
        return Stake(
            self.organisations | other.organisations,
            self.territories | other.territories,
            self.directions | other.directions,
            self.users | other.users,
        )


def _ids(*values) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)


def _coordination_body(organisation) -> bool:
    from resurs.kernel.organisations.models import OrganisationKind, ResourceCentreStatus

    return (
        organisation.kind in (OrganisationKind.DEPARTMENT, OrganisationKind.METHODICAL_CENTRE)
        or ResourceCentreStatus.objects.active().filter(organisation=organisation).exists()
    )


def organisation_stake(organisation, *, directions=()) -> Stake:
    """An organisation's own stake: itself, its territory, the directions it works in."""
    if organisation is None:
        return Stake(directions=_ids(*directions))
    own = organisation.directions.through.objects.filter(organisation_id=organisation.pk)
    return Stake(
        organisations=_ids(organisation.pk),
        territories=_ids(organisation.territory_id),
        directions=_ids(*own.values_list("direction_id", flat=True), *directions),
    )


def _organisation(o):
    return None if _coordination_body(o) else organisation_stake(o)


def _of_organisation(path: str):
    """A record that is visible with its organisation (``organisation_q``)."""

    def rule(record):
        organisation = record
        for step in path.split("__"):
            organisation = getattr(organisation, step)
        return _organisation(organisation)

    return rule


def _directed(organisation_attr: str = "organisation"):
    """A record owned by an organisation within a direction (``record_q``)."""

    def rule(record):
        direction_id = getattr(record, "direction_id", None)
        return organisation_stake(getattr(record, organisation_attr), directions=[direction_id])

    return rule


def _registry_record(record):
    stake = organisation_stake(record.owner, directions=[record.direction_id])
    organisation = getattr(record, "organisation", None)
    return stake | (organisation_stake(organisation) if organisation is not None else None)


def _practice_cell(cell):
    return _registry_record(cell.practice) | organisation_stake(cell.institution)


def _product(product):
    stake = organisation_stake(product.organisation, directions=[product.direction_id])
    stake |= organisation_stake(product.author_organisation)
    for implementation in product.implementations.all():
        stake |= organisation_stake(implementation.organisation)
    reviewers = product.rounds.values_list("reviews__reviewer_id", flat=True)
    return stake | Stake(users=_ids(*reviewers))


def _practice(practice):
    stake = organisation_stake(practice.organisation, directions=[practice.direction_id])
    for replication in practice.replications.all():
        stake |= organisation_stake(replication.organisation)
    return stake


def _consultation(consultation):
    stake = organisation_stake(consultation.organisation, directions=[consultation.direction_id])
    for consulted in consultation.consulted_organisations.all():
        stake |= Stake(organisations=_ids(consulted.pk))
    return stake


def _event(event):
    stake = organisation_stake(event.organiser, directions=[event.direction_id])
    taking_part = {p.organisation_id for p in event.participations.all()}
    taking_part |= {n.organisation_id for n in event.nominations.all()}
    return stake | Stake(organisations=_ids(*taking_part))


def _organiser_side(event) -> Stake:
    """The event's keepers, without the organiser's territory: its organiser and the RC of
    the event's direction."""
    return Stake(organisations=_ids(event.organiser_id), directions=_ids(event.direction_id))


def _participation(participation):
    """Owned by the participant's organisation (the organiser's when it has none)."""
    owner = participation.organisation or participation.event.organiser
    return _organiser_side(participation.event) | organisation_stake(owner)


def _nomination(nomination):
    return _organiser_side(nomination.event) | organisation_stake(nomination.organisation)


def _page(page):
    # The staff side of a public section: its RC only (the public side is served by slug).
    return Stake(organisations=_ids(page.organisation_id))


def _roadmap(roadmap):
    stake = organisation_stake(roadmap.organisation, directions=[roadmap.direction_id])
    proposers = roadmap.proposals.values_list("organisation_id", flat=True)
    return stake | Stake(organisations=_ids(*proposers))


def _report(report):
    """Sender and receiver; the sender's УСЗН only for what a provider reports."""
    from resurs.coordination.reporting.models import Party

    stake = Stake(
        organisations=_ids(report.sender_id, report.receiver_id),
        directions=_ids(report.direction_id),
    )
    if report.form.sender == Party.PROVIDER:
        stake |= Stake(territories=_ids(report.sender.territory_id))
    return stake


def _instruction(instruction):
    addressees = instruction.addressees.values_list("organisation_id", flat=True)
    return Stake(organisations=_ids(instruction.sender_id, *addressees))


def _addressee(addressee):
    return Stake(organisations=_ids(addressee.organisation_id, addressee.instruction.sender_id))


def _attachment(attachment):
    record = attachment.record
    return stake_of(record) if record is not None else Stake()


def _personal(user_attr: str):
    return lambda record: Stake(users=_ids(getattr(record, f"{user_attr}_id")))


def everyone(_record):
    return None


def _held(path: str = ""):
    """A record of case work (personal data, citizens.access): held by an institution, seen
    by its staff and the УСЗН of its territory — never by a resource centre, whatever its
    direction, so the stake names no direction."""

    def rule(record):
        holder = record
        for step in filter(None, path.split("__")):
            holder = getattr(holder, step)
        organisation = holder.organisation
        return Stake(
            organisations=_ids(organisation.pk), territories=_ids(organisation.territory_id)
        )

    return rule


def _about(record):
    """A record about a person or a family: held with them."""
    return _held()(record.person if record.person_id else record.family)


# The model → owner rule, by model label. Every model a URL's id opens must be here.
OWNERS: dict[str, Callable] = {
    "organisations.Organisation": _organisation,
    "organisations.ResourceCentreStatus": _of_organisation("organisation"),
    "organisations.Appointment": _of_organisation("organisation"),
    "organisations.LocalDocument": _of_organisation("organisation"),
    "organisations.LocalDocumentVersion": _of_organisation("document__organisation"),
    "organisations.Direction": everyone,
    "organisations.Territory": everyone,
    "exchange.ImportBatch": _personal("created_by"),
    "registries.Participant": _registry_record,
    "registries.LegalAct": _registry_record,
    "registries.Technology": _registry_record,
    "registries.Article": _registry_record,
    "registries.SocialPractice": _registry_record,
    "registries.PracticeCell": _practice_cell,
    "methodology.Product": _product,
    "methodology.ReviewRound": lambda r: _product(r.product),
    "methodology.Review": lambda r: _product(r.round.product),
    "methodology.Implementation": lambda r: _product(r.product),
    "methodology.Practice": _practice,
    "methodology.Replication": lambda r: _practice(r.practice),
    "methodology.ExpertCouncil": everyone,
    "events.Consultation": _consultation,
    "events.Event": _event,
    "events.Participation": _participation,
    "events.Nomination": _nomination,
    "events.MediaPlan": _directed(),
    "events.MediaPlanItem": lambda item: _directed()(item.plan),
    "events.Publication": _directed(),
    "public.PublicPage": _page,
    "public.PublicMaterial": lambda m: _page(m.page),
    "public.Question": lambda q: _page(q.page),
    "roadmaps.Roadmap": _roadmap,
    "roadmaps.Section": lambda s: _roadmap(s.roadmap),
    "roadmaps.Item": lambda i: _roadmap(i.section.roadmap),
    "roadmaps.Checkpoint": lambda c: _roadmap(c.item.section.roadmap),
    "roadmaps.Mark": lambda m: _roadmap(m.checkpoint.item.section.roadmap),
    "roadmaps.Evidence": lambda e: _roadmap(e.mark.checkpoint.item.section.roadmap),
    "roadmaps.Proposal": lambda p: _roadmap(p.roadmap) | organisation_stake(p.organisation),
    "roadmaps.RoadmapVersion": lambda v: _roadmap(v.roadmap),
    "reporting.Report": _report,
    "reporting.KpiSnapshot": _directed(),
    "reporting.FormVersion": everyone,
    "instructions.Instruction": _instruction,
    "instructions.Addressee": _addressee,
    "attachments.Attachment": _attachment,
    "notifications.Notification": _personal("recipient"),
    "accounts.ApiToken": lambda t: Stake(users=_ids(t.membership.user_id)),
    "units.UnitKind": everyone,
    "units.PopulationNorm": everyone,
    "units.Unit": _of_organisation("organisation"),
    "units.UnitStaff": _of_organisation("unit__organisation"),
    "units.SocialDistrict": _of_organisation("unit__organisation"),
    "units.DistrictAssignment": _of_organisation("district__unit__organisation"),
    "units.DistrictPassport": _of_organisation("district__unit__organisation"),
    "citizens.TargetGroup": everyone,
    "citizens.Person": _held(),
    "citizens.Family": _held(),
    "citizens.FamilyMember": _held("family"),
    "citizens.TargetGroupMembership": _about,
    "citizens.SocialPassport": _about,
    "citizens.PreventiveRegistration": _about,
    "citizens.PersonalFile": _about,
    "citizens.Consent": _held("person"),
    "citizens.DuplicateLink": lambda link: _held("first")(link) | _held("second")(link),
    "citizens.ReasonedAccess": lambda grant: Stake(users=_ids(grant.membership.user_id)),
    "citizens.AccessLogEntry": _of_organisation("holder"),
    "plans.Measure": everyone,
    "plans.Plan": _held(),
    "plans.PlanLine": _held("plan"),
    "plans.Referral": lambda r: (
        _held("line__plan")(r) | (_held("to_unit")(r) if r.to_unit_id else None)
    ),
    "plans.JointPatronage": _held("plan"),
    "cases.DeadlineRule": everyone,
    "cases.Appeal": _held(),
    "cases.Case": _held(),
    "cases.CaseStep": _held("case"),
    "cases.CaseDeadline": _held("case"),
    "cases.Act": _held("case"),
    "prevention.PreventiveEvent": _of_organisation("unit__organisation"),
    "socialservices.Service": everyone,
    "socialservices.ServiceFact": _held(),
    "egisso.Export": _of_organisation("organisation"),
    "rental.RentalPoint": _of_organisation("organisation"),
    "rental.ItemKind": everyone,
    "rental.Item": _of_organisation("organisation"),
    "rental.Application": _held(),
    "rental.Contract": _held(),
    "rental.Return": _held("contract"),
    "rental.DemandRequest": _of_organisation("organisation"),
    "rental.DemandLine": _of_organisation("request__organisation"),
}


def stake_of(record) -> Stake | None:
    return OWNERS[record._meta.label](record)


# --- the URLs -------------------------------------------------------------------------------

# Id-taking URLs the probe does not ask, each with why.
NOT_PROBED = {
    "calendar/<int:year>/": "a calendar year, the same for everyone",
    "centres/<slug:slug>/documents/<int:document_pk>/": "the public section: what a published "
    "page shows is public by design (the public app's tests keep the rest out)",
    "centres/<slug:slug>/files/<int:attachment_pk>/": "the public section, as above",
    "api/v1/calendar/<int:year>": "a calendar year, the same for everyone",
}
# Bodies the schema does not describe right yet (issue 11, item 10: a component name collision
# documents the question-answer body as ``text``; the endpoint reads ``answer``).
BODIES = {"api/v1/public/questions/<int:pk>/answer": {"answer": "проба"}}
# A value for a slug kwarg of an id-taking URL.
SLUGS = {"direction": "up", "format": "pdf"}


@dataclass(frozen=True)
class IdRoute:
    """One way to reach a record by id: a page URL (GET, or POST for an action) or an API
    operation (its method and the smallest body its schema accepts)."""

    route: str
    kwargs: tuple[str, ...]
    is_api: bool
    method: str = ""
    body: dict | None = None
    query: str = ""

    def url(self, first: int, rest: int = SENTINEL + 1) -> str:
        values = iter([first] + [rest] * (len(self.kwargs) - 1))
        path = INT_KWARG.sub(lambda _m: str(next(values)), self.route)
        path = SLUG_KWARG.sub(lambda m: SLUGS[m.group(1)], path)
        return f"/{path}{self.query}"


SLUG_KWARG = re.compile(r"<slug:(\w+)>")


def resolver_routes() -> list[str]:
    """Every URL route of the project that takes an integer id (the admin site aside: staff
    only, outside the scoping)."""
    found: set[str] = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if INT_KWARG.search(route) and not route.startswith("admin/"):
                    found.add(route)

    walk(get_resolver().url_patterns, "")
    return sorted(found)


def page_routes() -> list[IdRoute]:
    return [
        IdRoute(route, tuple(INT_KWARG.findall(route)), is_api=False)
        for route in resolver_routes()
        if not route.startswith("api/") and route not in NOT_PROBED
    ]


def api_routes() -> list[IdRoute]:
    """Every API operation with an integer path parameter, from the API's own schema."""
    from config.api import api

    schema = api.get_openapi_schema()
    routes = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            ids = [
                p["name"]
                for p in params
                if p["in"] == "path" and _resolve(schema, p["schema"]).get("type") == "integer"
            ]
            if not ids:
                continue
            route = re.sub(r"\{(\w+)\}", lambda m: f"<int:{m.group(1)}>", path.lstrip("/"))
            if route in NOT_PROBED:
                continue
            required_query = [p for p in params if p["in"] == "query" and p.get("required")]
            query = "&".join(
                f"{p['name']}={_smallest(schema, p['schema'])}" for p in required_query
            )
            body = None
            content = operation.get("requestBody", {}).get("content", {})
            if route in BODIES:
                body = BODIES[route]
            elif "application/json" in content:
                body = _smallest(schema, content["application/json"]["schema"])
            elif "multipart/form-data" in content:
                body = {
                    "__multipart__": _smallest(schema, content["multipart/form-data"]["schema"])
                }
            routes.append(
                IdRoute(
                    route,
                    tuple(ids),
                    is_api=True,
                    method=method,
                    body=body,
                    query=f"?{query}" if query else "",
                )
            )
    return routes


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _smallest(schema: dict, node: dict):
    """The smallest value the schema accepts: what lets a request reach the record lookup."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    node = _resolve(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if _resolve(schema, o).get("type") != "null"]
            return _smallest(schema, options[0])
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        return {
            name: _smallest(schema, node["properties"][name]) for name in node.get("required", [])
        }
    if kind == "array":
        return [_smallest(schema, node["items"])] * node.get("minItems", 0)
    if kind == "integer" or kind == "number":
        return max(1, node.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "string":
        return {
            "date": "2026-01-15",
            "date-time": "2026-01-15T10:00:00",
            "binary": SimpleUploadedFile("проба.txt", b"x", content_type="text/plain"),
            "uri": "https://example.org/",
            "email": "probe@example.org",
        }.get(node.get("format", ""), "проба")
    return None


def _tables() -> dict[str, str]:
    return {model._meta.db_table: model._meta.label for model in apps.get_models()}


FROM = re.compile(r'\bFROM\s+"?(\w+)"?', re.IGNORECASE)


def main_table(sql: str) -> str | None:
    """The table of a statement's outermost FROM (subqueries in the select list or the WHERE
    name other tables)."""
    depth, top = 0, []
    for char in sql:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        top.append(char if depth == 0 and char != ")" else " ")
    match = FROM.search("".join(top))
    return match.group(1) if match else None


def model_of_url(client, route: IdRoute, headers: dict) -> tuple[str | None, str]:
    """The label of the model whose row the route's first id opens, and the method that
    reaches it (a page: GET, or POST for an action that answers GET with 405)."""
    tables = _tables()
    url = route.url(SENTINEL)
    for method in (route.method,) if route.is_api else ("get", "post"):
        statements: list[str] = []

        def capture(execute, sql, params, many, context, statements=statements):
            if params and any(p == SENTINEL or p == str(SENTINEL) for p in params):
                statements.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(capture):
            response = call(client, method, url, route=route, headers=headers)
        for sql in statements:
            table = main_table(sql)
            if table in tables:
                return tables[table], method
        if response.status_code != 405:
            return None, method
    return None, "post"


def call(client, method: str, url: str, *, route: IdRoute, headers: dict):
    if method == "get":
        return client.get(url, headers=headers)
    if not route.is_api:
        return client.post(url, {}, headers=headers)
    body = route.body
    if isinstance(body, dict) and "__multipart__" in body:
        files = {k: _fresh(v) for k, v in body["__multipart__"].items()}
        return client.post(url, files, headers=headers)
    return getattr(client, method)(
        url, body if body is not None else {}, content_type="application/json", headers=headers
    )


def _fresh(value):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if isinstance(value, SimpleUploadedFile):
        return SimpleUploadedFile(value.name, b"x", content_type=value.content_type)
    return value
