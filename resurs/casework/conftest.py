"""The case-work world every case-work test starts from (pytest finds it for resurs/casework).

Two institutions on two territories: «КЦСОН А» (Пыть-Ях) with a social-support unit of two
districts and a psychological unit, «КЦСОН Б» (Сургут) with one unit and district; the head,
two specialists (one per district) and a psychologist of «КЦСОН А»; the institutions'
provider roles; the УСЗН of each territory; the Department, the methodological centre, a
resource centre and the administrator. A person and a family live in district 1.

Every person who must *not* see a record is here: a specialist of another district, a
psychologist of another unit, a specialist of another institution, the УСЗН of another
territory, a resource centre, and the region-wide roles without a stated reason.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from resurs.casework.citizens.models import Family, FamilyMember, Person, Relation, Sex
from resurs.casework.units.models import (
    DistrictAssignment,
    DistrictKind,
    Position,
    SocialDistrict,
    Unit,
    UnitKind,
    UnitStaff,
)
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, direction, member, rc_status, territory

SINCE = datetime.date(2025, 1, 1)


def staff(role, organisation, unit, position, **kwargs):
    membership = member(role, organisation, **kwargs)
    UnitStaff.objects.create(membership=membership, unit=unit, position=position, starts_on=SINCE)
    return membership


def assign(membership, district, since=SINCE):
    return DistrictAssignment.objects.create(
        district=district, membership=membership, starts_on=since
    )


def make_person(unit, district=None, specialist=None, **fields) -> Person:
    values = {
        "last_name": "Смирнова",
        "first_name": "Ольга",
        "patronymic": "Ивановна",
        "sex": Sex.FEMALE,
        "birth_date": datetime.date(1988, 3, 14),
        "organisation": unit.organisation,
        "unit": unit,
        "district": district,
        "specialist": specialist,
    }
    values.update(fields)
    return Person.all_records.create(**values)


@dataclass
class Institution:
    organisation: object
    support: Unit
    psychology: Unit | None
    districts: list


def institution(name: str, town: str, districts: int, *, psychology=True) -> Institution:
    organisation = OrganisationFactory(territory=territory(town), short_name=name)
    support = Unit.objects.create(
        organisation=organisation,
        kind=UnitKind.objects.get(code="social_support"),
        name="Отделение социального сопровождения граждан",
    )
    psych = None
    if psychology:
        psych = Unit.objects.create(
            organisation=organisation,
            kind=UnitKind.objects.get(code="psychological"),
            name="Отделение психологической помощи гражданам",
        )
    made = [
        SocialDistrict.objects.create(
            unit=support,
            name=f"Участок № {number}",
            territory=territory(town),
            kind=DistrictKind.URBAN_OKRUG,
            population=6000,
            population_as_of=SINCE,
        )
        for number in range(1, districts + 1)
    ]
    return Institution(organisation, support, psych, made)


@pytest.fixture
def casework(db):
    a = institution("КЦСОН А", "Пыть-Ях", 2)
    b = institution("КЦСОН Б", "Сургут", 1, psychology=False)
    w = SimpleNamespace(a=a, b=b)
    w.head = staff(Role.HEAD, a.organisation, a.support, Position.HEAD)
    w.specialist = staff(Role.SPECIALIST, a.organisation, a.support, Position.FAMILY_SPECIALIST)
    w.specialist2 = staff(Role.SPECIALIST, a.organisation, a.support, Position.FAMILY_SPECIALIST)
    w.psychologist = staff(Role.SPECIALIST, a.organisation, a.psychology, Position.PSYCHOLOGIST)
    assign(w.specialist, a.districts[0])
    assign(w.specialist2, a.districts[1])
    w.provider = member(Role.PROVIDER, a.organisation)
    w.other_head = staff(Role.HEAD, b.organisation, b.support, Position.HEAD)
    w.other_specialist = staff(
        Role.SPECIALIST, b.organisation, b.support, Position.FAMILY_SPECIALIST
    )
    assign(w.other_specialist, b.districts[0])
    w.other_provider = member(Role.PROVIDER, b.organisation)
    w.uszn = member(Role.USZN, org={"territory": territory("Пыть-Ях")})
    w.other_uszn = member(Role.USZN, org={"territory": territory("Сургут")})
    w.department = member(Role.DEPARTMENT)
    w.methodical = member(Role.METHODICAL_CENTRE)
    w.administrator = member(Role.ADMINISTRATOR)
    rc_org = OrganisationFactory(territory=territory("Сургут"), short_name="РЦ")
    rc_status(rc_org, number=9)
    w.rc = member(Role.RESOURCE_CENTRE, rc_org, direction=direction(9))
    w.person = make_person(a.support, a.districts[0], w.specialist.user)
    w.family = Family.all_records.create(
        name="Семья Смирновых",
        organisation=a.organisation,
        unit=a.support,
        district=a.districts[0],
        specialist=w.specialist.user,
    )
    FamilyMember.all_records.create(family=w.family, person=w.person, relation=Relation.APPLICANT)
    # Who must not see district 1's records, with the reason.
    w.outsiders = {
        "специалист другого участка": w.specialist2,
        "психолог другого отделения": w.psychologist,
        "заведующий другого учреждения": w.other_head,
        "специалист другого учреждения": w.other_specialist,
        "поставщик другого учреждения": w.other_provider,
        "УСЗН другой территории": w.other_uszn,
        "ресурсный центр": w.rc,
        "Департамент без основания": w.department,
        "методический центр без основания": w.methodical,
        "администратор без основания": w.administrator,
    }
    # Who sees them.
    w.insiders = {
        "специалист участка": w.specialist,
        "заведующий отделением": w.head,
        "поставщик (учреждение)": w.provider,
        "УСЗН территории": w.uszn,
    }
    return w
