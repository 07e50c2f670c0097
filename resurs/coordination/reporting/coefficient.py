"""REP-5: the effectiveness coefficient of a resource centre (003, roadmap item 16).

Formula, per centre (organisation × direction) and period:

    K = Σ wᵢ · min(1, xᵢ / Nᵢ) / Σ wᵢ

over the components of ``CoefficientWeight`` (weights wᵢ and norms Nᵢ are set by the
Department on the «Коэффициент эффективности» page):

* 6.1 — x = 1 when the centre's public section is published and was updated within the last
  ``settings.PUBLIC_PAGE_FRESH_DAYS`` days before the period's end, 0.5 when published but
  older, 0 when there is none (norm 1);
* 6.2, 6.3, 6.4, 6.6 — the counts of the period against their norms;
* 6.5 — registry records added in the period (all kinds, incl. approved products);
* roadmap — execution % of the year's roadmap as of the period's end (norm 100); a centre
  without a roadmap scores 0 on this component; no checkpoint due yet leaves it out.

K lies between 0 and 1 (shown with three decimals); a component with weight 0 is left out.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from resurs.coordination.reporting.models import CoefficientComponent, CoefficientWeight

C = CoefficientComponent


def weights() -> dict[str, tuple[Decimal, Decimal]]:
    return {w.component: (w.weight, w.norm) for w in CoefficientWeight.objects.all()}


def public_page_score(published: bool, updated_at, period_end: datetime.date) -> Decimal:
    if not published:
        return Decimal(0)
    if updated_at is None:
        return Decimal("0.5")
    fresh_from = period_end - datetime.timedelta(days=settings.PUBLIC_PAGE_FRESH_DAYS)
    return Decimal(1) if updated_at.date() >= fresh_from else Decimal("0.5")


def components_of(snapshot) -> dict[str, Decimal | None]:
    """The raw value x of each component for a KpiSnapshot (None = not applicable)."""
    return {
        C.PUBLIC_PAGE: public_page_score(
            snapshot.public_page, snapshot.public_page_updated_at, snapshot.period_end
        ),
        C.EVENTS: Decimal(snapshot.events_held),
        C.CONSULTED: Decimal(snapshot.consulted_organisations),
        C.PUBLICATIONS: Decimal(snapshot.publications),
        C.REGISTRY: Decimal(snapshot.registry_items),
        C.PARTNERS: Decimal(snapshot.social_partners),
        C.ROADMAP: (
            Decimal(snapshot.roadmap_execution)
            if snapshot.roadmap_execution is not None
            else (None if snapshot.components.get("roadmap_missing") is False else Decimal(0))
        ),
    }


def coefficient(raw: dict, table: dict) -> tuple[Decimal | None, dict]:
    """(K, {component: {"value", "norm", "weight", "score"}}) for raw component values."""
    total_weight = Decimal(0)
    total = Decimal(0)
    parts = {}
    for component, value in raw.items():
        weight, norm = table.get(component, (Decimal(0), Decimal(1)))
        if value is None or not weight:
            parts[component] = {
                "value": None if value is None else float(value),
                "norm": float(norm),
                "weight": float(weight),
                "score": None,
            }
            continue
        score = min(Decimal(1), value / norm) if norm else Decimal(1)
        total += weight * score
        total_weight += weight
        parts[component] = {
            "value": float(value),
            "norm": float(norm),
            "weight": float(weight),
            "score": float(score.quantize(Decimal("0.001"))),
        }
    if not total_weight:
        return None, parts
    return (total / total_weight).quantize(Decimal("0.001")), parts
