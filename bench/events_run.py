"""The events suite of the benchmark: ``python -m bench.run --suite events``.

On top of the directory, generates (once) ten years of events (``bench.events_generate``),
then, for one RC organiser and one quarter, times

* the event list page ``/events/`` (as the Department and as the RC, filtered by the RC
  and the quarter or by the quarter alone; page 1 and a deep page),
* the API list ``/api/v1/events`` (page sizes 10/50/200 and a deep page),

against hand-written SQL (``bench.events_raw``), the ORM alone (``bench.events_orm``) and
our own SQL replayed, and

* the KPI counts 6.2, 6.3, 6.4 (``events.selectors``) and 6.6 (``registries.selectors``)
  for that RC and quarter, each against a hand-written aggregate that gives the same number.

Writes var/bench-events-results.json. See bench/README.md.
"""

import math
import re
import time
from dataclasses import asdict
from urllib.parse import urlencode

from bench import common, db
from bench.common import TARGET_RATIO, Result, log, row

PAGE_SIZE = 50  # resurs.coordination.events.views.common.PAGE_SIZE
# session, user, memberships, the chosen organiser, directions, organisers, count, page
HTML_QUERIES = 8
API_QUERIES = 3  # token, count, page
KPI_QUERIES = 1
RESULTS = db.BASE_DIR / "var" / "bench-events-results.json"


def ensure_events(seed: int) -> dict | None:
    from bench import events_generate

    if not events_generate.is_empty():
        log("Мероприятия уже сгенерированы (--regenerate — пересоздать базу).")
        return None
    log("Генерация мероприятий, участий, консультаций, публикаций и реестров…")
    started = time.perf_counter()
    out = events_generate.generate(seed=seed, log=log)
    seconds = round(time.perf_counter() - started, 1)
    log(f"Сгенерировано за {seconds} с.")
    return {"seconds": seconds, "steps": out.seconds, "counts": out.counts}


def _counts() -> dict:
    from django.db.models import Count, Q

    from resurs.coordination.events.models import (
        Consultation,
        Event,
        MediaPlan,
        MediaPlanItem,
        Participation,
        Publication,
    )
    from resurs.coordination.registries.models import SOCIAL_PARTNER_CATEGORIES, Participant

    participations = Participation.objects.aggregate(
        total=Count("id"),
        people=Count("id", filter=~Q(person_name="")),
        attended=Count("id", filter=Q(status="attended")),
    )
    return {
        "events": Event.objects.count(),
        "events_held": Event.objects.filter(state="held").count(),
        "participations": participations["total"],
        "participations_people": participations["people"],
        "participations_attended": participations["attended"],
        "consultations": Consultation.objects.count(),
        "consulted_organisations": Consultation.consulted_organisations.through.objects.count(),
        "publications": Publication.objects.count(),
        "publications_mass_media": Publication.objects.filter(is_mass_media=True).count(),
        "media_plans": MediaPlan.objects.count(),
        "media_plan_items": MediaPlanItem.objects.count(),
        "registry_participants": Participant.objects.count(),
        "registry_social_partners": Participant.objects.filter(
            category__in=SOCIAL_PARTNER_CATEGORIES
        ).count(),
        "organisers": Event.objects.values("organiser_id").distinct().count(),
    }


def _page_ids(html: str) -> tuple[int | None, list[int]]:
    """The total ("Найдено: N") and the event ids of the rendered result table."""
    found = re.search(r"Найдено:([^<]+)<", html)
    total = int(re.sub(r"\D", "", found.group(1))) if found else None
    body = html.split("<tbody>", 1)[-1].split("</tbody>", 1)[0]
    return total, [int(pk) for pk in re.findall(r'<a href="/events/(\d+)/">', body)]


class _Setting:
    """The RC, the quarter and what the scenarios share."""

    def __init__(self, members):
        from django.utils import timezone

        from bench import events_generate, raw
        from bench.events_raw import EventQuery
        from resurs.kernel.workcalendar.periods import day_bounds

        self.members = members
        self.rc = members["РЦ"]
        self.zone = self.rc.organisation.territory.region.timezone
        self.quarter = events_generate.bench_quarter()
        with timezone.override(self.zone):
            self.start, self.end = day_bounds(self.quarter.start, self.quarter.end)
        self.organiser_id = self.rc.organisation_id
        self.dates = {
            "date_from": self.quarter.start.isoformat(),
            "date_to": self.quarter.end.isoformat(),
        }
        self.by_rc = EventQuery(self.organiser_id, self.start, self.end)
        self.by_quarter = EventQuery(None, self.start, self.end)
        self.who = {label: raw.Who.of(m) for label, m in members.items()}

    def params(self, query) -> dict:
        return {"organiser": query.organiser_id, **self.dates} if query.organiser_id else self.dates


def _html_scenarios(setting: _Setting, args) -> list[Result]:
    from bench import events_orm, events_raw

    plan = [
        ("Департамент", setting.by_rc, "РЦ+квартал", (1, "last")),
        ("Департамент", setting.by_quarter, "квартал", (1, "deep")),
        ("Департамент", events_raw.EventQuery(), "без фильтров", (1,)),
        ("РЦ", setting.by_rc, "свои+квартал", (1, "last")),
        ("РЦ", setting.by_quarter, "квартал", (1, "deep")),
    ]
    results = []
    for label, query, title, pages_wanted in plan:
        membership = setting.members[label]
        who = setting.who[label]
        total, _ = events_raw.list_page(who, "", query)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        numbers = {1: 1, "last": pages, "deep": max(1, round(pages * 0.9))}
        for page in sorted({numbers[p] for p in pages_wanted}):
            client, session_key = common.html_client(membership)
            params = setting.params(query) if query.start else {}
            if page > 1:
                params = {**params, "page": page}
            url = "/events/" + (f"?{urlencode(params)}" if params else "")
            name = f"HTML {label}, {title}, стр. {page}/{pages}"

            def ours(client=client, url=url):
                return client.get(url)

            def orm_page(who=who, key=session_key, params=params, page=page):
                return events_orm.list_page(who.user_id, key, params, page, setting.zone)

            def raw_page(who=who, key=session_key, query=query, page=page):
                return events_raw.list_page(who, key, query, page=page, size=PAGE_SIZE)

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
                max_queries=HTML_QUERIES,
                group=f"HTML {label}, {title}",
            )
            log(row(result))
            results.append(result)
    return results


def _api_scenarios(setting: _Setting, args) -> list[Result]:
    from django.test import Client

    from bench import events_orm, events_raw
    from resurs.coordination.events.selectors import EventFilter

    plan = [
        ("Департамент", setting.by_rc, "РЦ+квартал", 1, 10),
        ("Департамент", setting.by_rc, "РЦ+квартал", 1, 50),
        ("Департамент", setting.by_rc, "РЦ+квартал", 1, 200),
        ("Департамент", setting.by_rc, "РЦ+квартал", "last", 50),
        ("Департамент", setting.by_quarter, "квартал", 1, 200),
        ("Департамент", setting.by_quarter, "квартал", "deep", 50),
        ("РЦ", setting.by_rc, "свои+квартал", 1, 10),
        ("РЦ", setting.by_rc, "свои+квартал", 1, 50),
        ("РЦ", setting.by_rc, "свои+квартал", 1, 200),
        ("РЦ", setting.by_rc, "свои+квартал", "last", 50),
        ("РЦ", setting.by_quarter, "квартал", 1, 50),
        ("РЦ", setting.by_quarter, "квартал", "deep", 50),
    ]
    client = Client()
    results = []
    for label, query, title, wanted, size in plan:
        who = setting.who[label]
        token = common.api_token(setting.members[label])
        total, _ = events_raw.api_page(who, token, query, size=size)
        pages = max(1, math.ceil(total / size))
        page = {"last": pages, "deep": max(1, round(pages * 0.9))}.get(wanted, wanted)
        token = common.api_token(setting.members[label])  # fresh: last_used_at stays put
        params = {"page": page, "page_size": size}
        if query.organiser_id:
            params["organiser_id"] = query.organiser_id
        params.update(setting.dates)
        url = "/api/v1/events?" + urlencode(params)
        name = f"API {label}, {title}, стр. {page}/{pages}, page_size={size}"
        headers = {"Authorization": f"Bearer {token}"}
        filters = EventFilter(
            organiser_id=query.organiser_id,
            date_from=setting.quarter.start,
            date_to=setting.quarter.end,
        )

        def ours(url=url, headers=headers):
            return client.get(url, headers=headers)

        def orm_page(token=token, filters=filters, page=page, size=size):
            return events_orm.api_page(token, filters, page, size, setting.zone)

        def raw_page(who=who, token=token, query=query, page=page, size=size):
            return events_raw.api_page(who, token, query, page=page, size=size)

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
            max_queries=API_QUERIES,
            group=f"API {label}, {title}",
        )
        log(row(result))
        results.append(result)
    return results


def _kpi_scenarios(setting: _Setting, args) -> list[Result]:
    from django.utils import timezone

    from bench import events_raw
    from resurs.coordination.events import selectors
    from resurs.coordination.registries.selectors import social_partner_count

    organisation = setting.rc.organisation
    quarter, start, end = setting.quarter, setting.start, setting.end
    results = []
    for direction in (None, setting.rc.direction):
        direction_id = direction.pk if direction else None
        where = f"направление {direction.number}" if direction else "все направления"
        plan = [
            (
                "6.2 проведённые мероприятия",
                "resurs.coordination.events.selectors.events_held_count",
                selectors.events_held_count,
                lambda d=direction_id: events_raw.events_held(setting.organiser_id, d, start, end),
            ),
            (
                "6.3 консультированные организации",
                "resurs.coordination.events.selectors.consulted_organisations_count",
                selectors.consulted_organisations_count,
                lambda d=direction_id: events_raw.consulted_organisations(
                    setting.organiser_id, d, quarter.start, quarter.end, start, end
                ),
            ),
            (
                "6.4 публикации (всего, в СМИ)",
                "resurs.coordination.events.selectors.publications_count",
                selectors.publications_count,
                lambda d=direction_id: events_raw.publications(
                    setting.organiser_id, d, quarter.start, quarter.end
                ),
            ),
            (
                "6.6 социальные партнёры",
                "resurs.coordination.registries.selectors.social_partner_count",
                social_partner_count,
                lambda d=direction_id: events_raw.social_partners(
                    setting.organiser_id, d, quarter.start, quarter.end
                ),
            ),
        ]
        for title, path, selector, raw_count in plan:

            def ours(selector=selector, direction=direction):
                with timezone.override(setting.zone):
                    return selector(
                        organisation=organisation,
                        direction=direction,
                        period_start=quarter.start,
                        period_end=quarter.end,
                    )

            name = f"KPI {title}, {where}"

            def check(value, raw_value, name=name):
                if value == raw_value:
                    return "ok", value[0] if isinstance(value, tuple) else value, 0
                log(f"  ! {name}: селектор дал {value}, сырой SQL — {raw_value}")
                return "MISMATCH", raw_value[0] if isinstance(raw_value, tuple) else raw_value, 0

            value = raw_count()
            result = common.run_scenario(
                name,
                f"{path} = {value}",
                ours,
                raw_count,
                args,
                check=check,
                max_queries=KPI_QUERIES,
            )
            log(row(result))
            results.append(result)
    return results


def _fixed_counts(results: list[Result]) -> list[str]:
    """Listings whose query count changes with the page or the page size."""
    by_group: dict[str, set] = {}
    for result in results:
        if result.group:
            by_group.setdefault(result.group, set()).add(result.queries)
    for group, counts in by_group.items():
        log(f"  {group}: {', '.join(map(str, sorted(counts)))}")
    return [group for group, counts in by_group.items() if len(counts) > 1]


def run(args, info: dict) -> list[Result]:
    log("")
    log("== Мероприятия ==")
    generated = ensure_events(args.seed)
    counts = _counts()
    log("Данные: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    setting = _Setting(common.bench_members())
    from bench import events_raw

    own = events_raw.list_page(setting.who["РЦ"], "", setting.by_rc)[0]
    log(
        f"РЦ: {setting.rc.organisation} (направление {setting.rc.direction.number}); "
        f"квартал: {setting.quarter.long_label} — {own} его мероприятий."
    )
    log(f"Прогонов на сценарий: {args.runs} (после {args.warmup} разогревочных)")
    log(common.COLUMNS + " Для KPI «наш» — вызов селектора (ORM и SQL), SQL p50 — сырой агрегат.")
    load_before = common.load_average()
    common.table_header()
    results = []
    if args.only in (None, "html"):
        results += _html_scenarios(setting, args)
    if args.only in (None, "api"):
        results += _api_scenarios(setting, args)
    if args.only in (None, "kpi"):
        results += _kpi_scenarios(setting, args)
    log("")
    log("Запросов на страницу по спискам (разные страницы и page_size):")
    unfixed = _fixed_counts(results)
    missed = [r for r in results if not r.ok or r.checked != "ok" or r.group in unfixed]
    log("")
    log(
        f"Цель: SQL нашей страницы и счётчика KPI не медленнее {TARGET_RATIO:g}× сырого SQL по "
        f"p50; запросов на страницу не больше {HTML_QUERIES} (HTML), {API_QUERIES} (API), "
        f"{KPI_QUERIES} на счётчик, и их число не зависит от страницы и page_size. "
        + ("Все сценарии в цели." if not missed else f"Мимо цели: {len(missed)} сценариев.")
    )
    load_after = common.load_average()
    common.warn_if_loaded(load_before, load_after)
    report = {
        **common.report_header(args, info, load_before, load_after),
        "targets": {
            "ratio": TARGET_RATIO,
            "queries": {"html": HTML_QUERIES, "api": API_QUERIES, "kpi": KPI_QUERIES},
        },
        "organiser": {"id": setting.organiser_id, "name": str(setting.rc.organisation)},
        "quarter": {
            "label": setting.quarter.long_label,
            "start": setting.quarter.start.isoformat(),
            "end": setting.quarter.end.isoformat(),
        },
        "data": counts,
        "generation": generated,
        "results": [asdict(r) for r in results],
    }
    common.write_results(RESULTS, report)
    return missed
