"""Consultations (EVT-3)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from resurs.kernel.accounts.scoping import DirectionRecordQuerySet
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet


class ConsultationAudience(models.TextChoices):
    ORGANISATIONS = "organisations", "Организации (консультационно-методическая поддержка)"
    SPECIALISTS = "specialists", "Специалисты"
    FAMILIES = "families", "Семьи (родители, законные представители)"


class ConsultationGrouping(models.TextChoices):
    INDIVIDUAL = "individual", "индивидуальная"
    GROUP = "group", "групповая"


class ConsultationMode(models.TextChoices):
    IN_PERSON = "in_person", "очно"
    REMOTE = "remote", "дистанционно"


class ConsultationQuerySet(SearchQuerySet, DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"


class Consultation(Searchable):
    """EVT-3: a consultation given by an organisation (003:4 «формы работы»): consulting-
    methodological support to organisations (KPI 6.3 counts the organisations) or a
    consultation of families or specialists, of which only the number of people is kept."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="consultations_given",
        verbose_name="консультировавшая организация",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="приоритетное направление",
    )
    audience = models.CharField("кого консультировали", max_length=16, choices=ConsultationAudience)
    consulted_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="consultations_received",
        verbose_name="консультируемые организации",
    )
    people_count = models.PositiveIntegerField("число консультируемых, человек", default=1)
    form = models.CharField(
        "форма",
        max_length=16,
        choices=ConsultationGrouping,
        default=ConsultationGrouping.INDIVIDUAL,
    )
    mode = models.CharField(
        "способ", max_length=16, choices=ConsultationMode, default=ConsultationMode.IN_PERSON
    )
    held_on = models.DateField("дата")
    topic = models.CharField("тема", max_length=500)
    specialist_name = models.CharField("консультант (ФИО, должность)", max_length=255, blank=True)
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="консультант — пользователь системы",
    )
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("topic", "specialist_name")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "консультация"
        verbose_name_plural = "консультации"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "held_on"], name="consultation_org_date"),
            # KPI 6.3 for one RC and one direction.
            models.Index(
                fields=["organisation", "direction", "held_on"], name="consultation_org_dir_date"
            ),
            models.Index(fields=["direction", "held_on"], name="consultation_direction_date"),
            SearchIndex(name="consultation_search"),
        ]

    def __str__(self):
        return f"Консультация {self.held_on:%d.%m.%Y}: {self.topic}"

    def get_absolute_url(self):
        return reverse("events:consultation_detail", args=[self.pk])

    def clean(self):
        if self.form == ConsultationGrouping.GROUP and self.people_count < 2:
            raise ValidationError(
                {"people_count": "В групповой консультации участвуют не менее двух человек."}
            )
        if self.people_count < 1:
            raise ValidationError({"people_count": "Укажите число консультируемых."})
