"""The annual demand request of the rental point (TSR-7; seed 002 app. 1 §5.1, app. 3).

«Специалист, ответственный за организацию работы пункта проката ежегодно до 01 мая
представляет в Депсоцразвития Югры заявки о потребности в ТСР на очередной год». The request
holds no personal data: counts per kind of the rental fund, visible with its institution;
the Department (region-wide roles) sees every institution's request.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from resurs.casework.rental.models.inventory import MONEY, ItemKind
from resurs.kernel.organisations.scoping import OrganisationScopedQuerySet

# §5.1: «ежегодно до 01 мая» — the day of the year before the requested one.
DUE_MONTH, DUE_DAY = 5, 1
FIRST_YEAR, LAST_YEAR = 2000, 2100


class DemandState(models.TextChoices):
    DRAFT = "draft", "черновик"
    SENT = "sent", "направлена в Депсоцразвития Югры"


class DemandRequestQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class DemandRequest(models.Model):
    """TSR-7: the institution's request for the year ``year`` (app. 3)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    year = models.PositiveSmallIntegerField(
        "год, на который заявлена потребность",
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    state = models.CharField(
        "состояние",
        max_length=8,
        choices=DemandState,
        default=DemandState.DRAFT,
        editable=False,
    )
    computed_on = models.DateField("рассчитана на дату", editable=False)
    sent_at = models.DateTimeField("направлена", null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="направил",
        editable=False,
    )
    sent_late = models.BooleanField("направлена с опозданием", default=False, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    objects = DemandRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "заявка о потребности в ТСР"
        verbose_name_plural = "заявки о потребности в ТСР"
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="rental_demand_one_per_year"
            )
        ]

    def __str__(self):
        return f"Заявка о потребности в ТСР на {self.year} год"

    @property
    def due_on(self) -> datetime.date:
        """§5.1: the request for ``year`` is sent by 1 May of the year before it."""
        return datetime.date(self.year - 1, DUE_MONTH, DUE_DAY)

    @property
    def is_sent(self) -> bool:
        return self.state == DemandState.SENT

    @property
    def late_note(self) -> str:
        if not self.sent_late:
            return ""
        return f"направлено с опозданием (срок — до {self.due_on:%d.%m.%Y}, п. 5.1)"


class DemandLineQuerySet(OrganisationScopedQuerySet):
    organisation_path = "request__organisation"


class DemandLine(models.Model):
    """A kind's line of the request: the parts computed from the data (``rental.demand``),
    their total, and the quantity the specialist asks for — a different one only with a
    reason."""

    request = models.ForeignKey(
        DemandRequest, on_delete=models.CASCADE, related_name="lines", verbose_name="заявка"
    )
    kind = models.ForeignKey(
        ItemKind, on_delete=models.PROTECT, related_name="+", verbose_name="вид ТСР"
    )
    waiting = models.PositiveIntegerField("в очереди на получение", default=0)
    refusals = models.PositiveIntegerField("отказано за отсутствием ТСР", default=0)
    replacements = models.PositiveIntegerField("истекает срок службы", default=0)
    computed = models.PositiveIntegerField("потребность по расчёту", default=0)
    quantity = models.PositiveIntegerField("потребность, заявляемая учреждением", default=0)
    adjustment_reason = models.CharField("причина корректировки", max_length=500, blank=True)
    price = models.DecimalField(
        "цена (тариф) за 1 ед. изм., руб.",
        null=True,
        blank=True,
        **MONEY,  # type: ignore[arg-type]
    )

    objects = DemandLineQuerySet.as_manager()

    class Meta:
        verbose_name = "строка заявки о потребности"
        verbose_name_plural = "строки заявки о потребности"
        ordering = ["kind__position", "kind__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="rental_demand_line_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.quantity}"

    @property
    def adjusted(self) -> bool:
        return self.quantity != self.computed

    def clean(self):
        super().clean()
        if self.adjusted and not self.adjustment_reason.strip():
            raise ValidationError(
                {
                    "adjustment_reason": "Укажите причину: заявляемое количество "
                    f"({self.quantity}) отличается от расчётного ({self.computed})."
                }
            )
