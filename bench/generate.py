"""A region-sized directory for the benchmark.

5,000 organisations of every kind over the 22 municipalities of KhMAO–Yugra (loaded by
migration 0002 with the 9 directions), 1–3 directions each; 50,000 users with one
membership each; 20 years (2006–2025) of resource-centre orders with their replaced and
repealed history, and of appointments of responsible persons.

Everything is written with ``bulk_create`` in one transaction, so a failed run leaves an
empty database and the next run starts over. The data is deterministic for a given seed.
"""

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import (
    Appointment,
    AppointmentKind,
    Direction,
    LegalForm,
    Organisation,
    OrganisationKind,
    RCStatusState,
    ResourceCentreStatus,
    Sector,
    Territory,
)
from resurs.kernel.organisations.validators import complete_inn
from resurs.kernel.search import search_text_of

ORGANISATIONS = 5_000
USERS = 50_000
FIRST_YEAR, LAST_YEAR = 2006, 2025
RC_CENTRES = 300
BATCH = 2_000
BENCH_PASSWORD = "resurs-bench-2026"  # noqa: S105 -- generated test logins only

# The users the benchmark acts as (created first, with these usernames).
BENCH_DEPARTMENT = "bench-department"
BENCH_USZN = "bench-uszn"
BENCH_RC = "bench-rc"
BENCH_USZN_TERRITORY = "Сургут"

# How many organisations each municipality has, relative to the others.
TERRITORY_WEIGHT = {
    "Сургут": 14,
    "Нижневартовск": 11,
    "Ханты-Мансийск": 7,
    "Нефтеюганск": 6,
    "Нягань": 3,
    "Когалым": 3,
    "Мегион": 3,
    "Урай": 2,
    "Югорск": 2,
    "Лангепас": 2,
    "Радужный": 2,
    "Пыть-Ях": 2,
    "Покачи": 1,
    "Сургутский район": 5,
    "Нижневартовский район": 3,
    "Нефтеюганский район": 3,
    "Ханты-Мансийский район": 2,
    "Советский район": 3,
    "Октябрьский район": 2,
    "Кондинский район": 2,
    "Белоярский район": 2,
    "Березовский район": 2,
}
ADJECTIVE = {
    "Ханты-Мансийск": "Ханты-Мансийский",
    "Когалым": "Когалымский",
    "Лангепас": "Лангепасский",
    "Мегион": "Мегионский",
    "Нефтеюганск": "Нефтеюганский",
    "Нижневартовск": "Нижневартовский",
    "Нягань": "Няганский",
    "Покачи": "Покачёвский",
    "Пыть-Ях": "Пыть-Яхский",
    "Радужный": "Радужнинский",
    "Сургут": "Сургутский",
    "Урай": "Урайский",
    "Югорск": "Югорский",
}
PHONE_CODE = {"Сургут": "3462", "Нижневартовск": "3466", "Ханты-Мансийск": "3467"}

STATE_TYPES = (
    ("комплексный центр социального обслуживания населения", "КЦСОН"),
    ("реабилитационный центр для детей и подростков с ограниченными возможностями", "РЦДП"),
    ("социально-реабилитационный центр для несовершеннолетних", "СРЦН"),
    ("дом-интернат для престарелых и инвалидов", "ДИПИ"),
    ("психоневрологический интернат", "ПНИ"),
    ("центр социальной адаптации", "ЦСА"),
    ("центр социальной помощи семье и детям", "ЦСПСД"),
    ("многопрофильный реабилитационный центр для инвалидов", "МРЦИ"),
    ("центр социального обслуживания на дому", "ЦСОД"),
    ("геронтологический центр", "ГЦ"),
)
STATE_FORMS = ((LegalForm.BUDGET, "БУ"), (LegalForm.AUTONOMOUS, "АУ"), (LegalForm.TREASURY, "КУ"))
NGO_FORMS = (
    (LegalForm.NKO, "АНО"),
    (LegalForm.SO_NKO, "АНО"),
    (LegalForm.SO_NKO, "БФ"),
    (LegalForm.COMMERCIAL, "ООО"),
)
NGO_TYPES = (
    "Центр социальных услуг",
    "Реабилитационный центр",
    "Центр помощи семье",
    "Пансионат для пожилых",
    "Служба ухода на дому",
    "Центр активного долголетия",
    "Социальное агентство",
    "Центр дневного пребывания",
)
WORDS = (
    "Забота", "Милосердие", "Доверие", "Надежда", "Родник", "Северное сияние", "Опора",
    "Добрые руки", "Семья", "Вектор", "Гармония", "Светлый путь", "Содействие", "Участие",
    "Долголетие", "Тепло", "Открытые сердца", "Новый день", "Кедр", "Берегиня", "Обь",
    "Иртыш", "Радуга", "Ковчег", "Мечта", "Исток", "Парус", "Югра", "Самотлор", "Сибирь",
)  # fmt: skip
PARTNERS = (
    (OrganisationKind.SOCIAL_PARTNER, Sector.OTHER, LegalForm.NKO, "Общественная организация"),
    (OrganisationKind.SOCIAL_PARTNER, Sector.OTHER, LegalForm.COMMERCIAL, "ООО"),
    (OrganisationKind.INTERAGENCY, Sector.EDUCATION, LegalForm.BUDGET, "МБОУ «Средняя школа"),
    (OrganisationKind.INTERAGENCY, Sector.HEALTH, LegalForm.BUDGET, "БУ «Больница"),
    (OrganisationKind.INTERAGENCY, Sector.EMPLOYMENT, LegalForm.TREASURY, "КУ «Центр занятости"),
    (OrganisationKind.INTERAGENCY, Sector.CULTURE, LegalForm.BUDGET, "МБУК «Библиотека"),
    (OrganisationKind.INTERAGENCY, Sector.SPORT, LegalForm.AUTONOMOUS, "МАУ «Спортивный центр"),
    (OrganisationKind.INTERAGENCY, Sector.POLICE, LegalForm.GOVERNMENT_BODY, "ОМВД «Отдел"),
    (
        OrganisationKind.INTERAGENCY,
        Sector.GUARDIANSHIP,
        LegalForm.GOVERNMENT_BODY,
        "Управление «Отдел опеки и попечительства",
    ),
    (
        OrganisationKind.INTERAGENCY,
        Sector.MINORS_COMMISSION,
        LegalForm.GOVERNMENT_BODY,
        "Территориальная комиссия «КДН и ЗП",
    ),
    (OrganisationKind.VOLUNTEER, Sector.OTHER, LegalForm.NKO, "Волонтёрский центр"),
)
SURNAMES = (
    "Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
)  # fmt: skip
MALE_NAMES = (
    "Александр", "Алексей", "Андрей", "Дмитрий", "Евгений", "Иван", "Максим", "Михаил",
    "Николай", "Олег", "Павел", "Сергей", "Юрий", "Владимир", "Виктор", "Игорь",
)  # fmt: skip
FEMALE_NAMES = (
    "Анна", "Елена", "Ирина", "Мария", "Наталья", "Ольга", "Светлана", "Татьяна",
    "Екатерина", "Людмила", "Галина", "Юлия", "Марина", "Оксана", "Вера", "Надежда",
)  # fmt: skip
PATRONYMICS = (
    "Александров", "Алексеев", "Андреев", "Владимиров", "Викторов", "Дмитриев", "Иванов",
    "Михайлов", "Николаев", "Петров", "Сергеев", "Юрьев",
)  # fmt: skip
STREETS = (
    "Ленина", "Мира", "Гагарина", "Энергетиков", "Нефтяников", "Строителей", "Победы",
    "Комсомольская", "Югорская", "Лесная", "Школьная", "Набережная", "Центральная",
)  # fmt: skip
POSITIONS = ("директор", "заместитель директора", "заведующий отделением", "специалист")

KIND_APPOINTMENTS = {
    "rc": (
        AppointmentKind.RC_HEAD,
        AppointmentKind.ORGANISATION,
        AppointmentKind.COORDINATION,
        AppointmentKind.CONTROL,
        AppointmentKind.REPORTING,
    ),
    OrganisationKind.DEPARTMENT: (AppointmentKind.COORDINATION, AppointmentKind.CONTROL),
    OrganisationKind.METHODICAL_CENTRE: (
        AppointmentKind.COORDINATION,
        AppointmentKind.REPORTING,
        AppointmentKind.ORGANISATION,
    ),
    OrganisationKind.USZN: (AppointmentKind.INTERACTION, AppointmentKind.COORDINATION),
    OrganisationKind.STATE_INSTITUTION: (
        AppointmentKind.INTERACTION,
        AppointmentKind.PROVIDER_REPORTING,
    ),
    OrganisationKind.NON_STATE_PROVIDER: (
        AppointmentKind.INTERACTION,
        AppointmentKind.PROVIDER_REPORTING,
    ),
}


@dataclass
class Generated:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def is_empty() -> bool:
    return not Organisation.objects.exists()


def _ogrn(number: int) -> str:
    base = f"10286{number:07d}"
    return base + str(int(base) % 11 % 10)


def _person(rng: random.Random) -> tuple[str, str, str]:
    """Surname, first name, patronymic of one person."""
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.7:  # social services staff are mostly women
        return surname + "а", rng.choice(FEMALE_NAMES), rng.choice(PATRONYMICS) + "на"
    return surname, rng.choice(MALE_NAMES), rng.choice(PATRONYMICS) + "ич"


def _full_name(rng: random.Random) -> str:
    return " ".join(_person(rng))


def _years(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _random_date(rng: random.Random, year: int) -> date:
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def _batched(objects: list, model, **kwargs) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH, **kwargs)


class _Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.territories = list(Territory.objects.order_by("pk"))
        self.directions = list(Direction.objects.order_by("number"))
        if len(self.territories) < 22 or len(self.directions) < 9:
            raise SystemExit("Нет справочников региона 86: миграция 0002 не применена?")
        self.by_name = {t.name: t for t in self.territories}
        self.weights = [TERRITORY_WEIGHT.get(t.name, 1) for t in self.territories]
        self.number = 0
        self.type_counter: dict[tuple, int] = {}

    def territory(self) -> Territory:
        return self.rng.choices(self.territories, self.weights)[0]

    def adjective(self, territory: Territory) -> str:
        if territory.name in ADJECTIVE:
            return ADJECTIVE[territory.name]
        return territory.name.replace("ский район", "ский районный")

    def organisation(self, *, name, short_name, kind, legal_form, territory, sector=Sector.SOCIAL):
        rng = self.rng
        self.number += 1
        number = self.number
        head_name = _full_name(rng) if rng.random() < 0.95 else ""
        has_inn = kind != OrganisationKind.VOLUNTEER or rng.random() < 0.5
        city = territory.name.removesuffix(" район")
        code = PHONE_CODE.get(territory.name, "346" + str(number % 10))
        return Organisation(
            name=name,
            short_name=short_name,
            kind=kind,
            legal_form=legal_form,
            sector=sector,
            territory=territory,
            inn=complete_inn(f"86{number:07d}") if has_inn else "",
            ogrn=_ogrn(number) if has_inn else "",
            address=f"{city}, ул. {rng.choice(STREETS)}, д. {rng.randint(1, 120)}",
            phone=f"+7 ({code}) {rng.randint(20, 99)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
            email=f"org{number}@example.ru",
            website=f"https://org{number}.example.ru" if rng.random() < 0.3 else "",
            head_name=head_name,
            is_active=rng.random() < 0.97,
            search_text=search_text_of(name, short_name, head_name),
        )

    def numbered(self, key: tuple) -> int:
        self.type_counter[key] = self.type_counter.get(key, 0) + 1
        return self.type_counter[key]

    def organisations(
        self, *, state: int = 1_700, partners: int = 680, providers: int | None = None
    ) -> list[Organisation]:
        """The Department, the methodological centre, an УСЗН per territory and ``state``
        institutions, ``providers`` non-state providers (by default the rest up to
        ORGANISATIONS) and ``partners`` social partners."""
        rng = self.rng
        khm = self.by_name["Ханты-Мансийск"]
        result = [
            self.organisation(
                name="Департамент социального развития Ханты-Мансийского автономного округа – Югры",
                short_name="Депсоцразвития Югры",
                kind=OrganisationKind.DEPARTMENT,
                legal_form=LegalForm.GOVERNMENT_BODY,
                territory=khm,
            ),
            self.organisation(
                name="БУ «Ресурсный центр развития социального обслуживания»",
                short_name="Ресурсный центр развития социального обслуживания",
                kind=OrganisationKind.METHODICAL_CENTRE,
                legal_form=LegalForm.BUDGET,
                territory=self.by_name["Сургут"],
            ),
        ]
        for territory in self.territories:
            where = territory.name.removesuffix(" район")
            suffix = " району" if territory.name.endswith(" район") else ""
            result.append(
                self.organisation(
                    name=f"Управление социальной защиты населения по {where}{suffix}",
                    short_name=f"УСЗН ({territory.name})",
                    kind=OrganisationKind.USZN,
                    legal_form=LegalForm.GOVERNMENT_BODY,
                    territory=territory,
                )
            )
        if providers is None:
            providers = ORGANISATIONS - len(result) - state - partners
        for _ in range(state):
            territory = self.territory()
            kind_name, abbr = rng.choice(STATE_TYPES)
            form, prefix = rng.choice(STATE_FORMS)
            n = self.numbered((territory.pk, abbr))
            adjective = self.adjective(territory)
            result.append(
                self.organisation(
                    name=f"{prefix} «{adjective} {kind_name} № {n}»",
                    short_name=f"{abbr} № {n} ({territory.name})",
                    kind=OrganisationKind.STATE_INSTITUTION,
                    legal_form=form,
                    territory=territory,
                )
            )
        for _ in range(providers):
            territory = self.territory()
            form, prefix = rng.choice(NGO_FORMS)
            word = rng.choice(WORDS)
            kind_name = rng.choice(NGO_TYPES)
            result.append(
                self.organisation(
                    name=f"{prefix} «{kind_name} „{word}“» ({territory.name})",
                    short_name=f"{prefix} «{word}»",
                    kind=OrganisationKind.NON_STATE_PROVIDER,
                    legal_form=form,
                    territory=territory,
                )
            )
        for _ in range(partners):
            territory = self.territory()
            kind, sector, form, prefix = rng.choice(PARTNERS)
            n = self.numbered((territory.pk, prefix))
            if prefix.endswith(("Общественная организация", "ООО", "Волонтёрский центр")):
                name = f"{prefix} «{rng.choice(WORDS)}» ({territory.name}, № {n})"
            else:
                name = f"{prefix} № {n}» ({territory.name})"
            result.append(
                self.organisation(
                    name=name,
                    short_name="",
                    kind=kind,
                    legal_form=form,
                    territory=territory,
                    sector=sector,
                )
            )
        return result

    def directions_of(self, organisations: list[Organisation]) -> dict[int, list[Direction]]:
        # Directions 1–4 (elderly, disability, families, children) are the common ones.
        weights = [5, 5, 4, 4, 2, 2, 1, 1, 1][: len(self.directions)]
        weights += [1] * (len(self.directions) - len(weights))
        chosen = {}
        for organisation in organisations:
            count = self.rng.choices((1, 2, 3), (5, 3, 2))[0]
            picked: set = set()
            while len(picked) < count:
                picked.add(self.rng.choices(self.directions, weights)[0])
            chosen[organisation.pk] = sorted(picked, key=lambda d: d.number)
        return chosen


def _rc_chains(rng, centres, directions_of) -> tuple[list[list[ResourceCentreStatus]], dict]:
    """Chains of orders per (centre, direction): each replaces the previous one."""
    today = timezone.localdate()
    chains: list[list[ResourceCentreStatus]] = []
    rc_direction: dict[int, int] = {}  # centre → the direction its RC users work in
    order_no = 0
    for centre in centres:
        own = directions_of[centre.pk]
        rc_directions = rng.sample(own, min(len(own), rng.choice((1, 1, 1, 2))))
        rc_direction[centre.pk] = rc_directions[0].pk
        for direction in rc_directions:
            start = _random_date(rng, rng.randint(FIRST_YEAR, 2019))
            chain: list[ResourceCentreStatus] = []
            while start.year <= LAST_YEAR:
                order_no += 1
                term = rng.choice((2, 3, 3, 5))
                open_ended = rng.random() < 0.2
                status = ResourceCentreStatus(
                    organisation_id=centre.pk,
                    direction_id=direction.pk,
                    order_number=f"{order_no}-п",
                    order_date=start - timedelta(days=rng.randint(3, 30)),
                    valid_from=start,
                    valid_to=None if open_ended else _years(start, term) - timedelta(days=1),
                )
                if chain:
                    _end(chain[-1], RCStatusState.REPLACED, status.valid_from, status)
                chain.append(status)
                start = _years(start, term if not open_ended else rng.randint(3, 6))
            last = chain[-1]
            roll = rng.random()
            if roll < 0.12:  # repealed by an order of the Department
                order_no += 1
                ended = _random_date(rng, max(last.valid_from.year + 1, 2021))
                ended = min(ended, today)
                if ended > last.valid_from:
                    last.end_order_number = f"{order_no}-р"
                    _end(last, RCStatusState.REPEALED, ended, None)
            elif roll < 0.2:  # expired without a new order
                last.valid_to = max(last.valid_from, date(2025, rng.randint(1, 12), 28))
            else:  # in force today
                if last.valid_to is not None and last.valid_to < today:
                    last.valid_to = _years(today, rng.randint(1, 3))
            chains.append(chain)
    return chains, rc_direction


def _end(status, state, ended_on, successor) -> None:
    """Mirrors ``resurs.kernel.organisations.services._end_status``."""
    status.state = state
    status.ended_on = ended_on
    if successor is not None:
        status.end_order_number = successor.order_number
        status.end_order_date = successor.order_date
        status.replaced_by = successor
    else:
        status.end_order_date = ended_on - timedelta(days=3)
    if status.valid_to is None or status.valid_to >= ended_on:
        status.valid_to = max(status.valid_from, ended_on - timedelta(days=1))


def _appointments(rng, organisations, centres) -> Iterable[Appointment]:
    centre_ids = {c.pk for c in centres}
    for organisation in organisations:
        key = "rc" if organisation.pk in centre_ids else organisation.kind
        kinds = KIND_APPOINTMENTS.get(key, (AppointmentKind.INTERACTION,))
        first = rng.randint(FIRST_YEAR, 2018 if organisation.kind != "non_state_provider" else 2022)
        for kind in kinds:
            starts = sorted(
                {
                    _random_date(rng, year)
                    for year in range(first, LAST_YEAR + 1)
                    if year == first or rng.random() < 0.6
                }
            )
            for i, valid_from in enumerate(starts):
                valid_to = starts[i + 1] - timedelta(days=1) if i + 1 < len(starts) else None
                yield Appointment(
                    organisation_id=organisation.pk,
                    kind=kind,
                    person_name=_full_name(rng),
                    position=rng.choice(POSITIONS),
                    order_number=f"{rng.randint(1, 400)}-к",
                    order_date=valid_from - timedelta(days=rng.randint(0, 10)),
                    valid_from=valid_from,
                    valid_to=valid_to,
                )


def _memberships_plan(rng, organisations, centres, rc_direction):
    """(organisation, role, direction_id) for every user; the bench users first."""
    by_kind: dict[str, list] = {}
    for organisation in organisations:
        by_kind.setdefault(organisation.kind, []).append(organisation)
    department = by_kind[OrganisationKind.DEPARTMENT][0]
    centre_org = by_kind[OrganisationKind.METHODICAL_CENTRE][0]
    uszn = by_kind[OrganisationKind.USZN]
    bench_uszn = next(o for o in uszn if o.territory.name == BENCH_USZN_TERRITORY)
    bench_centre = max(centres, key=lambda c: c.territory.name == "Сургут")
    staff_orgs = (
        by_kind[OrganisationKind.STATE_INSTITUTION] + by_kind[OrganisationKind.NON_STATE_PROVIDER]
    )
    plan = [
        (BENCH_DEPARTMENT, department, Role.DEPARTMENT, None),
        (BENCH_USZN, bench_uszn, Role.USZN, None),
        (BENCH_RC, bench_centre, Role.RESOURCE_CENTRE, rc_direction[bench_centre.pk]),
    ]
    fixed = (
        [(department, Role.DEPARTMENT, None)] * 150
        + [(department, Role.ADMINISTRATOR, None)] * 10
        + [(centre_org, Role.METHODICAL_CENTRE, None)] * 100
        + [(o, Role.USZN, None) for o in uszn for _ in range(70)]
        + [(c, Role.RESOURCE_CENTRE, rc_direction[c.pk]) for c in centres for _ in range(3)]
    )
    for i, (organisation, role, direction_id) in enumerate(fixed):
        plan.append((f"user{i + 1:05d}", organisation, role, direction_id))
    staff_roles = (Role.PROVIDER, Role.HEAD, Role.SPECIALIST)
    for i in range(len(plan), USERS):
        organisation = rng.choice(staff_orgs)
        role = rng.choices(staff_roles, (1, 2, 7))[0]
        plan.append((f"user{i + 1:05d}", organisation, role, None))
    return plan


def generate(seed: int = 86, log=print) -> Generated:
    """Fills an empty database (one transaction), then refreshes the planner's statistics."""
    out = _generate(seed, log)
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        out.seconds["analyze"] = round(time.perf_counter() - started, 2)
    return out


@transaction.atomic
def _generate(seed: int, log) -> Generated:
    rng = random.Random(seed)
    out = Generated()
    builder = _Builder(rng)

    def step(name, started):
        out.seconds[name] = round(time.perf_counter() - started, 2)
        log(f"  {name}: {out.counts.get(name, '')} за {out.seconds[name]} с")

    started = time.perf_counter()
    organisations = _batched(builder.organisations(), Organisation)
    out.counts["organisations"] = len(organisations)
    directions_of = builder.directions_of(organisations)
    through = Organisation.directions.through
    links = [
        through(organisation_id=o.pk, direction_id=d.pk)
        for o in organisations
        for d in directions_of[o.pk]
    ]
    _batched(links, through)
    out.counts["organisations"] = f"{len(organisations)} (+{len(links)} связей с направлениями)"
    step("organisations", started)

    started = time.perf_counter()
    institutions = [
        o for o in organisations if o.kind == OrganisationKind.STATE_INSTITUTION and o.is_active
    ]
    centres = rng.sample(institutions, RC_CENTRES)
    chains, rc_direction = _rc_chains(rng, centres, directions_of)
    statuses = [s for chain in chains for s in chain]
    successors = {id(s.replaced_by): s for s in statuses if s.replaced_by is not None}
    for status in statuses:
        status.replaced_by = None
    _batched(statuses, ResourceCentreStatus)
    predecessors = []
    for status in statuses:
        predecessor = successors.get(id(status))
        if predecessor is not None:
            predecessor.replaced_by = status
            predecessors.append(predecessor)
    ResourceCentreStatus.objects.bulk_update(predecessors, ["replaced_by"], batch_size=500)
    by_state: dict[str, int] = {}
    for status in statuses:
        by_state[status.state] = by_state.get(status.state, 0) + 1
    out.counts["rc_statuses"] = f"{len(statuses)} у {len(centres)} центров {by_state}"
    step("rc_statuses", started)

    started = time.perf_counter()
    total = 0
    chunk: list[Appointment] = []
    for appointment in _appointments(rng, organisations, centres):
        chunk.append(appointment)
        if len(chunk) >= 20_000:
            total += len(_batched(chunk, Appointment))
            chunk = []
    total += len(_batched(chunk, Appointment))
    out.counts["appointments"] = total
    step("appointments", started)

    started = time.perf_counter()
    password = make_password(BENCH_PASSWORD)  # one hash for every generated user
    plan = _memberships_plan(rng, organisations, centres, rc_direction)
    users = []
    for username, _, _, _ in plan:
        last_name, first_name, patronymic = _person(rng)
        users.append(
            User(
                username=username,
                password=password,
                last_name=last_name,
                first_name=first_name,
                patronymic=patronymic,
                email=f"{username}@example.ru",
            )
        )
    users = _batched(users, User)
    memberships = [
        Membership(
            user_id=user.pk,
            organisation_id=organisation.pk,
            role=role,
            direction_id=direction_id,
            position=rng.choice(POSITIONS),
        )
        for user, (_, organisation, role, direction_id) in zip(users, plan, strict=True)
    ]
    _batched(memberships, Membership)
    out.counts["users"] = f"{len(users)} (+{len(memberships)} членств)"
    step("users", started)
    return out
