"""Demo data: the organisations of the seeds, their RC orders, appointments and one login per role.

Loaded by ``manage.py load_demo`` (``make run`` calls it). Loading twice changes nothing.
Registration numbers are generated with valid checksums; they are not the real ones.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations import services
from resurs.kernel.organisations.models import (
    AppointmentKind,
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    Territory,
)
from resurs.kernel.organisations.validators import complete_inn

DEMO_PASSWORD = "resurs-demo-2026"  # noqa: S105 -- the demo logins of README

DEPARTMENT = "Департамент социального развития Ханты-Мансийского автономного округа – Югры"
METHODICAL_CENTRE = "БУ «Ресурсный центр развития социального обслуживания»"
SURGUT_RC = "БУ «Сургутский районный центр социальной адаптации»"
NV_RC = "БУ «Нижневартовский многопрофильный реабилитационный центр для инвалидов»"
PYT_YAKH_KCSON = "БУ «Пыть-Яхский комплексный центр социального обслуживания населения»"


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    short_name: str
    kind: str
    legal_form: str
    territory: str
    directions: tuple[int, ...] = ()
    head_name: str = ""
    address: str = ""


ORGANISATIONS = (
    DemoOrganisation(DEPARTMENT, "Депсоцразвития Югры", OrganisationKind.DEPARTMENT,
                     LegalForm.GOVERNMENT_BODY, "Ханты-Мансийск",
                     address="г. Ханты-Мансийск, ул. Мира, д. 14а"),
    DemoOrganisation(METHODICAL_CENTRE, "Ресурсный центр развития социального обслуживания",
                     OrganisationKind.METHODICAL_CENTRE, LegalForm.BUDGET, "Сургут"),
    DemoOrganisation("Управление социальной защиты населения по Сургутскому району",
                     "УСЗН по Сургутскому району", OrganisationKind.USZN,
                     LegalForm.GOVERNMENT_BODY, "Сургутский район"),
    DemoOrganisation("Управление социальной защиты населения по г. Нижневартовску",
                     "УСЗН по г. Нижневартовску", OrganisationKind.USZN,
                     LegalForm.GOVERNMENT_BODY, "Нижневартовск"),
    DemoOrganisation("Управление социальной защиты населения по г. Пыть-Яху",
                     "УСЗН по г. Пыть-Яху", OrganisationKind.USZN,
                     LegalForm.GOVERNMENT_BODY, "Пыть-Ях"),
    DemoOrganisation(SURGUT_RC, "Сургутский районный центр социальной адаптации",
                     OrganisationKind.STATE_INSTITUTION, LegalForm.BUDGET, "Сургутский район",
                     (2,), address="Сургутский район, г. п. Белый Яр"),
    DemoOrganisation(NV_RC, "Нижневартовский многопрофильный реабилитационный центр",
                     OrganisationKind.STATE_INSTITUTION, LegalForm.BUDGET, "Нижневартовск", (8,),
                     head_name="Иванова О. Н."),
    DemoOrganisation(PYT_YAKH_KCSON, "Пыть-Яхский КЦСОН", OrganisationKind.STATE_INSTITUTION,
                     LegalForm.BUDGET, "Пыть-Ях", (9,)),
    DemoOrganisation("БУ «Сургутский центр социальной помощи семье и детям»",
                     "Сургутский ЦСПСД", OrganisationKind.STATE_INSTITUTION, LegalForm.BUDGET,
                     "Сургут", (6, 9)),
    DemoOrganisation("БУ «Ханты-Мансийский комплексный центр социального обслуживания населения»",
                     "Ханты-Мансийский КЦСОН", OrganisationKind.STATE_INSTITUTION,
                     LegalForm.BUDGET, "Ханты-Мансийск", (3, 7)),
    DemoOrganisation("БУ «Нефтеюганский комплексный центр социального обслуживания населения»",
                     "Нефтеюганский КЦСОН", OrganisationKind.STATE_INSTITUTION, LegalForm.BUDGET,
                     "Нефтеюганск", (2, 5)),
    DemoOrganisation("БУ «Когалымский комплексный центр социального обслуживания населения»",
                     "Когалымский КЦСОН", OrganisationKind.STATE_INSTITUTION, LegalForm.BUDGET,
                     "Когалым", (8,)),
    DemoOrganisation("БУ «Няганский комплексный центр социального обслуживания населения»",
                     "Няганский КЦСОН", OrganisationKind.STATE_INSTITUTION, LegalForm.BUDGET,
                     "Нягань", (4,)),
    DemoOrganisation("Автономная некоммерческая организация «Центр социальной помощи «Забота»",
                     "АНО «Забота»", OrganisationKind.NON_STATE_PROVIDER, LegalForm.SO_NKO,
                     "Сургут", (2,)),
    DemoOrganisation("Автономная некоммерческая организация «Семейный центр «Росток»",
                     "АНО «Росток»", OrganisationKind.NON_STATE_PROVIDER, LegalForm.SO_NKO,
                     "Нижневартовск", (8,)),
    DemoOrganisation("Автономная некоммерческая организация «Реабилитационный центр «Возрождение»",
                     "АНО «Возрождение»", OrganisationKind.NON_STATE_PROVIDER, LegalForm.SO_NKO,
                     "Сургутский район", (1,)),
    DemoOrganisation("Индивидуальный предприниматель Соколова Марина Викторовна",
                     "ИП Соколова М. В.", OrganisationKind.NON_STATE_PROVIDER,
                     LegalForm.ENTREPRENEUR, "Пыть-Ях", (9,)),
    DemoOrganisation("Местная общественная организация «Добровольцы Югры»",
                     "МОО «Добровольцы Югры»", OrganisationKind.VOLUNTEER, LegalForm.NKO,
                     "Ханты-Мансийск", (3,)),
)  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    username: str
    last_name: str
    first_name: str
    patronymic: str
    role: Role
    organisation: str
    position: str
    direction: int | None = None


LOGINS = (
    DemoLogin("department", "Васильева", "Елена", "Петровна", Role.DEPARTMENT, DEPARTMENT,
              "Начальник отдела организации социального обслуживания"),
    DemoLogin("methodist", "Кузнецова", "Ирина", "Андреевна", Role.METHODICAL_CENTRE,
              METHODICAL_CENTRE, "Методист"),
    DemoLogin("uszn", "Морозов", "Андрей", "Викторович", Role.USZN,
              "Управление социальной защиты населения по г. Пыть-Яху", "Главный специалист"),
    DemoLogin("uszn-surgut", "Белова", "Светлана", "Юрьевна", Role.USZN,
              "Управление социальной защиты населения по Сургутскому району", "Главный специалист"),
    DemoLogin("rc", "Лебедева", "Ольга", "Сергеевна", Role.RESOURCE_CENTRE, SURGUT_RC,
              "Руководитель ресурсного центра", direction=2),
    DemoLogin("provider", "Семенова", "Татьяна", "Ивановна", Role.PROVIDER, PYT_YAKH_KCSON,
              "Заместитель директора"),
    DemoLogin("head", "Павлова", "Наталья", "Алексеевна", Role.HEAD, PYT_YAKH_KCSON,
              "Заведующий отделением социального сопровождения граждан"),
    DemoLogin("specialist", "Григорьева", "Анна", "Олеговна", Role.SPECIALIST, PYT_YAKH_KCSON,
              "Специалист по социальной работе"),
    DemoLogin("specialist2", "Николаева", "Екатерина", "Викторовна", Role.SPECIALIST,
              PYT_YAKH_KCSON, "Специалист по работе с семьёй"),
    DemoLogin("psychologist", "Соловьёва", "Марина", "Сергеевна", Role.SPECIALIST,
              PYT_YAKH_KCSON, "Психолог"),
    DemoLogin("admin", "Федоров", "Максим", "Игоревич", Role.ADMINISTRATOR, DEPARTMENT,
              "Администратор системы"),
)  # fmt: skip


SURGUT_HEAD_ORDER = {
    "order_number": "12",
    "order_date": date(2019, 2, 15),
    "valid_from": date(2019, 2, 15),
}
NV_ORDER_19 = {"order_number": "19", "order_date": date(2022, 2, 9), "valid_from": date(2022, 2, 9)}
NV_APPOINTMENTS = (
    (AppointmentKind.RC_HEAD, "Немцова Ольга Федоровна", "Заместитель директора",
     "Руководство и организация работы ресурсного центра (п. 4.1 приказа)."),
    (AppointmentKind.REPORTING, "Немцова Ольга Федоровна", "Заместитель директора",
     "Своевременное представление аналитических отчетов о деятельности ресурсного центра "
     "(п. 5.3 приказа)."),
    (AppointmentKind.CONTROL, "Немцова Ольга Федоровна", "Заместитель директора",
     "Контроль за реализацией плана мероприятий («дорожной карты») (п. 5.5 приказа)."),
    (AppointmentKind.ORGANISATION, "Тур Наталья Владимировна",
     "Заведующий информационно-аналитическим отделением",
     "Информационное и научно-методическое сопровождение специалистов, реализующих технологии "
     "ранней помощи; информационно-дискуссионная площадка; научно-исследовательская, "
     "инновационная и проектная деятельность; информационно-аналитическое направление "
     "(п. 4.2 приказа)."),
    (AppointmentKind.COORDINATION, "Дадеркина Надежда Михайловна",
     "Заведующий отделением ранней помощи",
     "Консультативно-диагностическое направление; межведомственное взаимодействие по вопросам "
     "ранней помощи; нормативные документы и кейсы; стажировочная площадка (п. 4.3 приказа)."),
    (AppointmentKind.ORGANISATION, "Панасюк Анна Викторовна", "Заведующий стационарным отделением",
     "Консультативно-диагностическое направление в работе с семьями, проживающими в ХМАО – Югре "
     "(п. 4.4 приказа)."),
)  # fmt: skip


def _inn(index: int) -> str:
    return complete_inn(f"86{index:07d}")


def _add_login(login: DemoLogin, organisations, directions) -> User:
    user = User.objects.create_user(
        username=login.username,
        password=DEMO_PASSWORD,
        last_name=login.last_name,
        first_name=login.first_name,
        patronymic=login.patronymic,
        is_staff=login.role == Role.ADMINISTRATOR,
        is_superuser=login.role == Role.ADMINISTRATOR,
    )
    membership = Membership(
        user=user,
        organisation=organisations[login.organisation],
        role=login.role,
        position=login.position,
        direction=directions[login.direction] if login.direction else None,
    )
    membership.full_clean()
    membership.save()
    return user


def _add_missing_logins() -> None:
    """A demo loaded before a login was added to LOGINS gets it on the next loading."""
    known = set(User.objects.values_list("username", flat=True))
    missing = [login for login in LOGINS if login.username not in known]
    if not missing:
        return
    organisations = {
        o.name: o
        for o in Organisation.objects.filter(name__in={login.organisation for login in missing})
    }
    directions = {d.number: d for d in Direction.objects.all()}
    for login in missing:
        if login.organisation in organisations:
            _add_login(login, organisations, directions)


@transaction.atomic
def load_demo() -> bool:
    """Loads the demo once; returns False when it is already there."""
    if Organisation.objects.filter(name=DEPARTMENT).exists():
        _add_missing_logins()
        return False
    territories = {t.name: t for t in Territory.objects.all()}
    directions = {d.number: d for d in Direction.objects.all()}
    organisations = {}
    for index, item in enumerate(ORGANISATIONS, start=1):
        organisations[item.name] = services.organisation_create(
            by=None,
            name=item.name,
            short_name=item.short_name,
            kind=item.kind,
            legal_form=item.legal_form,
            territory=territories[item.territory],
            inn="" if item.legal_form == LegalForm.ENTREPRENEUR else _inn(index),
            head_name=item.head_name,
            address=item.address,
            directions=[directions[n] for n in item.directions],
        )
    services.rc_status_assign(
        by=None,
        organisation=organisations[SURGUT_RC],
        direction=directions[2],
        order_number="134-р",
        order_date=date(2019, 2, 13),
        valid_from=date(2019, 2, 13),
        note="Приказ Депсоцразвития Югры от 13.02.2019 № 134-р.",
    )
    nv_status = services.rc_status_assign(
        by=None,
        organisation=organisations[NV_RC],
        direction=directions[8],
        order_number="177-р",
        order_date=date(2020, 2, 20),
        valid_from=date(2020, 2, 20),
        note="«О создании ресурсных центров в государственных учреждениях, подведомственных "
        "Депсоцразвития Югры».",
    )
    services.rc_status_repeal(
        by=None,
        status=nv_status,
        order_number="135-р",
        order_date=date(2022, 2, 4),
        effective_on=date(2022, 2, 4),
    )
    for kind, person, position, duties in NV_APPOINTMENTS:
        services.appointment_create(
            by=None,
            organisation=organisations[NV_RC],
            direction=directions[8],
            kind=kind,
            person_name=person,
            position=position,
            duties=duties,
            **NV_ORDER_19,
        )
    for login in LOGINS:
        user = _add_login(login, organisations, directions)
        if login.username == "rc":
            # The head the centre's public page names is this appointment on its card (ORG-4).
            services.appointment_create(
                by=None,
                organisation=organisations[SURGUT_RC],
                direction=directions[2],
                kind=AppointmentKind.RC_HEAD,
                person_name=f"{login.last_name} {login.first_name} {login.patronymic}",
                position=login.position,
                user=user,
                duties="Руководство и организация работы ресурсного центра.",
                **SURGUT_HEAD_ORDER,
            )
    return True
