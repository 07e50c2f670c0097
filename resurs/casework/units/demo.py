"""Demo data of the case-work apps (issue 13, item 14): the social-support work of
БУ «Пыть-Яхский КЦСОН», dated relative to the day of loading.

* five units (social support, psychological help, home service, minors, rehabilitation);
* four social districts of Pyt-Yakh (an urban okrug: norm 5 000–7 000), the third outside
  its norm (7 450); passports: fresh, outdated, fresh, none;
* the `head` (Павлова) heads the social-support unit, `specialist` (Григорьева) works
  district 1, `specialist2` (Николаева) district 2, two colleagues without a login districts
  3 and 4, `psychologist` (Соловьёва) the psychological unit;
* two hundred families of the target groups with their members (`demo_people`);
* the month's appeals journal and cases at every stage (`demo_cases`);
* personal files, social passports, preventive registrations, inspection acts and a linked
  duplicate card (`demo_records`).

Loading twice changes nothing; the random data come from a fixed seed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from resurs.casework.units import demo_cases, demo_people, demo_records, services
from resurs.casework.units.models import (
    DistrictAssignment,
    DistrictKind,
    DistrictPassport,
    Position,
    SocialDistrict,
    Unit,
    UnitKind,
    UnitStaff,
)
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations import services as organisation_services
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import (
    LegalForm,
    Organisation,
    OrganisationKind,
    Territory,
)
from resurs.kernel.organisations.validators import complete_inn

TOWN = "Пыть-Ях"
ADDRESS = (
    "628380, Ханты-Мансийский автономный округ – Югра, г. Пыть-Ях, 2 мкр., ул. Свердлова, д. 5"
)
PHONE = "8 (3463) 42-13-60"
SUPPORT = "Отделение социального сопровождения граждан"
PSYCHOLOGY = "Отделение психологической помощи гражданам"

UNITS = (
    ("social_support", SUPPORT, 25, 40),
    ("psychological", PSYCHOLOGY, 12, 30),
    ("home_service", "Отделение социального обслуживания на дому", 25, 40),
    ("minors", "Отделение для несовершеннолетних", 20, 30),
    ("rehabilitation", "Отделение социальной реабилитации и абилитации", 20, 30),
)


@dataclass(frozen=True)
class DemoDistrict:
    name: str
    bounds: str
    population: int
    # months since the passport's last edition (None: no passport)
    passport_age_months: int | None


DISTRICTS = (
    DemoDistrict("Участок № 1", "1 мкр. «Центральный», 2 мкр. «Нефтяников»", 6480, 2),
    DemoDistrict("Участок № 2", "3 мкр. «Кедровый», 4 мкр. «Молодёжный»", 5870, 8),
    DemoDistrict("Участок № 3", "5 мкр. «Солнечный», 6 мкр. «Пионерный»", 7450, 1),
    DemoDistrict(
        "Участок № 4",
        "7 мкр. «Газовиков», 8 мкр. «Горка», 9 мкр. «Черёмушки», 10 мкр. «Мамонтово»",
        5210,
        None,
    ),
)

# (username, unit, position, district number or None); logins come from organisations.demo.
LOGIN_STAFF = (
    ("head", SUPPORT, Position.HEAD, None),
    ("specialist", SUPPORT, Position.SOCIAL_WORK_SPECIALIST, 1),
    ("specialist2", SUPPORT, Position.FAMILY_SPECIALIST, 2),
    ("psychologist", PSYCHOLOGY, Position.PSYCHOLOGIST, None),
)
# Staff of the demo who cannot sign in (an unusable password; load_demo does not print them).
OTHER_STAFF = (
    ("demo-ahmetova", "Ахметова", "Гульнара", "Рашидовна", Position.FAMILY_SPECIALIST, 3),
    ("demo-kravchenko", "Кравченко", "Ольга", "Петровна", Position.SOCIAL_WORK_SPECIALIST, 4),
    ("demo-zaitseva", "Зайцева", "Ирина", "Николаевна", Position.LAWYER, None),
)
STAFF_SINCE = datetime.date(2022, 9, 1)

INFRASTRUCTURE = (
    "Жилой фонд: многоквартирные дома 1970–1990-х годов постройки, частный сектор. "
    "Учреждения: средняя общеобразовательная школа, два детских сада, поликлиника БУ "
    "«Пыть-Яхская окружная клиническая больница», библиотека, участковый пункт полиции, "
    "магазины, аптеки. Транспорт: городские автобусные маршруты № 1, 3, 5."
)
SOCIAL_PICTURE = (
    "Много семей с детьми, в том числе многодетных; одиноко проживающие граждане пожилого "
    "возраста в домах без лифта; семьи, где родители работают вахтовым методом."
)
# The agencies of Pyt-Yakh a social-support department refers families to (002 §2.2.5, §VI):
# name, short name, kind, ИНН base (the check digits are computed), head, address.
AGENCIES = (
    ("Отдел Министерства внутренних дел России по городу Пыть-Яху", "ОМВД России по г. Пыть-Яху",
     OrganisationKind.INTERAGENCY, "861200001", "Начальник Сафронов Игорь Петрович",
     "628380, г. Пыть-Ях, 1 мкр., ул. Н. Самардакова, д. 12"),
    ("Управление опеки и попечительства администрации города Пыть-Яха",
     "Опека г. Пыть-Яха", OrganisationKind.INTERAGENCY, "861200002",
     "Начальник управления Кравцова Елена Юрьевна", "628380, г. Пыть-Ях, 4 мкр., д. 1"),
    ("Территориальная комиссия по делам несовершеннолетних и защите их прав в городе Пыть-Яхе",
     "ТКДН и ЗП г. Пыть-Яха", OrganisationKind.INTERAGENCY, "861200003",
     "Председатель Белова Наталья Сергеевна", "628380, г. Пыть-Ях, 4 мкр., д. 1"),
    ("Казенное учреждение «Пыть-Яхский центр занятости населения»", "ЦЗН г. Пыть-Яха",
     OrganisationKind.INTERAGENCY, "861200004", "Директор Осипов Андрей Николаевич",
     "628380, г. Пыть-Ях, 2 мкр., ул. Свердлова, д. 9"),
    ("Пыть-Яхская местная общественная организация «Совет ветеранов»", "Совет ветеранов",
     OrganisationKind.SOCIAL_PARTNER, "861200005", "Председатель Гусев Виктор Андреевич",
     "628380, г. Пыть-Ях, 1 мкр., д. 23"),
)  # fmt: skip
PARTNERS = (
    "Управление социальной защиты населения по г. Пыть-Яху",
    "Индивидуальный предприниматель Соколова Марина Викторовна",
    PYT_YAKH_KCSON,
    *(name for name, *_rest in AGENCIES),
)


def _months_ago(months: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=round(months * 30.5))


def _units(organisation) -> dict[str, Unit]:
    existing = {u.name: u for u in Unit.objects.filter(organisation=organisation)}
    kinds = {k.code: k for k in UnitKind.objects.all()}
    for code, name, capacity, caseload in UNITS:
        if name not in existing:
            existing[name] = services.unit_create(
                by=None,
                organisation=organisation,
                kind=kinds[code],
                name=name,
                daily_capacity=capacity,
                caseload_limit=caseload,
                phone=PHONE,
                address=ADDRESS,
            )
    return existing


def _districts(unit: Unit) -> list[SocialDistrict]:
    territory = Territory.objects.get(name=TOWN)
    existing = {d.name: d for d in SocialDistrict.objects.filter(unit=unit)}
    made = []
    for item in DISTRICTS:
        district = existing.get(item.name) or services.district_create(
            by=None,
            unit=unit,
            name=item.name,
            territory=territory,
            kind=DistrictKind.URBAN_OKRUG,
            bounds=item.bounds,
            population=item.population,
            population_as_of=datetime.date(timezone.localdate().year, 1, 1),
        )
        made.append(district)
    return made


def _agencies(territory: Territory) -> None:
    """The directory's agencies and partners of the town, which referrals are addressed to."""
    for name, short_name, kind, inn_base, head_name, address in AGENCIES:
        if Organisation.objects.filter(name=name).exists():
            continue
        organisation_services.organisation_create(
            by=None,
            name=name,
            short_name=short_name,
            kind=kind,
            legal_form=(
                LegalForm.GOVERNMENT_BODY if kind == OrganisationKind.INTERAGENCY else LegalForm.NKO
            ),
            territory=territory,
            inn=complete_inn(inn_base),
            head_name=head_name,
            address=address,
        )


def _passports(districts: list[SocialDistrict]) -> None:
    partners = list(Organisation.objects.filter(name__in=PARTNERS))
    head = User.objects.filter(username="head").first()
    for district, item in zip(districts, DISTRICTS, strict=True):
        if (
            item.passport_age_months is None
            or DistrictPassport.objects.filter(district=district).exists()
        ):
            continue
        if item.passport_age_months > 6:  # an earlier edition too, to show the history
            services.passport_create(
                by=None,
                district=district,
                compiled_on=_months_ago(item.passport_age_months + 6),
                infrastructure=INFRASTRUCTURE,
                partners=partners[:1],
                author=head,
            )
        services.passport_create(
            by=None,
            district=district,
            compiled_on=_months_ago(item.passport_age_months),
            infrastructure=INFRASTRUCTURE,
            partners=partners,
            social_picture=SOCIAL_PICTURE,
            author=head,
        )


def _other_staff_membership(organisation, username, last, first, patronymic, position):
    membership = Membership.objects.filter(user__username=username).first()
    if membership is not None:
        return membership
    user = User(username=username, last_name=last, first_name=first, patronymic=patronymic)
    user.set_unusable_password()
    user.save()
    membership = Membership(
        user=user,
        organisation=organisation,
        role=Role.SPECIALIST,
        position=Position(position).label,
    )
    membership.full_clean()
    membership.save()
    return membership


def _place(membership, unit, position, district) -> None:
    if not UnitStaff.objects.filter(membership=membership).exists():
        services.staff_add(
            by=None, unit=unit, membership=membership, position=position, starts_on=STAFF_SINCE
        )
    if (
        district is not None
        and not DistrictAssignment.objects.filter(district=district, membership=membership).exists()
    ):
        services.district_assign(
            by=None, district=district, membership=membership, starts_on=STAFF_SINCE
        )


def _staff(organisation, units, districts) -> dict[int, User]:
    """Places the staff; returns the specialist (user) of each district number."""
    by_district: dict[int, User] = {}
    logins = {
        m.user.username: m
        for m in Membership.objects.filter(
            organisation=organisation, user__username__in=[row[0] for row in LOGIN_STAFF]
        ).select_related("user")
    }
    for username, unit_name, position, number in LOGIN_STAFF:
        membership = logins.get(username)
        if membership is None:
            continue
        district = districts[number - 1] if number else None
        _place(membership, units[unit_name], position, district)
        if number:
            by_district[number] = membership.user
    for username, last, first, patronymic, position, number in OTHER_STAFF:
        membership = _other_staff_membership(
            organisation, username, last, first, patronymic, position
        )
        district = districts[number - 1] if number else None
        _place(membership, units[SUPPORT], position, district)
        if number:
            by_district[number] = membership.user
    return by_district


@transaction.atomic
def load_demo_data() -> None:
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None:
        return  # the directory demo is not loaded
    _agencies(organisation.territory)
    units = _units(organisation)
    districts = _districts(units[SUPPORT])
    _passports(districts)
    specialists = _staff(organisation, units, districts)
    demo_people.load(organisation, units[SUPPORT], districts, specialists)
    demo_cases.load(units[SUPPORT], districts)
    demo_records.load(units[SUPPORT], districts)
