"""Preventive events and open days of a unit (SPEC SOC-12; seed 002 §2.2.6, §3.7).

An event is the unit's own record, visible with its institution; who took part from the
data bank is personal data and is shown only through the persons' own scope.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from resurs.kernel.organisations.scoping import OrganisationScopedQuerySet


class EventKind(models.TextChoices):
    PREVENTIVE = "preventive", "профилактическое мероприятие"
    OPEN_DAY = "open_day", "день открытых дверей"


class PreventiveEventQuerySet(OrganisationScopedQuerySet):
    organisation_path = "unit__organisation"


class PreventiveEvent(models.Model):
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    kind = models.CharField("вид", max_length=12, choices=EventKind)
    title = models.CharField("наименование", max_length=500)
    held_on = models.DateField("дата")
    place = models.CharField("место", max_length=500, blank=True)
    audience = models.CharField(
        "для кого",
        max_length=500,
        blank=True,
        help_text="Родители, СМИ, общественные организации, родительские ассоциации (002 п. 3.7).",
    )
    participants = models.ManyToManyField(
        "citizens.Person", blank=True, related_name="+", verbose_name="участники из банка данных"
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name="участвовавшие организации",
    )
    other_participants = models.PositiveIntegerField("прочих участников", default=0)
    notes = models.TextField("итоги", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="внёс",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PreventiveEventQuerySet.as_manager()

    class Meta:
        verbose_name = "профилактическое мероприятие"
        verbose_name_plural = "профилактические мероприятия"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title
