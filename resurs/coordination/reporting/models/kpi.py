"""The effectiveness coefficient's weights and the KPI snapshots of resource centres (REP-5)."""

from __future__ import annotations

from django.db import models

from resurs.kernel.accounts.scoping import DirectionRecordQuerySet
from resurs.kernel.organisations.models import Direction, Organisation
from resurs.kernel.workcalendar.periods import Period, PeriodKind


class CoefficientComponent(models.TextChoices):
    PUBLIC_PAGE = "public_page", "6.1 Открытый раздел на сайте (актуален)"
    EVENTS = "events", "6.2 Мероприятия"
    CONSULTED = "consulted", "6.3 Организации, получившие поддержку"
    PUBLICATIONS = "publications", "6.4 Публикации"
    REGISTRY = "registry", "6.5 Информационно-методическая база"
    PARTNERS = "partners", "6.6 Социальные партнёры"
    ROADMAP = "roadmap", "Исполнение дорожной карты"


class CoefficientWeight(models.Model):
    """REP-5: a component of the effectiveness coefficient with its weight and its norm for
    a quarter (resurs.coordination.reporting.coefficient documents the formula)."""

    component = models.CharField(
        "составляющая", max_length=32, choices=CoefficientComponent.choices, unique=True
    )
    weight = models.DecimalField("вес", max_digits=5, decimal_places=2)
    norm = models.DecimalField(
        "норматив за квартал",
        max_digits=8,
        decimal_places=2,
        help_text="Значение, при котором составляющая равна 1 (6.1 — 1, дорожная карта — 100).",
    )
    version = models.PositiveIntegerField("версия записи", default=1)

    class Meta:
        verbose_name = "вес составляющей коэффициента эффективности"
        verbose_name_plural = "веса коэффициента эффективности"
        ordering = ["id"]

    def __str__(self):
        return self.get_component_display()


class KpiSnapshotQuerySet(DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"

    def of_period(self, period: Period):
        return self.filter(period_kind=period.kind, period_start=period.start)


class KpiSnapshot(models.Model):
    """REP-5: the KPIs 6.1–6.6, roadmap execution and the effectiveness coefficient of one
    resource centre (organisation × direction) for one period, as last counted from the
    records (reporting.kpi.recompute). Dashboards read these; the records stay the truth."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="kpi_snapshots", verbose_name="центр"
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        related_name="kpi_snapshots",
        verbose_name="направление",
    )
    period_kind = models.CharField("вид периода", max_length=16, choices=PeriodKind.choices)
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    public_page = models.BooleanField("6.1 открытый раздел", default=False)
    public_page_updated_at = models.DateTimeField("6.1 обновлён", null=True, blank=True)
    events_held = models.PositiveIntegerField("6.2 мероприятия", default=0)
    consulted_organisations = models.PositiveIntegerField("6.3 организации", default=0)
    publications = models.PositiveIntegerField("6.4 публикации", default=0)
    publications_mass_media = models.PositiveIntegerField("6.4 в СМИ", default=0)
    registry_items = models.PositiveIntegerField("6.5 записи реестров", default=0)
    registry_breakdown = models.JSONField("6.5 по видам", default=dict, blank=True)
    social_partners = models.PositiveIntegerField("6.6 социальные партнёры", default=0)
    roadmap_execution = models.PositiveSmallIntegerField(
        "исполнение дорожной карты, %", null=True, blank=True
    )
    coefficient = models.DecimalField(
        "коэффициент эффективности", max_digits=5, decimal_places=3, null=True, blank=True
    )
    components = models.JSONField("составляющие коэффициента", default=dict, blank=True)
    computed_at = models.DateTimeField("посчитано")

    objects = KpiSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = "показатели ресурсного центра за период"
        verbose_name_plural = "показатели ресурсных центров"
        ordering = ["period_start", "direction__number", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "direction", "period_kind", "period_start"],
                name="kpisnapshot_unique",
            )
        ]
        indexes = [
            models.Index(fields=["period_kind", "period_start"], name="kpisnapshot_period"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.direction} — {self.period}"

    @property
    def period(self) -> Period:
        return Period.of(self.period_kind, self.period_start)
