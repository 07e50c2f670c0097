"""The rental point of technical means of rehabilitation (SPEC §9, TSR-1..5; seed 002 app. 1).

The inventory (kinds, tariffs, items, their maintenance and write-off) is the institution's
own: visible with its organisation. Applications, contracts, loans and charges are a
citizen's personal data: fail-closed (``CaseworkQuerySet``), read through ``visible_to`` or
``all_records`` inside the services, and never written to the trail in clear.

The rules (who is given an item free, who goes first, what a return costs) live in
``eligibility.py``, ``queue.py``, ``money.py`` and ``services.py``; the numbers that are data
in the regulation in ``norms.py``.
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


class Category(models.TextChoices):
    """§2.1: who the rental point serves (the paragraph's text)."""

    QUEUED_IPRA = (
        "2.1.1",
        "2.1.1 — инвалид, состоящий в очереди на получение ТСР в соответствии с ИПР/ИПРА, "
        "до получения ТСР в постоянное пользование",
    )
    OWN_IN_REPAIR = (
        "2.1.2",
        "2.1.2 — инвалид, чьё ТСР в ремонте или на обслуживании, на период ремонта",
    )
    NO_IPRA = (
        "2.1.3",
        "2.1.3 — инвалид без ИПР/ИПРА, нуждающийся в ТСР по медицинским показаниям",
    )
    MEDICAL = (
        "2.1.4",
        "2.1.4 — гражданин, нуждающийся в ТСР по медицинским показаниям (после травмы, "
        "операции), на период реабилитации",
    )


class Priority(models.TextChoices):
    """§2.2: the right to be served out of turn."""

    NONE = "", "нет"
    WWII_DISABLED = "wwii_disabled", "инвалид ВОВ"
    WWII_PARTICIPANT = "wwii_participant", "участник ВОВ"
    WWII_VETERAN = "wwii_veteran", "ветеран ВОВ"


class ApplicationState(models.TextChoices):
    WAITING = "waiting", "в очереди"
    OFFERED = "offered", "предложено ТСР"
    ISSUED = "issued", "выдано"
    REFUSED = "refused", "отказано"
    WITHDRAWN = "withdrawn", "отозвано"


class RefusalGround(models.TextChoices):
    """Contract §2.2.3 (the grounds of a refusal the regulation names)."""

    INCOMPLETE = "incomplete", "предоставление неполных и (или) недостоверных данных"
    INTOXICATION = (
        "intoxication",
        "нахождение в состоянии алкогольного (токсического, наркотического) опьянения",
    )


class DisabilityGroup(models.TextChoices):
    NONE = "", "нет"
    I = "1", "I группа"  # noqa: E741 -- the group's own name
    II = "2", "II группа"
    III = "3", "III группа"
    CHILD = "child", "ребёнок-инвалид"


# §3.3: the documents presented with the application.
DOCUMENTS = {
    "doc_identity": "паспорт или иной документ, удостоверяющий личность, место регистрации",
    "doc_disability": "справка об установлении инвалидности (МСЭ)",
    "doc_ipra": "ИПР/ИПРА",
    "doc_doctor": "медицинское заключение лечащего врача",
    "doc_inspection": "акт обследования социально-бытовых условий",
}
NEED_DOCUMENTS = ("doc_disability", "doc_ipra", "doc_doctor", "doc_inspection")


class ApplicationQuerySet(CaseworkQuerySet):
    person_path = "person"

    def waiting_for(self, kind: ItemKind):
        return self.filter(requested_kind=kind, state=ApplicationState.WAITING)


class Application(HeldRecord):
    """TSR-3: an application for an item (§3.3), with the category, the ИПР/ИПРА and the
    documents it came with; it waits in the list of its kind until an item is free."""

    person = models.ForeignKey(
        "citizens.Person", on_delete=models.PROTECT, related_name="+", verbose_name="заявитель"
    )
    applied_at = models.DateTimeField("заявление принято")
    category = models.CharField("категория (п. 2.1)", max_length=8, choices=Category)
    ipra_kinds = models.ManyToManyField(
        ItemKind, blank=True, related_name="+", verbose_name="ТСР, указанные в ИПР/ИПРА"
    )
    requested_kind = models.ForeignKey(
        ItemKind, on_delete=models.PROTECT, related_name="+", verbose_name="необходимое ТСР"
    )
    needed_until = models.DateField("нуждается до", null=True, blank=True)
    priority = models.CharField(
        "внеочередное право (п. 2.2)", max_length=20, choices=Priority, blank=True, default=""
    )
    disability_group = models.CharField(
        "группа инвалидности", max_length=8, choices=DisabilityGroup, blank=True, default=""
    )
    cannot_self_care = models.BooleanField(
        "утратил способность к самообслуживанию и (или) передвижению", default=False
    )
    no_able_relatives = models.BooleanField("нет трудоспособных родственников", default=False)
    doc_identity = models.BooleanField(DOCUMENTS["doc_identity"], default=False)
    doc_disability = models.BooleanField(DOCUMENTS["doc_disability"], default=False)
    doc_ipra = models.BooleanField(DOCUMENTS["doc_ipra"], default=False)
    doc_doctor = models.BooleanField(DOCUMENTS["doc_doctor"], default=False)
    doc_inspection = models.BooleanField(DOCUMENTS["doc_inspection"], default=False)
    state = models.CharField(
        "состояние",
        max_length=10,
        choices=ApplicationState,
        default=ApplicationState.WAITING,
        editable=False,
    )
    offered_item = models.ForeignKey(
        Item,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="предложенный предмет",
        editable=False,
    )
    refusal_ground = models.CharField(
        "основание отказа", max_length=16, choices=RefusalGround, blank=True
    )
    refusal_note = models.CharField("пояснение к отказу", max_length=500, blank=True)
    manual_position = models.PositiveSmallIntegerField(
        "место в очереди, назначенное вручную", null=True, blank=True, editable=False
    )
    manual_reason = models.CharField(
        "причина изменения очерёдности", max_length=500, blank=True, editable=False
    )

    all_records = models.Manager()
    objects = ApplicationQuerySet.as_manager()

    audit_redacted_fields = frozenset(
        {"person", "refusal_note", "manual_reason", "disability_group"}
    )

    class Meta:
        default_manager_name = "all_records"
        verbose_name = "заявление на прокат ТСР"
        verbose_name_plural = "заявления на прокат ТСР"
        ordering = ["-applied_at", "-id"]

    def __str__(self):
        return f"Заявление № {self.pk} на «{self.requested_kind}»"

    def audit_label(self) -> str:
        return f"Заявление на прокат № {self.pk}"

    def missing_documents(self) -> list[str]:
        """§3.3: the identity document and one proof of need; the names of what is missing."""
        missing = [] if self.doc_identity else [DOCUMENTS["doc_identity"]]
        if not any(getattr(self, name) for name in NEED_DOCUMENTS):
            missing.append(
                "документ, подтверждающий нуждаемость ("
                + "; ".join(DOCUMENTS[name] for name in NEED_DOCUMENTS)
                + ")"
            )
        return missing


class ContractState(models.TextChoices):
    ACTIVE = "active", "действует"
    CLOSED = "closed", "исполнен"
    TERMINATED = "terminated", "расторгнут досрочно"


class ContractQuerySet(CaseworkQuerySet):
    person_path = "person"

    def overdue(self, today: datetime.date):
        return self.filter(state=ContractState.ACTIVE).filter(
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

    @property
    def current_end(self) -> datetime.date:
        return self.extended_until or self.ends_on


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
