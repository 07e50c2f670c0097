"""What every benchmark suite shares: timing, the result row, clients, the report file.

A suite (``bench.run`` for the directory, ``bench.events_run`` for events) builds its
scenarios from three or four callables — our request, the same data through the ORM
(optional), hand-written SQL — and ``run_scenario`` times them in turn, counts our SQL
queries and replays our SELECTs as they were.
"""

import gc
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench import db

TARGET_RATIO = 2.0


@dataclass
class Result:
    scenario: str
    url: str
    ours_p50_ms: float
    raw_p50_ms: float
    ratio: float
    queries: int
    raw_queries: int
    orm_p50_ms: float | None = 0.0
    orm_ratio: float | None = 0.0
    # The SELECTs our request issued, replayed as they were: is the application's SQL as
    # cheap as the hand-written SQL (indexes, no extra or wider queries)?
    sql_p50_ms: float = 0.0
    sql_ratio: float = 0.0
    ours_p90_ms: float = 0.0
    raw_p90_ms: float = 0.0
    rows: int = 0
    total: int = 0
    checked: str = ""
    max_queries: int = 8
    # Scenarios of one listing (same role and filters, other pages or page sizes) must issue
    # the same number of queries: a count that grows with the page is an N+1.
    group: str = ""
    sql: list = field(default_factory=list)
    # Each replayed SELECT with its p50: where our SQL time goes.
    replayed: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The checked targets: our SQL within 2× the hand-written SQL, few queries a page.

        The whole request (Python, templates, JSON) is reported beside it, not checked: at
        0.5–5 ms of SQL a page, rendering alone costs more than the SQL.
        """
        return self.sql_ratio <= TARGET_RATIO and self.queries <= self.max_queries


def timed(functions, runs: int, warmup: int) -> list[list[float]]:
    """Runs the functions in turn, so that drift of the (shared) machine hits all alike."""
    for _ in range(warmup):
        for function in functions:
            function()
    gc.collect()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(runs):
        for function, spent in zip(functions, times, strict=True):
            started = time.perf_counter()
            function()
            spent.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def log(message: str = "") -> None:
    print(message, flush=True)


# --- the database and its data -----------------------------------------------------------------


def open_database(regenerate: bool) -> None:
    """Creates (or recreates) the bench database, points Django at it and sets it up."""
    url = db.bench_database_url()
    db.prepare(url, regenerate=regenerate)
    db.configure(url)
    import django

    django.setup()


def database_info() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    settings = connection.settings_dict
    return {"vendor": connection.vendor, "version": version, "name": str(settings["NAME"])}


def ensure_directory(seed: int) -> dict | None:
    """Migrates, then generates the region's directory when the database has none."""
    from django.core.management import call_command

    from bench import generate

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"Миграции: {time.perf_counter() - started:.1f} с")
    if not generate.is_empty():
        log("Справочник уже сгенерирован (--regenerate — пересоздать).")
        return None
    log("Генерация справочника региона…")
    started = time.perf_counter()
    out = generate.generate(seed=seed, log=log)
    seconds = round(time.perf_counter() - started, 1)
    log(f"Сгенерировано за {seconds} с.")
    return {"seconds": seconds, "steps": out.seconds, "counts": out.counts}


def bench_members() -> dict:
    """The memberships the scenarios act as: Department, УСЗН of Surgut and an RC."""
    from bench import generate
    from resurs.kernel.accounts.models import Membership

    names = {
        "Департамент": generate.BENCH_DEPARTMENT,
        "УСЗН": generate.BENCH_USZN,
        "РЦ": generate.BENCH_RC,
    }
    found = {
        m.user.username: m
        for m in Membership.objects.select_related(
            "user", "organisation__territory__region", "direction"
        ).filter(user__username__in=names.values())
    }
    return {label: found[username] for label, username in names.items()}


def html_client(membership):
    """A logged-in test client with the membership chosen, and its session key.

    Take a fresh one per scenario: the middleware renews a session at most once a minute,
    so the counted request is an ordinary read-only one.
    """
    from django.test import Client

    from resurs.kernel.accounts.middleware import SEEN_KEY, SESSION_KEY

    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.pk
    session[SEEN_KEY] = int(time.time())
    session.save()
    return client, session.session_key


def api_token(membership) -> str:
    """A fresh personal API token (its last_used_at is written at most once a minute)."""
    from resurs.kernel.accounts.models import ApiToken
    from resurs.kernel.accounts.services import api_token_create

    ApiToken.objects.filter(membership=membership, name="bench").delete()
    _, raw = api_token_create(membership=membership, name="bench")
    return raw


# --- one scenario ------------------------------------------------------------------------------


def page_check(name: str, count_pages: Callable) -> Callable:
    """Compares a response with the raw page (``(total, rows, …)``): total and ids in order."""

    def check(response, raw_result):
        if response.status_code != 200:
            raise SystemExit(f"{name}: ответ {response.status_code}")
        total, rows = raw_result[0], raw_result[1]
        ours_total, ours_ids = count_pages(response)
        raw_ids = [row[0] for row in rows]
        if (ours_total, ours_ids) == (total, raw_ids):
            return "ok", total, len(rows)
        print(
            f"  ! {name}: ответ не совпал с сырым SQL: всего {ours_total}, на странице "
            f"{len(ours_ids)} записей; сырой SQL: всего {total}, на странице {len(raw_ids)}",
            file=sys.stderr,
        )
        return "MISMATCH", total, len(rows)

    return check


def run_scenario(
    name: str,
    url: str,
    ours: Callable,
    raw: Callable,
    args,
    *,
    check: Callable,
    orm: Callable | None = None,
    max_queries: int = 8,
    group: str = "",
) -> Result:
    """Checks ``ours`` against ``raw``, counts queries, then times ours, ORM, raw, our SQL.

    ``check(ours(), raw())`` returns ``(checked, total, rows)``.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    checked, total, rows = check(ours(), raw())
    with CaptureQueriesContext(connection) as ours_queries:
        ours()
    with CaptureQueriesContext(connection) as raw_queries:
        raw()
    # captured_queries reads the connection's log, which the next request clears: copy now.
    ours_sql = list(ours_queries.captured_queries)
    raw_count = len(raw_queries.captured_queries)
    selects = [q["sql"] for q in ours_sql if q["sql"].lstrip().upper().startswith("SELECT")]
    per_statement: list[list[float]] = [[] for _ in selects]

    def replay():
        with connection.cursor() as cursor:
            for sql, spent in zip(selects, per_statement, strict=True):
                started = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                spent.append((time.perf_counter() - started) * 1000)

    functions = (ours, orm, raw, replay) if orm else (ours, raw, replay)
    times = timed(functions, args.runs, args.warmup)
    ours_ms, raw_ms, sql_ms = times[0], times[-2], times[-1]
    ours_p50, raw_p50 = statistics.median(ours_ms), statistics.median(raw_ms)
    sql_p50 = statistics.median(sql_ms)
    orm_p50 = round(statistics.median(times[1]), 2) if orm else None
    return Result(
        scenario=name,
        url=url,
        ours_p50_ms=round(ours_p50, 2),
        raw_p50_ms=round(raw_p50, 2),
        ratio=round(ours_p50 / raw_p50, 2),
        queries=len(ours_sql),
        raw_queries=raw_count,
        orm_p50_ms=orm_p50,
        orm_ratio=round(orm_p50 / raw_p50, 2) if orm else None,
        sql_p50_ms=round(sql_p50, 2),
        sql_ratio=round(sql_p50 / raw_p50, 2),
        ours_p90_ms=round(percentile(ours_ms, 0.9), 2),
        raw_p90_ms=round(percentile(raw_ms, 0.9), 2),
        rows=rows,
        total=total,
        checked=checked,
        max_queries=max_queries,
        group=group,
        sql=[q["sql"][:400] for q in ours_sql],
        replayed=[
            {"sql": sql[:200], "p50_ms": round(statistics.median(spent[args.warmup :]), 3)}
            for sql, spent in zip(selects, per_statement, strict=True)
        ],
    )


# --- the table ---------------------------------------------------------------------------------

HEADER = (
    f"{'Сценарий':<54} {'наш p50':>8} {'SQL p50':>8} {'отнош.':>7} {'запр.':>5} "
    f"{'ORM p50':>8} {'ORM/SQL':>7} {'наш SQL':>8} {'SQL/SQL':>7} {'сверка':>8}"
)
COLUMNS = (
    "Столбцы: наш p50 — запрос через django.test.Client (мс); SQL p50 — те же данные "
    "сырым SQL; отнош. — их отношение; запр. — SQL-запросов за наш запрос; ORM p50 — "
    "только данные через селекторы ORM, без HTTP и шаблонов; наш SQL — те SELECT, что "
    "выполнил наш запрос, повторённые как есть; SQL/SQL — их отношение к сырому SQL; "
    "сверка — совпали ли всего/записи страницы с сырым SQL."
)


def table_header() -> None:
    log("")
    log(HEADER)
    log("-" * len(HEADER))


def row(r: Result) -> str:
    marks = []
    if r.sql_ratio > TARGET_RATIO:
        marks.append(f"наш SQL >{TARGET_RATIO:g}×")
    if r.queries > r.max_queries:
        marks.append(f">{r.max_queries} запросов")
    if r.orm_p50_ms is None:
        orm = f"{'—':>8} {'—':>7}"
    else:
        orm = f"{r.orm_p50_ms:>8.2f} {r.orm_ratio:>6.2f}×"
    return (
        f"{r.scenario:<54} {r.ours_p50_ms:>8.2f} {r.raw_p50_ms:>8.2f} {r.ratio:>6.2f}× "
        f"{r.queries:>5} {orm} "
        f"{r.sql_p50_ms:>8.2f} {r.sql_ratio:>6.2f}× {r.checked:>8}"
        + (f"  ← {', '.join(marks)}" if marks else "")
    )


def load_average() -> float:
    return os.getloadavg()[0]


def warn_if_loaded(before: float, after: float) -> None:
    if max(before, after) > (os.cpu_count() or 1):
        log(
            f"Внимание: машина была загружена (load average {before:.1f} → "
            f"{after:.1f} на {os.cpu_count()} ядрах): абсолютные времена шумные, "
            "отношения надёжнее — варианты сценария чередуются."
        )


def write_results(path, report: dict) -> None:
    """The file keeps the latest run of each database (``runs.sqlite``, ``runs.postgresql``)."""
    existing = {}
    if path.exists():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            existing = {}
    runs = existing.get("runs", {}) if isinstance(existing, dict) else {}
    runs[report["database"]["vendor"]] = report
    payload = {"latest": report["database"]["vendor"], "runs": runs}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    log(f"Результаты: {path.relative_to(db.BASE_DIR)}")


def report_header(args, info: dict, load_before: float, load_after: float) -> dict:
    return {
        "database": info,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": sys.version.split()[0],
        "runs": args.runs,
        "warmup": args.warmup,
    }
