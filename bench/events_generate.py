"""Ten years of a region's events, on top of the directory of ``bench.generate``.

200,000 events of the resource centres (every RC of the directory organises in the
directions of its orders; the Department and the methodological centre a few), exactly
1,000,000 participations (people with their organisation, and organisations as a whole,
with their status), consultations with the organisations consulted, media plans with their
items, publications, and the RCs' registries of participants (social partners among them):
enough for KPI 6.2–6.4 and 6.6 of any RC and quarter.

The benchmark's RC (``bench-rc``) is among the busiest: about 2 % of everything, some 150
events a quarter lately, so that its quarter fills three pages of the list. Activity grows
over the years. Everything is written with ``bulk_create`` in one transaction; the derived
fields the models' ``save()`` fills (``search_text``) are filled here by the same function
(``search_text_of``), and a
publication's ``is_mass_media`` follows its channel as ``resurs.coordination.events.services`` does.
"""

import bisect
import datetime
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from bench.generate import (
    BENCH_RC,
    POSITIONS,
    STREETS,
    WORDS,
    _batched,
    _full_name,
    _person,
)
from resurs.coordination.events.models import (
    MASS_MEDIA_CHANNELS,
    Consultation,
    ConsultationAudience,
    ConsultationGrouping,
    ConsultationMode,
    Event,
    EventFormat,
    EventKind,
    EventState,
    MediaPlan,
    MediaPlanItem,
    Participation,
    ParticipationStatus,
    Publication,
    PublicationChannel,
)
from resurs.coordination.events.rules import METHODOLOGICAL_SUPPORT_KINDS
from resurs.coordination.registries.models import (
    Participant,
    ParticipantCategory,
    ParticipantStatus,
)
from resurs.kernel.accounts.models import Membership
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.models import (
    Direction,
    Organisation,
    OrganisationKind,
    Region,
    ResourceCentreStatus,
)
from resurs.kernel.search import search_text_of
from resurs.kernel.workcalendar.periods import period_of, quarter_of

EVENTS = 200_000
PARTICIPATIONS = 1_000_000
CONSULTATIONS = 60_000
PUBLICATIONS = 40_000
MEDIA_PLAN_ITEMS = 8  # a plan's items
YEARS = 10
BENCH_RC_SHARE = 0.02  # of events, consultations and publications
COORDINATION_SHARE = 0.01  # each of the Department and the methodological centre
CHUNK = 20_000  # events created (and their participations built) at a time

KIND_WEIGHTS = {
    EventKind.SEMINAR: 20,
    EventKind.WEBINAR: 15,
    EventKind.MASTER_CLASS: 10,
    EventKind.ROUND_TABLE: 8,
    EventKind.INTERNSHIP: 8,
    EventKind.MO_MEETING: 8,
    EventKind.DISCUSSION_PLATFORM: 6,
    EventKind.OPEN_DAY: 5,
    EventKind.CONFERENCE: 4,
    EventKind.EXHIBITION: 3,
    EventKind.FORUM: 2,
    EventKind.OTHER: 11,
}
THEMES = (
    "Организация ранней помощи детям и их семьям",
    "Социальная реабилитация и абилитация инвалидов",
    "Активное долголетие граждан старшего поколения",
    "Сопровождаемое проживание инвалидов",
    "Профилактика семейного неблагополучия",
    "Система долговременного ухода",
    "Социальное сопровождение семей с детьми",
    "Стационарозамещающие технологии",
    "Работа с лицами без определённого места жительства",
    "Добровольчество в социальной сфере",
    "Технологии социальной работы с пожилыми",
    "Психологическая помощь семьям участников СВО",
    "Межведомственное взаимодействие в социальном обслуживании",
    "Негосударственные поставщики социальных услуг",
    "Независимая оценка качества социальных услуг",
)
ASPECTS = (
    "опыт учреждений автономного округа",
    "нормативная база и изменения",
    "новые технологии и методики",
    "итоги и планы",
    "межведомственное взаимодействие",
    "практикум для специалистов",
    "разбор случаев",
    "ответы на вопросы",
    "оценка эффективности",
    "работа с семьёй",
)
ORGANISATIONS_OUTSIDE = (
    "ИП Сидорова Е. В.",
    "Частная практика",
    "Родительский клуб",
    "Городская общественная приёмная",
    "МАДОУ «Детский сад № 7»",
)
CHANNEL_WEIGHTS = {
    PublicationChannel.WEBSITE: 35,
    PublicationChannel.SOCIAL: 30,
    PublicationChannel.NEWSPAPER: 12,
    PublicationChannel.TV: 6,
    PublicationChannel.RADIO: 4,
    PublicationChannel.MAGAZINE: 3,
    PublicationChannel.LIVE: 4,
    PublicationChannel.PRINT: 4,
    PublicationChannel.OTHER: 2,
}
OUTLETS = {
    PublicationChannel.NEWSPAPER: ("Новости Югры", "Варта", "Сургутская трибуна", "Местное время"),
    PublicationChannel.MAGAZINE: ("Социальная защита Югры", "Социальное обслуживание"),
    PublicationChannel.TV: ("ГТРК «Югория»", "Самотлор-ТВ", "СургутИнформ-ТВ"),
    PublicationChannel.RADIO: ("Радио России — Югория", "Радио Сургута"),
}
PARTICIPATION_FORMS = (
    "соисполнитель «дорожной карты»",
    "стажировочная площадка",
    "участник методического объединения",
    "соглашение о сотрудничестве",
    "участник пилотного проекта",
    "совместные мероприятия",
)
PARTNER_KINDS = {
    OrganisationKind.SOCIAL_PARTNER: ParticipantCategory.SOCIAL_PARTNER,
    OrganisationKind.INTERAGENCY: ParticipantCategory.SOCIAL_PARTNER,
    OrganisationKind.VOLUNTEER: ParticipantCategory.VOLUNTEER,
}
PROVIDER_KINDS = {
    OrganisationKind.STATE_INSTITUTION: ParticipantCategory.STATE_PROVIDER,
    OrganisationKind.NON_STATE_PROVIDER: ParticipantCategory.NON_STATE_PROVIDER,
}


@dataclass
class Generated:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def is_empty() -> bool:
    return not Event.objects.exists()


def bench_quarter(today: datetime.date | None = None):
    """The quarter the suite measures: the last one that has ended."""
    current = quarter_of(today or timezone.localdate())
    return quarter_of(current.start - datetime.timedelta(days=1))


@dataclass
class _World:
    """What the generator reads from the directory."""

    today: datetime.date
    now: datetime.datetime
    zone: ZoneInfo
    quarters: list  # Periods, oldest first, the next (planned) quarter last
    quarter_weights: list  # cumulative
    organisers: list  # organisation ids
    organiser_weights: list  # cumulative
    directions_of: dict  # organiser → its RC directions (ids)
    all_directions: list
    pools: dict  # direction id → ids of organisations working in it
    partners: dict  # direction id → ids of social partners, interagency, volunteers
    kind_of: dict  # organisation id → kind
    authors: dict  # organisation id → user ids that may record its events
    centres: list  # (organisation id, direction id) of every RC order chain
    bench_rc: int


def _world(rng: random.Random) -> _World:
    region = Region.objects.order_by("pk").first()
    zone = ZoneInfo(region.timezone if region else "Asia/Yekaterinburg")
    now = timezone.now()
    today = timezone.localtime(now, zone).date()
    current = quarter_of(today)
    first = period_of(datetime.date(current.start.year - YEARS, current.start.month, 1), 3)
    quarters = [first]
    while quarters[-1].start <= current.start:
        quarters.append(quarter_of(quarters[-1].end + datetime.timedelta(days=1)))
    # Activity grows over the years: the last quarters hold about four times the first.
    weights = [1 + 0.08 * i for i in range(len(quarters))]
    directions = [d.pk for d in Direction.objects.order_by("number")]
    kind_of = dict(Organisation.objects.values_list("pk", "kind"))
    through = Organisation.directions.through.objects.values_list("direction_id", "organisation_id")
    pools: dict = {d: [] for d in directions}
    partners: dict = {d: [] for d in directions}
    for direction_id, organisation_id in through.order_by("direction_id", "organisation_id"):
        kind = kind_of[organisation_id]
        if kind in PROVIDER_KINDS:
            pools[direction_id].append(organisation_id)
        elif kind in PARTNER_KINDS:
            partners[direction_id].append(organisation_id)
    pools[None] = sorted({o for ids in pools.values() for o in ids})
    centres = sorted(
        set(ResourceCentreStatus.objects.values_list("organisation_id", "direction_id"))
    )
    directions_of: dict = {}
    for organisation_id, direction_id in centres:
        directions_of.setdefault(organisation_id, []).append(direction_id)
    bench = Membership.objects.get(user__username=BENCH_RC)
    bench_rc = bench.organisation_id
    # The bench RC's users work in one direction: its events are in that one first.
    own = directions_of[bench_rc]
    directions_of[bench_rc] = [bench.direction_id] + [d for d in own if d != bench.direction_id]
    coordination = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.DEPARTMENT, OrganisationKind.METHODICAL_CENTRE]
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    others = sorted(o for o in directions_of if o != bench_rc)
    activity = [rng.lognormvariate(0, 0.7) for _ in others]
    spread = (1 - BENCH_RC_SHARE - COORDINATION_SHARE * len(coordination)) / sum(activity)
    organisers = [bench_rc, *coordination, *others]
    shares = [BENCH_RC_SHARE] + [COORDINATION_SHARE] * len(coordination)
    shares += [a * spread for a in activity]
    authors: dict = {}
    roles = (Role.RESOURCE_CENTRE, Role.DEPARTMENT, Role.METHODICAL_CENTRE)
    for organisation_id, user_id in (
        Membership.objects.filter(organisation_id__in=organisers, role__in=roles)
        .order_by("pk")
        .values_list("organisation_id", "user_id")
    ):
        authors.setdefault(organisation_id, []).append(user_id)
    return _World(
        today=today,
        now=now,
        zone=zone,
        quarters=quarters,
        quarter_weights=_cumulative(weights),
        organisers=organisers,
        organiser_weights=_cumulative(shares),
        directions_of=directions_of,
        all_directions=directions,
        pools=pools,
        partners=partners,
        kind_of=kind_of,
        authors=authors,
        centres=centres,
        bench_rc=bench_rc,
    )


def _cumulative(weights: list) -> list:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _direction(rng, world: _World, organiser: int) -> int | None:
    own = world.directions_of.get(organiser)
    if own is None:  # the Department or the methodological centre
        return rng.choice(world.all_directions) if rng.random() < 0.7 else None
    # An RC works mostly in its first direction (its users' one).
    return own[0] if len(own) == 1 or rng.random() < 0.75 else rng.choice(own[1:])


def _day(rng, world: _World, *, past: bool) -> datetime.date:
    """A day of a quarter chosen by activity; ``past``: not after today."""
    while True:
        quarter = rng.choices(world.quarters, cum_weights=world.quarter_weights)[0]
        day = quarter.start + datetime.timedelta(
            days=rng.randrange((quarter.end - quarter.start).days + 1)
        )
        if not past or day <= world.today:
            return day


def _mobile(rng) -> str:
    return f"+7 (9{rng.randint(10, 99)}) {rng.randint(100, 999)}-{rng.randint(10, 99)}-00"


def _topic(rng) -> str:
    return f"{rng.choice(THEMES)}: {rng.choice(ASPECTS)}"


def _participation_plan(rng) -> list[tuple[int, int]]:
    """(organisations, people) per event, exactly PARTICIPATIONS in all."""
    plan = [
        [rng.choices((0, 1, 2, 3, 4), (30, 25, 20, 15, 10))[0], rng.randint(0, 7)]
        for _ in range(EVENTS)
    ]
    difference = PARTICIPATIONS - sum(a + b for a, b in plan)
    while difference:
        counts = plan[rng.randrange(EVENTS)]
        if difference > 0:
            counts[1] += 1
            difference -= 1
        elif counts[1] > 0:
            counts[1] -= 1
            difference += 1
    return [(a, b) for a, b in plan]


class _Events:
    def __init__(self, rng, world: _World):
        self.rng = rng
        self.world = world
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = _cumulative(list(KIND_WEIGHTS.values()))
        self.held: dict = {}  # organiser → sorted [(day, event id)] of its held events

    def event(self) -> Event:
        rng, world = self.rng, self.world
        organiser = rng.choices(world.organisers, cum_weights=world.organiser_weights)[0]
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        day = _day(rng, world, past=False)
        starts_at = datetime.datetime.combine(
            day, datetime.time(rng.randint(9, 16), rng.choice((0, 30))), tzinfo=world.zone
        )
        if kind in (EventKind.INTERNSHIP, EventKind.FORUM, EventKind.EXHIBITION) and (
            rng.random() < 0.5
        ):
            ends_at = starts_at + datetime.timedelta(days=rng.randint(1, 3), hours=6)
        else:
            ends_at = starts_at + datetime.timedelta(hours=rng.randint(1, 4))
        fmt = rng.choices(list(EventFormat), (55, 25, 20))[0]
        place = link = ""
        if fmt != EventFormat.ONLINE:
            place = f"ул. {rng.choice(STREETS)}, д. {rng.randint(1, 120)}, актовый зал"
        if fmt != EventFormat.IN_PERSON:
            link = f"https://example.org/events/{rng.randrange(10**6)}"
        topic = _topic(rng)
        description = ""
        if rng.random() < 0.4:
            description = f"Для специалистов учреждений. Ведущие: {_full_name(rng)}."
        if starts_at > world.now:
            state = EventState.PLANNED
        else:
            state = rng.choices(
                (EventState.HELD, EventState.CANCELLED, EventState.PLANNED), (92, 4, 4)
            )[0]
        training = kind in METHODOLOGICAL_SUPPORT_KINDS and rng.random() < 0.1
        authors = world.authors.get(organiser)
        return Event(
            organiser_id=organiser,
            direction_id=_direction(rng, world, organiser),
            kind=kind,
            topic=topic,
            description=description,
            format=fmt,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            link=link,
            is_public=rng.random() < 0.3,
            state=state,
            nominations_open=training,
            nomination_deadline=day - datetime.timedelta(days=7) if training else None,
            places=rng.choice((20, 30, 50, 100)) if rng.random() < 0.3 else None,
            search_text=search_text_of(topic, place, description),
            created_by_id=rng.choice(authors) if authors else None,
        )

    def participations(self, event: Event, organisations: int, people: int):
        rng = self.rng
        pool = self.world.pools[event.direction_id]
        held = event.state == EventState.HELD

        def status():
            if not held:
                return ParticipationStatus.REGISTERED
            return rng.choices(
                (
                    ParticipationStatus.ATTENDED,
                    ParticipationStatus.ABSENT,
                    ParticipationStatus.REGISTERED,
                ),
                (80, 12, 8),
            )[0]

        for organisation_id in rng.sample(pool, organisations):
            yield Participation(event_id=event.pk, organisation_id=organisation_id, status=status())
        for _ in range(people):
            organisation_id = rng.choice(pool) if rng.random() < 0.8 else None
            yield Participation(
                event_id=event.pk,
                organisation_id=organisation_id,
                organisation_name="" if organisation_id else rng.choice(ORGANISATIONS_OUTSIDE),
                person_name=" ".join(_person(rng)),
                position=rng.choice(POSITIONS),
                contact=_mobile(rng),
                status=status(),
            )

    def remember(self, event: Event) -> None:
        if event.state == EventState.HELD:
            day = timezone.localtime(event.starts_at, self.world.zone).date()
            self.held.setdefault(event.organiser_id, []).append((day, event.pk))

    def held_before(self, organiser: int, day: datetime.date) -> int | None:
        """A held event of the organiser in the 60 days up to ``day`` (for a publication)."""
        events = self.held.get(organiser)
        if not events:
            return None
        i = bisect.bisect_right(events, (day, float("inf")))
        start = bisect.bisect_left(events, (day - datetime.timedelta(days=60), 0))
        return self.rng.choice(events[start:i])[1] if i > start else None


def generate(seed: int = 86, log=print) -> Generated:
    """Fills the events of an empty events schema (one transaction), then, on PostgreSQL,
    VACUUM (ANALYZE): what autovacuum does to a table after a million inserts, so that the
    planner has statistics and a COUNT(*) may read an index alone."""
    with _sqlite_cache():
        out = _generate(seed, log)
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        out.seconds["vacuum_analyze"] = round(time.perf_counter() - started, 2)
    return out


@contextmanager
def _sqlite_cache(kibibytes: int = 256 * 1024):
    """A bigger page cache while a million rows go into four indexes (about 15 % faster);
    the connection gets its own size back before anything is timed."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-kibibytes}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


@transaction.atomic
def _generate(seed: int, log) -> Generated:
    rng = random.Random(seed * 1000 + 9)
    out = Generated()

    def step(name, started, count):
        out.seconds[name] = round(time.perf_counter() - started, 2)
        out.counts[name] = count
        log(f"  {name}: {count} за {out.seconds[name]} с")

    started = time.perf_counter()
    world = _world(rng)
    events_maker = _Events(rng, world)
    plan = _participation_plan(rng)
    events = participations = 0
    for first in range(0, EVENTS, CHUNK):
        chunk = [events_maker.event() for _ in range(min(CHUNK, EVENTS - first))]
        chunk.sort(key=lambda e: e.starts_at)  # ids grow with the date, as in real life
        _batched(chunk, Event)
        batch = []
        for event, (organisations, people) in zip(chunk, plan[first:], strict=False):
            events_maker.remember(event)
            batch.extend(events_maker.participations(event, organisations, people))
        participations += len(_batched(batch, Participation))
        events += len(chunk)
    for held in events_maker.held.values():
        held.sort()
    step("events", started, f"{events} (+{participations} участий)")

    started = time.perf_counter()
    consultations, consulted = _consultations(rng, world)
    step("consultations", started, f"{consultations} (+{consulted} консультируемых организаций)")

    started = time.perf_counter()
    plans, items, publications = _publications(rng, world, events_maker)
    step("publications", started, f"{publications} (+{plans} медиапланов, {items} пунктов)")

    started = time.perf_counter()
    participants = _participants(rng, world)
    step("participants", started, participants)
    return out


def _organisation_and_direction(rng, world: _World) -> tuple[int, int | None]:
    """An RC (by its activity) and one of its directions, for a consultation or a publication."""
    organiser = rng.choices(world.organisers, cum_weights=world.organiser_weights)[0]
    return organiser, _direction(rng, world, organiser)


def _consultations(rng, world: _World) -> tuple[int, int]:
    audiences = list(ConsultationAudience)
    consultations = []
    chosen = []
    for _ in range(CONSULTATIONS):
        organisation_id, direction_id = _organisation_and_direction(rng, world)
        audience = rng.choices(audiences, (45, 25, 30))[0]
        group = rng.random() < 0.3
        topic = _topic(rng)
        specialist_name = f"{_full_name(rng)}, {rng.choice(POSITIONS)}"
        consultations.append(
            Consultation(
                organisation_id=organisation_id,
                direction_id=direction_id,
                audience=audience,
                people_count=rng.randint(2, 20) if group else 1,
                form=ConsultationGrouping.GROUP if group else ConsultationGrouping.INDIVIDUAL,
                mode=rng.choice(list(ConsultationMode)),
                held_on=_day(rng, world, past=True),
                topic=topic,
                specialist_name=specialist_name,
                search_text=search_text_of(topic, specialist_name),
            )
        )
        pool = world.pools[direction_id]
        if audience == ConsultationAudience.ORGANISATIONS:
            count = rng.choices((1, 2, 3), (60, 25, 15))[0]
        elif audience == ConsultationAudience.SPECIALISTS:
            count = 1 if rng.random() < 0.5 else 0
        else:
            count = 0
        chosen.append([o for o in rng.sample(pool, count) if o != organisation_id] or [])
        if audience == ConsultationAudience.ORGANISATIONS and not chosen[-1]:
            chosen[-1] = [next(o for o in pool if o != organisation_id)]
    _batched(consultations, Consultation)
    through = Consultation.consulted_organisations.through
    links = [
        through(consultation_id=c.pk, organisation_id=o)
        for c, ids in zip(consultations, chosen, strict=True)
        for o in ids
    ]
    _batched(links, through)
    return len(consultations), len(links)


def _publications(rng, world: _World, events_maker: _Events) -> tuple[int, int, int]:
    first_year, last_year = world.quarters[0].start.year, world.today.year
    plans = [
        MediaPlan(
            organisation_id=organisation_id,
            direction_id=world.directions_of.get(organisation_id, [None])[0],
            year=year,
            title=f"Медиаплан информационного сопровождения на {year} год",
            approved_on=datetime.date(year, 1, rng.randint(10, 28)),
            approval_order=f"приказ № {rng.randint(1, 300)}-о",
        )
        for organisation_id in world.organisers
        for year in range(first_year, last_year + 1)
    ]
    _batched(plans, MediaPlan)
    channels = list(CHANNEL_WEIGHTS)
    channel_weights = _cumulative(list(CHANNEL_WEIGHTS.values()))
    items = []
    for plan in plans:
        for number in range(1, MEDIA_PLAN_ITEMS + 1):
            quarter = (number - 1) % 4 + 1
            items.append(
                MediaPlanItem(
                    plan_id=plan.pk,
                    number=number,
                    topic=f"Информационное сопровождение: {rng.choice(THEMES).lower()}",
                    channel=rng.choices(channels, cum_weights=channel_weights)[0],
                    timeframe=f"{quarter} квартал {plan.year} года",
                    deadline=period_of(datetime.date(plan.year, quarter * 3, 1), 3).end,
                    responsible_text=_full_name(rng),
                )
            )
    _batched(items, MediaPlanItem)
    items_of: dict = {}
    for item in items:
        items_of.setdefault(item.plan_id, []).append(item)
    plan_of = {(p.organisation_id, p.year): p.pk for p in plans}
    publications = []
    for _ in range(PUBLICATIONS):
        organisation_id, direction_id = _organisation_and_direction(rng, world)
        channel = rng.choices(channels, cum_weights=channel_weights)[0]
        published_on = _day(rng, world, past=True)
        title = f"{rng.choice(THEMES)}: {rng.choice(WORDS).lower()} — {rng.choice(ASPECTS)}"
        outlet = rng.choice(OUTLETS.get(channel, ("",)))
        link = ""
        if channel in (PublicationChannel.WEBSITE, PublicationChannel.SOCIAL):
            link = f"https://example.org/news/{rng.randrange(10**7)}"
        item_id = None
        plan_id = plan_of.get((organisation_id, published_on.year))
        if plan_id and rng.random() < 0.4:
            item_id = rng.choice(items_of[plan_id]).pk
        event_id = None
        if rng.random() < 0.3:
            event_id = events_maker.held_before(organisation_id, published_on)
        publications.append(
            Publication(
                organisation_id=organisation_id,
                direction_id=direction_id,
                channel=channel,
                published_on=published_on,
                title=title,
                link=link,
                outlet=outlet,
                is_mass_media=channel in MASS_MEDIA_CHANNELS,
                plan_item_id=item_id,
                event_id=event_id,
                search_text=search_text_of(title, outlet),
            )
        )
    _batched(publications, Publication)
    return len(plans), len(items), len(publications)


def _participants(rng, world: _World) -> int:
    first_day = world.quarters[0].start
    span = (world.today - first_day).days
    participants = []
    for owner, direction_id in world.centres:
        providers = [o for o in world.pools[direction_id] if o != owner]
        partners = [o for o in world.partners[direction_id] if o != owner]
        size = 150 if owner == world.bench_rc else rng.randint(10, 80)
        count = min(len(partners), round(size * 0.35))
        chosen = rng.sample(partners, count) + rng.sample(providers, size - count)
        for organisation_id in chosen:
            kind = world.kind_of[organisation_id]
            category = PARTNER_KINDS.get(kind) or PROVIDER_KINDS[kind]
            joined_on = first_day + datetime.timedelta(days=rng.randrange(span))
            left_on = None
            if rng.random() < 0.15:
                left_on = joined_on + datetime.timedelta(days=rng.randint(30, 1500))
                if left_on > world.today:
                    left_on = None
            number = date = None
            if rng.random() < 0.6:
                number = f"{rng.randint(1, 400)}-С"
                date = joined_on - datetime.timedelta(days=rng.randint(0, 14))
            form = rng.choice(PARTICIPATION_FORMS)
            participants.append(
                Participant(
                    owner_id=owner,
                    direction_id=direction_id,
                    organisation_id=organisation_id,
                    category=category,
                    participation_form=form,
                    joined_on=joined_on,
                    agreement_number=number or "",
                    agreement_date=date,
                    status=ParticipantStatus.LEFT if left_on else ParticipantStatus.ACTIVE,
                    left_on=left_on,
                    is_public=rng.random() < 0.3,
                    registered_on=min(
                        joined_on + datetime.timedelta(days=rng.randint(0, 20)), world.today
                    ),
                    search_text=search_text_of(form, number or ""),
                )
            )
    _batched(participants, Participant)
    return len(participants)
