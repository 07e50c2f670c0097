"""Reads of events, the training plan, consultations, media plans and publications.

Every page, export and API list gets its queryset here, starting from ``visible_to``. The KPI
counts (REP-5 6.2–6.4) and the public section's upcoming events are plain counts for one
organisation: whoever calls them decides who may see the number.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.coordination.events.models import (
    Consultation,
    Event,
    EventState,
    MediaPlan,
    MediaPlanItem,
    Nomination,
    NominationState,
    Participation,
    ParticipationStatus,
    Publication,
)
from resurs.coordination.events.rules import METHODOLOGICAL_SUPPORT_KINDS
from resurs.kernel.organisations.models import (
    Appointment,
    Organisation,
    OrganisationKind,
    ResourceCentreStatus,
)
from resurs.kernel.workcalendar.periods import day_bounds

# --- events (EVT-1) --------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilter:
    text: str = ""
    kind: str = ""
    direction_id: int | None = None
    organiser_id: int | None = None
    format: str = ""
    state: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    is_public: bool | None = None
    nominations_open: bool | None = None


def _filter_events(queryset, filters: EventFilter):
    queryset = queryset.search(filters.text)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.organiser_id:
        queryset = queryset.filter(organiser_id=filters.organiser_id)
    if filters.format:
        queryset = queryset.filter(format=filters.format)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.date_from or filters.date_to:
        start, end = day_bounds(
            filters.date_from or datetime.date(1900, 1, 1),
            filters.date_to or datetime.date(2999, 12, 30),
        )
        queryset = queryset.filter(starts_at__gte=start, starts_at__lt=end)
    if filters.is_public is not None:
        queryset = queryset.filter(is_public=filters.is_public)
    if filters.nominations_open is not None:
        queryset = queryset.filter(nominations_open=filters.nominations_open)
    return queryset


# What a list row shows; the description and the search text stay in the database.
EVENT_LIST_COLUMNS = (
    "id", "kind", "topic", "format", "starts_at", "ends_at", "place", "link", "state",
    "is_public", "nominations_open", "nomination_deadline", "places", "version",
    "organiser__name", "organiser__short_name", "direction__number", "direction__short_name",
)  # fmt: skip


def events_visible_to(who, filters: EventFilter | None = None):
    """EVT-1: the events ``who`` may see, filtered, newest first, with organiser and direction."""
    queryset = _filter_events(Event.objects.visible_to(who), filters or EventFilter())
    return queryset.select_related("organiser", "direction").order_by("-starts_at", "-id")


def event_for(who, pk) -> Event:
    """One event's card, or 404 when it does not exist or is out of scope."""
    queryset = Event.objects.visible_to(who).select_related(
        "organiser__territory__region", "direction", "created_by"
    )
    return get_object_or_404(queryset, pk=pk)


def events_in_days(who, first: datetime.date, last: datetime.date, filters=None, limit=None):
    """EVT-1 calendar: events overlapping [first, last] (local days), earliest first."""
    start, end = day_bounds(first, last)
    queryset = _filter_events(Event.objects.visible_to(who), filters or EventFilter())
    queryset = (
        queryset.filter(starts_at__lt=end, ends_at__gte=start)
        .select_related("organiser", "direction")
        .only(*EVENT_LIST_COLUMNS)
        .order_by("starts_at", "id")
    )
    return list(queryset[:limit] if limit else queryset)


def event_organisers_for(who):
    """The organisations a filter offers as organisers: the coordination bodies and every
    institution that holds or held RC status, plus the user's own organisation."""
    from resurs.kernel.accounts.scoping import scope_of

    scope = scope_of(who)
    own = scope.organisation_id if scope else None
    organisers = Q(pk__in=ResourceCentreStatus.objects.values("organisation_id")) | Q(
        kind__in=[OrganisationKind.DEPARTMENT, OrganisationKind.METHODICAL_CENTRE]
    )
    if own:
        organisers |= Q(pk=own)
    return (
        Organisation.objects.visible_to(who)
        .in_region_of(who)
        .filter(organisers)
        .only("id", "name", "short_name")
        .order_by("name", "id")
    )


def held_events_for_choice(who, organiser_id=None):
    """Events a publication may be about: held events of the last two years."""
    since, _end = day_bounds(
        datetime.date(timezone.localdate().year - 1, 1, 1), timezone.localdate()
    )
    queryset = Event.objects.visible_to(who).filter(state=EventState.HELD, starts_at__gte=since)
    if organiser_id:
        queryset = queryset.filter(organiser_id=organiser_id)
    return queryset.only("id", "kind", "topic", "starts_at").order_by("-starts_at", "-id")


def organisation_choices_for(who):
    """Organisations ``who`` may pick as participants or consulted (the directory's scope)."""
    return Organisation.objects.visible_to(who).only("id", "name", "short_name").order_by("name")


def participations_of(who, event: Event):
    """The participants of an event that ``who`` may see: all of them for the organiser's
    side, only its own people for a participating provider (personal data)."""
    return (
        Participation.objects.visible_to(who)
        .filter(event=event)
        .select_related("organisation", "nomination")
        .order_by("person_name", "organisation__name", "id")
    )


def participation_for(who, pk) -> Participation:
    queryset = Participation.objects.visible_to(who).select_related("event", "organisation")
    return get_object_or_404(queryset, pk=pk)


def participation_counts(event: Event) -> dict:
    """People and organisations registered and attended, for the card's summary."""
    return event.participations.aggregate(
        people=Count("id", filter=~Q(person_name="")),
        people_attended=Count(
            "id", filter=~Q(person_name="") & Q(status=ParticipationStatus.ATTENDED)
        ),
        organisations=Count("organisation", distinct=True),
    )


# --- training plan (EVT-2) -------------------------------------------------------------------


@dataclass(frozen=True)
class NominationFilter:
    event_id: int | None = None
    organisation_id: int | None = None
    state: str = ""


def nominations_visible_to(who, filters: NominationFilter | None = None):
    filters = filters or NominationFilter()
    queryset = Nomination.objects.visible_to(who)
    if filters.event_id:
        queryset = queryset.filter(event_id=filters.event_id)
    if filters.organisation_id:
        queryset = queryset.filter(organisation_id=filters.organisation_id)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    return queryset.select_related(
        "event__organiser", "event__direction", "organisation", "participation"
    ).order_by("-created_at", "-id")


def nomination_for(who, pk) -> Nomination:
    queryset = Nomination.objects.visible_to(who).select_related(
        "event__organiser", "event__direction", "organisation", "participation"
    )
    return get_object_or_404(queryset, pk=pk)


def training_plan_for(who):
    """EVT-2: the training events ``who`` sees that are open for nominations and still ahead,
    with how many nominations are waiting and confirmed."""
    waiting = Count("nominations", filter=Q(nominations__state=NominationState.PROPOSED))
    confirmed = Count("nominations", filter=Q(nominations__state=NominationState.CONFIRMED))
    return (
        Event.objects.visible_to(who)
        .filter(nominations_open=True, state=EventState.PLANNED, ends_at__gte=timezone.now())
        .select_related("organiser", "direction")
        .annotate(waiting_count=waiting, confirmed_count=confirmed)
        .order_by("starts_at", "id")
    )


# --- consultations (EVT-3) -------------------------------------------------------------------


@dataclass(frozen=True)
class ConsultationFilter:
    text: str = ""
    audience: str = ""
    form: str = ""
    mode: str = ""
    direction_id: int | None = None
    organisation_id: int | None = None
    consulted_organisation_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def consultations_visible_to(who, filters: ConsultationFilter | None = None):
    """EVT-3: consultations ``who`` may see, newest first, consulted organisations prefetched."""
    filters = filters or ConsultationFilter()
    queryset = Consultation.objects.visible_to(who).search(filters.text)
    for name in ("audience", "form", "mode"):
        if getattr(filters, name):
            queryset = queryset.filter(**{name: getattr(filters, name)})
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.organisation_id:
        queryset = queryset.filter(organisation_id=filters.organisation_id)
    if filters.consulted_organisation_id:
        queryset = queryset.filter(
            Exists(
                Consultation.consulted_organisations.through.objects.filter(
                    consultation_id=OuterRef("pk"),
                    organisation_id=filters.consulted_organisation_id,
                )
            )
        )
    if filters.date_from:
        queryset = queryset.filter(held_on__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(held_on__lte=filters.date_to)
    consulted = Prefetch(
        "consulted_organisations",
        queryset=Organisation.objects.only("id", "name", "short_name"),
        to_attr="consulted_list",
    )
    return (
        queryset.select_related("organisation", "direction", "specialist")
        .defer("search_text")
        .prefetch_related(consulted)
        .order_by("-held_on", "-id")
    )


def consultation_for(who, pk) -> Consultation:
    return get_object_or_404(consultations_visible_to(who), pk=pk)


def specialists_for_choice(organisation_id):
    """Who may be named the consultant: the users of the consulting organisation who can sign
    in (not the placeholder accounts without a password)."""
    from resurs.kernel.accounts.models import User, can_sign_in

    return User.objects.filter(
        can_sign_in(), memberships__organisation_id=organisation_id, memberships__is_active=True
    ).distinct()


# --- media plans and publications (EVT-4) ----------------------------------------------------


def media_plans_visible_to(who, *, year: int | None = None, direction_id: int | None = None):
    """EVT-4: media plans with their items' progress (items, fulfilled, overdue) in one query."""
    queryset = MediaPlan.objects.visible_to(who)
    if year:
        queryset = queryset.filter(year=year)
    if direction_id:
        queryset = queryset.filter(direction_id=direction_id)
    fulfilled = Q(items__publications__isnull=False)
    due = Q(items__deadline__lt=timezone.localdate())
    return (
        queryset.select_related("organisation", "direction")
        .annotate(
            item_count=Count("items", distinct=True),
            fulfilled_count=Count("items", filter=fulfilled, distinct=True),
            overdue_count=Count("items", filter=due, distinct=True)
            - Count("items", filter=due & fulfilled, distinct=True),
        )
        .order_by("-year", "title", "id")
    )


def media_plan_for(who, pk) -> MediaPlan:
    queryset = MediaPlan.objects.visible_to(who).select_related("organisation", "direction")
    return get_object_or_404(queryset, pk=pk)


def media_plan_items_of(who, plan: MediaPlan):
    """EVT-4: a plan's items with their state and the publications that fulfil them."""
    publications = Prefetch(
        "publications",
        queryset=Publication.objects.only(
            "id", "title", "channel", "published_on", "plan_item_id"
        ).order_by("published_on", "id"),
        to_attr="publication_list",
    )
    return (
        MediaPlanItem.objects.visible_to(who)
        .filter(plan=plan)
        .with_state()
        .select_related("responsible_appointment")
        .prefetch_related(publications)
        .order_by("number", "id")
    )


def media_plan_item_for(who, pk) -> MediaPlanItem:
    queryset = MediaPlanItem.objects.visible_to(who).select_related("plan__organisation")
    return get_object_or_404(queryset.with_state(), pk=pk)


def media_plan_items_for_choice(who, organisation_id=None):
    """Items a publication may fulfil: open items of the visible plans of recent years."""
    queryset = MediaPlanItem.objects.visible_to(who).filter(
        plan__year__gte=timezone.localdate().year - 1
    )
    if organisation_id:
        queryset = queryset.filter(plan__organisation_id=organisation_id)
    return queryset.select_related("plan").order_by("-plan__year", "plan_id", "number")


def appointments_for_choice(organisation_id):
    """Who may be named responsible for a media-plan item: the current appointments of the
    plan's organisation (ORG-4)."""
    return Appointment.objects.current().filter(organisation_id=organisation_id)


@dataclass(frozen=True)
class PublicationFilter:
    text: str = ""
    channel: str = ""
    is_mass_media: bool | None = None
    direction_id: int | None = None
    organisation_id: int | None = None
    plan_item_id: int | None = None
    event_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def publications_visible_to(who, filters: PublicationFilter | None = None):
    filters = filters or PublicationFilter()
    queryset = Publication.objects.visible_to(who).search(filters.text)
    if filters.channel:
        queryset = queryset.filter(channel=filters.channel)
    if filters.is_mass_media is not None:
        queryset = queryset.filter(is_mass_media=filters.is_mass_media)
    for name in ("direction_id", "organisation_id", "plan_item_id", "event_id"):
        if getattr(filters, name):
            queryset = queryset.filter(**{name: getattr(filters, name)})
    if filters.date_from:
        queryset = queryset.filter(published_on__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(published_on__lte=filters.date_to)
    return (
        queryset.select_related("organisation", "direction", "plan_item__plan", "event")
        .defer("search_text")
        .order_by("-published_on", "-id")
    )


def publication_for(who, pk) -> Publication:
    return get_object_or_404(publications_visible_to(who), pk=pk)


# --- KPI counts (REP-5: 000:6.2–6.4) ---------------------------------------------------------


def _own_events(organisation, direction, period_start, period_end, events=None):
    """Held events of ``organisation`` starting in the period; ``events`` — the queryset to
    start from (a user's scoped one), all events by default."""
    start, end = day_bounds(period_start, period_end)
    events = (Event.objects.all() if events is None else events).filter(
        organiser=organisation, starts_at__gte=start, starts_at__lt=end
    )
    if direction is not None:
        events = events.filter(direction=direction)
    return events.filter(state=EventState.HELD)


def events_held_count(*, organisation, direction=None, period_start, period_end) -> int:
    """KPI 6.2 (000:6.2 «количество мероприятий, проводимых Ресурсным центром за отчетный
    период»): events organised by ``organisation`` (in ``direction`` when given) that are
    marked held and start within [period_start, period_end] — dates, both inclusive, in the
    current time zone. Planned and cancelled events do not count. One query."""
    return _own_events(organisation, direction, period_start, period_end).count()


@dataclass(frozen=True)
class ConsultedSources:
    """KPI 6.3's two sources, each a queryset of links to an organisation: the consulted
    organisations of the consultations (``Consultation.consulted_organisations.through``)
    and the attendances at the methodological events (``Participation``)."""

    consulted: object
    trained: object


def consulted_sources(
    *,
    organisation,
    direction=None,
    period_start,
    period_end,
    consultations=None,
    events=None,
    participations=None,
) -> ConsultedSources:
    """The one definition of KPI 6.3 (see ``consulted_organisations_count``). The three
    querysets to start from default to all records; a page passes the user's scoped ones."""
    consultations = (Consultation.objects.all() if consultations is None else consultations).filter(
        organisation=organisation, held_on__gte=period_start, held_on__lte=period_end
    )
    if direction is not None:
        consultations = consultations.filter(direction=direction)
    consulted = Consultation.consulted_organisations.through.objects.filter(
        consultation__in=consultations.values("pk")
    ).exclude(organisation_id=organisation.pk)
    support_events = _own_events(organisation, direction, period_start, period_end, events).filter(
        kind__in=sorted(METHODOLOGICAL_SUPPORT_KINDS)
    )
    trained = (
        (Participation.objects.all() if participations is None else participations)
        .filter(
            event__in=support_events.values("pk"),
            status=ParticipationStatus.ATTENDED,
            organisation_id__isnull=False,
        )
        .exclude(organisation_id=organisation.pk)
    )
    return ConsultedSources(consulted=consulted, trained=trained)


def consulted_organisations_count(
    *,
    organisation,
    direction=None,
    period_start,
    period_end,
    include_event_participants: bool = True,
) -> int:
    """KPI 6.3 (000:6.3 «количество организаций, получивших консультационно-методическую
    поддержку»): distinct organisations, other than ``organisation`` itself, that in
    [period_start, period_end]

    * were consulted by it — `Consultation.consulted_organisations` of its consultations
      (EVT-3, consultations to organisations and to their specialists), and
    * had a participant marked «присутствовал» at a held event it organised of a kind the
      regulations name as methodological support or training of specialists
      (`events.rules.METHODOLOGICAL_SUPPORT_KINDS`: seminars, internship platforms,
      methodological-association meetings … — 000:2.2.3 «консультативной и методической
      поддержки поставщикам», 000:3.1.9, 003:3.2.2).

    An organisation both consulted and trained counts once. ``include_event_participants=False``
    counts consultations only, for a region that reads 6.3 narrowly. Consultations to
    families carry no organisation and never count. One query (a UNION). The organisations
    themselves, with the records behind them: ``consulted_organisations_for``.
    """
    sources = consulted_sources(
        organisation=organisation,
        direction=direction,
        period_start=period_start,
        period_end=period_end,
    )
    consulted = sources.consulted.values("organisation_id")
    if not include_event_participants:
        return consulted.distinct().count()
    return consulted.union(sources.trained.values("organisation_id")).count()


@dataclass
class ConsultedOrganisation:
    """One organisation counted in KPI 6.3 and how it got support."""

    organisation: Organisation
    consultations: list = field(default_factory=list)  # Consultation, newest first
    events: list = field(default_factory=list)  # Event, newest first


def _by_name(row: ConsultedOrganisation):
    return (row.organisation.name.casefold(), row.organisation.pk)


def consulted_organisations_for(
    who, *, organisation, direction=None, period_start, period_end
) -> list[ConsultedOrganisation]:
    """REP-6 drill-down of KPI 6.3: the organisations ``consulted_organisations_count``
    counts, by name, each with the consultations and events behind it — read through the
    scoped querysets of ``who``: a user who does not see the organisation's consultations
    and events gets none of them. Two queries."""
    sources = consulted_sources(
        organisation=organisation,
        direction=direction,
        period_start=period_start,
        period_end=period_end,
        consultations=Consultation.objects.visible_to(who),
        events=Event.objects.visible_to(who),
        participations=Participation.objects.visible_to(who),
    )
    rows: dict[int, ConsultedOrganisation] = {}

    def row_of(found: Organisation) -> ConsultedOrganisation:
        return rows.setdefault(found.pk, ConsultedOrganisation(found))

    links = sources.consulted.select_related("organisation__territory", "consultation").order_by(
        "-consultation__held_on", "-consultation_id"
    )
    for link in links:
        row_of(link.organisation).consultations.append(link.consultation)
    attendances = sources.trained.select_related("organisation__territory", "event").order_by(
        "-event__starts_at", "-event_id", "id"
    )
    for attendance in attendances:
        found = row_of(attendance.organisation)
        if not found.events or found.events[-1].pk != attendance.event_id:
            found.events.append(attendance.event)
    return sorted(rows.values(), key=_by_name)


def publications_count(*, organisation, direction=None, period_start, period_end):
    """KPI 6.4 (000:6.4 «количество публикаций … в том числе в СМИ»): (all publications,
    those in mass media) of ``organisation`` published within [period_start, period_end].
    One query."""
    publications = Publication.objects.filter(
        organisation=organisation, published_on__gte=period_start, published_on__lte=period_end
    )
    if direction is not None:
        publications = publications.filter(direction=direction)
    counts = publications.aggregate(
        total=Count("id"), mass_media=Count("id", filter=Q(is_mass_media=True))
    )
    return counts["total"], counts["mass_media"]


# --- the public section (EVT-5) --------------------------------------------------------------


def public_upcoming_events(organisation, limit: int = 10) -> list[Event]:
    """EVT-5: the planned public events of ``organisation`` that have not ended before today,
    earliest first. Public data: no scope, no participants."""
    start, _end = day_bounds(timezone.localdate(), timezone.localdate())
    return list(
        Event.objects.filter(
            organiser=organisation,
            is_public=True,
            state=EventState.PLANNED,
            ends_at__gte=start,
        )
        .select_related("direction")
        .defer("search_text")
        .order_by("starts_at", "id")[:limit]
    )
