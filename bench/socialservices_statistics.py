"""The statistics of services on a region's facts: ``python -m bench.run --suite socialservices``.

Issue 14, item 10. In a database of its own (PostgreSQL only:
``BENCH_SOCIALSERVICES_DATABASE_URL``, else ``BENCH_DATABASE_URL``'s server with
``_socialservices`` after the database's name), generates once a region —

* **50 institutions** (КЦСОН) of different sizes (the largest four times the smallest), four
  units each (social support, home service, psychological help, rehabilitation), four social
  districts a unit with a specialist each;
* **200,000 persons** held by the districts (in proportion to the institution's size);
* a catalogue of 48 services (12 for each kind of unit, their kinds and forms as the unit's
  work; a third paid, with a tariff);
* **10,000,000 facts** over the 36 months before the current one: 9,950,000 services, month
  by month (as they are entered), the person's unit, district and specialist on the fact, the
  service's code, kind, form and tariff copied, 0.5 % anonymous; and **50,000 reversals**
  («сторно», 0.5 %), 30 % of them counted in the month after their fact's —

with ``INSERT … SELECT generate_series`` (the fact table's secondary indexes dropped for the
load and built again after it, the foreign-key triggers off for the session), in one
transaction, then ``VACUUM (ANALYZE)``. Then it times, for the last complete month:

* **institution** — ``statistics.totals`` and ``statistics.breakdown`` by unit, kind and
  form of ``in_period(ServiceFact.objects.visible_to(provider), month, month)`` for the
  largest and the smallest institution: target ≤ 100 ms for the four calls;
* **region** — the same four of ``ServiceFact.objects.unscoped(…)`` (every institution):
  target ≤ 1 s;
* **tally** — the same numbers of the same month from the tally kept in step with the facts
  (``statistics.month_totals`` and ``month_breakdown``; ``tallies.py``), for both
  institutions and the region;

each against a hand-written SQL of the same numbers (one query: ``GROUPING SETS`` over the
month's facts with the reversed ones left out by ``NOT EXISTS``), and our SQL (the SELECTs
the four calls issued, captured and replayed as they were) against it; the numbers are
compared with the hand-written ones (``MISMATCH``), the queries counted, and each query's
plan (``EXPLAIN (ANALYZE)``: indexes, sequential scans) kept.

Writes var/bench-socialservices-results.json. See bench/README.md and
bench/results/socialservices.md.
"""

from __future__ import annotations

import datetime
import os
import random
import time
from decimal import Decimal

import dj_database_url

from bench import common, db
from bench.common import log

RESULTS = db.BASE_DIR / "var" / "bench-socialservices-results.json"
TARGET_INSTITUTION_MS = 100.0
TARGET_REGION_MS = 1000.0
# totals + breakdown by unit, kind and form: one query each.
TARGET_QUERIES = 4
# From the tally: the totals, three breakdowns and the units' names.
TARGET_TALLY_QUERIES = 5
DIMENSIONS = ("unit", "kind", "form")

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


# --- the numbers: ours and hand-written -----------------------------------------------------------

RAW_SQL = """
WITH f AS (
    SELECT f.unit_id, f.service_kind, f.service_form, f.person_id, f.quantity, f.price,
           f.quantity > 0 AND f.person_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM socialservices_servicefact r WHERE r.reverses_id = f.id)
           AS stands
    FROM socialservices_servicefact f
    WHERE f.period >= %(start)s AND f.period <= %(end)s {where}
)
SELECT GROUPING(f.unit_id, f.service_kind, f.service_form), f.unit_id, u.name,
       f.service_kind, f.service_form,
       COUNT(DISTINCT f.person_id) FILTER (WHERE f.stands), SUM(f.quantity),
       SUM(f.quantity * f.price)
FROM f JOIN units_unit u ON u.id = f.unit_id
GROUP BY GROUPING SETS ((), (f.unit_id, u.name), (f.service_kind), (f.service_form))
"""


def raw_numbers(organisation_id: int | None, start: datetime.date, end: datetime.date):
    """The hand-written SQL: the totals and the three breakdowns in one query."""
    from django.db import connection

    where = "AND f.organisation_id = %(organisation)s" if organisation_id else ""
    sql = RAW_SQL.format(where=where)
    params = {"start": start, "end": end, "organisation": organisation_id}

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return raw, sql, params


def numbers_of_raw(rows) -> dict:
    """The raw rows as {dimension: {key: (recipients, services, cost)}}, "" for totals."""
    result: dict = {"": {}, "unit": {}, "kind": {}, "form": {}}
    for grouping, unit_id, _name, kind, form, recipients, services, cost in rows:
        value = (recipients or 0, services or 0, cost or Decimal("0"))
        if grouping == 7:
            result[""][None] = value
        elif unit_id is not None:
            result["unit"][unit_id] = value
        elif kind is not None:
            result["kind"][kind] = value
        else:
            result["form"][form] = value
    return result


def ours_numbers(facts, start: datetime.date, end: datetime.date):
    from resurs.casework.socialservices import statistics

    def ours():
        period = statistics.in_period(facts, start, end)
        return statistics.totals(period), {d: statistics.breakdown(period, d) for d in DIMENSIONS}

    return ours


def tally_numbers(organisation_ids: list[int] | None, month: datetime.date):
    """The same numbers from the tally kept in step with the facts (tallies.py)."""
    from resurs.casework.socialservices import statistics

    def tally():
        return (
            statistics.month_totals(month, organisation_ids),
            {d: statistics.month_breakdown(month, d, organisation_ids) for d in DIMENSIONS},
        )

    return tally


def numbers_of_ours(result) -> dict:
    totals, rows = result
    numbers = {"": {None: (totals.recipients, totals.services, totals.cost)}}
    for dimension, found in rows.items():
        numbers[dimension] = {r.key: (r.recipients, r.services, r.cost) for r in found}
    return _nonzero(numbers)


def _nonzero(numbers: dict) -> dict:
    """A group without a standing fact, service or cost is left out (the tally keeps none)."""
    return {d: {k: v for k, v in found.items() if any(v)} for d, found in numbers.items()}


# --- measuring -----------------------------------------------------------------------------------


def _explain(sql: str, params) -> dict:
    from bench.casework_run import _explain as explain

    return explain(sql, params)


def _captured(function) -> list[tuple[str, tuple]]:
    """The SELECTs the call issued, with their parameters (to replay them as they were)."""
    from django.db import connection

    issued: list[tuple[str, tuple]] = []

    def wrapper(execute, sql, params, many, context):
        issued.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        function()
    return issued


def _replayer(queries):
    from django.db import connection

    def replay():
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, params)
                cursor.fetchall()

    return replay


def _scenario(
    name: str, facts, organisation_id, start, end, target_ms: float, args, *, tally=False
) -> dict:
    from bench.casework_run import _measure

    if tally:
        ours = tally_numbers([organisation_id] if organisation_id else None, start)
    else:
        ours = ours_numbers(facts, start, end)
    raw, raw_sql, raw_params = raw_numbers(organisation_id, start, end)
    queries = _captured(ours)
    checked = "ok" if numbers_of_ours(ours()) == _nonzero(numbers_of_raw(raw())) else "MISMATCH"
    result = _measure(name, {"orm": ours, "sql": _replayer(queries), "raw": raw}, args)
    plans = [_explain(sql, params) for sql, params in queries]
    result.update(
        queries=len(queries),
        checked=checked,
        sql_ratio=round(result["sql_p50_ms"] / result["raw_p50_ms"], 2),
        orm_ratio=round(result["orm_p50_ms"] / result["sql_p50_ms"], 2),
        target_ms=target_ms,
        sql=[sql for sql, _ in queries],
        explain=plans,
        raw_explain=_explain(raw_sql, raw_params),
        facts=_count(organisation_id, start, end),
        source="tally" if tally else "facts",
        ok=result["orm_p95_ms"] <= target_ms
        and len(queries) <= (TARGET_TALLY_QUERIES if tally else TARGET_QUERIES)
        and checked == "ok",
    )
    indexes = sorted({i for p in plans for i in p["indexes"]})
    seq = sorted({s for p in plans for s in p["seq_scans"]})
    log(
        f"{name:<38} {result['facts']:>8} {len(queries):>5} {result['orm_p50_ms']:>8.1f} "
        f"{result['orm_p95_ms']:>8.1f} {result['sql_p50_ms']:>8.1f} {result['raw_p50_ms']:>8.1f} "
        f"{result['sql_ratio']:>6.2f}× {result['orm_ratio']:>6.2f}× {checked:>8}  "
        f"{', '.join(indexes)}"
        + (f"; seq: {', '.join(seq)}" if seq else "")
        + ("" if result["ok"] else f"  ← мимо цели {target_ms:g} мс")
    )
    return result


def _count(organisation_id, start, end) -> int:
    from django.db import connection

    sql = f"SELECT COUNT(*) FROM {TABLE} WHERE period >= %s AND period <= %s"  # noqa: S608
    params: list = [start, end]
    if organisation_id:
        sql += " AND organisation_id = %s"
        params.append(organisation_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _counts() -> dict:
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for key, sql in {
            "facts": f"SELECT COUNT(*) FROM {TABLE}",
            "reversals": f"SELECT COUNT(*) FROM {TABLE} WHERE reverses_id IS NOT NULL",
            "anonymous": f"SELECT COUNT(*) FROM {TABLE} WHERE person_id IS NULL",
            "persons": "SELECT COUNT(*) FROM citizens_person",
            "institutions": "SELECT COUNT(DISTINCT organisation_id) FROM units_unit",
            "units": "SELECT COUNT(*) FROM units_unit",
            "districts": "SELECT COUNT(*) FROM units_socialdistrict",
            "months": f"SELECT COUNT(DISTINCT period) FROM {TABLE}",
        }.items():
            cursor.execute(sql)
            counts[key] = cursor.fetchone()[0]
        cursor.execute(f"SELECT pg_size_pretty(pg_total_relation_size('{TABLE}'))")
        counts["fact_table_with_indexes"] = cursor.fetchone()[0]
    return counts


def _open(args) -> dict:
    url = database_url()
    db.prepare(url, regenerate=args.regenerate)
    db.configure(url)
    import django

    django.setup()
    return common.database_info()


def _ensure_data(seed: int) -> dict | None:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"Миграции: {time.perf_counter() - started:.1f} с")
    if not is_empty():
        log("Факты уже сгенерированы (--regenerate — пересоздать).")
        return None
    scale = float(os.environ.get("BENCH_SOCIALSERVICES_SCALE", "1"))
    log(
        f"Генерация: {INSTITUTIONS} учреждений, {PERSONS:,} граждан, {FACTS:,} фактов за "
        f"{MONTHS} месяцев".replace(",", " ")
        + (f" (масштаб {scale:g})" if scale != 1 else "")
        + "…"
    )
    started = time.perf_counter()
    out = generate(seed, scale)
    out["total_seconds"] = round(time.perf_counter() - started, 1)
    log(f"Сгенерировано за {out['total_seconds']} с.")
    return out


def main(args) -> int:
    info = _open(args)
    log(f"База бенчмарка статистики услуг: {info['vendor']} {info['version']} ({info['name']})")
    generated = _ensure_data(args.seed)
    from django.utils import timezone

    from resurs.casework.socialservices.models import ServiceFact
    from resurs.kernel.accounts.models import Membership

    counts = _counts()
    log("Данные: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    month = months(timezone.localdate())[-1]
    end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    providers = {
        m.user.username: m
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__username__in=[BENCH_PROVIDER, BENCH_SMALL_PROVIDER]
        )
    }
    log(
        f"Месяц: {month:%m.%Y}. Прогонов на сценарий: {args.runs} (после {args.warmup} "
        "разогревочных). Сценарий — totals и breakdown по отделению, виду и форме."
    )
    log(
        "Столбцы: фактов — фактов месяца в выборке; запр. — SQL-запросов четырёх вызовов; ORM — "
        "вызовы statistics (Python и SQL); наш SQL — их SELECT, повторённые как есть; сырой — "
        "те же числа одним запросом вручную (GROUPING SETS); SQL/сыр — наш SQL к сырому; "
        "ORM/SQL — весь вызов к его SQL; сверка — числа совпали с сырым SQL."
    )
    load_before = common.load_average()
    log("")
    header = (
        f"{'Статистика месяца':<38} {'фактов':>8} {'запр.':>5} {'ORM p50':>8} {'ORM p95':>8} "
        f"{'SQL p50':>8} {'сырой':>8} {'SQL/сыр':>7} {'ORM/SQL':>7} {'сверка':>8}  индексы"
    )
    log(header)
    log("-" * len(header))
    results = []
    for label, username in (("крупное", BENCH_PROVIDER), ("малое", BENCH_SMALL_PROVIDER)):
        membership = providers[username]
        facts = ServiceFact.objects.visible_to(membership)
        results.append(
            _scenario(
                f"учреждение ({label})",
                facts,
                membership.organisation_id,
                month,
                end,
                TARGET_INSTITUTION_MS,
                args,
            )
        )
    region = ServiceFact.objects.unscoped(reason="бенчмарк: статистика региона")
    results.append(_scenario("регион", region, None, month, end, TARGET_REGION_MS, args))
    for label, username in (("крупное", BENCH_PROVIDER), ("малое", BENCH_SMALL_PROVIDER)):
        membership = providers[username]
        results.append(
            _scenario(
                f"учреждение ({label}), итоги",
                None,
                membership.organisation_id,
                month,
                end,
                TARGET_INSTITUTION_MS,
                args,
                tally=True,
            )
        )
    results.append(
        _scenario("регион, итоги", None, None, month, end, TARGET_REGION_MS, args, tally=True)
    )
    missed = [r["scenario"] for r in results if not r["ok"]]
    log("")
    log(
        f"Цели: учреждение за месяц ≤ {TARGET_INSTITUTION_MS:g} мс, регион ≤ "
        f"{TARGET_REGION_MS:g} мс (p95 вызовов statistics), не больше {TARGET_QUERIES} "
        f"запросов из фактов и {TARGET_TALLY_QUERIES} из итогов, числа как у сырого SQL. "
        + ("Все сценарии в цели." if not missed else f"Мимо цели: {'; '.join(missed)}.")
    )
    load_after = common.load_average()
    log(f"Load average: {load_before:.2f} → {load_after:.2f} на {os.cpu_count()} ядрах.")
    common.warn_if_loaded(load_before, load_after)
    report = {
        **common.report_header(args, info, load_before, load_after),
        "targets": {
            "institution_ms": TARGET_INSTITUTION_MS,
            "region_ms": TARGET_REGION_MS,
            "queries": TARGET_QUERIES,
        },
        "month": month.isoformat(),
        "data": counts,
        "generation": generated,
        "results": results,
    }
    common.write_results(RESULTS, report)
    return 1 if (args.check and missed) else 0
