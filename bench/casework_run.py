"""The casework suite of the benchmark: ``python -m bench.run --suite casework``.

Issue 13, item 16. In a database of its own (PostgreSQL only), generates once a region's
data bank — 1,000,000 persons, 300,000 families, 200,000 cases with their steps and
deadlines over 20 institutions (``bench.casework_generate``) — and measures

* ``search`` — the search of a person by СНИЛС (exact) and by the start of a surname
  (``Person.objects.visible_to(scope).by_name_start("смир")[:50]``) for a specialist, a
  head, the institution's provider role and the УСЗН: p50/p95 of the ORM call and of its
  SQL replayed, target p95 ≤ 30 ms; ``EXPLAIN (ANALYZE)`` of each query lists the indexes
  used — the search must go through ``person_name_prefix`` (varchar_pattern_ops) and the
  partial unique index ``person_unique_snils``, also under the scope's subqueries;
* ``deadlines`` — the specialist's deadlines (home page) and the unit's deadline board:
  ``CaseDeadline.objects.visible_to(scope).pending().filter(due_on__lte=week_end)
  .select_related("case", "rule").order_by("due_on")`` — its SQL replayed against a
  hand-written SQL of the same rows (target ≤ 1.5×), and the number of queries, at two
  volumes (the largest and the smallest institution: the count must be the same);
* ``selectors`` — when ``resurs.casework.cases.selectors`` exists: ``due_deadlines`` as the
  home page (the specialist's own) and the board (the head's unit) call it, against
  hand-written SQL of the same rows (target ≤ 1.5×), and ``home.board`` around it, with
  their query counts at both volumes; then the home page ``/`` and the board
  ``/cases/board/`` through ``django.test.Client``: the whole request against its SQL
  replayed, and the number of queries (the same at both volumes).

Writes var/bench-casework-results.json. See bench/README.md.
"""

import datetime
import json
import os
import statistics
import time

import dj_database_url

from bench import common, db
from bench.common import log

RESULTS = db.BASE_DIR / "var" / "bench-casework-results.json"
TARGET_SEARCH_P95_MS = 30.0
TARGET_RATIO = 1.5
PREFIX = "смир"
PREFIX_LIMIT = 50
EXPECTED_INDEX = {"snils": "person_unique_snils", "name": "person_name_prefix"}


def database_url() -> str:
    """``BENCH_CASEWORK_DATABASE_URL``; else ``BENCH_DATABASE_URL``'s server with
    ``_casework`` after the database's name. PostgreSQL only: the suite measures its
    indexes (varchar_pattern_ops, a partial unique index)."""
    explicit = os.environ.get("BENCH_CASEWORK_DATABASE_URL")
    if explicit:
        url = explicit
    else:
        base = db.bench_database_url()
        head, _, tail = base.partition("?")
        root, _, name = head.rpartition("/")
        url = f"{root}/{name}_casework" + (f"?{tail}" if tail else "")
    if dj_database_url.parse(url)["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit(
            "Бенчмарк дел работает только на PostgreSQL: задайте BENCH_DATABASE_URL "
            "(или BENCH_CASEWORK_DATABASE_URL), например "
            "postgres://postgres@127.0.0.1:5432/resurs_bench."
        )
    return url


def _open(args) -> dict:
    url = database_url()
    db.prepare(url, regenerate=args.regenerate)
    db.configure(url)
    import django

    django.setup()
    return common.database_info()


def _ensure_data(seed: int) -> dict | None:
    from django.core.management import call_command

    from bench import casework_generate

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"Миграции: {time.perf_counter() - started:.1f} с")
    if not casework_generate.is_empty():
        log("Банк данных уже сгенерирован (--regenerate — пересоздать).")
        return None
    scale = float(os.environ.get("BENCH_CASEWORK_SCALE", "1"))
    log(
        "Генерация: 20 учреждений, 1 000 000 граждан, 300 000 семей, 200 000 случаев"
        + (f" (масштаб {scale:g})" if scale != 1 else "")
        + "…"
    )
    started = time.perf_counter()
    out = casework_generate.generate(seed=seed, log=log, scale=scale)
    seconds = round(time.perf_counter() - started, 1)
    log(f"Сгенерировано за {seconds} с.")
    return {"seconds": seconds, "steps": out.seconds, "counts": out.counts}


def _counts() -> dict:
    from django.db import connection

    tables = {
        "persons": "citizens_person",
        "families": "citizens_family",
        "family_members": "citizens_familymember",
        "cases": "cases_case",
        "case_steps": "cases_casestep",
        "case_deadlines": "cases_casedeadline",
        "units": "units_unit",
        "districts": "units_socialdistrict",
    }
    counts = {}
    with connection.cursor() as cursor:
        for key, table in tables.items():
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 -- fixed names
            counts[key] = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM cases_case WHERE closed_on IS NULL")
        counts["cases_open"] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT COUNT(*) FROM cases_casedeadline d JOIN cases_case c ON c.id = d.case_id "
            "WHERE d.met_on IS NULL AND c.closed_on IS NULL"
        )
        counts["deadlines_pending"] = cursor.fetchone()[0]
    return counts


# --- who acts ------------------------------------------------------------------------------------


def _members() -> dict:
    from bench import casework_generate as g
    from resurs.kernel.accounts.models import Membership
    from resurs.kernel.accounts.roles import Role

    names = {
        "специалист": g.BENCH_SPECIALIST,
        "заведующий": g.BENCH_HEAD,
        "поставщик": g.BENCH_PROVIDER,
        "специалист (малое)": g.BENCH_SMALL_SPECIALIST,
        "заведующий (малое)": g.BENCH_SMALL_HEAD,
    }
    found = {
        m.user.username: m
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__username__in=names.values()
        )
    }
    members = {label: found[username] for label, username in names.items()}
    members["УСЗН"] = (
        Membership.objects.select_related("user", "organisation")
        .filter(
            role=Role.USZN,
            organisation__territory_id=members["поставщик"].organisation.territory_id,
        )
        .first()
    )
    return members


# --- measuring -----------------------------------------------------------------------------------


def _sql_of(queryset) -> tuple[str, tuple]:
    from django.db import connection

    compiler = queryset.query.get_compiler(connection=connection)
    return compiler.as_sql()


def _explain(sql: str, params) -> dict:
    """Indexes used, sequential scans and the planner's and executor's times."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    top = plan[0]
    indexes, seq_scans, nodes = [], [], []

    def walk(node):
        nodes.append(node["Node Type"])
        if "Index Name" in node:
            indexes.append(node["Index Name"])
        if node["Node Type"] == "Seq Scan":
            seq_scans.append(node["Relation Name"])
        for child in node.get("Plans", []):
            walk(child)

    walk(top["Plan"])
    return {
        "indexes": sorted(set(indexes)),
        "seq_scans": sorted(set(seq_scans)),
        "nodes": nodes,
        "planning_ms": round(top.get("Planning Time", 0.0), 2),
        "execution_ms": round(top.get("Execution Time", 0.0), 2),
    }


def _replayer(sql: str, params):
    from django.db import connection

    def replay():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return replay


def _queries(function) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        function()
    return len(captured.captured_queries), [q["sql"][:600] for q in captured.captured_queries]


def _stats(times: list[float]) -> tuple[float, float]:
    return round(statistics.median(times), 2), round(common.percentile(times, 0.95), 2)


def _measure(name: str, functions: dict, args) -> dict:
    """Times the named callables in turn; p50 and p95 of each."""
    labels = list(functions)
    times = common.timed([functions[k] for k in labels], args.runs, args.warmup)
    result = {"scenario": name}
    for label, spent in zip(labels, times, strict=True):
        result[f"{label}_p50_ms"], result[f"{label}_p95_ms"] = _stats(spent)
    return result


# --- (a) search ----------------------------------------------------------------------------------


def _sample_snils(scope) -> str:
    """A СНИЛС of a person the scope sees (the specialist: of the district)."""
    from resurs.casework.citizens.models import Person

    found = list(
        Person.objects.visible_to(scope)
        .exclude(snils="")
        .order_by()
        .values_list("snils", flat=True)[:1000]
    )
    return found[len(found) // 2]


def _search_scenarios(
    members, args, *, group: str = "search", expected: dict = EXPECTED_INDEX
) -> list[dict]:
    from resurs.casework.citizens.models import Person

    results = []
    log("")
    log(
        f"{'Поиск гражданина' if group == 'search' else 'С пробным индексом ' + TRIAL_INDEX:<46} "
        f"{'строк':>5} {'запр.':>5} {'ORM p50':>8} {'ORM p95':>8} "
        f"{'SQL p50':>8} {'SQL p95':>8}  индексы"
    )
    for label in ("специалист", "заведующий", "поставщик", "УСЗН"):
        scope = members[label].scope
        value = _sample_snils(scope)
        cases = [
            (
                f"СНИЛС, {label}",
                "snils",
                lambda s=scope, v=value: Person.objects.visible_to(s).filter(snils=v),
            ),
            (
                f"СНИЛС чужого учреждения, {label}",
                "snils",
                lambda s=scope: Person.objects.visible_to(s).filter(snils=_foreign_snils(s)),
            ),
            (
                f"фамилия «{PREFIX}…» [:{PREFIX_LIMIT}], {label}",
                "name",
                lambda s=scope: Person.objects.visible_to(s).by_name_start(PREFIX)[:PREFIX_LIMIT],
            ),
        ]
        if group != "search":
            cases = [c for c in cases if c[1] == "name"]
        for name, kind, build in cases:
            queryset = build()

            def ours(build=build):
                return list(build())

            sql, params = _sql_of(queryset)
            count, captured = _queries(ours)
            rows = len(ours())
            result = _measure(name, {"orm": ours, "sql": _replayer(sql, params)}, args)
            plan = _explain(sql, params)
            result.update(
                group=group,
                rows=rows,
                queries=count,
                sql=captured,
                explain=plan,
                index_used=expected[kind] in plan["indexes"],
                ok=result["orm_p95_ms"] <= TARGET_SEARCH_P95_MS
                and expected[kind] in plan["indexes"],
            )
            mark = "" if result["ok"] else "  ← мимо цели"
            log(
                f"{name:<46} {rows:>5} {count:>5} {result['orm_p50_ms']:>8.2f} "
                f"{result['orm_p95_ms']:>8.2f} {result['sql_p50_ms']:>8.2f} "
                f"{result['sql_p95_ms']:>8.2f}  {', '.join(plan['indexes'])}"
                + (f"; seq: {', '.join(plan['seq_scans'])}" if plan["seq_scans"] else "")
                + mark
            )
            results.append(result)
    return results


TRIAL_INDEX = "bench_trial_person_org_name"


def _index_trial(members, args) -> list[dict]:
    """``BENCH_CASEWORK_TRY_INDEX=1``: the surname search again with an index of the
    institution and the name's start — ``(organisation_id, name_key varchar_pattern_ops)``,
    which the scope's ``organisation_id = …`` can use — created in the bench database for
    the trial and dropped after it (the figures for a migration, not a migration)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX {TRIAL_INDEX} ON citizens_person "
            "(organisation_id, name_key varchar_pattern_ops)"
        )
        cursor.execute("ANALYZE citizens_person")
    try:
        expected = {**EXPECTED_INDEX, "name": TRIAL_INDEX}
        results = _search_scenarios(members, args, group="search-trial", expected=expected)
        results.append(_specialist_variant(members["специалист"].scope, args))
        return results
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {TRIAL_INDEX}")
            cursor.execute("ANALYZE citizens_person")


def _specialist_variant(scope, args) -> dict:
    """The specialist's surname search with the rule's branch «persons of my cases» kept
    within the institution (``organisation_id = …`` over the whole rule): then the
    trial index applies to the specialist too. Same rows as ``visible_to`` here (every
    case's person is of the case's institution in this data)."""
    from django.db.models import Q

    from resurs.casework.cases.models import Case
    from resurs.casework.citizens.models import Person
    from resurs.casework.units.models import assigned_districts

    def build():
        own_cases = Case.all_records.filter(specialist_id=scope.user_id).values("person_id")
        return (
            Person.objects.unscoped(reason="бенчмарк: вариант правила видимости специалиста")
            .filter(organisation_id=scope.organisation_id)
            .filter(
                Q(district_id__in=assigned_districts(scope))
                | Q(specialist_id=scope.user_id)
                | Q(pk__in=own_cases)
            )
            .by_name_start(PREFIX)[:PREFIX_LIMIT]
        )

    def ours():
        return list(build())

    same = sorted(p.pk for p in ours()) == sorted(
        p.pk for p in Person.objects.visible_to(scope).by_name_start(PREFIX)[:PREFIX_LIMIT]
    )
    sql, params = _sql_of(build())
    name = f"фамилия «{PREFIX}…», специалист, вариант правила"
    result = _measure(name, {"orm": ours, "sql": _replayer(sql, params)}, args)
    plan = _explain(sql, params)
    result.update(
        group="search-trial",
        rows=len(ours()),
        queries=1,
        same_rows=same,
        explain=plan,
        ok=result["orm_p95_ms"] <= TARGET_SEARCH_P95_MS and TRIAL_INDEX in plan["indexes"],
    )
    log(
        f"{name:<46} {result['rows']:>5} {1:>5} {result['orm_p50_ms']:>8.2f} "
        f"{result['orm_p95_ms']:>8.2f} {result['sql_p50_ms']:>8.2f} "
        f"{result['sql_p95_ms']:>8.2f}  {', '.join(plan['indexes'])}"
        + ("" if same else "  (строки не совпали)")
    )
    return result


def _verify_sample(size: int = 2000) -> dict:
    """Generated persons as Person.save and the СНИЛС rule would have them."""
    from resurs.casework.citizens.identity import is_valid_snils, name_key
    from resurs.casework.citizens.models import Person

    rows = list(
        Person.objects.unscoped(reason="бенчмарк: проверка сгенерированных данных")
        .order_by("?")
        .values_list("last_name", "first_name", "patronymic", "name_key", "snils")[:size]
    )
    return {
        "sample": len(rows),
        "name_key_as_save": sum(name_key(a, b, c) == key for a, b, c, key, _ in rows),
        "snils_valid": sum(is_valid_snils(s) for *_, s in rows if s),
        "snils_blank": sum(1 for *_, s in rows if not s),
    }


_FOREIGN: dict = {}


def _foreign_snils(scope) -> str:
    """A СНИЛС of another institution: the search finds no one (the index still decides)."""
    if scope.organisation_id not in _FOREIGN:
        from resurs.casework.citizens.models import Person

        found = list(
            Person.objects.unscoped(reason="бенчмарк: СНИЛС гражданина другого учреждения")
            .exclude(organisation_id=scope.organisation_id)
            .exclude(snils="")
            .order_by()
            .values_list("snils", flat=True)[:1000]
        )
        _FOREIGN[scope.organisation_id] = found[-1]
    return _FOREIGN[scope.organisation_id]


# --- (b) deadlines -------------------------------------------------------------------------------

RAW_DEADLINES = """
SELECT d.id, d.starts_on, d.due_on, c.id, c.year, c.number, c.person_id, c.family_id,
       c.specialist_id, c.stage, r.title, r.working_days, r.paragraph
FROM cases_casedeadline d
JOIN cases_case c ON c.id = d.case_id
JOIN cases_deadlinerule r ON r.id = d.rule_id
WHERE d.met_on IS NULL AND c.closed_on IS NULL AND d.due_on <= %(week_end)s
  AND c.organisation_id = %(organisation)s AND ({scope})
ORDER BY d.due_on, d.id
"""
RAW_SCOPE = {
    "specialist": (
        "c.specialist_id = %(user)s OR c.district_id IN ("
        "SELECT district_id FROM units_districtassignment WHERE membership_id = %(membership)s "
        "AND starts_on <= %(today)s AND (ends_on IS NULL OR ends_on >= %(today)s))"
    ),
    "head": (
        "c.unit_id IN (SELECT unit_id FROM units_unitstaff WHERE membership_id = %(membership)s "
        "AND starts_on <= %(today)s AND (ends_on IS NULL OR ends_on >= %(today)s))"
    ),
    "provider": "TRUE",
}


def week_end(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=6 - today.weekday())


def _raw_deadlines(scope, today):
    from django.db import connection

    sql = RAW_DEADLINES.format(scope=RAW_SCOPE[scope.role])
    params = {
        "week_end": week_end(today),
        "organisation": scope.organisation_id,
        "user": scope.user_id,
        "membership": scope.membership_id,
        "today": today,
    }

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return raw, sql, params


def _deadline_scenarios(members, args, today) -> list[dict]:
    from resurs.casework.cases.models import CaseDeadline

    results = []
    log("")
    log(
        f"{'Сроки (наш ORM / наш SQL / сырой SQL)':<40} {'строк':>5} {'запр.':>5} "
        f"{'ORM p50':>8} {'SQL p50':>8} {'SQL p95':>8} {'сырой':>8} {'сыр.p95':>8} "
        f"{'SQL/сыр':>7}  индексы"
    )
    plan = [
        ("дом. стр. специалиста", "специалист"),
        ("дом. стр. специалиста", "специалист (малое)"),
        ("доска отделения", "заведующий"),
        ("доска отделения", "заведующий (малое)"),
        ("сроки учреждения", "поставщик"),
    ]
    end = week_end(today)
    for title, label in plan:
        scope = members[label].scope
        name = f"{title}, {label}"

        def build(scope=scope):
            return (
                CaseDeadline.objects.visible_to(scope)
                .pending()
                .filter(due_on__lte=end)
                .select_related("case", "rule")
                .order_by("due_on")
            )

        def ours(build=build):
            return list(build())

        raw, raw_sql, raw_params = _raw_deadlines(scope, today)
        sql, params = _sql_of(build())
        count, captured = _queries(ours)
        ours_ids = sorted(d.pk for d in ours())
        raw_ids = sorted(row[0] for row in raw())
        checked = "ok" if ours_ids == raw_ids else "MISMATCH"
        result = _measure(name, {"orm": ours, "sql": _replayer(sql, params), "raw": raw}, args)
        ratio = round(result["sql_p50_ms"] / result["raw_p50_ms"], 2)
        explain = _explain(sql, params)
        result.update(
            group=f"deadlines:{title}",
            rows=len(ours_ids),
            queries=count,
            ratio=ratio,
            checked=checked,
            sql=captured,
            explain=explain,
            raw_explain=_explain(raw_sql, raw_params),
            ok=ratio <= TARGET_RATIO and checked == "ok",
        )
        log(
            f"{name:<40} {len(ours_ids):>5} {count:>5} {result['orm_p50_ms']:>8.2f} "
            f"{result['sql_p50_ms']:>8.2f} {result['sql_p95_ms']:>8.2f} "
            f"{result['raw_p50_ms']:>8.2f} {result['raw_p95_ms']:>8.2f} {ratio:>6.2f}×  "
            f"{', '.join(explain['indexes'])}"
            + (f"; seq: {', '.join(explain['seq_scans'])}" if explain["seq_scans"] else "")
            + ("" if checked == "ok" else "  MISMATCH")
            + ("" if result["ok"] else "  ← мимо цели")
        )
        results.append(result)
    return results


# --- the cases selectors and the pages, once they exist ------------------------------------------

RAW_DUE = """
SELECT d.id, d.starts_on, d.due_on, d.case_id, c.year, c.number, c.stage, c.specialist_id,
       r.title, r.working_days, r.paragraph, u.last_name, u.first_name,
       p.last_name, p.first_name, p.patronymic, f.name
FROM cases_casedeadline d
JOIN cases_case c ON c.id = d.case_id
JOIN cases_deadlinerule r ON r.id = d.rule_id
LEFT JOIN accounts_user u ON u.id = c.specialist_id
LEFT JOIN citizens_person p ON p.id = c.person_id
LEFT JOIN citizens_family f ON f.id = c.family_id
WHERE d.met_on IS NULL AND c.closed_on IS NULL AND d.due_on <= %(week_end)s
  AND c.organisation_id = %(organisation)s AND ({scope})
ORDER BY d.due_on, d.case_id, d.id
LIMIT %(limit)s
"""
OWN = "c.specialist_id = %(user)s"


def _raw_due(scope, today, *, own: bool, limit: int):
    from django.db import connection

    sql = RAW_DUE.format(scope=OWN if own else RAW_SCOPE[scope.role])
    params = {
        "week_end": week_end(today),
        "organisation": scope.organisation_id,
        "user": scope.user_id,
        "membership": scope.membership_id,
        "today": today,
        "limit": limit,
    }

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return raw, sql, params


def _selector_scenarios(members, args, today) -> list[dict]:
    """``cases.selectors.due_deadlines`` as the home page and the board call it (the first
    ``home.SHOWN`` rows), against hand-written SQL of the same rows, at both volumes; and
    ``home.board`` (the rows grouped, with the deadlines' phrases) with its query count."""
    import importlib

    try:
        selectors = importlib.import_module("resurs.casework.cases.selectors")
        home = importlib.import_module("resurs.casework.cases.home")
    except ImportError:
        log("")
        log("cases.selectors ещё нет: замеряется только запрос сроков (выше).")
        return []
    shown = getattr(home, "SHOWN", 200)
    results = []
    log("")
    log(
        f"{'cases.selectors.due_deadlines / home.board':<44} {'строк':>5} {'запр.':>5} "
        f"{'ORM p50':>8} {'ORM p95':>8} {'SQL p50':>8} {'SQL p95':>8} {'сырой':>8} "
        f"{'SQL/сыр':>7}  индексы"
    )
    plan = [
        ("свои сроки специалиста", "специалист", True),
        ("свои сроки специалиста", "специалист (малое)", True),
        ("доска отделения", "заведующий", False),
        ("доска отделения", "заведующий (малое)", False),
    ]
    for title, label, own in plan:
        scope = members[label].scope
        own_user_id = scope.user_id if own else None

        def build(scope=scope, own_user_id=own_user_id):
            return selectors.due_deadlines(scope, today, own_user_id=own_user_id)[:shown]

        def ours(build=build):
            return list(build())

        def board(scope=scope, own_user_id=own_user_id):
            return home.board(scope, today, own_user_id=own_user_id)

        raw, raw_sql, raw_params = _raw_due(scope, today, own=own, limit=shown)
        sql, params = _sql_of(build())
        count, captured = _queries(ours)
        board_count, board_sql = _queries(board)
        ours_ids = [d.pk for d in ours()]
        raw_ids = [row[0] for row in raw()]
        checked = "ok" if ours_ids == raw_ids else "MISMATCH"
        name = f"{title}, {label}"
        result = _measure(
            name,
            {"orm": ours, "sql": _replayer(sql, params), "raw": raw, "board": board},
            args,
        )
        ratio = round(result["sql_p50_ms"] / result["raw_p50_ms"], 2)
        explain = _explain(sql, params)
        result.update(
            group=f"selector:{title}",
            rows=len(ours_ids),
            queries=count,
            board_queries=board_count,
            ratio=ratio,
            checked=checked,
            sql=captured,
            board_sql=board_sql,
            explain=explain,
            raw_explain=_explain(raw_sql, raw_params),
            ok=ratio <= TARGET_RATIO and checked == "ok",
        )
        log(
            f"{name:<44} {len(ours_ids):>5} {count:>5} {result['orm_p50_ms']:>8.2f} "
            f"{result['orm_p95_ms']:>8.2f} {result['sql_p50_ms']:>8.2f} "
            f"{result['sql_p95_ms']:>8.2f} {result['raw_p50_ms']:>8.2f} {ratio:>6.2f}×  "
            f"{', '.join(explain['indexes'])}"
            + (f"; seq: {', '.join(explain['seq_scans'])}" if explain["seq_scans"] else "")
            + ("" if checked == "ok" else "  MISMATCH")
            + ("" if result["ok"] else "  ← мимо цели")
        )
        log(
            f"{'  home.board (с группировкой и сроками)':<44} {'':>5} {board_count:>5} "
            f"{result['board_p50_ms']:>8.2f} {result['board_p95_ms']:>8.2f}"
        )
        results.append(result)
    return results


def _page_scenarios(members, args) -> list[dict]:
    """The home page and the unit's deadline board through django.test.Client: the whole
    request, its queries (at both volumes) and its SELECTs replayed as they were."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = []
    log("")
    log(
        f"{'Страница (django.test.Client)':<44} {'ответ':>5} {'запр.':>5} {'p50':>8} "
        f"{'p95':>8} {'её SQL':>8} {'SQL p95':>8}"
    )
    plan = [
        ("/", "специалист"),
        ("/", "специалист (малое)"),
        ("/", "заведующий"),
        ("/", "заведующий (малое)"),
        ("/cases/board/", "заведующий"),
        ("/cases/board/", "заведующий (малое)"),
    ]
    for url, label in plan:
        client, _ = common.html_client(members[label])

        def ours(client=client, url=url):
            return client.get(url)

        response = ours()
        with CaptureQueriesContext(connection) as captured:
            ours()
        queries = list(captured.captured_queries)
        selects = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]

        def replay(selects=selects):
            with connection.cursor() as cursor:
                for sql in selects:
                    cursor.execute(sql)
                    cursor.fetchall()

        name = f"{url} {label}"
        result = _measure(name, {"page": ours, "sql": replay}, args)
        result.update(
            group=f"page:{url}:{label.split()[0]}",
            status=response.status_code,
            queries=len(queries),
            sql=[q["sql"][:600] for q in queries],
            ok=response.status_code == 200,
        )
        log(
            f"{name:<44} {response.status_code:>5} {len(queries):>5} "
            f"{result['page_p50_ms']:>8.2f} {result['page_p95_ms']:>8.2f} "
            f"{result['sql_p50_ms']:>8.2f} {result['sql_p95_ms']:>8.2f}"
        )
        results.append(result)
    return results


def _same_count(results: list[dict]) -> list[str]:
    """Groups (one listing at two volumes) whose query count differs."""
    counts: dict[str, set] = {}
    for r in results:
        if r.get("group", "").startswith(("deadlines:", "selector:", "page:")):
            counts.setdefault(r["group"], set()).add(r["queries"])
    return [group for group, found in counts.items() if len(found) > 1]


def main(args) -> int:
    info = _open(args)
    log(f"База бенчмарка дел: {info['vendor']} {info['version']} ({info['name']})")
    generated = _ensure_data(args.seed)
    from django.utils import timezone

    today = timezone.localdate()
    counts = _counts()
    log("Данные: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    verified = _verify_sample()
    log(
        f"Проверка {verified['sample']} случайных граждан: name_key как в Person.save — "
        f"{verified['name_key_as_save']}, СНИЛС проходит проверку — {verified['snils_valid']} "
        f"(без СНИЛС — {verified['snils_blank']})"
    )
    members = _members()
    log(
        f"Прогонов на сценарий: {args.runs} (после {args.warmup} разогревочных); "
        f"сегодня {today:%d.%m.%Y}"
    )
    load_before = common.load_average()
    results = _search_scenarios(members, args)
    if os.environ.get("BENCH_CASEWORK_TRY_INDEX"):
        results += _index_trial(members, args)
    results += _deadline_scenarios(members, args, today)
    results += _selector_scenarios(members, args, today)
    if any(r["group"].startswith("selector:") for r in results):
        results += _page_scenarios(members, args)
    differing = _same_count(results)
    missed = [
        r["scenario"] for r in results if r.get("ok") is False and r["group"] != "search-trial"
    ]
    log("")
    log(
        f"Цели: поиск p95 ≤ {TARGET_SEARCH_P95_MS:g} мс (ORM) с индексом "
        f"{EXPECTED_INDEX['snils']} / {EXPECTED_INDEX['name']}; SQL сроков ≤ {TARGET_RATIO:g}× "
        "сырого SQL по p50; одно число запросов на обоих объёмах. "
        + ("Все сценарии в цели." if not missed and not differing else "")
        + (f"Мимо цели: {'; '.join(missed)}. " if missed else "")
        + (f"Число запросов зависит от объёма: {', '.join(differing)}." if differing else "")
    )
    load_after = common.load_average()
    common.warn_if_loaded(load_before, load_after)
    report = {
        **common.report_header(args, info, load_before, load_after),
        "targets": {"search_p95_ms": TARGET_SEARCH_P95_MS, "ratio": TARGET_RATIO},
        "today": today.isoformat(),
        "data": counts,
        "verified": verified,
        "generation": generated,
        "results": results,
        "query_count_differs": differing,
    }
    common.write_results(RESULTS, report)
    return 1 if (args.check and (missed or differing)) else 0
