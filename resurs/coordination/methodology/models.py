"""REG-2 methodological products reviewed by the expert council; REG-3 best practices.

Both registries are records of an organisation within a priority direction and are scoped
by `accounts.scoping.record_q` (an RC sees its direction region-wide, a provider its own
records, УСЗН its territory, the Department and the methodical centre everything). A product
is also visible to the organisation that authored it, to the organisations that implemented
it and to the experts assigned to review it; a practice to the organisations that replicated
it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import DirectionRecordQuerySet, ScopedQuerySet
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class ProductKind(models.TextChoices):
    TECHNOLOGY = "technology", "Технология"
    PROGRAMME = "programme", "Программа"
    PROJECT = "project", "Проект"
    MANUAL = "manual", "Методическое пособие"
    RECOMMENDATIONS = "recommendations", "Методические рекомендации"
    OTHER = "other", "Иной методический материал"


class ProductState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    SENT = "sent", "Направлен в экспертный совет"
    UNDER_REVIEW = "under_review", "На экспертизе"
    APPROVED = "approved", "Рекомендован к внедрению"
    RETURNED = "returned", "Возвращён на доработку"
    REJECTED = "rejected", "Отклонён"


# The author may change a product only before it is sent and after it is returned.
EDITABLE_PRODUCT_STATES = frozenset({ProductState.DRAFT, ProductState.RETURNED})


class Verdict(models.TextChoices):
    APPROVE = "approve", "Рекомендовать к внедрению"
    RETURN = "return", "Вернуть на доработку"
    REJECT = "reject", "Отклонить"


def review_outcome(verdicts, *, approvals_needed: int, rejections_needed: int) -> str | None:
    """The council's rule (REG-2): the round's outcome after a verdict, or None while it goes on.

    ``verdicts`` holds one entry per assigned reviewer, "" for a verdict not yet given.

    * any «вернуть на доработку» returns the product to its author at once;
    * ``approvals_needed`` «рекомендовать» make it recommended for implementation;
    * ``rejections_needed`` «отклонить» reject it;
    * when every reviewer has spoken and neither number is reached, the product goes back
      to its author for revision (it could not gather the approvals it needs).
    """
    verdicts = list(verdicts)
    if Verdict.RETURN in verdicts:
        return ProductState.RETURNED
    if verdicts.count(Verdict.APPROVE) >= approvals_needed:
        return ProductState.APPROVED
    if verdicts.count(Verdict.REJECT) >= rejections_needed:
        return ProductState.REJECTED
    if "" not in verdicts:
        return ProductState.RETURNED
    return None


class ExpertCouncil(models.Model):
    """REG-2: the Department's expert council; its members and its rule are data."""

    name = models.CharField("наименование", max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="expert_councils",
        verbose_name="члены совета",
    )
    approvals_needed = models.PositiveSmallIntegerField(
        "одобрений для рекомендации к внедрению",
        default=2,
        validators=[MinValueValidator(1)],
        help_text="Сколько экспертов должны рекомендовать продукт к внедрению.",
    )
    rejections_needed = models.PositiveSmallIntegerField(
        "отклонений для отказа",
        default=2,
        validators=[MinValueValidator(1)],
        help_text="Сколько экспертов должны отклонить продукт, чтобы он был отклонён.",
    )
    is_active = models.BooleanField("действует", default=True)
    note = models.TextField("основание, порядок работы", blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "экспертный совет"
        verbose_name_plural = "экспертные советы"
        ordering = ["-is_active", "name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("methodology:council_list")


class ProductQuerySet(SearchQuerySet, DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"

    def scope_filter(self, scope) -> Q:
        visible = super().scope_filter(scope) | Q(author_organisation_id=scope.organisation_id)
        if scope.role == Role.USZN and scope.territory_id:
            visible |= Q(author_organisation__territory_id=scope.territory_id)
        # An institution sees what it implements; an expert sees what they were asked to review
        # (experts are Department or methodical-centre staff, region-wide anyway: this keeps the
        # product open to them whatever membership they act under).
        implemented = Implementation.objects.filter(organisation_id=scope.organisation_id)
        reviewed = Review.objects.filter(reviewer_id=scope.user_id)
        return (
            visible
            | Q(pk__in=implemented.values("product_id"))
            | Q(pk__in=reviewed.values("round__product_id"))
        )

    def with_listing(self):
        return self.select_related(
            "organisation__territory", "author_organisation", "direction"
        ).defer("search_text", "annotation")


class Product(Searchable):
    """REG-2: a methodological product in the registry of a resource centre's direction."""

    kind = models.CharField("вид", max_length=32, choices=ProductKind.choices)
    title = models.CharField("наименование", max_length=500)
    annotation = models.TextField("аннотация", blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="methodological_products",
        verbose_name="ресурсный центр",
        help_text="Учреждение со статусом ресурсного центра, которое ведёт реестр направления.",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="приоритетное направление",
    )
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="authored_products",
        verbose_name="организация-разработчик",
    )
    authors = models.CharField("авторы (составители)", max_length=500, blank=True)
    target_group = models.CharField("целевая группа", max_length=500, blank=True)
    year = models.PositiveSmallIntegerField("год разработки", validators=YEAR_VALIDATORS)
    link = models.URLField("ссылка на материал", blank=True)
    is_public = models.BooleanField("показывать в открытом разделе", default=False)
    state = models.CharField(
        "состояние", max_length=16, choices=ProductState.choices, default=ProductState.DRAFT
    )
    submission_note = models.TextField("что доработано", blank=True)
    submitted_at = models.DateTimeField("направлен в экспертный совет", null=True, blank=True)
    decided_at = models.DateTimeField("решение экспертного совета", null=True, blank=True)
    implemented_in = models.ManyToManyField(
        "organisations.Organisation",
        through="Implementation",
        related_name="implemented_products",
        verbose_name="где внедрён",
    )
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("title", "authors", "target_group")

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = "методический продукт"
        verbose_name_plural = "методические продукты"
        ordering = ["-year", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title", "year"],
                name="product_unique_owner_title_year",
                violation_error_message="В реестре этого ресурсного центра уже есть продукт "
                "с таким наименованием за этот год.",
            )
        ]
        indexes = [
            models.Index(fields=["direction", "state"], name="product_direction_state"),
            models.Index(fields=["organisation", "year"], name="product_owner_year"),
            SearchIndex(name="product_search"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} «{self.title}»"

    def get_absolute_url(self):
        return reverse("methodology:product_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_PRODUCT_STATES

    def attachments_editable_by(self, scope) -> bool:
        from resurs.coordination.methodology.permissions import can_attach_to_product

        return can_attach_to_product(scope, self)


class ChildOfProductQuerySet(ScopedQuerySet):
    """Rows filed under a product are visible exactly when the product is."""

    product_path = "product"

    def scope_filter(self, scope) -> Q:
        return Q(**{f"{self.product_path}__in": Product.objects.visible_to(scope).values("pk")})


class ReviewRoundQuerySet(ChildOfProductQuerySet):
    pass


class ReviewRound(models.Model):
    """One examination of a product by the council: sent → under review → a decision."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="rounds", verbose_name="продукт"
    )
    number = models.PositiveSmallIntegerField("номер рассмотрения")
    council = models.ForeignKey(
        ExpertCouncil, on_delete=models.PROTECT, related_name="rounds", verbose_name="совет"
    )
    # The council's rule as it stood when the round began: a later change of the rule
    # does not rewrite a review already under way.
    approvals_needed = models.PositiveSmallIntegerField("одобрений для рекомендации")
    rejections_needed = models.PositiveSmallIntegerField("отклонений для отказа")
    submission_note = models.TextField("что доработано", blank=True)
    started_at = models.DateTimeField("начато")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="назначил экспертов",
    )
    outcome = models.CharField(
        "решение", max_length=16, choices=ProductState.choices, blank=True, default=""
    )
    decided_at = models.DateTimeField("решение принято", null=True, blank=True)

    objects = ReviewRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "рассмотрение в экспертном совете"
        verbose_name_plural = "рассмотрения в экспертном совете"
        ordering = ["product_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["product", "number"], name="round_unique_number")
        ]

    def __str__(self):
        return f"Рассмотрение № {self.number}: {self.product.title}"


class ReviewQuerySet(ChildOfProductQuerySet):
    product_path = "round__product"

    def pending(self):
        return self.filter(verdict="", round__outcome="")


class Review(models.Model):
    """An expert's verdict on a product in one round, with remarks for the author."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="reviews", verbose_name="рассмотрение"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="methodology_reviews",
        verbose_name="эксперт",
    )
    verdict = models.CharField(
        "заключение", max_length=16, choices=Verdict.choices, blank=True, default=""
    )
    remarks = models.TextField("замечания", blank=True)
    decided_at = models.DateTimeField("дата заключения", null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = "заключение эксперта"
        verbose_name_plural = "заключения экспертов"
        ordering = ["round_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "reviewer"], name="review_unique_reviewer")
        ]
        indexes = [models.Index(fields=["reviewer", "verdict"], name="review_reviewer_verdict")]

    def __str__(self):
        return f"Заключение эксперта {self.reviewer}"


class ImplementationQuerySet(ChildOfProductQuerySet):
    pass


class Implementation(models.Model):
    """REG-2: where a recommended product is implemented, since when."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="implementations", verbose_name="продукт"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="product_implementations",
        verbose_name="учреждение",
    )
    started_on = models.DateField("внедрён с")
    note = models.TextField("результат, примечание", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = ImplementationQuerySet.as_manager()

    class Meta:
        verbose_name = "внедрение методического продукта"
        verbose_name_plural = "внедрения методических продуктов"
        ordering = ["-started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "organisation"],
                name="implementation_unique_organisation",
                violation_error_message="Внедрение в этом учреждении уже отмечено.",
            )
        ]

    def __str__(self):
        return f"Внедрение в {self.organisation}"


# --- REG-3 best practices ---------------------------------------------------------------------


class PracticeState(models.TextChoices):
    DRAFT = "draft", "Черновик"
    PROPOSED = "proposed", "Направлена в ресурсный центр"
    RECOMMENDED = "recommended", "Рекомендована ресурсным центром"
    NOT_RECOMMENDED = "not_recommended", "Не рекомендована ресурсным центром"
    SUBMITTED = "submitted", "Направлена в методический центр для тиражирования"


EDITABLE_PRACTICE_STATES = frozenset({PracticeState.DRAFT, PracticeState.NOT_RECOMMENDED})


class AnalysisVerdict(models.TextChoices):
    RECOMMENDED = "recommended", "Рекомендовать к тиражированию"
    NOT_RECOMMENDED = "not_recommended", "Не рекомендовать"


class PracticeQuerySet(SearchQuerySet, DirectionRecordQuerySet):
    record_organisation_path = "organisation"
    record_direction_path = "direction"

    def scope_filter(self, scope) -> Q:
        replicated = Replication.objects.filter(organisation_id=scope.organisation_id)
        return super().scope_filter(scope) | Q(pk__in=replicated.values("practice_id"))

    def with_listing(self):
        return self.select_related(
            "organisation__territory", "direction", "analysed_by_organisation"
        ).defer("search_text", "description", "results", "analysis")


class Practice(Searchable):
    """REG-3: a best practice proposed by a provider, analysed by the RC of its direction,
    submitted to the methodical centre for replication."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="best_practices",
        verbose_name="организация-заявитель",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="приоритетное направление",
    )
    title = models.CharField("наименование практики", max_length=500)
    description = models.TextField("описание")
    results = models.TextField("результаты", blank=True)
    target_group = models.CharField("целевая группа", max_length=500, blank=True)
    year = models.PositiveSmallIntegerField("год", validators=YEAR_VALIDATORS)
    link = models.URLField("ссылка на материал", blank=True)
    is_public = models.BooleanField("показывать в открытом разделе", default=False)
    state = models.CharField(
        "состояние", max_length=16, choices=PracticeState.choices, default=PracticeState.DRAFT
    )
    proposed_at = models.DateTimeField("направлена в ресурсный центр", null=True, blank=True)
    analysis = models.TextField("анализ ресурсного центра", blank=True)
    analysis_verdict = models.CharField(
        "вывод ресурсного центра",
        max_length=16,
        choices=AnalysisVerdict.choices,
        blank=True,
        default="",
    )
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="анализ провёл",
    )
    analysed_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="analysed_practices",
        verbose_name="ресурсный центр, проводивший анализ",
    )
    analysed_at = models.DateTimeField("дата анализа", null=True, blank=True)
    submitted_at = models.DateTimeField("направлена в методический центр", null=True, blank=True)
    replicated_in = models.ManyToManyField(
        "organisations.Organisation",
        through="Replication",
        related_name="replicated_practices",
        verbose_name="где тиражирована",
    )
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("title", "target_group")

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = "лучшая практика"
        verbose_name_plural = "лучшие практики"
        ordering = ["-year", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "title"],
                name="practice_unique_proposer_title",
                violation_error_message="Эта организация уже предложила практику с таким "
                "наименованием.",
            )
        ]
        indexes = [
            models.Index(fields=["direction", "state"], name="practice_direction_state"),
            SearchIndex(name="practice_search"),
        ]

    def __str__(self):
        return f"Практика «{self.title}»"

    def get_absolute_url(self):
        return reverse("methodology:practice_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_PRACTICE_STATES

    def clean(self):
        if self.analysis_verdict and not self.analysis.strip():
            raise ValidationError({"analysis": "Опишите результаты анализа практики."})

    def attachments_editable_by(self, scope) -> bool:
        from resurs.coordination.methodology.permissions import can_attach_to_practice

        return can_attach_to_practice(scope, self)


class ReplicationQuerySet(ScopedQuerySet):
    def scope_filter(self, scope) -> Q:
        return Q(practice__in=Practice.objects.visible_to(scope).values("pk"))


class Replication(models.Model):
    """REG-3: an organisation that took a best practice into its work, when, with what result."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="replications", verbose_name="практика"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="practice_replications",
        verbose_name="учреждение",
    )
    started_on = models.DateField("внедрена с")
    result = models.TextField("результат")
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = ReplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "тиражирование практики"
        verbose_name_plural = "тиражирование практик"
        ordering = ["-started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"],
                name="replication_unique_organisation",
                violation_error_message="Тиражирование в этом учреждении уже отмечено.",
            )
        ]

    def __str__(self):
        return f"Тиражирование в {self.organisation}"
