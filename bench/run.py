"""Benchmarks of Resurs against hand-written SQL: ``python -m bench.run`` (``make bench``).

Builds (once) a region-sized data set in a database of its own, then times pages, API lists
and counts against hand-written SQL for the same data, counts the SQL queries of each,
prints a table and writes the results to var/. ``--suite`` picks:

* ``directory`` (the default) — the organisation directory page and API
  (var/bench-results.json);
* ``events`` — the event list page and API and the KPI 6.2–6.4, 6.6 counts
  (``bench.events_run``, var/bench-events-results.json);
* ``reporting`` — KPI recompute, the Department dashboard and the report board in a
  database of its own (``bench.reporting_run``, var/bench-reporting-results.json);
* ``casework`` — person search by СНИЛС and surname, case deadlines of the home page and the
  unit's board on a million persons, PostgreSQL only, in a database of its own
  (``bench.casework_run``, var/bench-casework-results.json); not part of ``all``;
* ``socialservices`` — the month's statistics of services (recipients, services, cost) of an
  institution and of the region on 10,000,000 facts, PostgreSQL only, in a database of its
  own (``bench.socialservices_statistics``, var/bench-socialservices-results.json); not part
  of ``all``;
* ``all`` — directory, events and reporting, as ``make bench`` runs them (reporting in a
  process of its own).

See bench/README.md.
"""

import argparse
import math
import os
import re
import sys
from dataclasses import asdict

from bench import common, db
from bench.common import TARGET_RATIO, Result, log, row

PAGE_SIZE = 50  # resurs.kernel.organisations.views.PAGE_SIZE
SEARCH = "реабилитац"
TARGET_QUERIES = 8
RESULTS = db.BASE_DIR / "var" / "bench-results.json"


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--suite",
        choices=("directory", "events", "reporting", "casework", "socialservices", "all"),
        default="directory",
        help="which benchmark to run (directory)",
    )
    parser.add_argument("--regenerate", action="store_true", help="rebuild the bench database")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per scenario (30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs first (5)")
    parser.add_argument("--seed", type=int, default=86, help="seed of the generated data")
    parser.add_argument(
        "--only",
        choices=("html", "api", "kpi"),
        default=None,
        help="run one group of scenarios (kpi: the events suite's counts)",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with 1 when a scenario misses a target"
    )
    return parser.parse_args(argv)


def _page_ids(html: str) -> tuple[int | None, list[int]]:
    """The total ("Найдено: N") and the organisation ids of the rendered result table."""
    found = re.search(r"Найдено:([^<]+)<", html)
    total = int(re.sub(r"\D", "", found.group(1))) if found else None
    body = html.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return total, [int(pk) for pk in re.findall(r'<a href="/organisations/(\d+)/">', body)]


def _html_scenarios(members, args) -> list[Result]:
    from urllib.parse import urlencode

    from bench import orm, raw

    results = []
    for label, membership in members.items():
        who = raw.Who.of(membership)
        for text in ("", SEARCH):
            total, _, _ = raw.list_page(who, "", text=text)
            pages = max(1, math.ceil(total / PAGE_SIZE))
            for page in sorted({1, max(1, round(pages * 0.9))}):
                client, session_key = common.html_client(membership)
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

                result = common.run_scenario(
                    name,
                    url,
                    ours,
                    raw_page,
                    args,
                    orm=orm_page,
                    check=common.page_check(name, count_pages),
                    max_queries=TARGET_QUERIES,
                )
                log(row(result))
                results.append(result)
    return results


def _api_scenarios(members, args) -> list[Result]:
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
        token = common.api_token(members[label])
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

        result = common.run_scenario(
            name,
            url,
            ours,
            raw_page,
            args,
            orm=orm_page,
            check=common.page_check(name, count_pages),
            max_queries=TARGET_QUERIES,
        )
        log(row(result))
        results.append(result)
    return results


def _counts() -> dict:
    from resurs.kernel.accounts.models import Membership, User
    from resurs.kernel.organisations.models import Appointment, Organisation, ResourceCentreStatus

    return {
        "organisations": Organisation.objects.count(),
        "organisation_directions": Organisation.directions.through.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        "rc_statuses": ResourceCentreStatus.objects.count(),
        "rc_statuses_in_force": ResourceCentreStatus.objects.active().count(),
        "appointments": Appointment.objects.count(),
    }


def run_directory(args, info: dict, generated: dict | None) -> list[Result]:
    """The directory suite: /organisations/ and /api/v1/organisations."""
    log("")
    log("== Справочник организаций ==")
    counts = _counts()
    log("Данные: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    members = common.bench_members()
    log(f"Прогонов на сценарий: {args.runs} (после {args.warmup} разогревочных)")
    log(common.COLUMNS)
    load_before = common.load_average()
    common.table_header()
    results = []
    if args.only in (None, "html"):
        results += _html_scenarios(members, args)
    if args.only in (None, "api"):
        results += _api_scenarios(members, args)
    missed = [r for r in results if not r.ok or r.checked != "ok"]
    log("")
    log(
        f"Цель: SQL нашей страницы не медленнее {TARGET_RATIO:g}× сырого SQL по p50 и не "
        f"больше {TARGET_QUERIES} запросов на страницу (отношение всего запроса — в столбце "
        "«отнош.», справочно). "
        + ("Все сценарии в цели." if not missed else f"Мимо цели: {len(missed)} сценариев.")
    )
    load_after = common.load_average()
    common.warn_if_loaded(load_before, load_after)
    report = {
        **common.report_header(args, info, load_before, load_after),
        "targets": {"ratio": TARGET_RATIO, "queries": TARGET_QUERIES},
        "data": counts,
        "generation": generated,
        "results": [asdict(r) for r in results],
    }
    common.write_results(RESULTS, report)
    return missed


def main(argv=None) -> int:
    args = _arguments(argv)
    if args.suite == "reporting":
        from bench import reporting_run

        return reporting_run.main(args)
    if args.suite == "casework":
        from bench import casework_run

        return casework_run.main(args)
    if args.suite == "socialservices":
        from bench import socialservices_statistics

        return socialservices_statistics.main(args)
    common.open_database(args.regenerate)
    info = common.database_info()
    log(f"База бенчмарка: {info['vendor']} {info['version']} ({info['name']})")
    generated = common.ensure_directory(args.seed)
    missed: list[Result] = []
    if args.suite in ("directory", "all") and args.only != "kpi":
        missed += run_directory(args, info, generated)
    if args.suite in ("events", "all"):
        from bench import events_run

        missed += events_run.run(args, info)
    reporting_failed = 0
    if args.suite == "all":
        from bench import reporting_run

        reporting_failed = reporting_run.in_subprocess(sys.argv[1:] if argv is None else argv)
    return 1 if (args.check and (missed or reporting_failed)) else 0


if __name__ == "__main__":
    os.chdir(db.BASE_DIR)
    sys.exit(main())
