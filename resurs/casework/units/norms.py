"""The population norm of a social district (002 §1.2 footnote): which norm is in force for a
kind of territory on a day, and where the district's population stands against it.

The norms are dated data (`PopulationNorm`, seeded from resolution No. 174-п); the check is
shown with the norm and the act beside it, so a head sees why a district is flagged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from resurs.casework.units.models import PopulationNorm


class NormStatus(StrEnum):
    WITHIN = "within"
    BELOW = "below"
    ABOVE = "above"
    NO_NORM = "no_norm"


STATUS_LABELS = {
    NormStatus.WITHIN: "в пределах норматива",
    NormStatus.BELOW: "ниже норматива",
    NormStatus.ABOVE: "выше норматива",
    NormStatus.NO_NORM: "норматив не установлен",
}


@dataclass(frozen=True)
class NormCheck:
    population: int
    norm: PopulationNorm | None
    status: NormStatus

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def outside(self) -> bool:
        return self.status in (NormStatus.BELOW, NormStatus.ABOVE)

    @property
    def norm_text(self) -> str:
        """«норматив 5 000–7 000 чел., постановление … № 174-п …»"""
        if self.norm is None:
            return "норматив численности для этого вида территории не установлен"
        low = f"{self.norm.minimum:,}".replace(",", "\u00a0")
        high = f"{self.norm.maximum:,}".replace(",", "\u00a0")
        return f"норматив {low}–{high} чел., {self.norm.basis}"


def check(population: int, norm: PopulationNorm | None) -> NormCheck:
    """Both bounds belong to the norm: 5 000 and 7 000 are within 5 000–7 000."""
    if norm is None:
        return NormCheck(population, None, NormStatus.NO_NORM)
    if population < norm.minimum:
        return NormCheck(population, norm, NormStatus.BELOW)
    if population > norm.maximum:
        return NormCheck(population, norm, NormStatus.ABOVE)
    return NormCheck(population, norm, NormStatus.WITHIN)


def norms_in_force(on: datetime.date) -> dict[str, PopulationNorm]:
    """The norm of each kind of territory in force on ``on`` (the latest if two overlap)."""
    found: dict[str, PopulationNorm] = {}
    for norm in PopulationNorm.objects.in_force(on).order_by("kind", "-valid_from"):
        found.setdefault(norm.kind, norm)
    return found


def check_district(district, norms: dict[str, PopulationNorm]) -> NormCheck:
    return check(district.population, norms.get(district.kind))
