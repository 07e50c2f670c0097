"""REP-5: counting the KPIs of every resource centre for a period into KpiSnapshot rows —
the numbers the dashboards read. The KPI selectors of events, registries, methodology,
public and roadmaps (through reporting.counters) are the one definition of each number."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from resurs.coordination.reporting import coefficient
from resurs.coordination.reporting.counters import Counting
from resurs.coordination.reporting.models import KpiSnapshot
from resurs.coordination.reporting.obligations import centres_in_force
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period

REGISTRY_KEYS = ("participants", "legal_acts", "technologies", "articles", "social_practices")


def snapshot_values(organisation, direction, period: Period, table: dict) -> dict:
    counting = Counting(organisation, direction, period.start, period.end)
    published, updated_at = counting.public_page
    publications, mass_media = counting.publications
    breakdown = {key: counting.registries[key] for key in REGISTRY_KEYS}
    breakdown["products_approved"] = counting.products_approved
    roadmap = counting.roadmap
    values = dict(
        period_end=period.end,
        public_page=published,
        public_page_updated_at=updated_at,
        events_held=counting.events_held,
        consulted_organisations=counting.consulted,
        publications=publications,
        publications_mass_media=mass_media,
        registry_items=sum(breakdown.values()),
        registry_breakdown=breakdown,
        social_partners=counting.partners,
        roadmap_execution=roadmap.get("percent"),
    )
    probe = KpiSnapshot(**values, components={"roadmap_missing": not roadmap})
    k, parts = coefficient.coefficient(coefficient.components_of(probe), table)
    values["coefficient"] = k
    values["components"] = {"roadmap_missing": not roadmap, "parts": parts}
    return values


def recompute(period: Period) -> int:
    """Counts every centre in force in the period; returns the number of snapshots written."""
    table = coefficient.weights()
    centres = centres_in_force(period)
    organisations = Organisation.objects.in_bulk({org for org, _d in centres})
    directions = Direction.objects.in_bulk({d for _o, d in centres})
    now = timezone.now()
    written = 0
    for organisation_id, direction_id in centres:
        values = snapshot_values(
            organisations[organisation_id], directions[direction_id], period, table
        )
        with transaction.atomic():
            KpiSnapshot.objects.update_or_create(
                organisation_id=organisation_id,
                direction_id=direction_id,
                period_kind=period.kind,
                period_start=period.start,
                defaults={**values, "computed_at": now},
            )
        written += 1
    return written
