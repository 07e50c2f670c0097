"""REP-2: who owes which form to whom for a period, derived from the directory.

* provider → УСЗН: every active state institution or non-state provider that takes part in a
  direction with a resource centre in force during the period sends one report to the УСЗН
  of its territory;
* УСЗН → resource centre: every УСЗН whose territory has such providers of the centre's
  direction sends one report per centre (organisation × direction);
* resource centre → Department / methodological centre: every centre whose status was in
  force at some time in the period sends one report per direction;
* inside an institution: specialist → head of the unit, head → director (reporting.inservice).

A status repealed during the period still owes that period's report (it worked part of it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from resurs.coordination.reporting import inservice
from resurs.coordination.reporting.models import IN_SERVICE_PARTIES, Party, ReportForm
from resurs.kernel.organisations.models import Organisation, OrganisationKind, ResourceCentreStatus
from resurs.kernel.workcalendar.periods import Period

PROVIDER_KINDS = (OrganisationKind.STATE_INSTITUTION, OrganisationKind.NON_STATE_PROVIDER)


@dataclass(frozen=True, order=True)
class Obligation:
    sender_id: int
    receiver_id: int
    direction_id: int | None
    # In-service (reporting.inservice): the unit, and the specialist who owes the report.
    unit_id: int | None = None
    sender_membership_id: int | None = None

    @property
    def key(self) -> tuple:
        return (
            self.sender_id,
            self.receiver_id,
            self.direction_id,
            self.unit_id,
            self.sender_membership_id,
        )


def centres_in_force(period: Period) -> list[tuple[int, int]]:
    """(organisation_id, direction_id) of the RC statuses in force at some time in the period."""
    statuses = (
        ResourceCentreStatus.objects.filter(valid_from__lte=period.end)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=period.start))
        .filter(organisation__is_active=True)
        .values_list("organisation_id", "direction_id")
        .distinct()
    )
    return sorted(set(statuses))


def _single(kind: str) -> int | None:
    return (
        Organisation.objects.filter(kind=kind, is_active=True)
        .order_by("id")
        .values_list("pk", flat=True)
        .first()
    )


def _uszn_by_territory() -> dict[int, int]:
    rows = (
        Organisation.objects.filter(kind=OrganisationKind.USZN, is_active=True)
        .order_by("id")
        .values_list("territory_id", "pk")
    )
    result: dict[int, int] = {}
    for territory_id, pk in rows:
        result.setdefault(territory_id, pk)
    return result


def _providers_by_direction(direction_ids) -> dict[int, set[tuple[int, int]]]:
    """direction_id → {(provider_id, territory_id)} of active providers taking part in it."""
    through = Organisation.directions.through.objects.filter(
        direction_id__in=direction_ids,
        organisation__kind__in=PROVIDER_KINDS,
        organisation__is_active=True,
    ).values_list("direction_id", "organisation_id", "organisation__territory_id")
    result: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for direction_id, organisation_id, territory_id in through:
        result[direction_id].add((organisation_id, territory_id))
    return result


def _in_service(form: ReportForm, period: Period) -> list[Obligation]:
    """Inside an institution (004 app. 2 §5.3–5.4): every specialist of a unit with a head
    owes the head a report; every unit with a head owes the director its head's report. The
    institution is both sender and receiver; the unit and the specialist name who is who."""
    if form.sender == Party.SPECIALIST:
        return [
            Obligation(organisation, organisation, None, unit, membership)
            for organisation, unit, membership in inservice.specialists_in(period.start, period.end)
        ]
    if form.sender == Party.UNIT_HEAD:
        return [
            Obligation(organisation, organisation, None, unit)
            for organisation, unit in inservice.headed_units_in(period.start, period.end)
        ]
    return []


def expected(form: ReportForm, period: Period) -> list[Obligation]:
    if form.sender in IN_SERVICE_PARTIES:
        return _in_service(form, period)
    centres = centres_in_force(period)
    directions = {direction_id for _org, direction_id in centres}
    if form.sender == Party.RESOURCE_CENTRE:
        receiver = _single(form.receiver)
        if receiver is None:
            return []
        return [Obligation(org, receiver, direction) for org, direction in centres]
    providers = _providers_by_direction(directions)
    uszn = _uszn_by_territory()
    if form.sender == Party.PROVIDER:
        senders = {pair for pairs in providers.values() for pair in pairs}
        return sorted(
            Obligation(provider, uszn[territory], None)
            for provider, territory in senders
            if territory in uszn and uszn[territory] != provider
        )
    if form.sender == Party.USZN:
        result = set()
        for centre, direction in centres:
            for _provider, territory in providers.get(direction, ()):
                if territory in uszn:
                    result.add(Obligation(uszn[territory], centre, direction))
        return sorted(result)
    return []
