"""The rental point itself (seed 002 app. 1 §1.2, §1.7, §3.1, §3.12): the unit it is
organised at, its address and hours, and the employee the director's order made responsible
for the fund — the person overdue returns are flagged to."""

from __future__ import annotations

from django.db import models

from resurs.kernel.organisations.scoping import OrganisationScopedQuerySet


class RentalPointQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class RentalPoint(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    unit = models.OneToOneField(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="rental_point",
        verbose_name="отделение, при котором организован пункт",
    )
    address = models.CharField("место расположения (п. 3.12)", max_length=500)
    hours = models.CharField(
        "режим работы (п. 1.7)",
        max_length=500,
        help_text="Режим работы пункта соответствует режиму работы учреждения.",
    )
    responsible = models.ForeignKey(
        "accounts.Membership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="материально ответственное лицо (п. 3.1)",
    )
    responsible_order = models.CharField(
        "приказ о назначении ответственного", max_length=255, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = RentalPointQuerySet.as_manager()

    class Meta:
        verbose_name = "пункт проката ТСР"
        verbose_name_plural = "пункты проката ТСР"
        ordering = ["organisation__name"]

    def __str__(self):
        return f"Пункт проката ТСР ({self.unit})"
