"""Events (EVT-1), their participants and the training plan's nominations (EVT-2)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.accounts.roles import INSTITUTION_STAFF_ROLES, Role
from resurs.kernel.accounts.scoping import DirectionRecordQuerySet, Scope, ScopedQuerySet
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet

# --- events (EVT-1) --------------------------------------------------------------------------


class EventKind(models.TextChoices):
    INTERNSHIP = "internship", "Стажировочная площадка"
    SEMINAR = "seminar", "Семинар"
    WEBINAR = "webinar", "Вебинар"
    ROUND_TABLE = "round_table", "Круглый стол"
    MASTER_CLASS = "master_class", "Мастер-класс"
    CONFERENCE = "conference", "Конференция"
    DISCUSSION_PLATFORM = "discussion_platform", "Информационно-дискуссионная площадка"
    MO_MEETING = "mo_meeting", "Заседание методического объединения"
    OPEN_DAY = "open_day", "День открытых дверей"
    FORUM = "forum", "Форум"
    EXHIBITION = "exhibition", "Выставка"
    OTHER = "other", "Иное мероприятие"


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", "очно"
    ONLINE = "online", "онлайн"
    MIXED = "mixed", "смешанный"


class EventState(models.TextChoices):
    PLANNED = "planned", "запланировано"
    HELD = "held", "проведено"
    CANCELLED = "cancelled", "отменено"


def _own_directions(scope: Scope):
    from resurs.kernel.organisations.models import Organisation

    return Organisation.directions.through.objects.filter(
        organisation_id=scope.organisation_id
    ).values("direction_id")


class EventQuerySet(SearchQuerySet, DirectionRecordQuerySet):
    record_organisation_path = "organiser"
    record_direction_path = "direction"

    def scope_filter(self, scope: Scope) -> Q:
        """The organiser's rule (`record_q`) and the events the user's organisation takes
        part in; for a provider's staff also the events it nominated staff to and the
        training events open for nominations in the directions it works in (EVT-2: a
        provider has to see the RC's training plan to nominate to it)."""
        own = scope.organisation_id
        takes_part = Participation.objects.filter(organisation_id=own).values("event_id")
        visible = super().scope_filter(scope) | Q(pk__in=takes_part)
        if scope.role in INSTITUTION_STAFF_ROLES:
            nominated = Nomination.objects.filter(organisation_id=own).values("event_id")
            visible |= Q(pk__in=nominated) | Q(
                nominations_open=True, direction_id__in=_own_directions(scope)
            )
        return visible

    def held(self):
        return self.filter(state=EventState.HELD)

    def starting_between(self, start, end):
        """Events starting in [start, end): two aware datetimes."""
        return self.filter(starts_at__gte=start, starts_at__lt=end)


class Event(Searchable):
    """EVT-1: an event run by an organisation (usually a resource centre) in its direction."""

    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="organised_events",
        verbose_name="организатор",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="приоритетное направление",
    )
    kind = models.CharField("вид мероприятия", max_length=32, choices=EventKind.choices)
    topic = models.CharField("тема", max_length=500)
    description = models.TextField("описание", blank=True)
    format = models.CharField(
        "формат", max_length=16, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    starts_at = models.DateTimeField("начало")
    ends_at = models.DateTimeField("окончание")
    place = models.CharField("место проведения", max_length=500, blank=True)
    link = models.URLField("ссылка на трансляцию или страницу", max_length=500, blank=True)
    is_public = models.BooleanField(
        "публичное",
        default=False,
        help_text="Показывать в публичном разделе ресурсного центра.",
    )
    state = models.CharField(
        "состояние", max_length=16, choices=EventState.choices, default=EventState.PLANNED
    )
    nominations_open = models.BooleanField(
        "план обучения: приём заявок",
        default=False,
        help_text="Поставщики направления могут выдвигать сотрудников на это мероприятие.",
    )
    nomination_deadline = models.DateField("заявки принимаются до", null=True, blank=True)
    places = models.PositiveIntegerField(
        "мест для участников", null=True, blank=True, help_text="Пусто — без ограничения."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс",
    )
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("topic", "place", "description")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["-starts_at", "-id"]
        indexes = [
            # KPI 6.2 and an RC's list: its own events by date …
            models.Index(fields=["organiser", "starts_at"], name="event_organiser_start"),
            # KPI 6.2 for one RC and one direction (SQLite has no statistics to choose well).
            models.Index(
                fields=["organiser", "direction", "starts_at"], name="event_org_direction_start"
            ),
            # … and its direction's events region-wide (SPEC §0) by date.
            models.Index(fields=["direction", "starts_at"], name="event_direction_start"),
            # The region-wide list and the calendar: a period, newest first.
            models.Index(fields=["starts_at", "id"], name="event_start_id"),
            SearchIndex(name="event_search"),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        """«Вид: тема», without repeating the kind when the topic already starts with it
        («День открытых дверей для специалистов …»)."""
        kind = self.get_kind_display()
        if self.topic.casefold().startswith(kind.casefold()):
            return self.topic
        return f"{kind}: {self.topic}"

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = "Окончание раньше начала."
        if self.state == EventState.HELD and self.starts_at and self.starts_at > timezone.now():
            errors["state"] = "Мероприятие ещё не началось: отметить его проведённым нельзя."
        if self.format in (EventFormat.ONLINE, EventFormat.MIXED) and not self.link:
            errors["link"] = "Для онлайн-мероприятия укажите ссылку."
        if self.format in (EventFormat.IN_PERSON, EventFormat.MIXED) and not self.place:
            errors["place"] = "Укажите место проведения."
        if self.nomination_deadline and self.starts_at:
            start_day = timezone.localdate(self.starts_at)
            if self.nomination_deadline > start_day:
                errors["nomination_deadline"] = "Приём заявок не может закончиться после начала."
        if errors:
            raise ValidationError(errors)

    def attachments_editable_by(self, scope) -> bool:
        """EVT-1: the event's materials are kept by its organiser."""
        from resurs.coordination.events.permissions import can_edit_event

        return can_edit_event(scope, self)

    @property
    def accepts_nominations(self) -> bool:
        """EVT-2: open for nominations, still planned, and the deadline has not passed."""
        if not self.nominations_open or self.state != EventState.PLANNED:
            return False
        today = timezone.localdate()
        if self.nomination_deadline is not None:
            return today <= self.nomination_deadline
        return timezone.now() < self.starts_at

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class ParticipationStatus(models.TextChoices):
    REGISTERED = "registered", "зарегистрирован"
    ATTENDED = "attended", "присутствовал"
    ABSENT = "absent", "отсутствовал"


def _organiser_side(scope: Scope) -> Q:
    """The event's keepers: its organiser, and the RC of the event's direction (SPEC §0)."""
    visible = Q(event__organiser_id=scope.organisation_id)
    if scope.role == Role.RESOURCE_CENTRE and scope.direction_id:
        visible |= Q(event__direction_id=scope.direction_id)
    return visible


class ParticipationQuerySet(ScopedQuerySet):
    """A participation (names, positions, phones of people: personal data) is owned by the
    participant's organisation — by the event's organiser when the participant has none in the
    directory. It is seen by the event's keepers (`_organiser_side`), by its owner, and by the
    УСЗН of the owner's territory; never by another provider, and never by an УСЗН because the
    event's organiser sits in its territory (SPEC §0: a record is scoped by its owner)."""

    def scope_filter(self, scope: Scope) -> Q:
        visible = _organiser_side(scope) | Q(organisation_id=scope.organisation_id)
        if scope.role == Role.USZN and scope.territory_id:
            visible |= Q(organisation__territory_id=scope.territory_id) | Q(
                organisation__isnull=True, event__organiser__territory_id=scope.territory_id
            )
        return visible

    def people(self):
        return self.exclude(person_name="")

    def organisations(self):
        return self.filter(person_name="")


class Participation(models.Model):
    """EVT-1: a participant of an event — a person (with their organisation if known) or an
    organisation as a whole — and whether they came.

    Personal data: the name, the position and the contact are shown only on the event's card
    to those who see the participation; they never go into URLs, logs or the search text.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name="мероприятие"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_participations",
        verbose_name="организация",
    )
    organisation_name = models.CharField(
        "организация (нет в справочнике)", max_length=500, blank=True
    )
    person_name = models.CharField("ФИО участника", max_length=255, blank=True)
    position = models.CharField("должность", max_length=255, blank=True)
    contact = models.CharField("контакт (телефон или e-mail)", max_length=255, blank=True)
    status = models.CharField(
        "статус",
        max_length=16,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.REGISTERED,
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = ParticipationQuerySet.as_manager()
    # The contact is personal data: the audit trail says only that it was given.
    audit_redacted_fields = frozenset({"contact"})

    class Meta:
        verbose_name = "участник мероприятия"
        verbose_name_plural = "участники мероприятий"
        ordering = ["event_id", "person_name", "id"]
        indexes = [
            # "Events my organisation takes part in" (the scope) and KPI 6.3.
            models.Index(fields=["organisation", "event"], name="participation_org_event"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"],
                condition=Q(person_name="", organisation__isnull=False),
                name="participation_unique_organisation",
                violation_error_message="Эта организация уже в списке участников.",
            ),
        ]

    def __str__(self):
        who = self.person_name or self.organisation_label or "участник"
        return f"{who} — {self.get_status_display()}"

    @property
    def is_person(self) -> bool:
        return bool(self.person_name)

    @property
    def organisation_label(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        return self.organisation_name

    def clean(self):
        if not self.person_name and not self.organisation_id:
            raise ValidationError(
                {"organisation": "Укажите организацию-участника или ФИО участника."}
            )
        if self.organisation_id and self.organisation_name:
            raise ValidationError({"organisation_name": "Организация уже выбрана из справочника."})


# --- training plan (EVT-2) -------------------------------------------------------------------


class NominationState(models.TextChoices):
    PROPOSED = "proposed", "на рассмотрении"
    CONFIRMED = "confirmed", "подтверждена"
    DECLINED = "declined", "отклонена"
    WITHDRAWN = "withdrawn", "отозвана"


class NominationQuerySet(ScopedQuerySet):
    """A nomination is owned by the nominating organisation: the event's keepers
    (`_organiser_side`) see every nomination to its events, the nominating provider its own,
    УСЗН those of its territory's providers — not those to an event organised in its territory
    by another territory's provider."""

    def scope_filter(self, scope: Scope) -> Q:
        visible = _organiser_side(scope) | Q(organisation_id=scope.organisation_id)
        if scope.role == Role.USZN and scope.territory_id:
            visible |= Q(organisation__territory_id=scope.territory_id)
        return visible


class Nomination(models.Model):
    """EVT-2: a provider puts a member of its staff forward for an event of an RC's training
    plan (001 flowchart «Формирование списка сотрудников»); the organiser confirms or declines.
    A confirmed nomination becomes a participation, where attendance is recorded."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="nominations", verbose_name="мероприятие"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="event_nominations",
        verbose_name="направившая организация",
    )
    person_name = models.CharField("ФИО сотрудника", max_length=255)
    position = models.CharField("должность", max_length=255)
    contact = models.CharField("контакт (телефон или e-mail)", max_length=255, blank=True)
    state = models.CharField(
        "состояние",
        max_length=16,
        choices=NominationState.choices,
        default=NominationState.PROPOSED,
    )
    decline_reason = models.CharField("причина отказа", max_length=500, blank=True)
    participation = models.OneToOneField(
        Participation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nomination",
        verbose_name="участие",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="направил",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="рассмотрел",
    )
    decided_at = models.DateTimeField("рассмотрено", null=True, blank=True)
    created_at = models.DateTimeField("подана", auto_now_add=True)

    objects = NominationQuerySet.as_manager()
    # The contact is personal data: the audit trail says only that it was given.
    audit_redacted_fields = frozenset({"contact"})

    class Meta:
        verbose_name = "заявка на обучение"
        verbose_name_plural = "заявки на обучение"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "event"], name="nomination_org_event"),
            models.Index(fields=["event", "state"], name="nomination_event_state"),
        ]

    def __str__(self):
        return f"Заявка на «{self.event.topic}»: {self.get_state_display()}"
