"""Contracts, loans of items, returns and the money of a return (TSR-4, TSR-5)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.models import HeldRecord
from resurs.casework.citizens.permissions import WRITE_ROLES
from resurs.casework.rental.models.applications import Application
from resurs.casework.rental.models.inventory import MONEY, Item


class ContractState(models.TextChoices):
    ACTIVE = "active", "действует"
    CLOSED = "closed", "исполнен"
    TERMINATED = "terminated", "расторгнут досрочно"


class ContractQuerySet(CaseworkQuerySet):
    person_path = "person"

    def overdue(self, today: datetime.date):
        return self.filter(overdue_condition(today))


def overdue_condition(today: datetime.date) -> Q:
    """An active contract whose term (the extension, if any) ended before ``today``."""
    return Q(state=ContractState.ACTIVE) & (
        Q(extended_until__isnull=True, ends_on__lt=today) | Q(extended_until__lt=today)
    )


class Contract(HeldRecord):
    """TSR-4: the contract of temporary use (seed 002 app. 1, its app. 1): the items are its
    loans; the term at most a year, extended once by at most six months (§3.6)."""

    number = models.CharField("номер договора", max_length=20)
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="contract", verbose_name="заявление"
    )
    person = models.ForeignKey(
        "citizens.Person", on_delete=models.PROTECT, related_name="+", verbose_name="обслуживаемый"
    )
    concluded_on = models.DateField("дата договора")
    starts_on = models.DateField("срок с")
    ends_on = models.DateField("срок по")
    extended_until = models.DateField("продлён по", null=True, blank=True, editable=False)
    extension_reason = models.CharField(
        "основание продления", max_length=500, blank=True, editable=False
    )
    delivery = models.BooleanField("доставка на дом (п. 3.5)", default=False)
    delivery_reason = models.CharField("основание доставки", max_length=500, blank=True)
    representative_name = models.CharField(
        "представитель по доверенности: ФИО", max_length=255, blank=True
    )
    representative_document = models.CharField(
        "доверенность: номер и дата", max_length=255, blank=True
    )
    state = models.CharField(
        "состояние",
        max_length=12,
        choices=ContractState,
        default=ContractState.ACTIVE,
        editable=False,
    )
    items = models.ManyToManyField(
        Item, through="Loan", related_name="contracts", verbose_name="предметы"
    )

    all_records = models.Manager()
    objects = ContractQuerySet.as_manager()

    audit_redacted_fields = frozenset(
        {"person", "application", "representative_name", "representative_document"}
    )

    class Meta:
        default_manager_name = "all_records"
        verbose_name = "договор проката ТСР"
        verbose_name_plural = "договоры проката ТСР"
        ordering = ["-concluded_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="rental_contract_number"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="rental_contract_term"
            ),
        ]

    def __str__(self):
        return f"Договор № {self.number} от {self.concluded_on:%d.%m.%Y}"

    def audit_label(self) -> str:
        return f"Договор проката № {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("rental:contract_detail", args=[self.pk])

    @property
    def current_end(self) -> datetime.date:
        return self.extended_until or self.ends_on

    # The signed contract and its acts (scans) are attached to the contract's card (§3.2).
    attachments_personal = True

    def attachments_editable_by(self, scope) -> bool:
        """The institution's staff attach the signed copies; the УСЗН reads, region-wide
        roles never write."""
        return (
            scope is not None
            and scope.role in WRITE_ROLES
            and self.organisation_id == scope.organisation_id
        )


class ContractPartQuerySet(CaseworkQuerySet):
    """Loans and charges are seen with their contract."""

    organisation_path = "contract__organisation"
    unit_path = "contract__unit"
    district_path = "contract__district"
    specialist_path = "contract__specialist"
    person_path = "contract__person"


class ReturnCondition(models.TextChoices):
    GOOD = "good", "исправно (с учётом естественного износа)"
    FAULTY = "faulty", "неисправно не по вине обслуживаемого"
    MISUSED = "misused", "неисправно вследствие нарушения правил эксплуатации"
    LOST = "lost", "утрачено или не подлежит восстановлению по вине обслуживаемого"


class Loan(models.Model):
    """An item under a contract: free or paid (with the reason), the price and the amount."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="loans", verbose_name="договор"
    )
    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="loans", verbose_name="предмет"
    )
    free = models.BooleanField("бесплатно")
    reason = models.CharField("основание (бесплатно или платно)", max_length=500)
    price = models.DecimalField("тариф, руб. за сутки", default=Decimal("0"), **MONEY)  # type: ignore[arg-type]
    days = models.PositiveIntegerField("суток")
    amount = models.DecimalField("плата, руб.", default=Decimal("0"), **MONEY)  # type: ignore[arg-type]
    returned_on = models.DateField("возвращено", null=True, blank=True)
    return_condition = models.CharField(
        "состояние при возврате", max_length=8, choices=ReturnCondition, blank=True
    )
    service_fact = models.ForeignKey(
        "socialservices.ServiceFact",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="факт оказания услуги",
    )

    all_records = models.Manager()
    objects = ContractPartQuerySet.as_manager()

    class Meta:
        default_manager_name = "all_records"
        verbose_name = "выданный предмет"
        verbose_name_plural = "выданные предметы"
        ordering = ["contract", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_on__isnull=True),
                name="rental_item_on_one_open_loan",
            )
        ]

    def __str__(self):
        return f"{self.item} по договору № {self.contract.number}"


class ReturnReason(models.TextChoices):
    TERM_ENDED = "term_ended", "по истечении срока договора"
    CITIZEN_EARLY = (
        "citizen_early",
        "досрочное расторжение по инициативе обслуживаемого (договор, п. 2.4.5)",
    )
    WITHDRAWN = (
        "withdrawn",
        "досрочное изъятие: ухудшение состояния или использование не по назначению (п. 3.8)",
    )
    REPLACED = (
        "replaced",
        "выход из строя не по вине обслуживаемого (договор, п. 2.1.4)",
    )


class ReturnQuerySet(ContractPartQuerySet):
    pass


class Return(models.Model):
    """TSR-5: the act of acceptance: the items returned, when, on what ground."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="returns", verbose_name="договор"
    )
    returned_on = models.DateField("дата возврата")
    reason = models.CharField("основание", max_length=16, choices=ReturnReason)
    notice_given_on = models.DateField("предупреждение получено", null=True, blank=True)
    note = models.CharField("примечание (состояние)", max_length=500, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="принял",
    )
    loans = models.ManyToManyField(Loan, related_name="returns", verbose_name="возвращено")

    all_records = models.Manager()
    objects = ReturnQuerySet.as_manager()

    audit_redacted_fields = frozenset({"contract", "note"})

    class Meta:
        default_manager_name = "all_records"
        verbose_name = "возврат ТСР"
        verbose_name_plural = "возвраты ТСР"
        ordering = ["-returned_on", "-id"]

    def __str__(self):
        return f"Возврат от {self.returned_on:%d.%m.%Y}"

    def audit_label(self) -> str:
        return f"Возврат ТСР № {self.pk}"


class ChargeKind(models.TextChoices):
    REFUND = "refund", "возврат части платы за неиспользованный срок"
    REPAIR = "repair", "стоимость ремонта и транспортировки"
    LOSS = "loss", "возмещение убытков (рыночная стоимость)"
    EXTENSION = "extension", "плата за продление срока"


class Charge(models.Model):
    """A sum owed by or to the citizen, with the paragraph it is owed under."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="charges", verbose_name="договор"
    )
    loan = models.ForeignKey(
        Loan, on_delete=models.PROTECT, related_name="charges", verbose_name="предмет"
    )
    ret = models.ForeignKey(
        Return,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="charges",
        verbose_name="возврат",
    )
    kind = models.CharField("вид", max_length=10, choices=ChargeKind)
    amount = models.DecimalField("сумма, руб.", **MONEY)  # type: ignore[arg-type]
    basis = models.CharField("основание", max_length=500)
    recorded_on = models.DateField("дата")

    all_records = models.Manager()
    objects = ContractPartQuerySet.as_manager()

    audit_redacted_fields = frozenset({"contract"})

    class Meta:
        default_manager_name = "all_records"
        verbose_name = "начисление или возврат"
        verbose_name_plural = "начисления и возвраты"
        ordering = ["recorded_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.amount} руб."

    def audit_label(self) -> str:
        return f"Начисление по прокату № {self.pk}"

    @property
    def to_citizen(self) -> bool:
        """A refund is paid to the citizen; every other kind is owed by them."""
        return self.kind == ChargeKind.REFUND
