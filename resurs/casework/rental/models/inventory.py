"""The rental fund of an institution (TSR-1, TSR-2): kinds with their tariffs, items, their
maintenance and write-off."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from resurs.kernel.organisations.scoping import OrganisationScopedQuerySet
from resurs.kernel.workcalendar.periods import add_months

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class TimeUnit(models.TextChoices):
    # norms.py says why the demo counts in days; another unit is a new choice and its count.
    DAY = "day", "сутки"


class ItemKind(models.Model):
    """TSR-1: a kind of the rental fund (seed 002 app. 1, app. 3 list)."""

    name = models.CharField("наименование ТСР", max_length=255, unique=True)
    service_life_months = models.PositiveSmallIntegerField(
        "срок службы, мес.",
        help_text="Норма срока пользования (п. 5.4 положения); настройка учреждения.",
    )
    service_code = models.CharField(
        "код услуги в перечне",
        max_length=20,
        blank=True,
        help_text="Услуга перечня («ПР-…»), которой учитывается прокат этого вида.",
    )
    position = models.PositiveSmallIntegerField("№ п/п в перечне", default=0)

    class Meta:
        verbose_name = "вид ТСР"
        verbose_name_plural = "виды ТСР"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def tariff_on(self, day: datetime.date) -> Tariff | None:
        """The tariff in force on ``day``: the last one set from that day or before."""
        return self.tariffs.filter(valid_from__lte=day).order_by("-valid_from").first()


class Tariff(models.Model):
    """TSR-2: the price of a unit of time of a kind from a date on, set by the director's
    order (§4.4); a new price is a new row, so a past contract keeps its own."""

    kind = models.ForeignKey(
        ItemKind, on_delete=models.CASCADE, related_name="tariffs", verbose_name="вид ТСР"
    )
    valid_from = models.DateField("действует с")
    price = models.DecimalField("тариф, руб. за единицу", **MONEY)  # type: ignore[arg-type]
    time_unit = models.CharField(
        "единица времени", max_length=8, choices=TimeUnit, default=TimeUnit.DAY
    )
    order_ref = models.CharField("приказ директора", max_length=255)

    class Meta:
        verbose_name = "тариф проката"
        verbose_name_plural = "тарифы проката"
        ordering = ["kind", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "valid_from"], name="rental_tariff_per_date")
        ]

    def __str__(self):
        return f"{self.price} руб./{self.get_time_unit_display()} с {self.valid_from:%d.%m.%Y}"


class ItemSource(models.TextChoices):
    PROGRAMME = "programme", "закупка по программе «Современная социальная служба Югры»"
    PAID_INCOME = "paid_income", "за счёт средств от платных услуг"
    UNCLAIMED = "unclaimed", "невостребованное по ИПР/ИПРА (накладная формы 0315006)"


class ItemState(models.TextChoices):
    FREE = "free", "свободно"
    ON_LOAN = "on_loan", "выдано"
    MAINTENANCE = "maintenance", "на обслуживании или в ремонте"
    LOST = "lost", "утрачено, ожидает списания"
    WRITTEN_OFF = "written_off", "списано"


class ItemQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def free_of(self, kind: ItemKind):
        return self.filter(kind=kind, state=ItemState.FREE)


class Item(models.Model):
    """TSR-1: an item of the rental fund with its mark (клеймо, §5.2)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    mark = models.CharField("клеймо", max_length=40)
    kind = models.ForeignKey(
        ItemKind, on_delete=models.PROTECT, related_name="items", verbose_name="вид ТСР"
    )
    characteristics = models.TextField("технические характеристики", blank=True)
    book_value = models.DecimalField("балансовая стоимость, руб.", **MONEY)  # type: ignore[arg-type]
    market_value = models.DecimalField("рыночная стоимость, руб.", **MONEY)  # type: ignore[arg-type]
    condition = models.CharField("техническое состояние", max_length=255, default="исправно")
    source = models.CharField("источник поступления", max_length=16, choices=ItemSource)
    transfer_note_number = models.CharField("накладная 0315006: номер", max_length=40, blank=True)
    transfer_note_date = models.DateField("накладная 0315006: дата", null=True, blank=True)
    in_service_on = models.DateField("введено в эксплуатацию")
    location = models.CharField("место хранения", max_length=255, blank=True)
    state = models.CharField(
        "состояние", max_length=12, choices=ItemState, default=ItemState.FREE, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "предмет проката"
        verbose_name_plural = "прокатный фонд"
        ordering = ["kind__position", "mark"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "mark"], name="rental_mark_unique")
        ]

    def __str__(self):
        return f"{self.kind} (клеймо {self.mark})"

    @property
    def service_life_ends_on(self) -> datetime.date:
        """The day the norm of its kind ends, counted from the day it was put in service."""
        return add_months(self.in_service_on, self.kind.service_life_months)

    def clean(self):
        super().clean()
        if self.source == ItemSource.UNCLAIMED and not (
            self.transfer_note_number and self.transfer_note_date
        ):
            raise ValidationError(
                {
                    "transfer_note_number": "Для ТСР, невостребованного по ИПР/ИПРА, укажите "
                    "номер и дату накладной на внутреннее перемещение (форма 0315006, п. 1.3)."
                }
            )
        if (
            self.unit_id
            and self.organisation_id
            and self.unit.organisation_id != (self.organisation_id)
        ):
            raise ValidationError({"unit": "Отделение другого учреждения."})


class MaintenanceQuerySet(OrganisationScopedQuerySet):
    organisation_path = "item__organisation"

    def open(self):
        return self.filter(finished_on__isnull=True)


class Maintenance(models.Model):
    """Maintenance or repair of an item (§3.11): while open, the item is not issued."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="maintenances", verbose_name="предмет"
    )
    started_on = models.DateField("начато")
    finished_on = models.DateField("завершено", null=True, blank=True)
    what = models.CharField("что сделано или требуется", max_length=500)
    cost = models.DecimalField("стоимость, руб.", default=Decimal("0"), **MONEY)  # type: ignore[arg-type]

    objects = MaintenanceQuerySet.as_manager()

    class Meta:
        verbose_name = "обслуживание или ремонт"
        verbose_name_plural = "обслуживание и ремонт"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(finished_on__isnull=True),
                name="rental_one_open_maintenance",
            )
        ]

    def __str__(self):
        return f"{self.what} с {self.started_on:%d.%m.%Y}"


class WriteOffQuerySet(OrganisationScopedQuerySet):
    organisation_path = "item__organisation"


class WriteOff(models.Model):
    """The item's write-off by its act (§5.5)."""

    item = models.OneToOneField(
        Item, on_delete=models.PROTECT, related_name="write_off", verbose_name="предмет"
    )
    act_number = models.CharField("акт: номер", max_length=40)
    act_date = models.DateField("акт: дата")
    reason = models.CharField("причина", max_length=500)

    objects = WriteOffQuerySet.as_manager()

    class Meta:
        verbose_name = "списание"
        verbose_name_plural = "списания"
        ordering = ["-act_date"]

    def __str__(self):
        return f"Акт № {self.act_number} от {self.act_date:%d.%m.%Y}"
