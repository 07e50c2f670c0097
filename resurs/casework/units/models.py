"""Units of an institution, their staff, social districts (SPEC SOC-1, SOC-2; seed 002 §I, §III).

An institution (a provider of the directory) has structural units (отделения); the kinds of
unit are data (`UnitKind`), so a region adds its own. A head's or specialist's membership
names its unit through `UnitStaff`, with the staff position of 002 §1.5. A unit of the
social-support kind is divided into social districts (участки), each checked against the
population norms of the Government of Yugra resolution No. 174-п of 20.08.2008 (002 §1.2
footnote) — norms are dated data (`PopulationNorm`), the resolution cited beside them.

These are not personal data: a unit, a district and its passport are visible with their
institution (the organisation rule of the directory), so the УСЗН of the territory and the
region-wide roles see them too; who is assigned to a district is staff data of the same
institution.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.organisations.scoping import OrganisationScopedQuerySet

# 002 §3.2.9: a district passport and social passports are brought up to date at least once
# every six months ("не реже 1 раза в полугодие").
PASSPORT_VALID_MONTHS = 6
# 002 §1.13: the unit's maximum throughput, people a day (a setting of each unit).
DEFAULT_DAILY_CAPACITY = 25


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    return datetime.date(year, month, min(day.day, 28))


class UnitKind(models.Model):
    """A kind of structural unit (отделение) of an institution: data, seeded from 002 §VI."""

    code = models.SlugField("код", max_length=40, unique=True)
    name = models.CharField("наименование", max_length=255)
    works_with_districts = models.BooleanField(
        "работает по участковому принципу",
        default=False,
        help_text="Отделение социального сопровождения делится на социальные участки (002 §1.2).",
    )
    order = models.PositiveSmallIntegerField("порядок", default=100)

    class Meta:
        verbose_name = "вид отделения"
        verbose_name_plural = "виды отделений"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class UnitQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def active(self):
        return self.filter(closed_on__isnull=True)


class Unit(models.Model):
    """A structural unit (отделение) of an institution."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name="учреждение",
    )
    kind = models.ForeignKey(
        UnitKind, on_delete=models.PROTECT, related_name="units", verbose_name="вид отделения"
    )
    name = models.CharField("наименование", max_length=255)
    daily_capacity = models.PositiveSmallIntegerField(
        "пропускная способность, человек в день",
        default=DEFAULT_DAILY_CAPACITY,
        help_text="002 п. 1.13: журнал обращений предупреждает, когда день заполнен.",
    )
    caseload_limit = models.PositiveSmallIntegerField(
        "нагрузка на специалиста, случаев",
        default=40,
        help_text="Открытых случаев на одного специалиста; превышение видно заведующему.",
    )
    phone = models.CharField("телефон", max_length=64, blank=True)
    address = models.CharField("адрес", max_length=500, blank=True)
    closed_on = models.DateField("упразднено", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "отделение"
        verbose_name_plural = "отделения"
        ordering = ["organisation_id", "kind__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unit_unique_name")
        ]

    def __str__(self):
        return self.name


class Position(models.TextChoices):
    """Staff positions of a social-support department (002 §1.5)."""

    HEAD = "head", "Заведующий отделением"
    FAMILY_SPECIALIST = "family_specialist", "Специалист по работе с семьёй"
    PSYCHOLOGIST = "psychologist", "Психолог"
    LAWYER = "lawyer", "Юрисконсульт"
    TECHNICAL_ASSISTANT = "technical_assistant", "Ассистент по оказанию технической помощи"
    SOCIAL_WORK_SPECIALIST = "social_work_specialist", "Специалист по социальной работе"


class UnitStaffQuerySet(OrganisationScopedQuerySet):
    organisation_path = "unit__organisation"

    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class UnitStaff(models.Model):
    """The unit a head's or specialist's membership works in, and the staff position."""

    membership = models.OneToOneField(
        "accounts.Membership",
        on_delete=models.CASCADE,
        related_name="unit_staff",
        verbose_name="роль пользователя",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="staff", verbose_name="отделение"
    )
    position = models.CharField("должность", max_length=32, choices=Position)
    starts_on = models.DateField("с", default=datetime.date(2020, 1, 1))
    ends_on = models.DateField("по", null=True, blank=True)

    objects = UnitStaffQuerySet.as_manager()

    class Meta:
        verbose_name = "сотрудник отделения"
        verbose_name_plural = "сотрудники отделений"
        ordering = ["unit_id", "position", "membership_id"]

    def __str__(self):
        return f"{self.membership.user} — {self.get_position_display()}"

    def clean(self):
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Дата окончания раньше даты начала."})
        if (
            self.membership_id
            and self.unit_id
            and self.membership.organisation_id != self.unit.organisation_id
        ):
            raise ValidationError(
                {"unit": "Отделение должно принадлежать учреждению, в котором роль."}
            )


class DistrictKind(models.TextChoices):
    """Kinds of territory of a social district (002 §1.2 footnote)."""

    URBAN_OKRUG = "urban_okrug", "городской округ"
    MUNICIPAL_DISTRICT = "municipal_district", "муниципальный район"
    URBAN_SETTLEMENT = "urban_settlement", "поселение городского типа"
    SEASONAL_ISOLATION = (
        "seasonal_isolation",
        "местность с длительной сезонной изоляцией и низкой плотностью населения",
    )


class PopulationNormQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)


class PopulationNorm(models.Model):
    """A norm of the population of a social district, as the act that set it (dated data)."""

    kind = models.CharField("вид территории", max_length=32, choices=DistrictKind)
    minimum = models.PositiveIntegerField("от, человек")
    maximum = models.PositiveIntegerField("до, человек")
    valid_from = models.DateField("действует с")
    valid_to = models.DateField("действует по", null=True, blank=True)
    basis = models.CharField("основание", max_length=500)

    objects = PopulationNormQuerySet.as_manager()

    class Meta:
        verbose_name = "норматив численности населения участка"
        verbose_name_plural = "нормативы численности населения участков"
        ordering = ["kind", "-valid_from"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.minimum}–{self.maximum}"

    def clean(self):
        if self.minimum > self.maximum:
            raise ValidationError({"maximum": "Верхняя граница меньше нижней."})


class SocialDistrictQuerySet(OrganisationScopedQuerySet):
    organisation_path = "unit__organisation"

    def active(self):
        return self.filter(closed_on__isnull=True)


class SocialDistrict(models.Model):
    """SOC-1: a social district (социальный участок) of a unit: territory and population."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="districts", verbose_name="отделение"
    )
    name = models.CharField("наименование", max_length=255)
    territory = models.ForeignKey(
        "organisations.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="муниципальное образование",
    )
    kind = models.CharField("вид территории", max_length=32, choices=DistrictKind)
    bounds = models.TextField(
        "границы участка", blank=True, help_text="Микрорайоны, улицы, населённые пункты."
    )
    population = models.PositiveIntegerField("численность населения, человек")
    population_as_of = models.DateField("численность на дату")
    closed_on = models.DateField("упразднён", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SocialDistrictQuerySet.as_manager()

    class Meta:
        verbose_name = "социальный участок"
        verbose_name_plural = "социальные участки"
        ordering = ["unit_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="district_unique_name")
        ]

    def __str__(self):
        return self.name

    def norm(self, on: datetime.date | None = None) -> PopulationNorm | None:
        on = on or self.population_as_of
        return PopulationNorm.objects.in_force(on).filter(kind=self.kind).first()


class DistrictAssignmentQuerySet(OrganisationScopedQuerySet):
    organisation_path = "district__unit__organisation"

    def current(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class DistrictAssignment(models.Model):
    """A specialist assigned to a district for a period (SOC-1)."""

    district = models.ForeignKey(
        SocialDistrict,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name="участок",
    )
    membership = models.ForeignKey(
        "accounts.Membership",
        on_delete=models.CASCADE,
        related_name="district_assignments",
        verbose_name="специалист",
    )
    starts_on = models.DateField("с")
    ends_on = models.DateField("по", null=True, blank=True)

    objects = DistrictAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "закрепление специалиста за участком"
        verbose_name_plural = "закрепления специалистов за участками"
        ordering = ["district_id", "-starts_on"]

    def __str__(self):
        return f"{self.district}: {self.membership.user}"

    def clean(self):
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Дата окончания раньше даты начала."})


class DistrictPassportQuerySet(OrganisationScopedQuerySet):
    organisation_path = "district__unit__organisation"


class DistrictPassport(models.Model):
    """SOC-2: one edition of a district's passport; a new edition is a new row (versioned)."""

    district = models.ForeignKey(
        SocialDistrict,
        on_delete=models.CASCADE,
        related_name="passports",
        verbose_name="участок",
    )
    edition = models.PositiveIntegerField("редакция", editable=False)
    compiled_on = models.DateField("актуализирован")
    infrastructure = models.TextField(
        "инфраструктура участка",
        help_text="Учреждения, предприятия, транспорт, жилой фонд (002 п. 3.2.1).",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name="социальные партнёры",
    )
    social_picture = models.TextField("социальная картина участка", blank=True)
    notes = models.TextField("примечания", blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="составил",
    )
    created_at = models.DateTimeField("внесён", auto_now_add=True)

    objects = DistrictPassportQuerySet.as_manager()

    class Meta:
        verbose_name = "паспорт социального участка"
        verbose_name_plural = "паспорта социальных участков"
        ordering = ["district_id", "-edition"]
        constraints = [
            models.UniqueConstraint(fields=["district", "edition"], name="passport_unique_edition")
        ]

    def __str__(self):
        return f"Паспорт участка «{self.district}», редакция {self.edition}"

    def is_outdated(self, today: datetime.date) -> bool:
        return self.compiled_on < months_before(today, PASSPORT_VALID_MONTHS)


def staff_units(scope: Scope, on: datetime.date | None = None):
    """Ids of the units the scope's membership works in now (a subquery)."""
    return UnitStaff.objects.current(on).filter(membership_id=scope.membership_id).values("unit_id")


def assigned_districts(scope: Scope, on: datetime.date | None = None):
    """Ids of the districts the scope's membership is assigned to now (a subquery)."""
    return (
        DistrictAssignment.objects.current(on)
        .filter(membership_id=scope.membership_id)
        .values("district_id")
    )
