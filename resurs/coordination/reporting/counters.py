"""REP-4 «считать, а не спрашивать»: what the system counts for an indicator from its own
records, with a link to the records behind the number.

An indicator names a counter by key (``Indicator.counter``). A counter is asked for one
organisation (and direction, when the report has one) over the period's dates; an in-service
report asks for its unit and specialist too (the services given, from the facts). The KPI
selectors of the other apps are the one definition of each KPI; this module only names them.
``Counting`` memoises the grouped selectors so a whole form costs one call of each."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import get_script_prefix, get_urlconf, reverse

from resurs.kernel.contributions import extension


@lru_cache(maxsize=256)
def _cached_path(name: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


def _path(name: str) -> str:
    """A list page's path: reversed once per URL name (a dashboard asks for hundreds)."""
    return _cached_path(name, get_urlconf(), get_script_prefix())


@dataclass(frozen=True)
class Counter:
    key: str
    label: str
    # (counting) -> value
    count: Callable[[Counting], object]
    # (counting) -> URL of the records behind the number, or ""
    records: Callable[[Counting], str] = lambda counting: ""


@dataclass
class Counting:
    organisation: object
    direction: object | None
    start: datetime.date
    end: datetime.date
    # In-service reports (reporting.inservice) count for one unit and, for a specialist's
    # report, for one specialist (a user); the chain between organisations leaves them empty.
    unit: object | None = None
    specialist: object | None = None
    # the contributed counters' numbers, by the function that counted them
    _contributed: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def period_kw(self) -> dict:
        """What a contributed counter's functions are called with."""
        return {
            "organisation": self.organisation,
            "direction": self.direction,
            "start": self.start,
            "end": self.end,
            "unit": self.unit,
            "specialist": self.specialist,
        }

    def contributed(self, numbers: Callable[..., Mapping]) -> Mapping:
        if numbers not in self._contributed:
            self._contributed[numbers] = numbers(**self.period_kw)
        return self._contributed[numbers]

    @property
    def _kw(self) -> dict:
        return {
            "organisation": self.organisation,
            "direction": self.direction,
            "period_start": self.start,
            "period_end": self.end,
        }

    def _query(self, **extra) -> str:
        params = {"date_from": f"{self.start:%Y-%m-%d}", "date_to": f"{self.end:%Y-%m-%d}"}
        if self.direction is not None:
            params["direction"] = self.direction.pk
        params.update(extra)
        return "?" + urlencode(params)

    @cached_property
    def events_held(self) -> int:
        from resurs.coordination.events.selectors import events_held_count

        return events_held_count(**self._kw)

    @cached_property
    def consulted(self) -> int:
        from resurs.coordination.events.selectors import consulted_organisations_count

        return consulted_organisations_count(**self._kw)

    @cached_property
    def consultations(self) -> int:
        from resurs.coordination.events.models import Consultation

        queryset = Consultation.objects.filter(
            organisation=self.organisation, held_on__gte=self.start, held_on__lte=self.end
        )
        if self.direction is not None:
            queryset = queryset.filter(direction=self.direction)
        return queryset.count()

    @cached_property
    def publications(self) -> tuple[int, int]:
        from resurs.coordination.events.selectors import publications_count

        return publications_count(**self._kw)

    @cached_property
    def registries(self) -> dict[str, int]:
        from resurs.coordination.registries.selectors import registry_counts

        return registry_counts(**self._kw)

    @cached_property
    def products_approved(self) -> int:
        from resurs.coordination.methodology.selectors import products_approved_count

        if self.direction is None:
            return 0
        return products_approved_count(**self._kw)

    @cached_property
    def partners(self) -> int:
        from resurs.coordination.registries.selectors import social_partner_count

        return social_partner_count(**self._kw)

    @cached_property
    def public_page(self):
        from resurs.coordination.public.selectors import public_page_status

        return public_page_status(self.organisation)

    @cached_property
    def roadmap(self) -> dict:
        """Execution of the organisation's roadmap of the period's year in the direction,
        as of the period's last day (roadmaps.progress rule); {} when there is none."""
        from resurs.coordination.roadmaps.models import Checkpoint, MarkResult, Roadmap
        from resurs.coordination.roadmaps.progress import annotate_percent, percent

        roadmaps = Roadmap.objects.filter(organisation=self.organisation, year=self.end.year)
        if self.direction is not None:
            roadmaps = roadmaps.filter(direction=self.direction)
        as_of = self.end + datetime.timedelta(days=1)
        row = (
            annotate_percent(roadmaps, as_of)
            .order_by("-id")
            .values("id", "counted", "score")
            .first()
        )
        if row is None:
            return {}
        checkpoints = Checkpoint.objects.filter(
            item__section__roadmap_id=row["id"], due_on__lte=self.end
        ).aggregate(
            due=Count("pk"),
            done=Count("pk", filter=Q(mark__result=MarkResult.DONE)),
            overdue=Count("pk", filter=Q(mark__isnull=True)),
        )
        return {
            "id": row["id"],
            "percent": percent(row["counted"], row["score"] or 0.0),
            **checkpoints,
        }


def _events_url(c: Counting) -> str:
    return _path("events:list") + c._query(organiser=c.organisation.pk, state="held")


def _registry_url(slug: str) -> Callable[[Counting], str]:
    """The registry's records of the organisation entered in the period (registry_counts);
    the acts' direction filter keeps the acts for every direction, as the count does."""

    def url(c: Counting) -> str:
        params = {
            "organisation": c.organisation.pk,
            "registered_from": f"{c.start:%Y-%m-%d}",
            "registered_to": f"{c.end:%Y-%m-%d}",
        }
        if c.direction is not None:
            params["direction"] = c.direction.pk
        return _path(f"registries:{slug}_list") + "?" + urlencode(params)

    return url


def _partners_url(c: Counting) -> str:
    """The participants of the partner categories taking part in the period
    (social_partner_count); the page says how many organisations they are."""
    params = {
        "organisation": c.organisation.pk,
        "category": "partners",
        "active_from": f"{c.start:%Y-%m-%d}",
        "active_to": f"{c.end:%Y-%m-%d}",
    }
    if c.direction is not None:
        params["direction"] = c.direction.pk
    return _path("registries:participants_list") + "?" + urlencode(params)


def _products_approved_url(c: Counting) -> str:
    """The products kept by the organisation in the direction approved in the period
    (methodology_counts["products_approved"]); counted only for a direction."""
    if c.direction is None:
        return ""
    params = {
        "keeper": c.organisation.pk,
        "state": "approved",
        "decided_from": f"{c.start:%Y-%m-%d}",
        "decided_to": f"{c.end:%Y-%m-%d}",
        "direction": c.direction.pk,
    }
    return _path("methodology:product_list") + "?" + urlencode(params)


def _consulted_url(c: Counting) -> str:
    """The organisations behind KPI 6.3, each with its consultations and events."""
    return _path("reporting:kpi_consulted") + c._query(organisation=c.organisation.pk)


def _public_url(c: Counting) -> str:
    from resurs.coordination.public.models import PublicPage

    slug = (
        PublicPage.objects.filter(organisation=c.organisation, is_published=True)
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("public:page", args=[slug]) if slug else ""


def _roadmap_url(c: Counting) -> str:
    roadmap_id = c.roadmap.get("id")
    return reverse("roadmaps:detail", args=[roadmap_id]) + "?tab=execution" if roadmap_id else ""


COUNTERS: dict[str, Counter] = {
    counter.key: counter
    for counter in (
        Counter(
            "public_page",
            "6.1 Открытый раздел центра опубликован",
            lambda c: c.public_page[0],
            _public_url,
        ),
        Counter("events_held", "6.2 Проведённые мероприятия", lambda c: c.events_held, _events_url),
        Counter(
            "consulted_organisations",
            "6.3 Организации, получившие консультационно-методическую поддержку",
            lambda c: c.consulted,
            _consulted_url,
        ),
        Counter(
            "consultations",
            "Проведённые консультации",
            lambda c: c.consultations,
            lambda c: _path("events:consultation_list") + c._query(organisation=c.organisation.pk),
        ),
        Counter(
            "publications",
            "6.4 Публикации",
            lambda c: c.publications[0],
            lambda c: _path("events:publication_list") + c._query(organisation=c.organisation.pk),
        ),
        Counter(
            "publications_mass_media",
            "6.4 Публикации в СМИ",
            lambda c: c.publications[1],
            lambda c: (
                _path("events:publication_list")
                + c._query(organisation=c.organisation.pk, mass_media="yes")
            ),
        ),
        Counter(
            "registry_participants",
            "6.5 Участники (реестр)",
            lambda c: c.registries["participants"],
            _registry_url("participants"),
        ),
        Counter(
            "registry_legal_acts",
            "6.5 Нормативные правовые акты",
            lambda c: c.registries["legal_acts"],
            _registry_url("acts"),
        ),
        Counter(
            "registry_technologies",
            "6.5 Инновационные технологии и методики",
            lambda c: c.registries["technologies"],
            _registry_url("technologies"),
        ),
        Counter(
            "registry_articles",
            "6.5 Статьи «Из опыта работы»",
            lambda c: c.registries["articles"],
            _registry_url("articles"),
        ),
        Counter(
            "registry_social_practices",
            "6.5 Социальные практики",
            lambda c: c.registries["social_practices"],
            _registry_url("practices"),
        ),
        Counter(
            "products_approved",
            "6.5 Методические продукты, рекомендованные экспертным советом",
            lambda c: c.products_approved,
            _products_approved_url,
        ),
        Counter(
            "social_partners",
            "6.6 Социальные партнёры",
            lambda c: c.partners,
            _partners_url,
        ),
        Counter(
            "roadmap_execution",
            "Исполнение дорожной карты, %",
            lambda c: c.roadmap.get("percent"),
            _roadmap_url,
        ),
        Counter(
            "roadmap_checkpoints_done",
            "Контрольные точки дорожной карты выполнены",
            lambda c: c.roadmap.get("done", 0),
            _roadmap_url,
        ),
        Counter(
            "roadmap_checkpoints_overdue",
            "Контрольные точки дорожной карты без отметки",
            lambda c: c.roadmap.get("overdue", 0),
            _roadmap_url,
        ),
    )
}


def _contributed_counter(entry: Mapping) -> Counter:
    numbers, value, records = entry["numbers"], entry["value"], entry.get("records")

    def count(counting: Counting) -> object:
        return counting.contributed(numbers)[value]

    def link(counting: Counting) -> str:
        return records(**counting.period_kw) if records else ""

    return Counter(entry["key"], entry["label"], count, link)


def counters() -> dict[str, Counter]:
    """Reporting's own counters and those the apps contribute at ``reporting_counters``."""
    found = dict(COUNTERS)
    for entry in extension("reporting_counters"):
        if entry["key"] in found:
            raise LookupError(f"Two counters are called «{entry['key']}»")
        found[entry["key"]] = _contributed_counter(entry)
    return found


def counter_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(key, counter.label) for key, counter in counters().items()]
