"""The catalogue of social services and the service facts (SPEC SOC-10, SOC-11; seed 002 §IV,
app. 4; 442-FZ art. 20, 25).

A service given to a citizen is written down once, as a `ServiceFact`: the statistics, the
register of recipients, the ЕГИССО export and the reports are read from the facts. A fact
copies the service's code, form and the tariff in force on its date, so a change of the
catalogue never rewrites a past fact.

A fact counts in an accounting month (``period``): the month it was given in, or — for a
reversal («сторно») and a fact entered after its month was closed by the head — the open
month it was entered in. So a closed month's numbers never change; a correction shows in the
month it was made, with a link to the fact it corrects.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.models import HeldRecord


class ServiceKind(models.TextChoices):
    HOUSEHOLD = "household", "социально-бытовые"
    MEDICAL = "medical", "социально-медицинские"
    PSYCHOLOGICAL = "psychological", "социально-психологические"
    PEDAGOGICAL = "pedagogical", "социально-педагогические"
    LABOUR = "labour", "социально-трудовые"
    LEGAL = "legal", "социально-правовые"
    COMMUNICATION = "communication", "услуги в целях повышения коммуникативного потенциала"
    URGENT = "urgent", "срочные социальные услуги"
    ADDITIONAL = "additional", "дополнительные услуги"


class ServiceForm(models.TextChoices):
    HOME = "home", "в форме социального обслуживания на дому"
    SEMI_STATIONARY = "semi_stationary", "в полустационарной форме"
    STATIONARY = "stationary", "в стационарной форме"
    URGENT = "urgent", "срочные социальные услуги"
    ADDITIONAL = "additional", "дополнительные услуги"


class Payment(models.TextChoices):
    FREE = "free", "бесплатно"
    PAID = "paid", "за плату"
    PARTLY = "partly", "за частичную плату"


class Basis(models.TextChoices):
    PLAN_LINE = "plan_line", "ИППСУ (строка плана)"
    SOCIAL_CONTRACT = "social_contract", "социальный контракт"
    URGENT = "urgent", "срочная услуга без ИППСУ"
    RENTAL = "rental", "договор проката"
    CALL = "call", "обращение по телефону"


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class Service(models.Model):
    """SOC-11: a service of the regional list (the «код услуги» of the journals)."""

    code = models.CharField("код услуги", max_length=20, unique=True)
    name = models.CharField("наименование", max_length=500)
    kind = models.CharField("вид", max_length=16, choices=ServiceKind)
    form = models.CharField("форма социального обслуживания", max_length=16, choices=ServiceForm)
    measure_unit = models.CharField("единица измерения", max_length=60, default="услуга")
    is_paid = models.BooleanField(
        "предоставляется за плату", default=False, help_text="Иначе — бесплатно."
    )
    allows_anonymous = models.BooleanField(
        "может оказываться анонимно",
        default=False,
        help_text="Например, консультация по телефону доверия.",
    )
    egisso_code = models.CharField(
        "локальный код меры (ЕГИССО)",
        max_length=36,
        blank=True,
        help_text="Код меры социальной защиты в классификаторе ЕГИССО региона.",
    )
    order_ref = models.CharField("приказ, которым установлена", max_length=255, blank=True)
    is_active = models.BooleanField("действует", default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "социальная услуга"
        verbose_name_plural = "перечень социальных услуг"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def tariff_on(self, day: datetime.date) -> Tariff | None:
        """The tariff in force on ``day`` (the last one set from that day or before)."""
        return self.tariffs.filter(valid_from__lte=day).order_by("-valid_from").first()


class Tariff(models.Model):
    """The price of one unit of a service from a date on (a new tariff is a new row)."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="tariffs", verbose_name="услуга"
    )
    valid_from = models.DateField("действует с")
    price = models.DecimalField(
        "тариф, руб. за единицу",
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    order_ref = models.CharField("приказ", max_length=255, blank=True)

    class Meta:
        verbose_name = "тариф"
        verbose_name_plural = "тарифы"
        ordering = ["service", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "valid_from"], name="tariff_one_per_service_and_date"
            )
        ]

    def __str__(self):
        return f"{self.price} с {self.valid_from:%d.%m.%Y}"


class ServiceFactQuerySet(CaseworkQuerySet):
    person_path = "person"
    family_path = None

    def reversals(self):
        return self.filter(reverses__isnull=False)

    def effective(self):
        """Facts that stand: neither a reversal nor reversed."""
        return self.filter(reverses__isnull=True, reversed_by__isnull=True)


class ServiceFact(HeldRecord):
    """A service given (SOC-10): one row per recipient, service and day.

    ``organisation``/``unit`` are who gave it, ``district`` the recipient's social district,
    ``specialist`` the one who gave it (or is answerable for it). A reversal has
    ``reverses`` set and the opposite signs of quantity and amount.
    """

    person = models.ForeignKey(
        "citizens.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="получатель",
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name="услуга"
    )
    # Copied from the catalogue on the fact's date: a later change rewrites nothing.
    service_code = models.CharField("код услуги", max_length=20, editable=False)
    service_kind = models.CharField("вид", max_length=16, choices=ServiceKind, editable=False)
    service_form = models.CharField(
        "форма обслуживания", max_length=16, choices=ServiceForm, editable=False
    )
    price = models.DecimalField(
        "тариф", max_digits=10, decimal_places=2, default=Decimal("0"), editable=False
    )
    provided_on = models.DateField("дата оказания")
    period = models.DateField("учётный месяц", editable=False, db_index=False)
    quantity = models.IntegerField("количество")
    basis = models.CharField("основание", max_length=16, choices=Basis)
    plan_line = models.ForeignKey(
        "plans.PlanLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="строка ИППСУ",
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="случай",
    )
    payment = models.CharField("оплата", max_length=8, choices=Payment, default=Payment.FREE)
    amount = models.DecimalField(
        "оплачено гражданином, руб.", max_digits=12, decimal_places=2, default=Decimal("0")
    )
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name="сторнирует",
    )
    note = models.CharField("примечание", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="внёс",
    )

    all_records = models.Manager()
    objects = ServiceFactQuerySet.as_manager()

    # The recipient is named in the trail by their card's str(): never in clear.
    audit_redacted_fields = frozenset({"person", "note", "case", "plan_line"})

    class Meta:
        default_manager_name = "all_records"
        verbose_name = "факт оказания услуги"
        verbose_name_plural = "факты оказания услуг"
        ordering = ["-provided_on", "-id"]
        indexes = [
            # The statistics (statistics.py) of an institution's and of the region's months
            # read the facts from these two alone (index-only scans): the key holds every
            # column the totals and the breakdowns by unit, kind and form read. Key columns,
            # not INCLUDE, so that SQLite builds the same index. 10,000,000 facts: 0.9 s → 0.1 s
            # for an institution's month (bench/results/socialservices.md).
            models.Index(
                fields=[
                    "organisation", "period", "unit", "service_kind", "service_form", "person",
                    "quantity", "price", "id",
                ],
                name="fact_org_period_stats",
            ),
            models.Index(fields=["unit", "period"], name="fact_unit_period"),
            models.Index(fields=["person", "provided_on"], name="fact_person_day"),
            models.Index(
                fields=[
                    "period", "unit", "service_kind", "service_form", "person", "quantity",
                    "price", "id",
                ],
                name="fact_period_stats",
            ),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="fact_quantity_not_zero"),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, quantity__gt=0)
                | Q(reverses__isnull=False, quantity__lt=0),
                name="fact_sign_of_reversal",
            ),
        ]

    def __str__(self):
        return f"{self.service_code} от {self.provided_on:%d.%m.%Y}"

    def audit_label(self) -> str:
        return f"Факт оказания услуги № {self.pk}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def cost(self) -> Decimal:
        return self.price * self.quantity

    def clean(self):
        super().clean()
        if self.amount and self.amount < 0 and not self.reverses_id:
            raise ValidationError({"amount": "Сумма оплаты не может быть отрицательной."})
        if self.payment == Payment.FREE and self.amount:
            raise ValidationError({"amount": "Услуга бесплатна: сумма оплаты должна быть 0."})


class MonthClosure(models.Model):
    """The head closed the unit's month (SOC-10): its facts are no longer edited."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    month = models.DateField("месяц")
    closed_at = models.DateTimeField("закрыт", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="закрыл",
    )

    class Meta:
        verbose_name = "закрытие месяца"
        verbose_name_plural = "закрытые месяцы"
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="month_closed_once")]

    def __str__(self):
        return f"{self.month:%m.%Y}"


class StatisticsTally(models.Model):
    """The month's numbers of an institution, kept in step with its facts (``tallies.py``):
    recipients, services and cost in total (``dimension`` "total") and by each dimension of
    the statistics but the month (``key`` — the id or the code of the unit, specialist,
    district, service, kind, form or payment; "" where the fact has none).

    The region's month is the sum of its institutions' rows: a fact's person is held by the
    institution that gave the service (``services.fact_record``), so no person is counted by
    two institutions. A month's recipients are not the sum of its days' or its units' (one
    person, several units), nor a quarter the sum of its months': those are read from the
    facts (``statistics.totals``/``breakdown``).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    period = models.DateField("учётный месяц")
    dimension = models.CharField("разрез", max_length=16)
    key = models.CharField("значение разреза", max_length=40, blank=True)
    recipients = models.IntegerField("получателей", default=0)
    services = models.IntegerField("услуг", default=0)
    cost = models.DecimalField("стоимость, руб.", max_digits=16, decimal_places=2, default=0)

    class Meta:
        verbose_name = "итог месяца по услугам"
        verbose_name_plural = "итоги месяцев по услугам"
        ordering = ["organisation", "period", "dimension", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period", "dimension", "key"], name="tally_one_per_cell"
            )
        ]
        indexes = [
            models.Index(fields=["period", "dimension", "key"], name="tally_region_month"),
        ]

    def __str__(self):
        return f"{self.period:%m.%Y} {self.dimension} {self.key}"
