"""The generated population of the case-work demo (issue 13, item 14): two hundred families and
citizens of the target groups of 002 §1.3 living in the four social districts of Pyt-Yakh,
with their members, target-group memberships and consents (152-FZ).

Every person has a valid СНИЛС (its check number computed as `citizens.identity` checks it),
a document, addresses in the microdistricts of the district, phones for adults. The random
choices come from a fixed seed, so two loadings of an empty database give the same people;
a database that has the families already is left alone.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING

from django.utils import timezone

from resurs.casework.units import demo_names as names

# The citizens app sits above units (its records name a unit and a district), so units may not
# import it: the data bank's models and identity rules are looked up when the demo runs. The
# brief puts the case-work demo in units; the lead may move this module to a higher app.
identity = import_module("resurs.casework.citizens.identity")
if TYPE_CHECKING:
    from resurs.casework.citizens.models import (
        Consent,
        ConsentPurpose,
        Family,
        FamilyMember,
        Person,
        Relation,
        Sex,
        Signatory,
        TargetGroup,
        TargetGroupMembership,
    )
else:
    _citizens = import_module("resurs.casework.citizens.models")
    Consent = _citizens.Consent
    ConsentPurpose = _citizens.ConsentPurpose
    Family = _citizens.Family
    FamilyMember = _citizens.FamilyMember
    Person = _citizens.Person
    Relation = _citizens.Relation
    Sex = _citizens.Sex
    Signatory = _citizens.Signatory
    TargetGroup = _citizens.TargetGroup
    TargetGroupMembership = _citizens.TargetGroupMembership

SEED = 13
FAMILIES = 200
# Archetypes of the families with their weights: what the department's caseload looks like.
ARCHETYPES = {
    "danger": 30,
    "foster": 14,
    "disabled_child": 24,
    "disabled_member": 20,
    "older": 44,
    "hardship": 32,
    "released": 12,
    "addicted": 10,
    "homeless": 4,
    "minor_at_risk": 10,
}
PASSPORT_ISSUER = "УМВД России по Ханты-Мансийскому автономному округу – Югре"
BIRTH_ISSUER = "Отдел ЗАГС администрации города Пыть-Яха"


@dataclass
class Member:
    person: Person
    relation: str
    groups: list[str] = field(default_factory=list)
    representative: bool = False


@dataclass
class Household:
    name: str
    address: str
    phones: str
    district: int
    since: datetime.date
    members: list[Member]
    groups: list[str]


class Generator:
    def __init__(self, today: datetime.date, taken_snils: set[str]):
        self.rng = random.Random(SEED)  # noqa: S311 -- demo data, not secrets
        self.today = today
        self.taken = taken_snils

    # -- a person -----------------------------------------------------------------------
    def snils(self) -> str:
        while True:
            first_nine = f"{self.rng.randint(100_000_000, 199_999_999):09d}"
            digits = f"{first_nine}{identity.snils_check_number(first_nine):02d}"
            if digits not in self.taken:
                self.taken.add(digits)
                return digits

    def born(self, low: int, high: int) -> datetime.date:
        days = self.rng.randint(low * 365 + 10, high * 365 + 300)
        return self.today - datetime.timedelta(days=days)

    def phone(self) -> str:
        r = self.rng.randint
        return f"+7 9{r(0, 9)}{r(0, 9)} {r(100, 999)}-{r(10, 99)}-{r(10, 99)}"

    def person(self, surname, sex, first, father, born, address, *, adult_phone=True) -> Person:
        son, daughter = names.PATRONYMICS.get(father, ("", ""))
        male = sex == Sex.MALE
        age = (self.today - born).days // 365
        issued_at = 45 if age >= 45 else 20 if age >= 20 else 14
        document: dict[str, str]
        if age >= 14:
            issued_on = _add_years(born, issued_at) + datetime.timedelta(
                days=self.rng.randint(5, 60)
            )
            document = {
                "document_kind": "паспорт гражданина РФ",
                "document_series": f"67 {self.rng.randint(10, 24):02d}",
                "document_number": f"{self.rng.randint(100000, 999999)}",
                "document_issued_by": PASSPORT_ISSUER,
            }
        else:
            issued_on = born + datetime.timedelta(days=self.rng.randint(7, 30))
            document = {
                "document_kind": "свидетельство о рождении",
                "document_series": "I-ПН",
                "document_number": f"{self.rng.randint(100000, 999999)}",
                "document_issued_by": BIRTH_ISSUER,
            }
        last = surname if male else names.female_surname(surname)
        patronymic = son if male else daughter
        return Person(
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            name_key=identity.name_key(last, first, patronymic),
            sex=sex,
            birth_date=born,
            snils=self.snils(),
            registration_address=address,
            actual_address=address,
            phones=self.phone() if adult_phone and age >= 18 else "",
            document_issued_on=min(issued_on, self.today),
            **document,
        )

    def address(self, district: int) -> str:
        number, title = self.rng.choice(names.MICRODISTRICTS[district])
        place = f"{names.POSTCODE}, {names.TOWN}, {number} мкр. «{title}»"
        if number in names.STREETS:
            street = self.rng.choice(names.STREETS[number])
            return f"{place}, {street}, д. {self.rng.randint(1, 60)}"
        return f"{place}, д. {self.rng.randint(1, 40)}, кв. {self.rng.randint(1, 90)}"

    # -- households ---------------------------------------------------------------------
    def children(self, surname, father, address, count, *, low=0, high=17) -> list[Member]:
        made = []
        for _ in range(count):
            sex = self.rng.choice((Sex.MALE, Sex.FEMALE))
            first = self.rng.choice(names.BOY_NAMES if sex == Sex.MALE else names.GIRL_NAMES)
            made.append(
                Member(
                    self.person(surname, sex, first, father, self.born(low, high), address),
                    Relation.CHILD,
                )
            )
        return made

    def parents(self, surname, address, *, both=True, low=24, high=45) -> tuple[list, str]:
        father_name = self.rng.choice(names.MALE_NAMES)
        grandfather = self.rng.choice(list(names.PATRONYMICS))
        mother = Member(
            self.person(
                surname,
                Sex.FEMALE,
                self.rng.choice(names.FEMALE_NAMES),
                self.rng.choice(list(names.PATRONYMICS)),
                self.born(low, high),
                address,
            ),
            Relation.APPLICANT,
            representative=True,
        )
        if not both:
            return [mother], father_name
        father = Member(
            self.person(surname, Sex.MALE, father_name, grandfather, self.born(low, high), address),
            Relation.SPOUSE,
            representative=True,
        )
        return [mother, father], father_name

    def household(self, archetype: str) -> Household:
        rng = self.rng
        surname = rng.choice(names.SURNAMES)
        district = rng.choice((1, 1, 2, 2, 3, 3, 4))
        address = self.address(district)
        since = self.today - datetime.timedelta(days=rng.randint(20, 900))
        groups: list[str] = []
        if archetype in ("danger", "hardship", "foster", "disabled_child", "minor_at_risk"):
            both = archetype in ("foster", "disabled_child") or rng.random() < 0.4
            adults, father = self.parents(surname, address, both=both)
            count = rng.randint(3, 4) if archetype == "hardship" and both else rng.randint(1, 3)
            kids = self.children(surname, father, address, count)
            if archetype == "danger":
                groups.append("family_danger")
            elif archetype == "hardship":
                adults[0].groups.append("hardship")
            elif archetype == "foster":
                groups.append("family_foster")
                ward_surname = rng.choice(names.SURNAMES)
                wards = self.children(ward_surname, rng.choice(names.MALE_NAMES), address, 1)
                for ward in wards:
                    ward.relation = Relation.WARD
                for adult in adults:
                    adult.relation = (
                        Relation.GUARDIAN if adult.relation == Relation.SPOUSE else adult.relation
                    )
                kids += wards
            elif archetype == "disabled_child":
                groups.append("family_disabled_child")
                kids[0].groups.append("disabled")
            else:
                teen = self.children(surname, father, address, 1, low=13, high=17)
                teen[0].groups.append("minor_at_risk")
                kids = teen + kids[:1]
            members = adults + kids
        elif archetype == "disabled_member":
            adults, _father = self.parents(surname, address, low=30, high=58)
            adults[1].groups.append("disabled")
            groups.append("family_disabled_member")
            members = adults
        elif archetype == "older":
            sex = rng.choice((Sex.MALE, Sex.FEMALE, Sex.FEMALE))
            first = rng.choice(names.OLD_MALE_NAMES if sex == Sex.MALE else names.OLD_FEMALE_NAMES)
            elder = self.person(
                surname, sex, first, rng.choice(list(names.PATRONYMICS)), self.born(61, 88), address
            )
            members = [Member(elder, Relation.APPLICANT)]
            if rng.random() < 0.25:
                members[0].groups.append("disabled")
        else:  # released, addicted, homeless: an adult, alone or with a relative
            sex = Sex.MALE if rng.random() < 0.8 else Sex.FEMALE
            first = rng.choice(names.MALE_NAMES if sex == Sex.MALE else names.FEMALE_NAMES)
            if archetype == "homeless":
                address = ""
            adult = self.person(
                surname, sex, first, rng.choice(list(names.PATRONYMICS)), self.born(25, 55), address
            )
            members = [Member(adult, Relation.APPLICANT, groups=[archetype])]
            if archetype == "addicted":
                spouse_sex = Sex.FEMALE if sex == Sex.MALE else Sex.MALE
                spouse_first = rng.choice(
                    names.FEMALE_NAMES if spouse_sex == Sex.FEMALE else names.MALE_NAMES
                )
                spouse = self.person(
                    surname,
                    spouse_sex,
                    spouse_first,
                    rng.choice(list(names.PATRONYMICS)),
                    self.born(25, 50),
                    address,
                )
                members.append(Member(spouse, Relation.SPOUSE))
        applicant = members[0].person
        if len(members) == 1:
            title = f"{applicant.last_name} {applicant.first_name} {applicant.patronymic}"
            name = (
                f"{title} (проживает один)"
                if applicant.sex == Sex.MALE
                else (f"{title} (проживает одна)")
            )
        else:
            name = f"Семья {names.family_surname(surname)}"
        return Household(name, address, applicant.phones, district, since, members, groups)


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def load(organisation, unit, districts, specialists: dict) -> None:
    """Two hundred families of the unit's districts, once (see the module's docstring)."""
    if Family.all_records.filter(organisation=organisation, unit=unit).exists():
        return
    today = timezone.localdate()
    taken = set(Person.all_records.exclude(snils="").values_list("snils", flat=True))
    generator = Generator(today, taken)
    archetypes = generator.rng.choices(
        list(ARCHETYPES), weights=list(ARCHETYPES.values()), k=FAMILIES
    )
    households = [generator.household(archetype) for archetype in archetypes]
    held = {
        number: {
            "organisation": organisation,
            "unit": unit,
            "district": districts[number - 1],
            "specialist": specialists.get(number),
        }
        for number in names.MICRODISTRICTS
    }
    for household in households:
        for member in household.members:
            for key, value in held[household.district].items():
                setattr(member.person, key, value)
    Person.all_records.bulk_create([m.person for h in households for m in h.members])
    families = [
        Family(
            name=h.name,
            actual_address=h.address,
            phones=h.phones,
            **held[h.district],
        )
        for h in households
    ]
    Family.all_records.bulk_create(families)
    groups = {g.code: g for g in TargetGroup.objects.all()}
    rows: list[FamilyMember] = []
    memberships: list[TargetGroupMembership] = []
    consents: list[Consent] = []
    for family, household in zip(families, households, strict=True):
        applicant = household.members[0].person
        memberships.extend(
            TargetGroupMembership(
                family=family,
                group=groups[code],
                starts_on=household.since,
                note="По результатам обследования условий жизнедеятельности.",
            )
            for code in household.groups
        )
        for member in household.members:
            person = member.person
            rows.append(
                FamilyMember(
                    family=family,
                    person=person,
                    relation=member.relation,
                    is_legal_representative=member.representative,
                    joined_on=household.since,
                )
            )
            memberships.extend(
                TargetGroupMembership(
                    person=person,
                    group=groups[code],
                    starts_on=household.since,
                    note="По документам, представленным при обращении.",
                )
                for code in member.groups
            )
            consents.extend(_consents(generator.rng, person, applicant, household.since, today))
    FamilyMember.all_records.bulk_create(rows)
    TargetGroupMembership.all_records.bulk_create(memberships)
    Consent.all_records.bulk_create(consents)


def _consents(rng, person, applicant, since, today) -> list[Consent]:
    """Data bank and social services for everyone; exchange with partners for most; a minor's
    consent is signed by the applicant as the legal representative."""
    minor = person.age(today) < 18
    common = {
        "person": person,
        "signatory": Signatory.REPRESENTATIVE if minor else Signatory.SELF,
        "representative_name": applicant.full_name if minor else "",
        "representative_basis": "свидетельство о рождении" if minor else "",
        "document": f"согласие на обработку персональных данных от {since:%d.%m.%Y} б/н",
        "signed_on": since,
    }
    purposes = [ConsentPurpose.DATA_BANK, ConsentPurpose.SOCIAL_SERVICES]
    if rng.random() < 0.75:
        purposes.append(ConsentPurpose.EXCHANGE)
    made = [Consent(purpose=purpose, **common) for purpose in purposes]
    if ConsentPurpose.EXCHANGE in purposes and rng.random() < 0.05:
        withdrawn = min(today, since + datetime.timedelta(days=rng.randint(10, 200)))
        made[-1].withdrawn_on = withdrawn
        made[-1].withdrawal_document = f"заявление об отзыве согласия от {withdrawn:%d.%m.%Y}"
    return made
