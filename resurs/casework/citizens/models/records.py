"""Records about a person or a family: target-group membership, social passport,
preventive registration, personal file."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.models.people import Family, Person, TargetGroup
from resurs.casework.units.models import PASSPORT_VALID_MONTHS, months_before
from resurs.kernel.accounts.scoping import Scope


class AboutPersonOrFamily(models.Model):
    """A record about a person or about a family (exactly one of the two)."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="гражданин",
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="семья",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.family_id):
            raise ValidationError("Укажите гражданина или семью (одно из двух).")

    @property
    def subject(self):
        return self.person if self.person_id else self.family


class AboutQuerySet(CaseworkQuerySet):
    """Records about a person or a family: visible with the one they are about."""

    person_path: str | None = "person"
    family_path: str | None = "family"

    def scope_filter(self, scope: Scope) -> Q:
        return Q(person__in=Person.objects.visible_to(scope)) | Q(
            family__in=Family.objects.visible_to(scope)
        )

    def visible_to(self, who):
        from resurs.kernel.accounts.scoping import FailClosedQuerySet, scope_of

        scope = scope_of(who)
        if scope is None:
            return FailClosedQuerySet._opened(self.none())
        return FailClosedQuerySet._opened(self.filter(self.scope_filter(scope)))


class TargetGroupMembership(AboutPersonOrFamily):
    group = models.ForeignKey(
        TargetGroup, on_delete=models.PROTECT, related_name="memberships", verbose_name="группа"
    )
    starts_on = models.DateField("с")
    ends_on = models.DateField("по", null=True, blank=True)
    note = models.CharField("основание отнесения", max_length=500, blank=True)

    all_records = models.Manager()
    objects = AboutQuerySet.as_manager()

    audit_redacted_fields = frozenset({"person", "family", "note"})

    class Meta:
        verbose_name = "отнесение к целевой группе"
        verbose_name_plural = "отнесения к целевым группам"
        default_manager_name = "all_records"
        ordering = ["-starts_on", "id"]

    def __str__(self):
        return f"{self.group} с {self.starts_on:%d.%m.%Y}"

    def clean(self):
        super().clean()
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Дата окончания раньше даты начала."})


class SocialPassport(AboutPersonOrFamily):
    """SOC-2, 002 §3.2.9, §5.1.8: one edition of a social passport (a new edition is a new row)."""

    edition = models.PositiveIntegerField("редакция", editable=False)
    compiled_on = models.DateField("актуализирован")
    living_conditions = models.TextField("жилищно-бытовые условия", blank=True)
    income = models.TextField("доходы и занятость", blank=True)
    health = models.TextField("здоровье, инвалидность", blank=True)
    education = models.TextField("образование, воспитание детей", blank=True)
    problems = models.TextField("проблемы и трудности", blank=True)
    resources = models.TextField("ресурсы и сильные стороны", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="составил",
    )
    created_at = models.DateTimeField("внесён", auto_now_add=True)

    all_records = models.Manager()
    objects = AboutQuerySet.as_manager()

    audit_redacted_fields = frozenset(
        {
            "person",
            "family",
            "living_conditions",
            "income",
            "health",
            "education",
            "problems",
            "resources",
        }
    )

    class Meta:
        verbose_name = "социальный паспорт"
        verbose_name_plural = "социальные паспорта"
        default_manager_name = "all_records"
        ordering = ["-compiled_on", "-edition"]

    def __str__(self):
        return f"Социальный паспорт, редакция {self.edition}"

    def is_outdated(self, today: datetime.date) -> bool:
        return self.compiled_on < months_before(today, PASSPORT_VALID_MONTHS)


class RemovalReason(models.TextChoices):
    IMPROVED = "improved", "улучшение ситуации, проблема решена"
    MOVED = "moved", "смена места жительства"
    AGE = "age", "достижение совершеннолетия"
    DEATH = "death", "смерть"
    REFUSAL = "refusal", "письменный отказ"
    OTHER = "other", "иное"


class PreventiveRegistration(AboutPersonOrFamily):
    """SOC-4: preventive registration (профилактический учёт): поставлен / снят."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    registered_on = models.DateField("поставлен на учёт")
    grounds = models.TextField("основания постановки")
    removed_on = models.DateField("снят с учёта", null=True, blank=True)
    removal_reason = models.CharField(
        "причина снятия", max_length=16, choices=RemovalReason, blank=True
    )
    removal_note = models.CharField("пояснение", max_length=500, blank=True)

    all_records = models.Manager()
    objects = AboutQuerySet.as_manager()

    audit_redacted_fields = frozenset({"person", "family", "grounds", "removal_note"})

    class Meta:
        verbose_name = "профилактический учёт"
        verbose_name_plural = "профилактический учёт"
        default_manager_name = "all_records"
        ordering = ["-registered_on", "id"]

    def __str__(self):
        return f"Профилактический учёт с {self.registered_on:%d.%m.%Y}"

    def clean(self):
        super().clean()
        if self.removed_on and self.removed_on < self.registered_on:
            raise ValidationError({"removed_on": "Дата снятия раньше даты постановки."})
        if self.removed_on and not self.removal_reason:
            raise ValidationError({"removal_reason": "Укажите причину снятия с учёта."})


class PersonalFile(AboutPersonOrFamily):
    """002 §5.1.7: the personal file of a family or citizen."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    number = models.CharField("номер личного дела", max_length=40)
    opened_on = models.DateField("заведено")
    closed_on = models.DateField("закрыто", null=True, blank=True)
    kept_at = models.CharField("место хранения", max_length=255, blank=True)

    all_records = models.Manager()
    objects = AboutQuerySet.as_manager()

    audit_redacted_fields = frozenset({"person", "family"})

    class Meta:
        verbose_name = "личное дело"
        verbose_name_plural = "личные дела"
        default_manager_name = "all_records"
        ordering = ["-opened_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="personal_file_unique_number")
        ]

    def __str__(self):
        return f"Личное дело № {self.number}"

    def audit_label(self) -> str:
        return f"Личное дело № {self.number}"
