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
month's facts with the ones reversed in their own month left out by ``NOT EXISTS``), and our
SQL (the SELECTs the four calls issued, captured and replayed as they were) against it; the
numbers are compared with the hand-written ones (``MISMATCH``), the queries counted, and each
query's plan (``EXPLAIN (ANALYZE)``: indexes, sequential scans) kept. The region is generated
by ``bench.socialservices_generate``.

Writes var/bench-socialservices-results.json. See bench/README.md and
bench/results/socialservices.md.
"""

from __future__ import annotations

import datetime
import os
import time
from decimal import Decimal

from bench import common, db
from bench.common import log
from bench.socialservices_generate import (
    BENCH_PROVIDER,
    BENCH_SMALL_PROVIDER,
    FACTS,
    INSTITUTIONS,
    MONTHS,
    PERSONS,
    TABLE,
    database_url,
    generate,
    is_empty,
    months,
)

RESULTS = db.BASE_DIR / "var" / "bench-socialservices-results.json"
TARGET_INSTITUTION_MS = 100.0
TARGET_REGION_MS = 1000.0
# totals + breakdown by unit, kind and form: one query each.
TARGET_QUERIES = 4
# From the tally: the totals, three breakdowns and the units' names.
TARGET_TALLY_QUERIES = 5
DIMENSIONS = ("unit", "kind", "form")


# --- the numbers: ours and hand-written -----------------------------------------------------------

RAW_SQL = """
WITH f AS (
    SELECT f.unit_id, f.service_kind, f.service_form, f.person_id, f.quantity, f.price,
           f.quantity > 0 AND f.person_id IS NOT NULL
           AND NOT EXISTS (
               SELECT 1 FROM socialservices_servicefact r
               WHERE r.reverses_id = f.id AND r.period = f.period
           ) AS stands
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
