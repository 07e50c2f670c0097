"""The data bank of citizens and families (SPEC SOC-3, SOC-4; seed 002 §1.3, §5.1.7–5.1.9).

A person or a family is *held* by an institution and one of its units, may belong to a
social district and has a responsible specialist; who sees it is `access.casework_q`.
Everything here is personal data: the fields are named in ``audit_redacted_fields`` (the
trail says only «указан»), the trail names a record by its kind and number
(``audit_label``), and no personal field is put in a shared search column; names are
compared through ``name_key`` (a column read only through the scope).

Consent (152-FZ; 004 app. 2 §5.1) is a register: purpose, signatory, document, dates,
withdrawal — and `services.require_consent` refuses an exchange without a valid one.
Cards are never destroyed as duplicates: `DuplicateLink` links two of them, and the link can
be undone.
"""

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
from resurs.casework.units.models import PASSPORT_VALID_MONTHS, months_before
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
            rule |= Q(
                pk__in=case_model.all_records.filter(specialist_id=scope.user_id).values(
                    "person_id"
                )
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


class DuplicateDecision(models.TextChoices):
    LINKED = "linked", "одно лицо: карточки связаны"
    DISTINCT = "distinct", "разные лица"


class DuplicateLinkQuerySet(AboutQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        visible = Person.objects.visible_to(scope)
        return Q(first__in=visible) | Q(second__in=visible)


class DuplicateLink(models.Model):
    """A decision on two cards that look like one person: linked (never merged or destroyed:
    both histories stay) or distinct. A link can be undone (``undone_at``)."""

    first = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name="карточка 1"
    )
    second = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name="карточка 2"
    )
    decision = models.CharField("решение", max_length=12, choices=DuplicateDecision)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="решил",
    )
    decided_at = models.DateTimeField("решено", auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отменил",
    )
    undone_at = models.DateTimeField("отменено", null=True, blank=True)

    all_records = models.Manager()
    objects = DuplicateLinkQuerySet.as_manager()

    audit_redacted_fields = frozenset({"first", "second"})

    class Meta:
        verbose_name = "решение о дубликате"
        verbose_name_plural = "решения о дубликатах"
        default_manager_name = "all_records"
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="duplicate_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: № {self.first_id} и № {self.second_id}"


class ReasonedAccessQuerySet(models.QuerySet):
    def open_for(self, scope: Scope):
        return self.filter(membership_id=scope.membership_id, expires_at__gt=timezone.now())


class ReasonedAccess(models.Model):
    """A region-wide user's opening of one person's or family's records, with the stated
    reason (SPEC §0): valid until ``expires_at``; logged and shown to the institution."""

    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.CASCADE, related_name="+", verbose_name="роль"
    )
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
    reason = models.TextField("основание доступа")
    opened_at = models.DateTimeField("открыт", default=timezone.now)
    expires_at = models.DateTimeField("действует до")

    objects = ReasonedAccessQuerySet.as_manager()

    class Meta:
        verbose_name = "доступ с указанием основания"
        verbose_name_plural = "доступы с указанием основания"
        ordering = ["-opened_at"]

    def __str__(self):
        return f"Доступ {self.membership} с {self.opened_at:%d.%m.%Y %H:%M}"


class AccessChannel(models.TextChoices):
    UI = "ui", "веб-интерфейс"
    API = "api", "API"
    EXPORT = "export", "выгрузка"


class AccessLogQuerySet(models.QuerySet):
    def shown_to(self, scope: Scope):
        """The access log of the records an institution holds: its provider role (the
        institution's head) sees all of it, a unit head that of the unit; the region-wide
        roles see the entries they made themselves."""
        from resurs.casework.units.models import staff_units

        if scope.role == "provider":
            return self.filter(holder_id=scope.organisation_id)
        if scope.role == "head":
            return self.filter(holder_id=scope.organisation_id, unit_id__in=staff_units(scope))
        return self.filter(membership_id=scope.membership_id)


class AccessLogEntry(models.Model):
    """X-3, 152-FZ: one opening of a record with personal data — who, when, which record,
    under which role, with which stated reason. Names no person in clear: the record by its
    kind and id."""

    at = models.DateTimeField("когда", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="кто"
    )
    membership = models.ForeignKey(
        "accounts.Membership",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="роль",
    )
    role = models.CharField("роль", max_length=64)
    viewer_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="организация просмотревшего",
    )
    record_type = models.CharField("вид записи", max_length=64)
    record_label = models.CharField("запись", max_length=120)
    record_id = models.PositiveBigIntegerField("номер записи")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="гражданин",
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="семья",
    )
    holder = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение, ведущее запись",
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отделение",
    )
    channel = models.CharField(
        "канал", max_length=8, choices=AccessChannel, default=AccessChannel.UI
    )
    reason = models.TextField("основание (для региональных ролей)", blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = "запись журнала доступа к персональным данным"
        verbose_name_plural = "журнал доступа к персональным данным"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["holder", "-at"], name="access_log_holder")]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.record_label}"
