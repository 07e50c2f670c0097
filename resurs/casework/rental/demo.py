"""Demo rental point of БУ «Пыть-Яхский КЦСОН» (issue 15, item 11; seed 002 app. 1).

The point at the social-support unit (§1.2), at its address (§3.12), open by the schedule of
§3.13, its fund kept by the unit's specialist Григорьева (login ``specialist``) by the
director's order (§3.1); the head Павлова (``head``) signs the write-off. The fund has items of
every kind of app. 3 from each source (the programme, paid income, an unclaimed item with its
transfer note 0315006), one near the end of its service life, and items in every state: on
loan, free, in repair, lost and awaiting write-off, written off. The contracts show the rules:
free under an ИПР/ИПРА (2.1.1) and paid (2.1.3, 2.1.4), a home delivery, a representative by
power of attorney, an extension, an early return with its refund, a misuse with its repair
charge, a loss, an overdue return; a refusal with its ground; the wheelchairs' waiting list,
where a veteran of the war who applied last stands first (§2.2).

Every record goes through the rental services (the audit trail, the service facts of the
loans and the charges are the ones a user's work leaves). Dated relative to the day of loading;
loading twice changes nothing. Needs the demos of units (the unit, its staff and citizens) and
socialservices (the catalogue's «ПР-…» services; its year of facts is loaded only into an
institution without facts, so the rental demo runs after it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from resurs.casework.citizens import services as citizen_services
from resurs.casework.citizens.identity import snils_check_number
from resurs.casework.citizens.models import Person, Sex
from resurs.casework.rental import demand, services
from resurs.casework.rental.models import (
    Application,
    Category,
    DisabilityGroup,
    Item,
    ItemKind,
    ItemSource,
    Priority,
    RefusalGround,
    RentalPoint,
    ReturnCondition,
    ReturnReason,
)
from resurs.casework.socialservices.shipped import load_catalogue
from resurs.casework.units.models import DistrictAssignment, Unit, UnitStaff
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.demo import PYT_YAKH_KCSON
from resurs.kernel.organisations.models import Organisation

ADDRESS = "2 «а» мкр., ул. Молодежная, д. 18/1"
# §1.7: the hours of the institution; §3.13 gives them.
HOURS = "пн 9:00–18:00, вт–пт 9:00–17:00, обеденный перерыв 13:00–14:00; сб, вс — выходные"
STORE = f"Склад пункта проката, {ADDRESS}"
RESPONSIBLE = "specialist"
HEAD = "head"
READ = "the rental demo's applicants among the demo citizens"
DAY = datetime.timedelta(days=1)
# documents presented with an application (§3.3)
WITH_IPRA = ("doc_identity", "doc_disability", "doc_ipra")
WITH_DOCTOR = ("doc_identity", "doc_doctor")


@dataclass(frozen=True)
class DemoItem:
    mark: str
    kind: int  # the line of app. 3
    characteristics: str
    book_value: str
    market_value: str
    in_service_days_ago: int
    source: str = ItemSource.PROGRAMME


ITEMS = (
    DemoItem("ПР-01-001", 1, "Алюминий, 3 секции, длина 3 м, нагрузка до 300 кг",
             "18500", "16800", 420),
    DemoItem("ПР-01-002", 1, "Алюминий, 3 секции, длина 3 м, нагрузка до 300 кг",
             "18500", "16800", 420),
    DemoItem("ПР-02-001", 2, "Алюминий, 2 секции, длина 2 м, нагрузка до 270 кг",
             "14200", "13100", 290, ItemSource.UNCLAIMED),
    DemoItem("ПР-03-001", 3, "4 секции, электропривод, боковые ограждения, матрас",
             "98000", "91500", 510),
    DemoItem("ПР-03-002", 3, "4 секции, электропривод, боковые ограждения, матрас",
             "101400", "99000", 150, ItemSource.PAID_INCOME),
    DemoItem("ПР-04-001", 4, "Ширина сиденья 46 см, складная рама, пневматические колёса",
             "16900", "14300", 600),
    DemoItem("ПР-04-002", 4, "Ширина сиденья 46 см, складная рама, пневматические колёса",
             "16900", "14300", 600),
    DemoItem("ПР-04-003", 4, "Ширина сиденья 43 см, складная рама, литые колёса",
             "17650", "16200", 250, ItemSource.PAID_INCOME),
    DemoItem("ПР-05-001", 5, "Регулируемая высота 72–110 см, поворотная столешница",
             "7450", "6900", 400),
    DemoItem("ПР-05-002", 5, "Регулируемая высота 70–105 см, колёса со стопорами",
             "6100", "0", 6 * 365 + 40),
    DemoItem("ПР-06-001", 6, "Шагающие, складные, регулировка высоты 78–95 см",
             "4380", "3950", 400),
    DemoItem("ПР-06-002", 6, "Шагающие, складные, регулировка высоты 78–95 см",
             "4380", "4200", 200, ItemSource.PAID_INCOME),
    DemoItem("ПР-07-001", 7, "Электропривод, 4 секции, функция «кардиокресло»",
             "86500", "80200", 500),
    DemoItem("ПР-07-002", 7, "Электропривод, 4 секции, функция «кардиокресло»",
             "86500", "80200", 500),
    DemoItem("ПР-08-001", 8, "Подмышечные, алюминий, регулировка роста 150–190 см",
             "2150", "1900", 300),
    DemoItem("ПР-08-002", 8, "Подмышечные, алюминий, регулировка роста 150–190 см",
             "2150", "1500", 700),
    DemoItem("ПР-08-003", 8, "Локтевые, алюминий, регулировка высоты",
             "2600", "2400", 350, ItemSource.PAID_INCOME),
)  # fmt: skip


@dataclass(frozen=True)
class DemoReturn:
    days_from_today: int
    reason: str
    condition: str = ReturnCondition.GOOD
    repair_cost: str = "0"
    notice_days_from_today: int | None = None
    note: str = ""


@dataclass(frozen=True)
class DemoContract:
    mark: str
    category: str
    starts_days_ago: int
    term_days: int
    ipra: bool = False
    documents: tuple[str, ...] = WITH_DOCTOR
    disability_group: str = DisabilityGroup.NONE
    delivery: bool = False
    representative: tuple[str, str] = ("", "")
    extension: tuple[int, str] | None = None  # (days after the end, the ground)
    returned: DemoReturn | None = None
    # §3.5: the grounds of a delivery
    no_able_relatives: bool = False
    cannot_self_care: bool = False


# Issued in the order they were concluded, so that their numbers follow the dates.
CONTRACTS = (
    DemoContract("ПР-04-002", Category.NO_IPRA, 170, 181, documents=WITH_IPRA[:2],
                 disability_group=DisabilityGroup.III,
                 extension=(60, "Нуждаемость сохраняется: заключение лечащего врача")),
    DemoContract("ПР-03-001", Category.QUEUED_IPRA, 100, 365, ipra=True, documents=WITH_IPRA,
                 disability_group=DisabilityGroup.II),
    DemoContract("ПР-04-001", Category.MEDICAL, 95, 91),  # not returned: overdue
    DemoContract("ПР-08-003", Category.MEDICAL, 90, 61,
                 returned=DemoReturn(-30, ReturnReason.TERM_ENDED, ReturnCondition.LOST,
                                     note="Костыли утрачены при переезде, со слов обслуживаемого")),
    DemoContract("ПР-06-002", Category.MEDICAL, 50, 91,
                 returned=DemoReturn(-14, ReturnReason.CITIZEN_EARLY, notice_days_from_today=-25,
                                     note="Реабилитация завершена раньше срока")),
    DemoContract("ПР-04-003", Category.MEDICAL, 45, 34,
                 returned=DemoReturn(-12, ReturnReason.TERM_ENDED, ReturnCondition.MISUSED,
                                     repair_cost="2350.00",
                                     note="Погнута ось заднего колеса, порвана обивка сиденья")),
    DemoContract("ПР-07-001", Category.QUEUED_IPRA, 40, 181, ipra=True, documents=WITH_IPRA,
                 disability_group=DisabilityGroup.I, delivery=True,
                 no_able_relatives=True, cannot_self_care=True),
    DemoContract("ПР-01-001", Category.QUEUED_IPRA, 60, 181, ipra=True, documents=WITH_IPRA,
                 disability_group=DisabilityGroup.II),
    DemoContract("ПР-03-002", Category.MEDICAL, 30, 91),
    DemoContract("ПР-06-001", Category.MEDICAL, 12, 61,
                 representative=("Кузнецова Мария Петровна",
                                 "Доверенность № 86 АА 2145871, удостоверена нотариусом "
                                 "г. Пыть-Яха")),
    DemoContract("ПР-08-001", Category.MEDICAL, 7, 61),
)  # fmt: skip

# The wheelchairs' waiting list: (days ago the application was accepted, category, priority).
WAITING = (
    (40, Category.QUEUED_IPRA, Priority.NONE),
    (25, Category.MEDICAL, Priority.NONE),
    (10, Category.MEDICAL, Priority.WWII_VETERAN),
)
WAITING_KIND = 4
VETERAN_SNILS = "200100145"  # the demo's other citizens have 1xx xxx xxx
VETERAN_ADDRESS = "628380, г. Пыть-Ях, 1 мкр. «Центральный», д. 7, кв. 12"


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _member(unit: Unit, username: str, role: str, today) -> Membership | None:
    """The demo login of the unit, or another current member of the role."""
    staff = UnitStaff.objects.current(today).filter(unit=unit).select_related("membership")
    found = staff.filter(membership__user__username=username).first() or (
        staff.filter(membership__role=role).order_by("id").first()
    )
    return found.membership if found else None


def _applicants(by: Membership | None, unit: Unit, today) -> list[Person]:
    """The adults the specialist serves, by id."""
    persons = (
        Person.objects.visible_to(by) if by is not None else Person.objects.unscoped(reason=READ)
    )
    adult = today - datetime.timedelta(days=18 * 366)
    return list(persons.filter(unit=unit, birth_date__lte=adult).order_by("id"))


def _veteran(by: Membership | None, unit: Unit, today) -> Person:
    """A home-front worker of the war (a veteran, 5-ФЗ «О ветеранах», art. 2) registered in
    the specialist's district: the demo's citizens are younger."""
    assignment = (
        DistrictAssignment.objects.current(today)
        .filter(membership=by, district__unit=unit)
        .select_related("district")
        .first()
        if by is not None
        else None
    )
    snils = f"{VETERAN_SNILS}{snils_check_number(VETERAN_SNILS):02d}"
    known = Person.objects.unscoped(reason=READ).filter(snils=snils).first()
    if known is not None:  # registered by an earlier load whose rental records were removed
        return known
    return citizen_services.person_create(
        by=by,
        unit=unit,
        district=assignment.district if assignment is not None else None,
        specialist=by.user if by is not None else None,
        confirm_not_duplicate=True,
        last_name="Воронин",
        first_name="Николай",
        patronymic="Степанович",
        sex=Sex.MALE,
        birth_date=datetime.date(1929, 3, 2),
        snils=snils,
        registration_address=VETERAN_ADDRESS,
        actual_address=VETERAN_ADDRESS,
    )


def _point(by: Membership | None, unit: Unit, responsible: Membership | None, today) -> None:
    services.point_save(
        by=by,
        unit=unit,
        address=ADDRESS,
        hours=HOURS,
        responsible=responsible,
        responsible_order=(
            f"Приказ директора от {today - 400 * DAY:%d.%m.%Y} № 112-о «О назначении "
            "материально ответственного лица пункта проката ТСР»"
        ),
    )


def _items(by, unit: Unit, kinds: dict[int, ItemKind], today) -> dict[str, Item]:
    made = {}
    for row in ITEMS:
        in_service = today - row.in_service_days_ago * DAY
        note = {}
        if row.source == ItemSource.UNCLAIMED:
            note = {
                "transfer_note_number": "47",
                "transfer_note_date": in_service - 5 * DAY,
            }
        made[row.mark] = services.item_create(
            by=by,
            unit=unit,
            mark=row.mark,
            kind=kinds[row.kind],
            characteristics=row.characteristics,
            book_value=Decimal(row.book_value),
            market_value=Decimal(row.market_value),
            source=row.source,
            in_service_on=in_service,
            location=STORE,
            **note,
        )
    return made


def _contract(by, unit, row: DemoContract, person: Person, item: Item, today) -> None:
    starts_on = today - row.starts_days_ago * DAY
    application = services.application_create(
        by=by,
        person=person,
        unit=unit,
        category=row.category,
        requested_kind=item.kind,
        applied_at=_at(starts_on - 3 * DAY),
        ipra_kinds=[item.kind] if row.ipra else [],
        documents=row.documents,
        disability_group=row.disability_group,
        needed_until=starts_on + (row.term_days - 1) * DAY,
        no_able_relatives=row.no_able_relatives,
        cannot_self_care=row.cannot_self_care,
    )
    contract = services.issue(
        by=by,
        application=application,
        items=[item],
        starts_on=starts_on,
        ends_on=starts_on + (row.term_days - 1) * DAY,
        delivery=row.delivery,
        representative_name=row.representative[0],
        representative_document=row.representative[1],
    )
    if row.extension is not None:
        days, reason = row.extension
        services.extend(
            by=by, contract=contract, until=contract.ends_on + days * DAY, reason=reason
        )
    back = row.returned
    if back is not None:
        notice = back.notice_days_from_today
        services.return_items(
            by=by,
            contract=contract,
            returned_on=today + back.days_from_today * DAY,
            reason=back.reason,
            conditions={item.pk: back.condition},
            repair_costs={item.pk: Decimal(back.repair_cost)},
            notice_given_on=today + notice * DAY if notice is not None else None,
            note=back.note,
        )


@transaction.atomic
def load_demo_data() -> None:
    organisation = Organisation.objects.filter(name=PYT_YAKH_KCSON).first()
    if organisation is None:
        return
    support = Unit.objects.filter(organisation=organisation, kind__code="social_support").first()
    if support is None or (
        RentalPoint.objects.filter(organisation=organisation).exists()
        or Item.objects.filter(organisation=organisation).exists()
        or Application.all_records.filter(organisation=organisation).exists()
    ):
        return
    load_catalogue()  # the «ПР-…» services a loan is recorded as
    today = timezone.localdate()
    specialist = _member(support, RESPONSIBLE, Role.SPECIALIST, today)
    head = _member(support, HEAD, Role.HEAD, today) or specialist
    people = _applicants(specialist, support, today)
    if len(people) < len(CONTRACTS) + len(WAITING):
        return
    kinds = {kind.position: kind for kind in ItemKind.objects.all()}
    _point(head, support, specialist, today)
    items = _items(specialist, support, kinds, today)
    services.maintenance_start(
        by=specialist,
        item=items["ПР-07-002"],
        started_on=today - 6 * DAY,
        what="Замена пульта управления электроприводом",
    )
    services.write_off(
        by=head,
        item=items["ПР-05-002"],
        act_number="3",
        act_date=today - 20 * DAY,
        reason="Истёк срок полезного использования, столешница расслоилась: ремонту не подлежит",
    )
    concluded = sorted(CONTRACTS, key=lambda row: -row.starts_days_ago)
    for row, person in zip(concluded, people, strict=False):
        _contract(specialist, support, row, person, items[row.mark], today)
    refused = services.application_create(
        by=specialist,
        person=people[len(CONTRACTS)],
        unit=support,
        category=Category.MEDICAL,
        requested_kind=kinds[7],
        applied_at=_at(today - 18 * DAY),
        documents=("doc_identity",),
    )
    services.application_refuse(
        by=specialist,
        application=refused,
        ground=RefusalGround.INCOMPLETE,
        note="Не представлен документ, подтверждающий нуждаемость в ТСР (п. 3.3 положения)",
    )
    veteran = _veteran(specialist, support, today)
    waiting = [*people[len(CONTRACTS) + 1 :][: len(WAITING) - 1], veteran]
    for (days_ago, category, priority), person in zip(WAITING, waiting, strict=True):
        services.application_create(
            by=specialist,
            person=person,
            unit=support,
            category=category,
            requested_kind=kinds[WAITING_KIND],
            applied_at=_at(today - days_ago * DAY),
            ipra_kinds=[kinds[WAITING_KIND]] if category == Category.QUEUED_IPRA else [],
            priority=priority,
            documents=WITH_IPRA if category == Category.QUEUED_IPRA else WITH_DOCTOR,
        )
    if len(people) > len(CONTRACTS) + len(WAITING):
        # Waited for a bed while none was free and bought one: a refusal for lack of stock
        # in the May request (demand.py).
        gone = services.application_create(
            by=specialist,
            person=people[len(CONTRACTS) + len(WAITING)],
            unit=support,
            category=Category.MEDICAL,
            requested_kind=kinds[3],
            applied_at=_at(today - 75 * DAY),
            documents=WITH_DOCTOR,
        )
        services.application_withdraw(
            by=specialist, application=gone, note="Приобрёл кровать самостоятельно"
        )
    # TSR-7: the draft of next year's request, computed from the list, the withdrawals and
    # the items reaching the end of their service life.
    demand.demand_compute(by=specialist, organisation=organisation, year=today.year + 1)
