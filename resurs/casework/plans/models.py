"""The one individual-plan mechanism of case work (seed 002 §IV, §VI; SPEC SOC-6, SOC-7).

A `Plan` is a list of measures for one person or family: the «Социальное сопровождение»
section of an ИППСУ (002 §IV) today; the social adaptation programme of a social contract
(CON-1), the individual route of early help (EH-1) and the individual plan of a person 55+
(OUT-2) are further kinds of the same plan, with their own measure catalogues. A
`PlanLine` is one measure: what, who is responsible (a person, a unit of the institution or
a partner organisation of the directory), planned and actual dates, result, status.

A line may be carried out through a `Referral` — to another unit of the institution or to
another agency — which the receiving side accepts or rejects with a reason, and reports
done; the receiving unit sees the referral and its line, not the rest of the plan. A
`JointPatronage` records a visit made together with partner agencies (002 §6.1).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.models import AboutPersonOrFamily, HeldRecord
from resurs.casework.units.models import staff_units
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope


class PlanKind(models.TextChoices):
    SUPPORT = "support", "ИППСУ: социальное сопровождение"
    ADAPTATION = "adaptation", "Программа социальной адаптации"
    EARLY_HELP = "early_help", "Индивидуальный маршрут ранней помощи"
    OLDER_CITIZEN = "older_citizen", "Индивидуальный план гражданина 55+"


class MeasureGroup(models.TextChoices):
    ASSISTANCE = "assistance", "содействие"
    HELP = "help", "оказание помощи"
    COORDINATION = "coordination", "координация"
    OTHER = "other", "иное"


class Measure(models.Model):
    """A measure of a plan's catalogue (for an ИППСУ: the checklist of 002 §IV)."""

    plan_kind = models.CharField("вид плана", max_length=16, choices=PlanKind)
    code = models.SlugField("код", max_length=40)
    name = models.CharField("мероприятие", max_length=500)
    group = models.CharField("группа", max_length=16, choices=MeasureGroup)
    basis = models.CharField("основание", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=100)
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        verbose_name = "мероприятие каталога"
        verbose_name_plural = "каталог мероприятий индивидуальных планов"
        ordering = ["plan_kind", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan_kind", "code"], name="measure_unique_code")
        ]

    def __str__(self):
        return self.name


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "проект"
    APPROVED = "approved", "утверждён"
    CLOSED = "closed", "завершён"


class PlanQuerySet(CaseworkQuerySet):
    person_path = "person"
    family_path = "family"


class Plan(HeldRecord, AboutPersonOrFamily):
    kind = models.CharField("вид плана", max_length=16, choices=PlanKind)
    title = models.CharField("наименование", max_length=255, blank=True)
    starts_on = models.DateField("начало", null=True, blank=True)
    ends_on = models.DateField("окончание", null=True, blank=True)
    status = models.CharField(
        "состояние", max_length=12, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    approved_on = models.DateField("утверждён", null=True, blank=True)

    all_records = models.Manager()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "индивидуальный план"
        verbose_name_plural = "индивидуальные планы"
        default_manager_name = "all_records"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} № {self.pk}"

    def audit_label(self) -> str:
        return str(self)


class LineStatus(models.TextChoices):
    PLANNED = "planned", "запланировано"
    IN_PROGRESS = "in_progress", "выполняется"
    DONE = "done", "выполнено"
    NOT_DONE = "not_done", "не выполнено"
    CANCELLED = "cancelled", "отменено"


class PlanLineQuerySet(CaseworkQuerySet):
    organisation_path = "plan__organisation"
    unit_path = "plan__unit"
    district_path = "plan__district"
    specialist_path = "plan__specialist"
    person_path = "plan__person"
    family_path = "plan__family"


class PlanLine(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="lines", verbose_name="план"
    )
    number = models.PositiveSmallIntegerField("№ п/п")
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="+", verbose_name="мероприятие"
    )
    details = models.TextField("содержание", blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответственный сотрудник",
    )
    responsible_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответственное отделение",
    )
    responsible_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="организация-партнёр",
    )
    planned_on = models.DateField("срок")
    done_on = models.DateField("выполнено", null=True, blank=True)
    result = models.TextField("результат", blank=True)
    status = models.CharField(
        "состояние", max_length=12, choices=LineStatus, default=LineStatus.PLANNED
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    all_records = models.Manager()
    objects = PlanLineQuerySet.as_manager()

    audit_redacted_fields = frozenset({"details", "result"})

    class Meta:
        verbose_name = "мероприятие плана"
        verbose_name_plural = "мероприятия планов"
        default_manager_name = "all_records"
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_line_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.measure}"

    def clean(self):
        if not (
            self.responsible_user_id or self.responsible_unit_id or self.responsible_organisation_id
        ):
            raise ValidationError(
                "Укажите ответственного: сотрудника, отделение или организацию-партнёра."
            )
        if self.status == LineStatus.DONE and not self.done_on:
            raise ValidationError({"done_on": "Укажите дату выполнения."})


class ReferralStatus(models.TextChoices):
    SENT = "sent", "направлено"
    ACCEPTED = "accepted", "принято"
    REJECTED = "rejected", "отклонено"
    DONE = "done", "исполнено"
    REVOKED = "revoked", "отозвано"


class ReferralQuerySet(CaseworkQuerySet):
    organisation_path = "line__plan__organisation"
    unit_path = "line__plan__unit"
    district_path = "line__plan__district"
    specialist_path = "line__plan__specialist"
    person_path = "line__plan__person"
    family_path = "line__plan__family"

    def scope_filter(self, scope: Scope) -> Q:
        rule = super().scope_filter(scope)
        if scope.role in (Role.HEAD, Role.SPECIALIST):
            # The receiving unit's staff see the referral (and only what it carries).
            rule |= Q(to_unit_id__in=staff_units(scope))
        return rule

    def incoming_for(self, scope: Scope):
        return self.filter(to_unit_id__in=staff_units(scope))


class Referral(models.Model):
    """SOC-7: a referral of one plan line to another unit or another agency."""

    line = models.ForeignKey(
        PlanLine,
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name="мероприятие плана",
    )
    from_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="направившее отделение",
    )
    to_unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отделение учреждения",
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="другое ведомство",
    )
    request = models.TextField("о чём просим")
    status = models.CharField(
        "состояние", max_length=12, choices=ReferralStatus, default=ReferralStatus.SENT
    )
    sent_at = models.DateTimeField("направлено")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="направил",
    )
    answered_at = models.DateTimeField("ответ", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответил",
    )
    rejection_reason = models.TextField("причина отказа", blank=True)
    done_at = models.DateTimeField("исполнено", null=True, blank=True)
    result = models.TextField("результат", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    all_records = models.Manager()
    objects = ReferralQuerySet.as_manager()

    audit_redacted_fields = frozenset({"request", "result", "rejection_reason"})

    class Meta:
        verbose_name = "направление"
        verbose_name_plural = "направления"
        default_manager_name = "all_records"
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_unit__isnull=True) ^ Q(to_organisation__isnull=True),
                name="referral_one_addressee",
            )
        ]

    def __str__(self):
        return f"Направление № {self.pk}"

    def audit_label(self) -> str:
        return str(self)

    @property
    def addressee(self):
        return self.to_unit if self.to_unit_id else self.to_organisation

    @property
    def plan(self) -> Plan:
        """The plan the referral's line belongs to (the access log names its person)."""
        return self.line.plan

    @property
    def is_external(self) -> bool:
        return bool(self.to_organisation_id)


class PatronageKind(models.TextChoices):
    URGENT = "urgent", "экстренный"
    PLANNED = "planned", "запланированный"


class JointPatronageQuerySet(CaseworkQuerySet):
    person_path = "plan__person"
    family_path = "plan__family"
    organisation_path = "plan__organisation"
    unit_path = "plan__unit"
    district_path = "plan__district"
    specialist_path = "plan__specialist"


class JointPatronage(models.Model):
    """002 §6.1: a joint patronage visit (urgent or planned) with partner agencies."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="patronages", verbose_name="план"
    )
    kind = models.CharField("вид", max_length=8, choices=PatronageKind)
    held_on = models.DateField("дата")
    partners = models.ManyToManyField(
        "organisations.Organisation", blank=True, related_name="+", verbose_name="участвовали"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="сотрудники"
    )
    result = models.TextField("итоги")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="внёс",
    )

    all_records = models.Manager()
    objects = JointPatronageQuerySet.as_manager()

    audit_redacted_fields = frozenset({"result"})

    class Meta:
        verbose_name = "совместный патронаж"
        verbose_name_plural = "совместные патронажи"
        default_manager_name = "all_records"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Совместный патронаж № {self.pk}"
