"""Appeals and cases of a social-support department (SPEC SOC-5, SOC-6; seed 002 §I–V).

**Appeals journal** (002 §1.12, §1.13, §2.2.16, §5.1.4): every appeal is a numbered entry
of its unit, open or anonymous (an anonymous one keeps no person), by a channel.

**Case** (SOC-6): opened from an appeal or a detected problem; its stage is derived from
its recorded steps (`CaseStep`), never stored by hand. Deadlines in working days come from
`DeadlineRule` rows (data with the seed's paragraph, so a region changes a number without
a migration) and are kept per case as `CaseDeadline` rows — computed by the one calendar
module (`workcalendar.deadlines.add_working_days`) when a step is recorded — so that the
home pages ask the database for what is due, whatever the volume.

**Acts** (002 §5.1.3): inspections and the assessment of individual need, as records of
the case, printed through the document layer.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.casework.citizens.access import CaseworkQuerySet
from resurs.casework.citizens.models import HeldRecord
from resurs.casework.citizens.permissions import WRITE_ROLES


class Channel(models.TextChoices):
    """How an appeal came (002 §1.12, §2.2.16)."""

    IN_PERSON = "in_person", "личный приём"
    PHONE = "phone", "по телефону"
    WRITTEN = "written", "письменное обращение"
    ELECTRONIC = "electronic", "электронное обращение"
    DISTANCE = "distance", "дистанционная приёмная"
    AGENCY = "agency", "информация другого ведомства или организации"


class AppealResult(models.TextChoices):
    CONSULTED = "consulted", "дана консультация"
    CASE_OPENED = "case_opened", "открыт случай"
    REDIRECTED = "redirected", "перенаправлено по компетенции"
    SERVICE = "service", "оказана срочная услуга"
    IN_WORK = "in_work", "в работе"


class AppealQuerySet(CaseworkQuerySet):
    district_path = None
    specialist_path = "taken_by"
    person_path = "person"
    family_path = "family"


class Appeal(models.Model):
    """SOC-5: one entry of the unit's appeals journal."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение",
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name="отделение"
    )
    year = models.PositiveSmallIntegerField("год", editable=False)
    number = models.PositiveIntegerField("номер", editable=False)
    received_at = models.DateTimeField("дата и время обращения")
    channel = models.CharField("форма обращения", max_length=16, choices=Channel)
    is_anonymous = models.BooleanField("анонимное", default=False)
    person = models.ForeignKey(
        "citizens.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name="гражданин",
    )
    family = models.ForeignKey(
        "citizens.Family",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name="семья",
    )
    source_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ведомство (организация), сообщившее сведения",
    )
    subject = models.TextField("суть обращения")
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="принял"
    )
    result = models.CharField(
        "результат", max_length=16, choices=AppealResult, default=AppealResult.IN_WORK
    )
    result_note = models.TextField("результат (подробно)", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    all_records = models.Manager()
    objects = AppealQuerySet.as_manager()

    # The person and the family too: the trail names a related record by str(), their name.
    audit_redacted_fields = frozenset({"subject", "result_note", "person", "family"})

    class Meta:
        verbose_name = "обращение"
        verbose_name_plural = "обращения"
        default_manager_name = "all_records"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="appeal_unique_number"),
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | (Q(person__isnull=True) & Q(family__isnull=True)),
                name="appeal_anonymous_keeps_no_name",
            ),
        ]
        indexes = [models.Index(fields=["unit", "received_at"], name="appeal_unit_day")]

    def __str__(self):
        return f"Обращение № {self.number}/{self.year}"

    def get_absolute_url(self):
        return reverse("cases:appeal", args=[self.pk])

    def audit_label(self) -> str:
        return str(self)

    def clean(self):
        if self.is_anonymous and (self.person_id or self.family_id):
            raise ValidationError("Анонимное обращение не связывается с гражданином или семьёй.")
        if self.channel == Channel.AGENCY and not self.source_organisation_id:
            raise ValidationError(
                {"source_organisation": "Укажите ведомство или организацию, сообщившую сведения."}
            )


class StepKind(models.TextChoices):
    """Recorded steps of a case (002 §3.2.3–3.2.8), in the order of the work."""

    PROBLEM_DETECTED = "problem_detected", "проблема выявлена"
    INFORMATION_COLLECTED = "information_collected", "сбор и анализ информации завершён"
    PROPOSALS_DRAFTED = "proposals_drafted", "предложения в проект ИППСУ подготовлены"
    IPPSU_APPROVED = "ippsu_approved", "ИППСУ утверждена"
    IMPLEMENTATION_STARTED = "implementation_started", "реализация начата"
    CORRECTION_PROPOSED = "correction_proposed", "предложены корректировки ИППСУ"
    CONCLUSION = "conclusion", "заключение по результатам реализации"
    CLOSED = "closed", "случай закрыт"


class CaseQuerySet(CaseworkQuerySet):
    person_path = "person"
    family_path = "family"

    def open(self):
        return self.filter(closed_on__isnull=True)


class Case(HeldRecord):
    """SOC-6: a case of social support of a person or a family."""

    year = models.PositiveSmallIntegerField("год", editable=False)
    number = models.PositiveIntegerField("номер", editable=False)
    person = models.ForeignKey(
        "citizens.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="гражданин",
    )
    family = models.ForeignKey(
        "citizens.Family",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="семья",
    )
    appeal = models.OneToOneField(
        Appeal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
        verbose_name="обращение",
    )
    problem = models.TextField("выявленная проблема")
    detected_on = models.DateField("проблема выявлена")
    appealed_on = models.DateField(
        "дата обращения",
        null=True,
        blank=True,
        help_text="От неё считается срок предложений в ИППСУ (002 п. 3.2.7).",
    )
    plan = models.OneToOneField(
        "plans.Plan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case",
        verbose_name="ИППСУ (социальное сопровождение)",
    )
    stage = models.CharField(
        "этап",
        max_length=24,
        choices=StepKind,
        default=StepKind.PROBLEM_DETECTED,
        editable=False,
        help_text="Выводится из последнего записанного шага.",
    )
    closed_on = models.DateField("закрыт", null=True, blank=True, editable=False)

    all_records = models.Manager()
    objects = CaseQuerySet.as_manager()

    audit_redacted_fields = frozenset({"problem", "person", "family"})

    class Meta:
        verbose_name = "случай"
        verbose_name_plural = "случаи"
        default_manager_name = "all_records"
        ordering = ["-detected_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "number"], name="case_unique_number"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "closed_on"], name="case_unit_open"),
            models.Index(fields=["specialist", "closed_on"], name="case_specialist_open"),
        ]

    def __str__(self):
        return f"Случай № {self.number}/{self.year}"

    def get_absolute_url(self):
        return reverse("cases:case", args=[self.pk])

    def audit_label(self) -> str:
        return str(self)

    def clean(self):
        super().clean()
        if bool(self.person_id) == bool(self.family_id):
            raise ValidationError("Случай ведётся по гражданину или по семье (одно из двух).")


class CaseStepQuerySet(CaseworkQuerySet):
    organisation_path = "case__organisation"
    unit_path = "case__unit"
    district_path = "case__district"
    specialist_path = "case__specialist"
    person_path = "case__person"
    family_path = "case__family"


class CaseStep(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="steps", verbose_name="случай"
    )
    kind = models.CharField("шаг", max_length=24, choices=StepKind)
    occurred_on = models.DateField("дата")
    note = models.TextField("содержание", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="записал"
    )
    recorded_at = models.DateTimeField("записано", auto_now_add=True)

    all_records = models.Manager()
    objects = CaseStepQuerySet.as_manager()

    audit_redacted_fields = frozenset({"note"})

    class Meta:
        verbose_name = "шаг случая"
        verbose_name_plural = "шаги случаев"
        default_manager_name = "all_records"
        ordering = ["case_id", "occurred_on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_on:%d.%m.%Y}"


class DeadlineStart(models.TextChoices):
    """What a deadline is counted from."""

    PROBLEM_DETECTED = "problem_detected", "выявление проблемы"
    APPEAL = "appeal", "обращение гражданина"
    IPPSU_APPROVED = "ippsu_approved", "утверждение ИППСУ"


class DeadlineRule(models.Model):
    """A working-day deadline of the case workflow, with the paragraph it comes from."""

    code = models.SlugField("код", max_length=40, unique=True)
    title = models.CharField("что должно быть сделано", max_length=255)
    counted_from = models.CharField("срок считается от", max_length=20, choices=DeadlineStart)
    working_days = models.PositiveSmallIntegerField("рабочих дней")
    met_by = models.CharField(
        "выполнено шагом",
        max_length=24,
        choices=StepKind,
        help_text="Шаг случая, который закрывает срок.",
    )
    paragraph = models.CharField("пункт", max_length=40, help_text="Например: п. 3.2.3")
    basis = models.CharField("документ", max_length=500)
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        verbose_name = "правило срока"
        verbose_name_plural = "правила сроков случаев"
        ordering = ["working_days", "code"]

    def __str__(self):
        return f"{self.title}: {self.working_days} раб. дн., {self.paragraph}"


class CaseDeadlineQuerySet(CaseworkQuerySet):
    organisation_path = "case__organisation"
    unit_path = "case__unit"
    district_path = "case__district"
    specialist_path = "case__specialist"
    person_path = "case__person"
    family_path = "case__family"

    def pending(self):
        return self.filter(met_on__isnull=True, case__closed_on__isnull=True)


class CaseDeadline(models.Model):
    """One deadline of one case: when it started, when it is due, when it was met."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="deadlines", verbose_name="случай"
    )
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.PROTECT, related_name="+", verbose_name="правило"
    )
    starts_on = models.DateField("считается от")
    due_on = models.DateField("срок")
    met_on = models.DateField("выполнено", null=True, blank=True)

    all_records = models.Manager()
    objects = CaseDeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = "срок случая"
        verbose_name_plural = "сроки случаев"
        default_manager_name = "all_records"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "rule"], name="case_deadline_unique_rule")
        ]
        indexes = [models.Index(fields=["met_on", "due_on"], name="case_deadline_pending")]

    def __str__(self):
        return f"{self.rule.title} — до {self.due_on:%d.%m.%Y}"


class ActKind(models.TextChoices):
    """Acts of 002 §5.1.3."""

    MATERIAL = "material", "Акт обследования материально-бытовых условий проживания"
    SOCIAL = "social", "Акт обследования социально-бытовых условий проживания"
    NEED = "need", "Акт оценки индивидуальной потребности в социальных услугах"


class ActQuerySet(CaseworkQuerySet):
    organisation_path = "case__organisation"
    unit_path = "case__unit"
    district_path = "case__district"
    specialist_path = "case__specialist"
    person_path = "case__person"
    family_path = "case__family"


class Act(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="acts", verbose_name="случай"
    )
    kind = models.CharField("вид акта", max_length=12, choices=ActKind)
    year = models.PositiveSmallIntegerField("год", editable=False)
    number = models.PositiveIntegerField("номер", editable=False)
    drawn_on = models.DateField("дата обследования")
    address = models.CharField("адрес обследования", max_length=500)
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="обследование провёл",
    )
    commission = models.TextField("в присутствии (комиссия)", blank=True)
    household = models.TextField("состав семьи (проживающих)", blank=True)
    housing = models.TextField("жилищные условия", blank=True)
    income = models.TextField("материальное положение, доходы", blank=True)
    findings = models.TextField("выявленные обстоятельства")
    conclusion = models.TextField("заключение")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("внесено", auto_now_add=True)

    all_records = models.Manager()
    objects = ActQuerySet.as_manager()

    audit_redacted_fields = frozenset(
        {"address", "commission", "household", "housing", "income", "findings", "conclusion"}
    )

    class Meta:
        verbose_name = "акт"
        verbose_name_plural = "акты"
        default_manager_name = "all_records"
        ordering = ["-drawn_on", "-id"]

    def __str__(self):
        return f"Акт № {self.number}/{self.year}"

    def get_absolute_url(self):
        return reverse("journals:act", args=[self.pk])  # acts are drawn in the journals app

    def audit_label(self) -> str:
        return f"{self.get_kind_display()} № {self.number}/{self.year}"

    # The signed copies of the act (scans) are attached to its card (002 §5.1.3).
    attachments_personal = True

    def editable_by(self, scope) -> bool:
        """The institution's staff who keep the case records correct the act and attach its
        signed copies; the УСЗН reads, region-wide roles never write."""
        return (
            scope is not None
            and scope.role in WRITE_ROLES
            and self.case.organisation_id == scope.organisation_id
        )

    attachments_editable_by = editable_by
