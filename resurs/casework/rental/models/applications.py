"""A citizen's application for an item (TSR-3): the category, the documents, the priority
right, the state in the waiting list."""

from __future__ import annotations

from django.db import models

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.models import HeldRecord
from resurs.casework.rental.models.inventory import Item, ItemKind


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
