"""The region of facts the statistics of services are timed on (``bench.socialservices_statistics``,
issue 14, item 10): 50 institutions, 200,000 persons, 10,000,000 facts over 36 months with
0.5 % reversals, written with ``INSERT … SELECT generate_series``. See that module's docstring."""

from __future__ import annotations

import datetime
import os
import random
import time
from decimal import Decimal

import dj_database_url

from bench import db
from bench.common import log

INSTITUTIONS = 50
UNIT_KINDS = ("social_support", "home_service", "psychological", "rehabilitation")
DISTRICTS = 4  # a unit's social districts
PERSONS = 200_000
MONTHS = 36
FACTS = 10_000_000
REVERSAL_SHARE = 0.005
ANONYMOUS_SHARE = 0.005
SERVICES_PER_UNIT_KIND = 12
BENCH_PROVIDER = "bench-ss-provider"
BENCH_SMALL_PROVIDER = "bench-ss-provider-small"
TABLE = "socialservices_servicefact"

# The services a unit of each kind gives: (kind of service, form of service).
UNIT_WORK = {
    "social_support": (
        ("legal", "semi_stationary"),
        ("urgent", "urgent"),
        ("labour", "additional"),
    ),
    "home_service": (("household", "home"), ("medical", "home"), ("household", "additional")),
    "psychological": (("psychological", "semi_stationary"), ("communication", "semi_stationary")),
    "rehabilitation": (("medical", "stationary"), ("pedagogical", "stationary")),
}


def database_url() -> str:
    """``BENCH_SOCIALSERVICES_DATABASE_URL``; else ``BENCH_DATABASE_URL``'s server with
    ``_socialservices`` after the database's name. PostgreSQL only."""
    explicit = os.environ.get("BENCH_SOCIALSERVICES_DATABASE_URL")
    if explicit:
        url = explicit
    else:
        base = db.bench_database_url()
        head, _, tail = base.partition("?")
        root, _, name = head.rpartition("/")
        url = f"{root}/{name}_socialservices" + (f"?{tail}" if tail else "")
    if dj_database_url.parse(url)["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit(
            "Бенчмарк статистики услуг работает только на PostgreSQL: задайте "
            "BENCH_DATABASE_URL (или BENCH_SOCIALSERVICES_DATABASE_URL), например "
            "postgres://postgres@127.0.0.1:5432/resurs_bench."
        )
    return url


# --- the data ------------------------------------------------------------------------------------


def months(today: datetime.date) -> list[datetime.date]:
    """The 36 accounting months before the current one, oldest first."""
    first = today.replace(day=1)
    result = []
    for back in range(MONTHS, 0, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        result.append(datetime.date(year, month + 1, 1))
    return result


def is_empty() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {TABLE})")  # noqa: S608
        return cursor.fetchone()[0]


def generate(seed: int, scale: float = 1.0) -> dict:
    from django.db import connection, transaction

    rng = random.Random(seed)
    seconds: dict[str, float] = {}
    clock = [time.perf_counter()]

    def step(name: str) -> None:
        now = time.perf_counter()
        seconds[name] = round(now - clock[0], 1)
        clock[0] = now
        log(f"  {name}: {seconds[name]} с")

    persons = round(PERSONS * scale)
    facts = round(FACTS * scale)
    reversals = round(facts * REVERSAL_SHARE)
    with transaction.atomic():
        districts = _region(rng)
        step("institutions_units_districts_staff")
        _catalogue(rng)
        step("catalogue")
        _persons(rng, districts, persons)
        step("persons")
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            dropped = _drop_indexes(cursor)
            _facts(cursor, seed, persons, facts - reversals)
            step("facts")
            _reversals(cursor, facts - reversals, reversals)
            step("reversals")
            for definition in dropped:
                cursor.execute(definition)
            step("indexes")
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), "
                f"(SELECT MAX(id) FROM {TABLE}))"  # noqa: S608
            )
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {TABLE}")
        cursor.execute("VACUUM (ANALYZE) citizens_person")
        cursor.execute("ANALYZE")
    step("vacuum_analyze")
    from resurs.casework.socialservices import tallies

    with transaction.atomic():
        tallies.rebuild()
    step("tally")
    return {"seconds": seconds, "scale": scale}


def _region(rng: random.Random) -> list[tuple[int, int, int, int, float]]:
    """Institutions, their units, districts, specialists and the two provider logins; the
    districts as (district, unit, institution, specialist, weight)."""
    from django.contrib.auth.hashers import make_password

    from bench.generate import BENCH_PASSWORD, _batched, _Builder
    from resurs.casework.units.models import DistrictKind, SocialDistrict, Unit, UnitKind
    from resurs.kernel.accounts.models import Membership, User
    from resurs.kernel.accounts.roles import Role
    from resurs.kernel.organisations.models import Organisation, OrganisationKind

    organisations = _batched(
        _Builder(rng).organisations(state=INSTITUTIONS, partners=0, providers=0), Organisation
    )
    institutions = [o for o in organisations if o.kind == OrganisationKind.STATE_INSTITUTION]
    kinds = {k.code: k for k in UnitKind.objects.filter(code__in=UNIT_KINDS)}
    units = _batched(
        [Unit(organisation=o, kind=kinds[code], name=kinds[code].name) for o in institutions
         for code in UNIT_KINDS],
        Unit,
    )  # fmt: skip
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
            for number in range(1, DISTRICTS + 1)
        ],
        SocialDistrict,
    )
    password = make_password(BENCH_PASSWORD)
    specialists = _batched(
        [
            User(username=f"ss-spec{d.pk:04d}", password=password, last_name="Специалист",
                 first_name=f"№ {d.pk}")
            for d in districts
        ],
        User,
    )  # fmt: skip
    providers = _batched(
        [
            User(username=BENCH_PROVIDER, password=password, last_name="Поставщик"),
            User(username=BENCH_SMALL_PROVIDER, password=password, last_name="Поставщик"),
        ],
        User,
    )
    # The largest institution first, the smallest last (sizes 1.6 … 0.4).
    sizes = {o.pk: 1.6 - 1.2 * i / (len(institutions) - 1) for i, o in enumerate(institutions)}
    _batched(
        [
            Membership(user=providers[0], organisation=institutions[0], role=Role.PROVIDER),
            Membership(user=providers[1], organisation=institutions[-1], role=Role.PROVIDER),
        ]
        + [
            Membership(user=user, organisation=d.unit.organisation, role=Role.SPECIALIST)
            for user, d in zip(specialists, districts, strict=True)
        ],
        Membership,
    )
    return [
        (d.pk, d.unit_id, d.unit.organisation_id, user.pk, sizes[d.unit.organisation_id])
        for user, d in zip(specialists, districts, strict=True)
    ]


def _catalogue(rng: random.Random) -> None:
    from bench.generate import _batched
    from resurs.casework.socialservices.models import Service, Tariff

    services = []
    for unit_kind in UNIT_KINDS:
        work = UNIT_WORK[unit_kind]
        for k in range(SERVICES_PER_UNIT_KIND):
            kind, form = work[k % len(work)]
            services.append(
                Service(
                    code=f"{UNIT_KINDS.index(unit_kind) + 1}.{k + 1:02d}",
                    name=f"Услуга {k + 1} ({unit_kind})",
                    kind=kind,
                    form=form,
                    is_paid=k % 3 == 2,
                    allows_anonymous=unit_kind == "psychological",
                )
            )
    services = _batched(services, Service)
    _batched(
        [
            Tariff(
                service=s,
                valid_from=datetime.date(2020, 1, 1),
                price=Decimal(rng.randrange(5_000, 150_000)) / 100,
            )
            for s in services
            if s.is_paid
        ],
        Tariff,
    )


def _persons(rng: random.Random, districts, count: int) -> None:
    """Persons 1…count with their ids (the facts pick a person by id)."""
    from bench.casework_generate import _copy
    from bench.generate import FEMALE_NAMES, MALE_NAMES
    from resurs.casework.citizens.identity import name_key

    surnames = ("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов")
    patronymics = ("Александров", "Сергеев", "Иванов", "Николаев")
    weights = [d[4] for d in districts]
    now = "2026-01-01 00:00:00+00"

    def rows():
        for pk in range(1, count + 1):
            district, unit, organisation, specialist, _ = rng.choices(districts, weights)[0]
            female = rng.random() < 0.55
            last = rng.choice(surnames) + ("а" if female else "")
            first = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
            middle = rng.choice(patronymics) + ("на" if female else "ич")
            born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(30_000))
            yield (
                pk, organisation, unit, district, specialist, 1, now, now, last, first, middle,
                "female" if female else "male", born, "", "", "", "", "", "", "", "",
                name_key(last, first, middle),
            )  # fmt: skip

    _copy(
        "citizens_person",
        (
            "id", "organisation_id", "unit_id", "district_id", "specialist_id", "version",
            "created_at", "updated_at", "last_name", "first_name", "patronymic", "sex",
            "birth_date", "snils", "document_kind", "document_series", "document_number",
            "document_issued_by", "registration_address", "actual_address", "phones",
            "name_key",
        ),
        rows(),
    )  # fmt: skip
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('citizens_person', 'id'), "
            "(SELECT MAX(id) FROM citizens_person))"
        )


def _drop_indexes(cursor) -> list[str]:
    """The fact table's secondary indexes (not those of constraints), dropped for the load;
    their definitions, to build them again after it."""
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [TABLE, TABLE],
    )
    found = cursor.fetchall()
    for name, _ in found:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


FACTS_SQL = """
INSERT INTO socialservices_servicefact (
    organisation_id, unit_id, district_id, specialist_id, version, created_at, updated_at,
    person_id, service_id, service_code, service_kind, service_form, price, provided_on,
    period, quantity, basis, payment, amount, note, recorded_by_id)
SELECT p.organisation_id, p.unit_id, p.district_id, p.specialist_id, 1,
       x.day + time '12:00', x.day + time '12:00',
       CASE WHEN x.r4 < %(anonymous)s AND s.allows_anonymous THEN NULL ELSE p.id END,
       s.id, s.code, s.kind, s.form, COALESCE(t.price, 0), x.day, %(month)s::date, x.quantity,
       'urgent', CASE WHEN s.is_paid THEN 'paid' ELSE 'free' END,
       CASE WHEN s.is_paid THEN t.price * x.quantity ELSE 0 END, '', p.specialist_id
FROM (
    SELECT g, 1 + floor(random() * %(persons)s)::int AS person,
           floor(%(services)s * random() ^ 2)::int AS k,
           %(month)s::date + floor(random() * %(days)s)::int AS day,
           CASE WHEN random() < 0.85 THEN 1 ELSE 2 + floor(random() * 4)::int END AS quantity,
           random() AS r4
    FROM generate_series(1, %(count)s) g
    OFFSET 0
) x
JOIN citizens_person p ON p.id = x.person
JOIN sx_unit_kind uk ON uk.unit_id = p.unit_id
JOIN sx_service s ON s.unit_kind = uk.unit_kind AND s.k = x.k
LEFT JOIN socialservices_tariff t ON t.service_id = s.id
ORDER BY x.day
"""


def _facts(cursor, seed: int, persons: int, count: int) -> None:
    from django.utils import timezone

    cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
    cursor.execute(
        "CREATE TEMP TABLE sx_unit_kind ON COMMIT DROP AS "
        "SELECT u.id AS unit_id, k.code AS unit_kind FROM units_unit u "
        "JOIN units_unitkind k ON k.id = u.kind_id"
    )
    cursor.execute(
        "CREATE TEMP TABLE sx_service ON COMMIT DROP AS "
        "SELECT s.id, s.code, s.kind, s.form, s.is_paid, s.allows_anonymous, "
        "(%s::text[])[split_part(s.code, '.', 1)::int] AS unit_kind, "
        "split_part(s.code, '.', 2)::int - 1 AS k FROM socialservices_service s",
        [list(UNIT_KINDS)],
    )
    all_months = months(timezone.localdate())
    per_month = count // len(all_months)
    for number, month in enumerate(all_months):
        size = per_month if number < len(all_months) - 1 else count - per_month * number
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        cursor.execute(
            FACTS_SQL,
            {
                "anonymous": ANONYMOUS_SHARE,
                "month": month,
                "persons": persons,
                "services": SERVICES_PER_UNIT_KIND,
                "days": (next_month - month).days,
                "count": size,
            },
        )


REVERSALS_SQL = """
INSERT INTO socialservices_servicefact (
    organisation_id, unit_id, district_id, specialist_id, version, created_at, updated_at,
    person_id, service_id, service_code, service_kind, service_form, price, provided_on,
    period, quantity, basis, payment, amount, note, recorded_by_id, reverses_id)
SELECT f.organisation_id, f.unit_id, f.district_id, f.specialist_id, 1, f.created_at,
       f.created_at, f.person_id, f.service_id, f.service_code, f.service_kind,
       f.service_form, f.price, f.provided_on,
       CASE WHEN random() < 0.3 AND f.period < %(last)s
            THEN (f.period + interval '1 month')::date ELSE f.period END,
       -f.quantity, f.basis, f.payment, -f.amount, 'Ошибка ввода', f.recorded_by_id, f.id
FROM socialservices_servicefact f
WHERE f.id %% %(every)s = 0
ORDER BY f.id
LIMIT %(count)s
"""


def _reversals(cursor, originals: int, count: int) -> None:
    from django.utils import timezone

    cursor.execute(
        REVERSALS_SQL,
        {"last": months(timezone.localdate())[-1], "every": originals // count, "count": count},
    )
