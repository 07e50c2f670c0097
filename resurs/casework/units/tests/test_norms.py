"""The population norm of a social district (002 §1.2 footnote): each kind of territory, the
bounds belong to the norm, and the resolution is cited beside it."""

import datetime

import pytest

from resurs.casework.units import norms
from resurs.casework.units.models import DistrictKind, PopulationNorm

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
BOUNDS = {
    DistrictKind.URBAN_OKRUG: (5000, 7000),
    DistrictKind.MUNICIPAL_DISTRICT: (1500, 5000),
    DistrictKind.URBAN_SETTLEMENT: (3000, 5000),
    DistrictKind.SEASONAL_ISOLATION: (1500, 3000),
}


@pytest.mark.parametrize("kind", list(BOUNDS), ids=str)
def test_each_kind_is_checked_against_its_norm_bounds_included(kind):
    low, high = BOUNDS[kind]
    norm = norms.norms_in_force(TODAY)[kind]
    assert (norm.minimum, norm.maximum) == (low, high)
    expected = {
        low - 1: norms.NormStatus.BELOW,
        low: norms.NormStatus.WITHIN,
        (low + high) // 2: norms.NormStatus.WITHIN,
        high: norms.NormStatus.WITHIN,
        high + 1: norms.NormStatus.ABOVE,
    }
    for population, status in expected.items():
        assert norms.check(population, norm).status == status, population


def test_the_norm_is_shown_with_the_resolution():
    check = norms.check(7450, norms.norms_in_force(TODAY)[DistrictKind.URBAN_OKRUG])
    assert check.outside and check.label == "выше норматива"
    assert check.norm_text.startswith("норматив 5\u00a0000–7\u00a0000 чел., постановление")
    assert "№ 174-п" in check.norm_text


def test_a_later_norm_replaces_the_earlier_one_from_its_date():
    PopulationNorm.objects.create(
        kind=DistrictKind.URBAN_OKRUG,
        minimum=6000,
        maximum=8000,
        valid_from=datetime.date(2027, 1, 1),
        basis="постановление № 1-п (новая редакция)",
    )
    assert norms.norms_in_force(TODAY)[DistrictKind.URBAN_OKRUG].maximum == 7000
    later = norms.norms_in_force(datetime.date(2027, 1, 1))[DistrictKind.URBAN_OKRUG]
    assert later.maximum == 8000
    assert norms.check(7450, later).status == norms.NormStatus.WITHIN


def test_no_norm_is_said_so():
    check = norms.check(100, None)
    assert check.status == norms.NormStatus.NO_NORM and not check.outside
    assert "не установлен" in check.norm_text
