"""Media plans and publications (EVT-4)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from resurs.coordination.events.models.events import Event
from resurs.kernel.accounts.scoping import DirectionRecordQuerySet
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet


class PublicationChannel(models.TextChoices):
    NEWSPAPER = "newspaper", "Газета"
    MAGAZINE = "magazine", "Журнал"
    TV = "tv", "Телевидение"
    RADIO = "radio", "Радио"
    WEBSITE = "website", "Сайт"
    SOCIAL = "social", "Социальная сеть"
    LIVE = "live", "Прямой эфир"
    PRINT = "print", "Печатная продукция (буклеты, листовки)"
    OTHER = "other", "Иное"


# The channels that are mass media unless the user says otherwise (KPI 6.4 «в том числе в СМИ»).
MASS_MEDIA_CHANNELS = frozenset(
    {
        PublicationChannel.NEWSPAPER,
        PublicationChannel.MAGAZINE,
        PublicationChannel.TV,
        PublicationChannel.RADIO,
    }
)


class MediaPlanQuerySet(DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"


class MediaPlan(models.Model):
    """EVT-4: a media plan of information support (004 appendix 1) for one year."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="media_plans",
        verbose_name="организация",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="media_plans",
        verbose_name="приоритетное направление",
    )
    year = models.PositiveSmallIntegerField("год")
    title = models.CharField("наименование", max_length=500)
    approved_on = models.DateField("утверждён", null=True, blank=True)
    approval_order = models.CharField("приказ об утверждении", max_length=255, blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = MediaPlanQuerySet.as_manager()

    class Meta:
        verbose_name = "медиаплан"
        verbose_name_plural = "медиапланы"
        ordering = ["-year", "title", "id"]
        indexes = [models.Index(fields=["organisation", "year"], name="mediaplan_org_year")]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("events:media_plan_detail", args=[self.pk])

    def clean(self):
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": "Укажите год четырьмя цифрами."})

    def attachments_editable_by(self, scope) -> bool:
        from resurs.coordination.events.permissions import can_keep_records

        return can_keep_records(scope, self.organisation_id)


class MediaPlanItemState(models.TextChoices):
    PLANNED = "planned", "запланировано"
    FULFILLED = "fulfilled", "выполнено"
    OVERDUE = "overdue", "просрочено"


class MediaPlanItemQuerySet(DirectionRecordQuerySet):
    record_organisation_path = "plan__organisation"
    record_direction_path = "plan__direction"

    def with_state(self, today=None):
        """Annotates ``is_fulfilled`` (a publication fulfils the item) and ``is_overdue``
        (the deadline passed without one) in the same query."""
        today = today or timezone.localdate()
        fulfilled = Exists(Publication.objects.filter(plan_item_id=OuterRef("pk")))
        return self.annotate(is_fulfilled=fulfilled).annotate(
            is_overdue=models.Case(
                models.When(Q(is_fulfilled=False, deadline__lt=today), then=True),
                default=False,
                output_field=models.BooleanField(),
            )
        )


class MediaPlanItem(models.Model):
    """EVT-4: an item of a media plan with its deadline and responsible (004 appendix 1)."""

    plan = models.ForeignKey(
        MediaPlan, on_delete=models.CASCADE, related_name="items", verbose_name="медиаплан"
    )
    number = models.PositiveSmallIntegerField("№ п/п")
    topic = models.CharField("мероприятие (тема)", max_length=1000)
    channel = models.CharField(
        "планируемый канал", max_length=16, choices=PublicationChannel, blank=True
    )
    timeframe = models.CharField(
        "срок исполнения (как в плане)",
        max_length=255,
        blank=True,
        help_text="Например: «октябрь-декабрь 2020 года», «ежеквартально».",
    )
    deadline = models.DateField("крайний срок")
    responsible_appointment = models.ForeignKey(
        "organisations.Appointment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="media_plan_items",
        verbose_name="ответственный (назначение)",
    )
    responsible_text = models.CharField("ответственные исполнители", max_length=500, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = MediaPlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = "пункт медиаплана"
        verbose_name_plural = "пункты медиаплана"
        ordering = ["plan_id", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="mediaplanitem_unique_number",
                violation_error_message="Пункт с таким номером в плане уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.topic}"

    def get_absolute_url(self):
        return reverse("events:media_plan_detail", args=[self.plan_id]) + f"#item-{self.pk}"

    def clean(self):
        if not self.responsible_text and not self.responsible_appointment_id:
            raise ValidationError(
                {"responsible_text": "Укажите ответственного: назначение или текстом."}
            )

    @property
    def responsible(self) -> str:
        if self.responsible_appointment_id:
            appointment = self.responsible_appointment
            return f"{appointment.person_name}, {appointment.position}".strip(", ")
        return self.responsible_text

    def state(self, today=None) -> str:
        """Without `with_state` the item asks the database once."""
        fulfilled = getattr(self, "is_fulfilled", None)
        if fulfilled is None:
            fulfilled = self.publications.exists()
        if fulfilled:
            return MediaPlanItemState.FULFILLED
        if self.deadline < (today or timezone.localdate()):
            return MediaPlanItemState.OVERDUE
        return MediaPlanItemState.PLANNED


class PublicationQuerySet(SearchQuerySet, DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"


class Publication(Searchable):
    """EVT-4: a publication about the organisation's work (KPI 6.4, mass media counted apart)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name="организация",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name="приоритетное направление",
    )
    channel = models.CharField("канал", max_length=16, choices=PublicationChannel)
    published_on = models.DateField("дата публикации")
    title = models.CharField("заголовок", max_length=500)
    link = models.URLField("ссылка", max_length=500, blank=True)
    outlet = models.CharField(
        "издание, телеканал, площадка", max_length=255, blank=True, help_text="Например: «Варта»."
    )
    is_mass_media = models.BooleanField("в СМИ", default=False)
    plan_item = models.ForeignKey(
        MediaPlanItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name="исполняет пункт медиаплана",
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name="о мероприятии",
    )
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("title", "outlet")

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "публикация"
        verbose_name_plural = "публикации"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "published_on"], name="publication_org_date"),
            # KPI 6.4 for one RC and one direction.
            models.Index(
                fields=["organisation", "direction", "published_on"],
                name="publication_org_dir_date",
            ),
            models.Index(fields=["direction", "published_on"], name="publication_dir_date"),
            SearchIndex(name="publication_search"),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_channel_display()}, {self.published_on:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("events:publication_detail", args=[self.pk])

    def attachments_editable_by(self, scope) -> bool:
        from resurs.coordination.events.permissions import can_keep_records

        return can_keep_records(scope, self.organisation_id)
