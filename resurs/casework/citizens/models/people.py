"""Persons, families and their members, target groups: the cards of the data bank."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.identity import format_snils, name_key
from resurs.kernel.accounts.scoping import Scope

# 002 §1.3: older citizens are women over 55 and men over 60 — read, with appendix 2's
# «граждане 55+», as having reached that age.
OLDER_CITIZEN_AGE = {"female": 55, "male": 60}


class Sex(models.TextChoices):
    FEMALE = "female", "женский"
    MALE = "male", "мужской"


class HeldRecord(models.Model):
    """Where a record of the data bank is kept: institution, unit, district, specialist."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    district = models.ForeignKey(
        "units.SocialDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="социальный участок",
    )
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответственный специалист",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("внесено", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (
            self.unit_id
            and self.organisation_id
            and self.unit.organisation_id != self.organisation_id
        ):
            raise ValidationError({"unit": "Отделение другого учреждения."})
        district = self.district if self.district_id else None
        if district is not None and self.unit_id and district.unit_id != self.unit_id:
            raise ValidationError({"district": "Участок другого отделения."})


class PersonQuerySet(CaseworkQuerySet):
    person_path = ""

    def scope_filter(self, scope: Scope) -> Q:
        from django.apps import apps

        rule = super().scope_filter(scope)
        if scope.role == "specialist":
            # The persons of the specialist's own cases, wherever they live.
            case_model = apps.get_model("cases", "Case")
            # Kept within the institution: the planner then reads the institution's part of
            # the index (organisation, name_key) instead of the whole bank.
            rule |= Q(
                organisation_id=scope.organisation_id,
                pk__in=case_model.all_records.filter(specialist_id=scope.user_id).values(
                    "person_id"
                ),
            )
        return rule

    def by_name_start(self, text: str):
        return self.filter(name_key__startswith=name_key(text))


class Person(HeldRecord):
    """SOC-4: a citizen of the data bank."""

    last_name = models.CharField("фамилия", max_length=100)
    first_name = models.CharField("имя", max_length=100)
    patronymic = models.CharField("отчество", max_length=100, blank=True)
    sex = models.CharField("пол", max_length=8, choices=Sex)
    birth_date = models.DateField("дата рождения")
    snils = models.CharField(
        "СНИЛС", max_length=11, blank=True, help_text="11 цифр, с контрольным числом."
    )
    document_kind = models.CharField(
        "документ, удостоверяющий личность",
        max_length=120,
        blank=True,
        help_text="Например: паспорт гражданина РФ, свидетельство о рождении.",
    )
    document_series = models.CharField("серия", max_length=20, blank=True)
    document_number = models.CharField("номер", max_length=30, blank=True)
    document_issued_by = models.CharField("кем выдан", max_length=500, blank=True)
    document_issued_on = models.DateField("дата выдачи", null=True, blank=True)
    registration_address = models.CharField("адрес регистрации", max_length=500, blank=True)
    actual_address = models.CharField("адрес фактического проживания", max_length=500, blank=True)
    phones = models.CharField("телефоны", max_length=200, blank=True)
    # Folded full name (identity.name_key): duplicates and the search by a surname's start.
    name_key = models.CharField(max_length=320, editable=False, db_index=False)

    all_records = models.Manager()
    objects = PersonQuerySet.as_manager()

    audit_redacted_fields = frozenset(
        {
            "last_name", "first_name", "patronymic", "sex", "birth_date", "snils",
            "document_kind", "document_series", "document_number", "document_issued_by",
            "document_issued_on", "registration_address", "actual_address", "phones",
            "name_key",
        }
    )  # fmt: skip

    class Meta:
        verbose_name = "гражданин"
        verbose_name_plural = "граждане"
        default_manager_name = "all_records"
        ordering = ["name_key", "birth_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["snils"], condition=~Q(snils=""), name="person_unique_snils"
            )
        ]
        indexes = [
            # Equality (duplicates) and a surname's start (LIKE 'x%') on PostgreSQL.
            models.Index(
                fields=["name_key"], name="person_name_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["organisation", "unit"], name="person_held"),
            # A surname's start within the institution (the provider's, head's and
            # specialist's searches): 1,000,000 persons, p95 under 30 ms (bench/).
            models.Index(
                fields=["organisation", "name_key"],
                name="person_org_name_prefix",
                opclasses=["", "varchar_pattern_ops"],
            ),
            models.Index(fields=["district"], name="person_district"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.last_name, self.first_name, self.patronymic)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("citizens:person", args=[self.pk])

    def audit_label(self) -> str:
        return f"Гражданин № {self.pk}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.patronymic) if p)
        return f"{self.last_name} {initials}".strip()

    @property
    def snils_display(self) -> str:
        return format_snils(self.snils)

    def age(self, on: datetime.date | None = None) -> int:
        on = on or timezone.localdate()
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday

    def is_older_citizen(self, on: datetime.date | None = None) -> bool:
        """002 §1.3: a woman of 55 and over, a man of 60 and over (derived, never entered)."""
        return self.age(on) >= OLDER_CITIZEN_AGE[self.sex]


def older_citizens_q(on: datetime.date, prefix: str = "") -> Q:
    """Persons who are older citizens on ``on`` (002 §1.3), as a filter."""
    q = Q()
    for sex, age in OLDER_CITIZEN_AGE.items():
        try:
            born_by = on.replace(year=on.year - age)
        except ValueError:  # 29 February
            born_by = on.replace(year=on.year - age, day=28)
        q |= Q(**{f"{prefix}sex": sex, f"{prefix}birth_date__lte": born_by})
    return q


class FamilyQuerySet(CaseworkQuerySet):
    family_path = ""


class Family(HeldRecord):
    """SOC-4: a family or household of the data bank."""

    name = models.CharField("наименование", max_length=255, help_text="Например: семья Ивановых.")
    actual_address = models.CharField("адрес проживания", max_length=500, blank=True)
    phones = models.CharField("телефоны", max_length=200, blank=True)
    members = models.ManyToManyField(Person, through="FamilyMember", related_name="families")

    all_records = models.Manager()
    objects = FamilyQuerySet.as_manager()

    audit_redacted_fields = frozenset({"name", "actual_address", "phones"})

    class Meta:
        verbose_name = "семья"
        verbose_name_plural = "семьи"
        default_manager_name = "all_records"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "unit"], name="family_held")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("citizens:family", args=[self.pk])

    def audit_label(self) -> str:
        return f"Семья № {self.pk}"


class Relation(models.TextChoices):
    APPLICANT = "applicant", "заявитель (глава семьи)"
    SPOUSE = "spouse", "супруг(а)"
    CHILD = "child", "сын, дочь"
    PARENT = "parent", "мать, отец"
    GRANDPARENT = "grandparent", "бабушка, дедушка"
    GRANDCHILD = "grandchild", "внук, внучка"
    SIBLING = "sibling", "брат, сестра"
    WARD = "ward", "подопечный"
    GUARDIAN = "guardian", "опекун (попечитель)"
    OTHER = "other", "иное"


class FamilyMemberQuerySet(CaseworkQuerySet):
    organisation_path = "family__organisation"
    unit_path = "family__unit"
    district_path = "family__district"
    specialist_path = "family__specialist"
    family_path = "family"


class FamilyMember(models.Model):
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="memberships", verbose_name="семья"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="family_memberships",
        verbose_name="член семьи",
    )
    relation = models.CharField("родство", max_length=16, choices=Relation)
    is_legal_representative = models.BooleanField("законный представитель", default=False)
    joined_on = models.DateField("в составе с", null=True, blank=True)
    left_on = models.DateField("выбыл", null=True, blank=True)

    all_records = models.Manager()
    objects = FamilyMemberQuerySet.as_manager()

    # A related card is named in the trail by its str(): the full name — never in clear.
    audit_redacted_fields = frozenset({"family", "person"})

    class Meta:
        verbose_name = "член семьи"
        verbose_name_plural = "члены семей"
        default_manager_name = "all_records"
        ordering = ["family_id", "relation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="family_member_unique")
        ]

    def __str__(self):
        return f"{self.get_relation_display()} (семья № {self.family_id})"

    def audit_label(self) -> str:
        return f"Член семьи № {self.pk}"


class TargetGroupApplies(models.TextChoices):
    PERSON = "person", "гражданин"
    FAMILY = "family", "семья"


class TargetGroup(models.Model):
    """A target group of 002 §1.3: data (a region adds its own)."""

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("наименование", max_length=255)
    applies_to = models.CharField("относится к", max_length=8, choices=TargetGroupApplies)
    derived = models.BooleanField(
        "определяется автоматически",
        default=False,
        help_text="Граждане пожилого возраста — по полу и дате рождения (002 п. 1.3).",
    )
    basis = models.CharField("основание", max_length=255, default="Положение 002, п. 1.3")
    order = models.PositiveSmallIntegerField("порядок", default=100)

    class Meta:
        verbose_name = "целевая группа"
        verbose_name_plural = "целевые группы"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
