"""Benchmark of the organisation directory: ``python -m bench.run`` (``make bench``).

Builds (once) a region-sized directory in a database of its own, then times the directory
page and the organisations API against hand-written SQL for the same data, counts the SQL
queries of each, prints a table and writes var/bench-results.json. See bench/README.md.
"""

import argparse
import gc
import json
import math
import os
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench import db

PAGE_SIZE = 50  # organisations.views.PAGE_SIZE
SEARCH = "реабилитац"
TARGET_RATIO = 2.0
TARGET_QUERIES = 8
RESULTS = db.BASE_DIR / "var" / "bench-results.json"


@dataclass
class Result:
    scenario: str
    url: str
    ours_p50_ms: float
    raw_p50_ms: float
    ratio: float
    queries: int
    raw_queries: int
    orm_p50_ms: float = 0.0
    orm_ratio: float = 0.0
    # The SELECTs our request issued, replayed as they were: is the application's SQL as
    # cheap as the hand-written SQL (indexes, no extra or wider queries)?
    sql_p50_ms: float = 0.0
    sql_ratio: float = 0.0
    ours_p90_ms: float = 0.0
    raw_p90_ms: float = 0.0
    rows: int = 0
    total: int = 0
    checked: str = ""
    sql: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The checked targets: our SQL within 2× the hand-written SQL, ≤ 8 queries a page.

        The whole request (Python, templates, JSON) is reported beside it, not checked: at
        0.5–5 ms of SQL a page, rendering alone costs more than the SQL.
        """
        return self.sql_ratio <= TARGET_RATIO and self.queries <= TARGET_QUERIES


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--regenerate", action="store_true", help="rebuild the bench database")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per scenario (30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs first (5)")
    parser.add_argument("--seed", type=int, default=86, help="seed of the generated data")
    parser.add_argument(
        "--only", choices=("html", "api"), default=None, help="run one group of scenarios"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with 1 when a scenario misses a target"
    )
    return parser.parse_args(argv)


def _timed(functions, runs: int, warmup: int) -> list[list[float]]:
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


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _page_ids(html: str) -> tuple[int | None, list[int]]:
    """The total ("Найдено: N") and the organisation ids of the rendered result table."""
    found = re.search(r"Найдено:([^<]+)<", html)
    total = int(re.sub(r"\D", "", found.group(1))) if found else None
    body = html.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return total, [int(pk) for pk in re.findall(r'<a href="/organisations/(\d+)/">', body)]


def _setup():
    import django

    django.setup()


def _ensure_data(args, log):
    from django.core.management import call_command

    from bench import generate

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"Миграции: {time.perf_counter() - started:.1f} с")
    if not generate.is_empty():
        log("Данные уже сгенерированы (--regenerate — пересоздать).")
        return None
    log("Генерация справочника региона…")
    started = time.perf_counter()
    out = generate.generate(seed=args.seed, log=log)
    seconds = round(time.perf_counter() - started, 1)
    log(f"Сгенерировано за {seconds} с.")
    return {"seconds": seconds, "steps": out.seconds, "counts": out.counts}


def _bench_members():
    from accounts.models import Membership
    from bench import generate

    names = {
        "Департамент": generate.BENCH_DEPARTMENT,
        "УСЗН": generate.BENCH_USZN,
        "РЦ": generate.BENCH_RC,
    }
    found = {
        m.user.username: m
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__username__in=names.values()
        )
    }
    return {label: found[username] for label, username in names.items()}


def _html_client(membership):
    from django.test import Client

    from accounts.middleware import SEEN_KEY, SESSION_KEY

    client = Client()
    client.force_login(membership.user)
    session = client.session
    session[SESSION_KEY] = membership.pk
    session[SEEN_KEY] = int(time.time())
    session.save()
    return client, session.session_key


def _api_token(membership) -> str:
    from accounts.models import ApiToken
    from accounts.services import api_token_create

    ApiToken.objects.filter(membership=membership, name="bench").delete()
    _, raw = api_token_create(membership=membership, name="bench")
    return raw


def _run_scenario(name, url, ours, orm, raw, args, count_pages) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = ours()
    if response.status_code != 200:
        raise SystemExit(f"{name}: {url} ответил {response.status_code}")
    total, rows, _ = raw()
    ours_total, ours_ids = count_pages(response)
    raw_ids = [row[0] for row in rows]
    checked = "ok" if (ours_total, ours_ids) == (total, raw_ids) else "MISMATCH"
    if checked != "ok":
        print(
            f"  ! {name}: ответ не совпал с сырым SQL: всего {ours_total}, на странице "
            f"{len(ours_ids)} записей; сырой SQL: всего {total}, на странице {len(raw_ids)}",
            file=sys.stderr,
        )
    with CaptureQueriesContext(connection) as ours_queries:
        ours()
    with CaptureQueriesContext(connection) as raw_queries:
        raw()
    # captured_queries reads the connection's log, which the next request clears: copy now.
    ours_sql = list(ours_queries.captured_queries)
    raw_count = len(raw_queries.captured_queries)
    selects = [q["sql"] for q in ours_sql if q["sql"].lstrip().upper().startswith("SELECT")]

    def replay():
        with connection.cursor() as cursor:
            for sql in selects:
                cursor.execute(sql)
                cursor.fetchall()

    ours_ms, orm_ms, raw_ms, sql_ms = _timed((ours, orm, raw, replay), args.runs, args.warmup)
    ours_p50, raw_p50 = statistics.median(ours_ms), statistics.median(raw_ms)
    orm_p50, sql_p50 = statistics.median(orm_ms), statistics.median(sql_ms)
    return Result(
        scenario=name,
        url=url,
        ours_p50_ms=round(ours_p50, 2),
        raw_p50_ms=round(raw_p50, 2),
        ratio=round(ours_p50 / raw_p50, 2),
        queries=len(ours_sql),
        raw_queries=raw_count,
        orm_p50_ms=round(orm_p50, 2),
        orm_ratio=round(orm_p50 / raw_p50, 2),
        sql_p50_ms=round(sql_p50, 2),
        sql_ratio=round(sql_p50 / raw_p50, 2),
        ours_p90_ms=round(_p(ours_ms, 0.9), 2),
        raw_p90_ms=round(_p(raw_ms, 0.9), 2),
        rows=len(rows),
        total=total,
        checked=checked,
        sql=[q["sql"][:400] for q in ours_sql],
    )


def _html_scenarios(members, args, log) -> list[Result]:
    from urllib.parse import urlencode

    from bench import orm, raw

    results = []
    for label, membership in members.items():
        who = raw.Who.of(membership)
        for text in ("", SEARCH):
            total, _, _ = raw.list_page(who, "", text=text)
            pages = max(1, math.ceil(total / PAGE_SIZE))
            for page in sorted({1, max(1, round(pages * 0.9))}):
                # A fresh session per scenario: the middleware renews a session at most once a
                # minute, so the counted request is an ordinary read-only one.
                client, session_key = _html_client(membership)
                params = {"q": text} if text else {}
                if page > 1:
                    params["page"] = page
                url = "/organisations/" + (f"?{urlencode(params)}" if params else "")
                name = f"HTML {label}, стр. {page}/{pages}" + (f", q={text}" if text else "")

                def ours(client=client, url=url):
                    return client.get(url)

                def orm_page(who=who, key=session_key, params=params, page=page):
                    return orm.list_page(who.user_id, key, params, page)

                def raw_page(who=who, key=session_key, text=text, page=page):
                    return raw.list_page(who, key, text=text, page=page, size=PAGE_SIZE)

                def count_pages(response):
                    return _page_ids(response.content.decode())

                result = _run_scenario(name, url, ours, orm_page, raw_page, args, count_pages)
                log(_row(result))
                results.append(result)
    return results


def _api_scenarios(members, args, log) -> list[Result]:
    from urllib.parse import urlencode

    from django.test import Client

    from bench import orm, raw

    plan = [
        ("Департамент", "", 1, 10),
        ("Департамент", "", 1, 50),
        ("Департамент", "", 1, 200),
        ("Департамент", "", 90, 50),
        ("Департамент", SEARCH, 1, 50),
        ("УСЗН", "", 1, 50),
        ("УСЗН", "", 1, 200),
        ("РЦ", "", 1, 50),
        ("РЦ", "", 1, 200),
    ]
    client = Client()
    results = []
    for label, text, page, size in plan:
        # A fresh token per scenario: its last_used_at is written at most once a minute.
        token = _api_token(members[label])
        who = raw.Who.of(members[label])
        params = {"page": page, "page_size": size}
        if text:
            params["q"] = text
        url = "/api/v1/organisations?" + urlencode(params)
        name = f"API {label}, стр. {page}, page_size={size}" + (f", q={text}" if text else "")
        headers = {"Authorization": f"Bearer {token}"}

        def ours(url=url, headers=headers):
            return client.get(url, headers=headers)

        def orm_page(token=token, text=text, page=page, size=size):
            return orm.api_page(token, text, page, size)

        def raw_page(who=who, token=token, text=text, page=page, size=size):
            return raw.api_page(who, token, text=text, page=page, size=size)

        def count_pages(response):
            data = response.json()
            return data["count"], [item["id"] for item in data["items"]]

        result = _run_scenario(name, url, ours, orm_page, raw_page, args, count_pages)
        log(_row(result))
        results.append(result)
    return results


HEADER = (
    f"{'Сценарий':<54} {'наш p50':>8} {'SQL p50':>8} {'отнош.':>7} {'запр.':>5} "
    f"{'ORM p50':>8} {'ORM/SQL':>7} {'наш SQL':>8} {'SQL/SQL':>7} {'сверка':>8}"
)


def _row(r: Result) -> str:
    marks = []
    if r.sql_ratio > TARGET_RATIO:
        marks.append(f"наш SQL >{TARGET_RATIO:g}×")
    if r.queries > TARGET_QUERIES:
        marks.append(f">{TARGET_QUERIES} запросов")
    return (
        f"{r.scenario:<54} {r.ours_p50_ms:>8.2f} {r.raw_p50_ms:>8.2f} {r.ratio:>6.2f}× "
        f"{r.queries:>5} {r.orm_p50_ms:>8.2f} {r.orm_ratio:>6.2f}× "
        f"{r.sql_p50_ms:>8.2f} {r.sql_ratio:>6.2f}× {r.checked:>8}"
        + (f"  ← {', '.join(marks)}" if marks else "")
    )


def _database_info() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    settings = connection.settings_dict
    return {"vendor": connection.vendor, "version": version, "name": str(settings["NAME"])}


def _counts() -> dict:
    from accounts.models import Membership, User
    from organisations.models import Appointment, Organisation, ResourceCentreStatus

    return {
        "organisations": Organisation.objects.count(),
        "organisation_directions": Organisation.directions.through.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "rc_statuses": ResourceCentreStatus.objects.count(),
        "rc_statuses_in_force": ResourceCentreStatus.objects.active().count(),
        "appointments": Appointment.objects.count(),
    }


def _write(report: dict) -> None:
    """var/bench-results.json keeps the latest run of each database (sqlite, postgresql)."""
    existing = {}
    if RESULTS.exists():
        try:
            existing = json.loads(RESULTS.read_text(encoding="utf-8"))
        except ValueError:
            existing = {}
    runs = existing.get("runs", {}) if isinstance(existing, dict) else {}
    runs[report["database"]["vendor"]] = report
    payload = {"latest": report["database"]["vendor"], "runs": runs}
    RESULTS.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")


def main(argv=None) -> int:
    args = _arguments(argv)
    url = db.bench_database_url()
    db.prepare(url, regenerate=args.regenerate)
    db.configure(url)
    _setup()

    def log(message):
        print(message, flush=True)

    info = _database_info()
    log(f"База бенчмарка: {info['vendor']} {info['version']} ({info['name']})")
    generated = _ensure_data(args, log)
    counts = _counts()
    log("Данные: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    members = _bench_members()
    log(f"Прогонов на сценарий: {args.runs} (после {args.warmup} разогревочных)")
    log(
        "Столбцы: наш p50 — запрос через django.test.Client (мс); SQL p50 — те же данные "
        "сырым SQL; отнош. — их отношение; запр. — SQL-запросов за наш запрос; ORM p50 — "
        "только данные через селекторы ORM, без HTTP и шаблонов; наш SQL — те SELECT, что "
        "выполнил наш запрос, повторённые как есть; SQL/SQL — их отношение к сырому SQL; "
        "сверка — совпали ли всего/записи страницы с сырым SQL."
    )
    load_before = os.getloadavg()[0]
    log("")
    log(HEADER)
    log("-" * len(HEADER))
    results = []
    if args.only in (None, "html"):
        results += _html_scenarios(members, args, log)
    if args.only in (None, "api"):
        results += _api_scenarios(members, args, log)
    missed = [r for r in results if not r.ok or r.checked != "ok"]
    log("")
    log(
        f"Цель: SQL нашей страницы не медленнее {TARGET_RATIO:g}× сырого SQL по p50 и не "
        f"больше {TARGET_QUERIES} запросов на страницу (отношение всего запроса — в столбце "
        "«отнош.», справочно). "
        + ("Все сценарии в цели." if not missed else f"Мимо цели: {len(missed)} сценариев.")
    )
    load_after = os.getloadavg()[0]
    if max(load_before, load_after) > (os.cpu_count() or 1):
        log(
            f"Внимание: машина была загружена (load average {load_before:.1f} → "
            f"{load_after:.1f} на {os.cpu_count()} ядрах): абсолютные времена шумные, "
            "отношения надёжнее — варианты сценария чередуются."
        )
    report = {
        "database": info,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": sys.version.split()[0],
        "runs": args.runs,
        "warmup": args.warmup,
        "targets": {"ratio": TARGET_RATIO, "queries": TARGET_QUERIES},
        "data": counts,
        "generation": generated,
        "results": [asdict(r) for r in results],
    }
    _write(report)
    log(f"Результаты: {Path(RESULTS).relative_to(db.BASE_DIR)}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    os.chdir(db.BASE_DIR)
    sys.exit(main())
