"""Consent to the processing of personal data (152-FZ; 004 app. 2 §5.1) as a register."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from resurs.casework.citizens.models.people import Person
from resurs.casework.citizens.models.records import AboutQuerySet
from resurs.kernel.accounts.scoping import Scope


class ConsentPurpose(models.TextChoices):
    """Purposes of processing a consent covers (152-FZ art. 9; 004 app. 2 §5.1)."""

    SOCIAL_SERVICES = "social_services", "социальное обслуживание и сопровождение"
    EXCHANGE = "exchange", "передача партнёрам и в другие ведомства"
    EGISSO = "egisso", "передача в ЕГИССО"
    DATA_BANK = "data_bank", "ведение банка данных"


class Signatory(models.TextChoices):
    SELF = "self", "сам гражданин"
    REPRESENTATIVE = "representative", "законный представитель"


class ConsentQuerySet(AboutQuerySet):
    family_path = None

    def scope_filter(self, scope: Scope) -> Q:
        return Q(person__in=Person.objects.visible_to(scope))

    def valid_on(self, on: datetime.date):
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on),
            signed_on__lte=on,
            withdrawn_on__isnull=True,
        )


class Consent(models.Model):
    """SOC-4: a written consent to the processing of a person's data, for one purpose."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="consents", verbose_name="гражданин"
    )
    purpose = models.CharField("цель обработки", max_length=20, choices=ConsentPurpose)
    signatory = models.CharField("подписал", max_length=16, choices=Signatory)
    representative_name = models.CharField(
        "законный представитель (ФИО)", max_length=300, blank=True
    )
    representative_basis = models.CharField(
        "документ о полномочиях представителя", max_length=300, blank=True
    )
    document = models.CharField(
        "документ согласия", max_length=300, help_text="Например: согласие от 12.03.2026 б/н."
    )
    signed_on = models.DateField("дата подписания")
    valid_until = models.DateField(
        "действует по", null=True, blank=True, help_text="Пусто — до отзыва."
    )
    withdrawn_on = models.DateField("отозвано", null=True, blank=True)
    withdrawal_document = models.CharField("документ об отзыве", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="внёс",
    )
    recorded_at = models.DateTimeField("внесено", auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    all_records = models.Manager()
    objects = ConsentQuerySet.as_manager()

    audit_redacted_fields = frozenset({"person", "representative_name", "representative_basis"})

    class Meta:
        verbose_name = "согласие на обработку персональных данных"
        verbose_name_plural = "согласия на обработку персональных данных"
        default_manager_name = "all_records"
        ordering = ["-signed_on", "id"]

    def __str__(self):
        return f"Согласие ({self.get_purpose_display()}) от {self.signed_on:%d.%m.%Y}"

    def audit_label(self) -> str:
        return f"Согласие № {self.pk}"

    def clean(self):
        errors = {}
        if self.signatory == Signatory.REPRESENTATIVE and not self.representative_name.strip():
            errors["representative_name"] = (
                "Укажите законного представителя, подписавшего согласие."
            )
        if self.valid_until and self.signed_on and self.valid_until < self.signed_on:
            errors["valid_until"] = "Срок действия кончается раньше даты подписания."
        if self.withdrawn_on and self.signed_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = "Дата отзыва раньше даты подписания."
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, on: datetime.date) -> bool:
        return (
            self.signed_on <= on
            and self.withdrawn_on is None
            and (self.valid_until is None or self.valid_until >= on)
        )
