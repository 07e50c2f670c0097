"""The exports of service facts to ЕГИССО (SPEC SOC-11, §13; issue 14 item 6).

An `Export` is one file of «факт назначения» records (the layout: `layout`) of one
institution for one accounting month, kept with its list of facts: an `ExportFact` per fact
considered, with its state — left out (with why: no valid ЕГИССО consent, no СНИЛС, no measure
code) or prepared → sent → accepted | rejected (with ЕГИССО's reason). A rejected fact is
corrected in the facts (a reversal and a new fact) and the new fact goes into the next
export; a fact that is prepared, sent or accepted is never put in another export — a partial
unique index says so, whatever the code does.

`Participant` is what ЕГИССО knows the institution by: the code of its body (ОНМСЗ) and the
local category of recipients its measures are assigned to.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import FailClosedQuerySet, Scope

UUID_TEXT = RegexValidator(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
    "Идентификатор из 32 шестнадцатеричных цифр с дефисами, строчными буквами.",
)
OSZ_CODE = RegexValidator(r"^[0-9.]{1,11}$", "Код ОНМСЗ — цифры и точка, до 11 знаков.")

# Who keeps the exports of an institution (issue 14: its provider role and the heads).
EXPORT_ROLES = frozenset({Role.PROVIDER, Role.HEAD})


class Participant(models.Model):
    """How ЕГИССО knows an institution: the code of the body that assigns the measures (ОНМСЗ,
    given at the registration in ЕГИССО) and the local category of recipients."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="учреждение",
    )
    osz_code = models.CharField(
        "код ОНМСЗ в ЕГИССО",
        max_length=11,
        validators=[OSZ_CODE],
        help_text="Выдаётся при регистрации поставщика сведений в ЕГИССО, до 11 знаков.",
    )
    # Kept as text (the trail stores it as typed): a uuid of the ЛМСЗ registry.
    category_id = models.CharField(
        "идентификатор локальной категории получателей",
        max_length=36,
        validators=[UUID_TEXT],
        help_text="Из реестра локальных мер (ЛМСЗ) учреждения в ЕГИССО.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "реквизиты учреждения в ЕГИССО"
        verbose_name_plural = "реквизиты учреждений в ЕГИССО"
        ordering = ["organisation_id"]

    def __str__(self):
        return f"Код ОНМСЗ {self.osz_code}"


class ExportStatus(models.TextChoices):
    PREPARED = "prepared", "подготовлена"
    SENT = "sent", "отправлена"
    ANSWERED = "answered", "ответ получен"
    WITHDRAWN = "withdrawn", "отозвана, не отправлялась"


class ExportQuerySet(FailClosedQuerySet):
    """An institution's exports: its provider role and its heads; nobody else (region-wide
    roles included: the file carries personal data)."""

    def visible_to(self, who):
        from resurs.kernel.accounts.scoping import scope_of

        scope = scope_of(who)
        if scope is None or scope.role not in EXPORT_ROLES:
            return FailClosedQuerySet._opened(self.none())
        return FailClosedQuerySet._opened(self.filter(self.scope_filter(scope)))

    def scope_filter(self, scope: Scope) -> Q:
        return Q(organisation_id=scope.organisation_id)


class Export(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    period = models.DateField("учётный месяц")
    status = models.CharField(
        "состояние", max_length=12, choices=ExportStatus, default=ExportStatus.PREPARED
    )
    package_id = models.UUIDField("идентификатор пакета", default=uuid.uuid4, unique=True)
    file = models.FileField("файл", upload_to="egisso/", blank=True)
    facts_count = models.PositiveIntegerField("фактов в файле", default=0)
    left_out_count = models.PositiveIntegerField("фактов не включено", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="сформировал",
    )
    created_at = models.DateTimeField("сформирована", auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отметил отправку",
    )
    sent_at = models.DateTimeField("отправлена", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    all_records = models.Manager()
    objects = ExportQuerySet.as_manager()

    audit_omitted_fields = frozenset({"package_id"})

    class Meta:
        verbose_name = "выгрузка в ЕГИССО"
        verbose_name_plural = "выгрузки в ЕГИССО"
        default_manager_name = "all_records"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "period"], name="egisso_export_org_period")]

    def __str__(self):
        return f"Выгрузка № {self.pk} за {self.period:%m.%Y}"

    def get_absolute_url(self):
        return reverse("egisso:detail", args=[self.pk])

    def audit_label(self) -> str:
        return str(self)

    @property
    def filename(self) -> str:
        """The file's name: the institution's export number and month, never a person."""
        return f"egisso-10.06.S-{self.pk}-{self.period:%Y-%m}.xml"


class FactState(models.TextChoices):
    LEFT_OUT = "left_out", "не включён"
    PREPARED = "prepared", "подготовлен"
    SENT = "sent", "отправлен"
    ACCEPTED = "accepted", "принят"
    REJECTED = "rejected", "отклонён"
    WITHDRAWN = "withdrawn", "выгрузка отозвана"


# A fact in one of these states is in ЕГИССО or on its way there: never in another export.
LIVE_STATES = (FactState.PREPARED, FactState.SENT, FactState.ACCEPTED)


class LeftOut(models.TextChoices):
    NO_CONSENT = "no_consent", "нет действующего согласия на передачу сведений в ЕГИССО"
    NO_SNILS = "no_snils", "у получателя не указан СНИЛС"
    NO_MEASURE = "no_measure", "у услуги нет локального кода меры ЕГИССО"


class ExportFactQuerySet(CaseworkQuerySet):
    """A fact of an export is seen by whom sees the service fact (the data bank's rule)."""

    organisation_path = "fact__organisation"
    unit_path = "fact__unit"
    district_path = "fact__district"
    specialist_path = "fact__specialist"
    person_path = "fact__person"
    family_path = None


class ExportFact(models.Model):
    export = models.ForeignKey(
        Export, on_delete=models.CASCADE, related_name="facts", verbose_name="выгрузка"
    )
    fact = models.ForeignKey(
        "socialservices.ServiceFact",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="факт оказания услуги",
    )
    record_id = models.UUIDField("идентификатор факта в пакете", default=uuid.uuid4, unique=True)
    state = models.CharField("состояние", max_length=10, choices=FactState)
    left_out = models.CharField("почему не включён", max_length=12, choices=LeftOut, blank=True)
    reason = models.TextField("причина отклонения", blank=True)
    answered_at = models.DateTimeField("ответ внесён", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="внёс ответ",
    )

    all_records = models.Manager()
    objects = ExportFactQuerySet.as_manager()

    # ЕГИССО's reason may quote the recipient's data: never in the trail in clear.
    audit_redacted_fields = frozenset({"reason"})
    audit_omitted_fields = frozenset({"record_id"})

    class Meta:
        verbose_name = "факт выгрузки в ЕГИССО"
        verbose_name_plural = "факты выгрузок в ЕГИССО"
        default_manager_name = "all_records"
        ordering = ["export_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["export", "fact"], name="egisso_fact_once_per_export"),
            # Nothing is sent twice: one prepared, sent or accepted record per fact, ever.
            models.UniqueConstraint(
                fields=["fact"],
                condition=Q(state__in=["prepared", "sent", "accepted"]),
                name="egisso_fact_sent_once",
            ),
            models.CheckConstraint(
                condition=Q(state="left_out", left_out__gt="")
                | (~Q(state="left_out") & Q(left_out="")),
                name="egisso_left_out_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["export", "state"], name="egisso_fact_export_state")]

    def __str__(self):
        return f"Факт № {self.fact_id} в выгрузке № {self.export_id}"

    def audit_label(self) -> str:
        return str(self)
