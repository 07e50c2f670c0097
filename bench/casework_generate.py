"""A region's data bank of case work, for the casework suite (issue 13, item 16).

In a database of its own (``bench.casework_run.database_url``), PostgreSQL only:

* the Department, the methodological centre, an УСЗН on each of the 22 territories and
  **20 institutions** (КЦСОН) of different sizes (the largest about eight times the
  smallest), each with five units — two of social support (six social districts each, a
  specialist assigned to each district), psychological help, home service and minors —
  with a head and specialists (``UnitStaff``), and the institution's provider role;
* **1,000,000 persons** with valid СНИЛС check numbers (3 % without a СНИЛС), Russian
  surnames with a realistic spread (Смирнов ≈ 1.3 %, a long tail of rarer ones, some
  hyphenated, some with ё), ``name_key`` computed by ``identity.name_key`` as
  ``Person.save`` does; 80 % held by a district of a social-support unit, the rest by the
  other units with a responsible specialist or none;
* **300,000 families** with 1–4 members each, from the persons of the same district or unit;
* **200,000 cases** (60 % of a person, 40 % of a family) detected over the last three years,
  with their recorded steps in the order of the workflow (stage and closing date derived
  from them) and their ``CaseDeadline`` rows of the three seeded rules, due dates counted by
  the production calendar (``workcalendar.deadlines.WorkCalendar``), met when the step that
  meets them is recorded; recent cases are open, part of their deadlines overdue.

Small tables go through ``bulk_create``; persons, families, members, cases, steps and
deadlines are written with ``COPY … FROM STDIN`` with their ids, in one transaction
(an interrupted run leaves an empty database), then ``VACUUM (ANALYZE)``.
"""

import datetime
import io
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from bench.generate import (
    BENCH_PASSWORD,
    FEMALE_NAMES,
    MALE_NAMES,
    STREETS,
    _batched,
    _Builder,
)
from resurs.casework.citizens.identity import name_key, snils_check_number
from resurs.casework.units.models import (
    DistrictAssignment,
    DistrictKind,
    Position,
    SocialDistrict,
    Unit,
    UnitKind,
    UnitStaff,
)
from resurs.kernel.accounts.models import Membership, User
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import Organisation, OrganisationKind
from resurs.kernel.workcalendar.deadlines import WorkCalendar

INSTITUTIONS = 20
PERSONS = 1_000_000
FAMILIES = 300_000
CASES = 200_000
SUPPORT_UNITS = 2  # social-support units of an institution
DISTRICTS = 6  # districts of a social-support unit
OTHER_UNITS = ("psychological", "home_service", "minors")
OTHER_SPECIALISTS = 3
WITHOUT_SNILS = 0.03
CHUNK = 50_000
# The volumes of this run (``generate(scale=…)`` shrinks them for a trial run).
SIZE = {"persons": PERSONS, "families": FAMILIES, "cases": CASES}

# The logins the suite acts as (the largest and the smallest institution).
BENCH_SPECIALIST = "bench-specialist"
BENCH_HEAD = "bench-head"
BENCH_PROVIDER = "bench-provider"
BENCH_SMALL_SPECIALIST = "bench-specialist-small"
BENCH_SMALL_HEAD = "bench-head-small"

# The most common surnames of Russia (masculine form) with a weight ≈ share in ‰.
COMMON_SURNAMES = (
    ("Смирнов", 13), ("Иванов", 10), ("Кузнецов", 8), ("Соколов", 6), ("Попов", 6),
    ("Лебедев", 5), ("Козлов", 5), ("Новиков", 5), ("Морозов", 5), ("Петров", 5),
    ("Волков", 4), ("Соловьёв", 4), ("Васильев", 4), ("Зайцев", 4), ("Павлов", 4),
    ("Семёнов", 4), ("Голубев", 3), ("Виноградов", 3), ("Богданов", 3), ("Воробьёв", 3),
    ("Фёдоров", 3), ("Михайлов", 3), ("Беляев", 3), ("Тарасов", 3), ("Белов", 3),
    ("Комаров", 3), ("Орлов", 3), ("Киселёв", 3), ("Макаров", 3), ("Андреев", 3),
    ("Смирницкий", 1), ("Смирягин", 1), ("Смолин", 2), ("Сметанин", 1),
)  # fmt: skip
# A long tail: root + suffix, each rare.
ROOTS = (
    "Абрам", "Агап", "Аксён", "Бажен", "Бары", "Бесп", "Бород", "Булат", "Вавил", "Ветл",
    "Вишн", "Власт", "Гаврил", "Глад", "Горб", "Грач", "Гуляк", "Дан", "Дегт", "Добрын",
    "Дорож", "Ерем", "Ермол", "Жар", "Жук", "Забол", "Звер", "Зим", "Игнат", "Изюм", "Кал",
    "Карп", "Клим", "Колос", "Корн", "Крут", "Лав", "Лапт", "Лещ", "Лук", "Майор", "Малин",
    "Мартын", "Мель", "Мещер", "Мох", "Нагор", "Нест", "Овч", "Окун", "Осин", "Пахом",
    "Перм", "Плот", "Полян", "Прох", "Рыж", "Рябин", "Сав", "Сазон", "Сел", "Сит", "Снег",
    "Стар", "Суш", "Тит", "Толст", "Трош", "Угр", "Уст", "Фед", "Фил", "Хар", "Хлеб",
    "Цвет", "Чер", "Шаш", "Шир", "Щег", "Юд", "Яков", "Ярц", "Обь", "Сургут", "Юган", "Пыть",
)  # fmt: skip
SUFFIXES = ("ов", "ев", "ин", "ский", "ников", "ёнок")
PATRONYMIC_ROOTS = (
    "Александров", "Алексеев", "Андреев", "Владимиров", "Викторов", "Дмитриев", "Иванов",
    "Михайлов", "Николаев", "Петров", "Сергеев", "Юрьев", "Фёдоров", "Олегов", "Павлов",
)  # fmt: skip
FEMALE_EXTRA = ("Алёна", "Дарья", "Ксения", "Полина", "Анастасия", "Софья")
MALE_EXTRA = ("Артём", "Пётр", "Фёдор", "Семён", "Кирилл", "Роман")
PROBLEMS = (
    "Трудная жизненная ситуация: утрата работы, задолженность по коммунальным платежам.",
    "Семья с ребёнком-инвалидом нуждается в реабилитации и помощи в оформлении документов.",
    "Одинокий гражданин пожилого возраста, нуждается в уходе и социальном обслуживании на дому.",
    "Конфликт в семье, риск социально опасного положения несовершеннолетних.",
    "Многодетная семья с низким доходом: нужна помощь в получении мер социальной поддержки.",
)
# The workflow (cases.models.StepKind) and the calendar days each step takes after the
# previous one (low, high) — the first step is the detection itself.
WORKFLOW = (
    ("problem_detected", (0, 0)),
    ("information_collected", (1, 6)),
    ("proposals_drafted", (1, 7)),
    ("ippsu_approved", (2, 12)),
    ("implementation_started", (3, 25)),
    ("conclusion", (30, 240)),
    ("closed", (1, 12)),
)
# A case stalls at its stage for a while with this chance per step (overdue deadlines).
STALL = 0.06


@dataclass
class Generated:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


@dataclass
class Holder:
    """Where a record is held: institution, unit, district, responsible specialist."""

    organisation_id: int
    unit_id: int
    district_id: int | None
    specialist_id: int | None
    head_id: int
    weight: float


def is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM cases_case)")
        return not cursor.fetchone()[0]


def generate(seed: int = 86, log=print, scale: float = 1.0) -> Generated:
    if connection.vendor != "postgresql":
        raise SystemExit("Бенчмарк дел (--suite casework) работает только на PostgreSQL.")
    SIZE.update(
        persons=round(PERSONS * scale), families=round(FAMILIES * scale), cases=round(CASES * scale)
    )
    out = Generated()
    with transaction.atomic():
        _generate(random.Random(seed), out, log)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in (
            "citizens_person",
            "citizens_family",
            "citizens_familymember",
            "cases_case",
            "cases_casestep",
            "cases_casedeadline",
        ):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
        cursor.execute("ANALYZE")
    out.seconds["vacuum_analyze"] = round(time.perf_counter() - started, 1)
    log(f"  VACUUM (ANALYZE): {out.seconds['vacuum_analyze']} с")
    return out


def _generate(rng: random.Random, out: Generated, log) -> None:
    clock = [time.perf_counter()]

    def step(name: str) -> None:
        now = time.perf_counter()
        out.seconds[name] = round(now - clock[0], 1)
        clock[0] = now
        log(f"  {name}: {out.seconds[name]} с")

    today = timezone.localdate()
    holders = _region(rng, out)
    step("organisations_units_staff")
    persons_of = _persons(rng, holders, out)
    step("persons")
    family_holder = _families(rng, holders, persons_of, out)
    step("families")
    _cases(rng, holders, persons_of, family_holder, today, out)
    step("cases_steps_deadlines")
    with connection.cursor() as cursor:
        for table in (
            "citizens_person",
            "citizens_family",
            "citizens_familymember",
            "cases_case",
            "cases_casestep",
            "cases_casedeadline",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )


# --- institutions, units, districts and staff ------------------------------------------------


def _region(rng: random.Random, out: Generated) -> list[Holder]:
    builder = _Builder(rng)
    organisations = _batched(
        builder.organisations(state=INSTITUTIONS, partners=0, providers=0), Organisation
    )
    institutions = [o for o in organisations if o.kind == OrganisationKind.STATE_INSTITUTION]
    uszn = [o for o in organisations if o.kind == OrganisationKind.USZN]
    # Sizes: the first institution is the largest, the last the smallest (≈ 8×).
    sizes = [2.4 - 2.1 * i / (len(institutions) - 1) for i in range(len(institutions))]
    kinds = {k.code: k for k in UnitKind.objects.all()}
    units: list[Unit] = []
    for organisation in institutions:
        units.extend(
            Unit(
                organisation=organisation,
                kind=kinds["social_support"],
                name=f"Отделение социального сопровождения граждан № {number}",
            )
            for number in range(1, SUPPORT_UNITS + 1)
        )
        units.extend(
            Unit(organisation=organisation, kind=kinds[code], name=kinds[code].name)
            for code in OTHER_UNITS
        )
    units = _batched(units, Unit)
    since = datetime.date(2020, 1, 1)
    districts = _batched(
        [
            SocialDistrict(
                unit=unit,
                name=f"Участок № {number}",
                territory=unit.organisation.territory,
                kind=DistrictKind.URBAN_OKRUG,
                population=rng.randint(4_500, 7_500),
                population_as_of=datetime.date(2026, 1, 1),
            )
            for unit in units
            if unit.kind.code == "social_support"
            for number in range(1, DISTRICTS + 1)
        ],
        SocialDistrict,
    )
    districts_of: dict[int, list[SocialDistrict]] = {}
    for district in districts:
        districts_of.setdefault(district.unit_id, []).append(district)

    # Users: (username, organisation, role, unit or None, position, district or None).
    plan: list[tuple] = []
    for i, organisation in enumerate(institutions):
        big, small = i == 0, i == len(institutions) - 1
        plan.append(
            (
                BENCH_PROVIDER if big else f"provider{i:02d}",
                organisation,
                Role.PROVIDER,
                None,
                "",
                None,
            )
        )
        for unit in (u for u in units if u.organisation_id == organisation.pk):
            first_support = unit.kind.code == "social_support" and unit.name.endswith("№ 1")
            head = f"head{unit.pk:03d}"
            if first_support and big:
                head = BENCH_HEAD
            elif first_support and small:
                head = BENCH_SMALL_HEAD
            plan.append((head, organisation, Role.HEAD, unit, Position.HEAD, None))
            if unit.kind.code == "social_support":
                for n, district in enumerate(districts_of[unit.pk]):
                    name = f"spec{unit.pk:03d}-{n + 1}"
                    if first_support and n == 0 and big:
                        name = BENCH_SPECIALIST
                    elif first_support and n == 0 and small:
                        name = BENCH_SMALL_SPECIALIST
                    plan.append(
                        (
                            name,
                            organisation,
                            Role.SPECIALIST,
                            unit,
                            Position.FAMILY_SPECIALIST,
                            district,
                        )
                    )
            else:
                position = (
                    Position.PSYCHOLOGIST
                    if unit.kind.code == "psychological"
                    else Position.SOCIAL_WORK_SPECIALIST
                )
                plan.extend(
                    (
                        f"spec{unit.pk:03d}-{n + 1}",
                        organisation,
                        Role.SPECIALIST,
                        unit,
                        position,
                        None,
                    )
                    for n in range(OTHER_SPECIALISTS)
                )
    plan.extend((f"uszn{o.pk:03d}", o, Role.USZN, None, "", None) for o in uszn)
    password = make_password(BENCH_PASSWORD)  # one hash for every generated user
    users = _batched(
        [
            User(
                username=username,
                password=password,
                last_name=rng.choice(COMMON_SURNAMES)[0],
                first_name=rng.choice(MALE_NAMES),
            )
            for username, *_ in plan
        ],
        User,
    )
    memberships = _batched(
        [
            Membership(user=user, organisation=organisation, role=role)
            for user, (_, organisation, role, *_) in zip(users, plan, strict=True)
        ],
        Membership,
    )
    staff, assignments = [], []
    unit_specialists: dict[int, list[int]] = {}
    district_specialist: dict[int, int] = {}
    unit_head: dict[int, int] = {}
    for membership, (_, _, role, unit, position, district) in zip(memberships, plan, strict=True):
        if unit is None:
            continue
        staff.append(
            UnitStaff(membership=membership, unit=unit, position=position, starts_on=since)
        )
        if role == Role.HEAD:
            unit_head[unit.pk] = membership.user_id
            continue
        unit_specialists.setdefault(unit.pk, []).append(membership.user_id)
        if district is not None:
            assignments.append(
                DistrictAssignment(district=district, membership=membership, starts_on=since)
            )
            district_specialist[district.pk] = membership.user_id
    _batched(staff, UnitStaff)
    _batched(assignments, DistrictAssignment)

    holders: list[Holder] = []
    for organisation, size in zip(institutions, sizes, strict=True):
        for unit in (u for u in units if u.organisation_id == organisation.pk):
            head = unit_head[unit.pk]
            if unit.kind.code == "social_support":
                # 80 % of the institution's records are in its two social-support units.
                for district in districts_of[unit.pk]:
                    share = size * 0.4 / DISTRICTS
                    specialist = district_specialist[district.pk]
                    holders.append(
                        Holder(organisation.pk, unit.pk, district.pk, specialist, head, share * 0.9)
                    )
                    holders.append(
                        Holder(organisation.pk, unit.pk, district.pk, None, head, share * 0.1)
                    )
            else:
                share = size * 0.2 / len(OTHER_UNITS)
                holders.extend(
                    Holder(organisation.pk, unit.pk, None, specialist, head, share * 0.3)
                    for specialist in unit_specialists[unit.pk]
                )
                holders.append(Holder(organisation.pk, unit.pk, None, None, head, share * 0.1))
    out.counts.update(
        organisations=len(organisations),
        institutions=len(institutions),
        units=len(units),
        districts=len(districts),
        users=len(users),
        unit_staff=len(staff),
        district_assignments=len(assignments),
    )
    return holders


# --- COPY ---------------------------------------------------------------------------------------


def _line(row) -> str:
    return "\t".join(r"\N" if v is None else str(v) for v in row) + "\n"


def _copy_text(table: str, columns: tuple[str, ...], text: io.StringIO) -> None:
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(text.getvalue())


def _copy(table: str, columns: tuple[str, ...], rows) -> int:
    """Writes the rows (tuples of already formatted text, None for NULL) with COPY."""
    count = 0
    buffer = io.StringIO()
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            buffer.write(_line(row))
            count += 1
            if count % CHUNK == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


# --- persons and families -----------------------------------------------------------------------


def _surnames(rng: random.Random) -> tuple[list[str], list[float]]:
    names = [n for n, _ in COMMON_SURNAMES]
    weights = [float(w) for _, w in COMMON_SURNAMES]
    common_share = sum(weights)  # ‰
    tail = [root + suffix for root in ROOTS for suffix in SUFFIXES]
    tail_weight = (1000 - common_share) / len(tail)
    names += tail
    weights += [tail_weight * rng.uniform(0.3, 1.7) for _ in tail]
    return names, weights


def _feminine(surname: str) -> str:
    if surname.endswith("ский"):
        return surname[:-2] + "ая"
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return surname + "а"
    return surname


def _family_name(surname: str) -> str:
    if surname.endswith("ский"):
        return f"Семья {surname[:-2]}их"
    if surname.endswith(("ов", "ев", "ёв", "ин")):
        return f"Семья {surname}ых"
    return f"Семья {surname}"


def _snils_numbers(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct valid СНИЛС: nine random digits above the unchecked range, and
    their check number (identity.snils_check_number)."""
    firsts = rng.sample(range(2_000_000, 999_999_999), count)
    return [f"{n:09d}{snils_check_number(f'{n:09d}'):02d}" for n in firsts]


PERSON_COLUMNS = (
    "id", "organisation_id", "unit_id", "district_id", "specialist_id", "version",
    "created_at", "updated_at", "last_name", "first_name", "patronymic", "sex", "birth_date",
    "snils", "document_kind", "document_series", "document_number", "document_issued_by",
    "document_issued_on", "registration_address", "actual_address", "phones", "name_key",
)  # fmt: skip


def _persons(rng: random.Random, holders: list[Holder], out: Generated) -> list[list[int]]:
    """Writes the persons; returns the person ids of each holder (by index)."""
    surnames, weights = _surnames(rng)
    last = rng.choices(surnames, weights, k=SIZE["persons"])
    where = rng.choices(range(len(holders)), [h.weight for h in holders], k=SIZE["persons"])
    snils = _snils_numbers(rng, SIZE["persons"])
    now = timezone.now().isoformat()
    persons_of: list[list[int]] = [[] for _ in holders]
    female_names = FEMALE_NAMES + FEMALE_EXTRA
    male_names = MALE_NAMES + MALE_EXTRA
    start = datetime.date(1935, 1, 1).toordinal()
    span = datetime.date(2025, 12, 31).toordinal() - start

    def rows():
        for i in range(SIZE["persons"]):
            pk = i + 1
            holder = holders[where[i]]
            persons_of[where[i]].append(pk)
            female = rng.random() < 0.54
            surname = last[i]
            if rng.random() < 0.01:
                surname = f"{surname}-{rng.choice(surnames[:30])}"
            if female:
                surname = "-".join(_feminine(part) for part in surname.split("-"))
                first = rng.choice(female_names)
                patronymic = rng.choice(PATRONYMIC_ROOTS) + "на"
            else:
                first = rng.choice(male_names)
                patronymic = rng.choice(PATRONYMIC_ROOTS) + "ич"
            if rng.random() < 0.02:
                patronymic = ""
            born = datetime.date.fromordinal(start + rng.randrange(span)).isoformat()
            number = snils[i] if rng.random() >= WITHOUT_SNILS else ""
            street = rng.choice(STREETS)
            address = f"ул. {street}, д. {rng.randint(1, 120)}, кв. {rng.randint(1, 200)}"
            yield (
                pk, holder.organisation_id, holder.unit_id, holder.district_id,
                holder.specialist_id, 1, now, now, surname, first, patronymic,
                "female" if female else "male", born, number, "паспорт гражданина РФ",
                f"{rng.randint(6700, 6799)}", f"{rng.randint(100000, 999999)}", "", None,
                address, address, f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-"
                f"{rng.randint(10, 99)}-{rng.randint(10, 99)}",
                name_key(surname, first, patronymic),
            )  # fmt: skip

    out.counts["persons"] = _copy("citizens_person", PERSON_COLUMNS, rows())
    return persons_of


FAMILY_COLUMNS = (
    "id", "organisation_id", "unit_id", "district_id", "specialist_id", "version",
    "created_at", "updated_at", "name", "actual_address", "phones",
)  # fmt: skip
MEMBER_COLUMNS = (
    "id",
    "family_id",
    "person_id",
    "relation",
    "is_legal_representative",
    "joined_on",
    "left_on",
)
RELATIONS = ("spouse", "child", "child", "parent", "grandparent", "sibling", "ward", "other")


def _families(rng, holders, persons_of, out: Generated):
    """Writes families of 1–4 members from the persons of the same holder."""
    where = rng.choices(range(len(holders)), [h.weight for h in holders], k=SIZE["families"])
    now = timezone.now().isoformat()
    family_holder: list[int] = [0] * (SIZE["families"] + 1)
    members = io.StringIO()
    member_count = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, last_name FROM citizens_person")
        names: dict[int, str] = dict(cursor.fetchall())

    def rows():
        nonlocal member_count
        for i in range(SIZE["families"]):
            pk = i + 1
            h = where[i]
            holder = holders[h]
            family_holder[pk] = h
            pool = persons_of[h]
            size = min(len(pool), rng.choices((1, 2, 3, 4), (15, 30, 35, 20))[0])
            chosen = rng.sample(pool, size)
            for n, person in enumerate(chosen):
                relation = "applicant" if n == 0 else rng.choice(RELATIONS)
                joined = datetime.date(2018 + rng.randrange(8), rng.randint(1, 12), 1)
                member_count += 1
                members.write(
                    f"{member_count}\t{pk}\t{person}\t{relation}\t{'t' if n == 0 else 'f'}\t"
                    f"{joined.isoformat()}\t\\N\n"
                )
            surname = names[chosen[0]].split("-")[0] if chosen else "Иванов"
            if surname.endswith(("ова", "ева", "ина", "ая")):
                surname = surname[:-1] if not surname.endswith("ая") else surname[:-2] + "ий"
            yield (
                pk, holder.organisation_id, holder.unit_id, holder.district_id,
                holder.specialist_id, 1, now, now, _family_name(surname),
                f"ул. {rng.choice(STREETS)}, д. {rng.randint(1, 120)}", "",
            )  # fmt: skip

    out.counts["families"] = _copy("citizens_family", FAMILY_COLUMNS, rows())
    _copy_text("citizens_familymember", MEMBER_COLUMNS, members)
    out.counts["family_members"] = member_count
    return family_holder


# --- cases, steps and deadlines -----------------------------------------------------------------

CASE_COLUMNS = (
    "id", "organisation_id", "unit_id", "district_id", "specialist_id", "version",
    "created_at", "updated_at", "year", "number", "person_id", "family_id", "appeal_id",
    "problem", "detected_on", "appealed_on", "plan_id", "stage", "closed_on",
)  # fmt: skip
STEP_COLUMNS = ("id", "case_id", "kind", "occurred_on", "note", "recorded_by_id", "recorded_at")
DEADLINE_COLUMNS = ("id", "case_id", "rule_id", "starts_on", "due_on", "met_on")


def _cases(rng, holders, persons_of, family_holder, today, out: Generated):
    calendar = WorkCalendar()
    first_day = today - datetime.timedelta(days=3 * 365)
    # The calendar reads its years from the database: read them all before the COPY starts
    # (the connection is busy with the COPY while the rows are made).
    for year in range(first_day.year, today.year + 2):
        calendar.year(year)
    due_cache: dict[tuple, datetime.date] = {}

    def due(start: datetime.date, days: int) -> datetime.date:
        key = (start, days)
        if key not in due_cache:
            due_cache[key] = calendar.add_working_days(start, days)
        return due_cache[key]

    with connection.cursor() as cursor:
        cursor.execute("SELECT code, id, working_days FROM cases_deadlinerule")
        rules = {code: (pk, days) for code, pk, days in cursor.fetchall()}
    span = (today - first_day).days
    numbers: dict[tuple[int, int], int] = {}
    now = timezone.now().isoformat()
    steps, deadlines = io.StringIO(), io.StringIO()
    counters = {"steps": 0, "deadlines": 0, "pending": 0}
    person_holder = [0] * (SIZE["persons"] + 1)
    for h, pks in enumerate(persons_of):
        for pk in pks:
            person_holder[pk] = h
    open_cases = 0

    def rows():
        nonlocal open_cases
        for i in range(SIZE["cases"]):
            pk = i + 1
            if rng.random() < 0.6:
                person, family = rng.randint(1, SIZE["persons"]), None
                h = person_holder[person]
            else:
                family = rng.randint(1, SIZE["families"])
                h, person = family_holder[family], None
            holder = holders[h]
            # More cases in recent years: the square root skews towards today.
            detected = first_day + datetime.timedelta(days=int(span * rng.random() ** 0.7))
            appealed = None
            if rng.random() < 0.7:
                appealed = detected + datetime.timedelta(days=rng.randint(0, 2))
                appealed = min(appealed, today)
            reached: dict[str, datetime.date] = {}
            day = detected
            for kind, (low, high) in WORKFLOW:
                day = day + datetime.timedelta(days=rng.randint(low, high))
                if kind != "problem_detected" and rng.random() < STALL:
                    day += datetime.timedelta(days=rng.randint(5, 60))
                if day > today:
                    break
                reached[kind] = day
            stage = list(reached)[-1]
            closed = reached.get("closed")
            open_cases += closed is None
            recorder = holder.specialist_id or holder.head_id
            for kind, on in reached.items():
                counters["steps"] += 1
                steps.write(_line((counters["steps"], pk, kind, on.isoformat(), "", recorder, now)))
            plan = [("information", detected, "information_collected")]
            if appealed is not None:
                plan.append(("proposals", appealed, "proposals_drafted"))
            if "ippsu_approved" in reached:
                plan.append(("implementation", reached["ippsu_approved"], "implementation_started"))
            for code, starts, met_by in plan:
                rule_id, days = rules[code]
                met = reached.get(met_by)
                counters["deadlines"] += 1
                counters["pending"] += met is None and closed is None
                deadlines.write(
                    _line((counters["deadlines"], pk, rule_id, starts.isoformat(),
                           due(starts, days).isoformat(), met.isoformat() if met else None))
                )  # fmt: skip
            key = (holder.organisation_id, detected.year)
            numbers[key] = numbers.get(key, 0) + 1
            yield (
                pk, holder.organisation_id, holder.unit_id, holder.district_id,
                holder.specialist_id, 1, now, now, detected.year, numbers[key], person, family,
                None, rng.choice(PROBLEMS), detected.isoformat(),
                appealed.isoformat() if appealed else None, None, stage,
                closed.isoformat() if closed else None,
            )  # fmt: skip

    out.counts["cases"] = _copy("cases_case", CASE_COLUMNS, rows())
    out.counts["cases_open"] = open_cases
    _copy_text("cases_casestep", STEP_COLUMNS, steps)
    _copy_text("cases_casedeadline", DEADLINE_COLUMNS, deadlines)
    out.counts["case_steps"] = counters["steps"]
    out.counts["case_deadlines"] = counters["deadlines"]
    out.counts["case_deadlines_pending"] = counters["pending"]
