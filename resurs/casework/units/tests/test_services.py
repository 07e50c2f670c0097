"""Writes of units, staff, districts, assignments and passports: who may, what is refused in
Russian, and the audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from resurs.casework.units import services
from resurs.casework.units.models import DistrictKind, Position, UnitKind, UnitStaff
from resurs.kernel.accounts.roles import Role
from resurs.kernel.audit.models import AuditEntry
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.writes.errors import DomainError, StaleVersion
from tests.factories import member, territory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_the_provider_creates_a_unit_of_its_institution_with_the_default_capacity(casework):
    unit = services.unit_create(
        by=casework.provider,
        kind=UnitKind.objects.get(code="home_service"),
        name="Отделение социального обслуживания на дому",
    )
    assert unit.organisation == casework.a.organisation
    assert unit.daily_capacity == 25
    assert AuditEntry.objects.filter(object_id=str(unit.pk), action="create").exists()


def test_only_the_institutions_provider_creates_a_unit(casework):
    for who in (casework.head, casework.specialist, casework.uszn):
        with pytest.raises(PermissionDenied):
            services.unit_create(
                by=who, kind=UnitKind.objects.get(code="minors"), name="Отделение № 2"
            )
    with pytest.raises(PermissionDenied):
        services.unit_update(
            by=casework.other_provider,
            unit=casework.a.support,
            expected_version=1,
            daily_capacity=30,
        )


def test_the_head_changes_the_settings_of_the_unit_with_optimistic_locking(casework):
    unit = services.unit_update(
        by=casework.head,
        unit=casework.a.support,
        expected_version=1,
        daily_capacity=30,
        caseload_limit=35,
    )
    assert (unit.daily_capacity, unit.caseload_limit, unit.version) == (30, 35, 2)
    with pytest.raises(StaleVersion):
        services.unit_update(
            by=casework.head, unit=casework.a.support, expected_version=1, daily_capacity=20
        )
    with pytest.raises(PermissionDenied):  # not the head of the psychological unit
        services.unit_update(
            by=casework.head, unit=casework.a.psychology, expected_version=1, daily_capacity=20
        )


def test_staff_add_and_end_then_move_to_another_unit(casework):
    newcomer = member(Role.SPECIALIST, casework.a.organisation)
    row = services.staff_add(
        by=casework.provider,
        unit=casework.a.support,
        membership=newcomer,
        position=Position.LAWYER,
    )
    with pytest.raises(DomainError, match="уже работает"):
        services.staff_add(
            by=casework.provider,
            unit=casework.a.psychology,
            membership=newcomer,
            position=Position.PSYCHOLOGIST,
        )
    today = timezone.localdate()
    services.staff_end(by=casework.head, staff=row, ends_on=today)
    with pytest.raises(DomainError, match="уже завершена"):
        services.staff_end(by=casework.head, staff=row, ends_on=today)
    moved = services.staff_add(
        by=casework.provider,
        unit=casework.a.psychology,
        membership=newcomer,
        position=Position.PSYCHOLOGIST,
        starts_on=today + DAY,
    )
    assert moved.pk == row.pk and moved.unit == casework.a.psychology and moved.ends_on is None
    assert UnitStaff.objects.filter(membership=newcomer).count() == 1


def test_staff_of_another_institution_or_role_is_refused(casework):
    with pytest.raises(DomainError, match="Заведующий"):
        services.staff_add(
            by=casework.provider,
            unit=casework.a.support,
            membership=casework.provider,
            position=Position.LAWYER,
        )
    stranger = member(Role.SPECIALIST, casework.b.organisation)
    with pytest.raises(Exception, match="учреждению"):
        services.staff_add(
            by=casework.provider,
            unit=casework.a.support,
            membership=stranger,
            position=Position.LAWYER,
        )


def test_district_create_update_and_the_unit_without_districts(casework):
    district = services.district_create(
        by=casework.head,
        unit=casework.a.support,
        name="Участок № 3",
        territory=territory("Пыть-Ях"),
        kind=DistrictKind.URBAN_OKRUG,
        population=7450,
        population_as_of=datetime.date(2026, 1, 1),
    )
    services.district_update(
        by=casework.provider, district=district, expected_version=1, population=6900
    )
    district.refresh_from_db()
    assert (district.population, district.version) == (6900, 2)
    with pytest.raises(DomainError, match="участковому принципу"):
        services.district_create(
            by=casework.provider,
            unit=casework.a.psychology,
            name="Участок № 1",
            territory=territory("Пыть-Ях"),
            kind=DistrictKind.URBAN_OKRUG,
            population=6000,
            population_as_of=datetime.date(2026, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.district_update(
            by=casework.specialist, district=district, expected_version=2, population=1
        )


def test_assign_and_end_an_assignment(casework):
    district = casework.a.districts[1]
    today = timezone.localdate()
    row = services.district_assign(
        by=casework.head, district=district, membership=casework.specialist, starts_on=today
    )
    with pytest.raises(DomainError, match="уже закреплён"):
        services.district_assign(
            by=casework.head, district=district, membership=casework.specialist, starts_on=today
        )
    services.assignment_end(by=casework.head, assignment=row, ends_on=today)
    row.refresh_from_db()
    assert row.ends_on == today
    with pytest.raises(DomainError, match="учреждении"):
        services.district_assign(
            by=casework.head,
            district=district,
            membership=casework.other_specialist,
            starts_on=today,
        )


def test_passport_editions_are_new_rows_with_partners_the_user_sees(casework):
    district = casework.a.districts[0]
    today = timezone.localdate()
    uszn = casework.uszn.organisation
    first = services.passport_create(
        by=casework.head,
        district=district,
        compiled_on=today - 200 * DAY,
        infrastructure="Школа, поликлиника",
        partners=[uszn],
    )
    second = services.passport_create(
        by=casework.head, district=district, compiled_on=today, infrastructure="Школа"
    )
    assert (first.edition, second.edition) == (1, 2)
    assert list(first.partners.all()) == [uszn]
    assert second.author == casework.head.user
    hidden = Organisation.objects.get(pk=casework.b.organisation.pk)
    with pytest.raises(DomainError, match="справочника"):
        services.passport_create(
            by=casework.head,
            district=district,
            compiled_on=today,
            infrastructure="Школа",
            partners=[hidden],
        )
    with pytest.raises(DomainError, match="позже сегодняшней"):
        services.passport_create(
            by=casework.head, district=district, compiled_on=today + DAY, infrastructure="Школа"
        )


@pytest.mark.parametrize(
    ("age_days", "outdated"), [(None, True), (0, False), (182, False), (190, True)]
)
def test_the_passport_is_outdated_after_six_months(age_days, outdated):
    from resurs.casework.units import selectors

    today = datetime.date(2026, 12, 6)
    passport_on = None if age_days is None else today - age_days * DAY
    assert selectors.passport_outdated(passport_on, today) is outdated


def test_a_passport_of_exactly_six_months_is_still_current():
    from resurs.casework.units import selectors

    today = datetime.date(2026, 12, 6)
    assert selectors.passport_outdated(datetime.date(2026, 6, 6), today) is False
    assert selectors.passport_outdated(datetime.date(2026, 6, 5), today) is True
