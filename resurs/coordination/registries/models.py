"""Registries of a resource centre (SPEC §2: REG-1, REG-4, REG-5, REG-6).

Every record is kept by an organisation (``owner``: the resource centre that keeps the
registry, 000:3.1.10–3.1.11) within a priority direction, and is scoped by the one rule of
`resurs.kernel.accounts.scoping.record_q`: the owner's own staff, a resource centre of the direction
region-wide, the УСЗН of the owner's territory, and the region-wide roles. Records that are
*about* another organisation (a participant, an institution implementing a practice) are
also visible to that organisation and to the УСЗН of its territory.

Methodological products (REG-2) and best practices (REG-3) live in the ``methodology`` app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import DirectionRecordQuerySet, record_q
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet, search_q


class RegistryQuerySet(SearchQuerySet, DirectionRecordQuerySet):
    record_organisation_path = "owner"
    record_direction_path = "direction"


class RegistryRecord(Searchable):
    """What every registry record has: who keeps it, where it is published, its version."""

    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="ведёт реестр",
        help_text="Ресурсный центр (организация), который ведёт реестр.",
    )
    is_public = models.BooleanField(
        "публикуется",
        default=False,
        help_text="Показывать запись на открытой странице ресурсного центра.",
    )
    registered_on = models.DateField(
        "внесено в реестр",
        default=timezone.localdate,
        help_text="По этой дате запись учитывается в показателе 6.5.",
    )
    note = models.TextField("примечание", blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    registry_slug = ""  # the registry's URL part, see resurs.coordination.registries.catalogue
    search_fields = ("note",)

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(f"registries:{self.registry_slug}_detail", args=[self.pk])

    def attachments_editable_by(self, scope) -> bool:
        """Files of a registry record are kept by whoever may edit the record."""
        from resurs.coordination.registries.permissions import can_edit_record

        return can_edit_record(scope, self)


# --- REG-1: participants ---------------------------------------------------------------------


class ParticipantCategory(models.TextChoices):
    """000:3.1.10: «поставщиков социальных услуг (государственных, негосударственных),
    социальных партнеров, добровольцев»."""

    STATE_PROVIDER = "state_provider", "Государственный поставщик социальных услуг"
    NON_STATE_PROVIDER = "non_state_provider", "Негосударственный поставщик социальных услуг"
    SOCIAL_PARTNER = "social_partner", "Социальный партнёр"
    VOLUNTEER = "volunteer", "Добровольцы (волонтёры)"


# KPI 6.6 «Количество социальных партнеров Ресурсного центра» (000:6.6) counts these
# categories. The regulation names two groups an RC coordinates — providers of social
# services and social partners (000:2.1) — and works with «социальными партнерами и/или
# волонтерами» (000:4.4): volunteers are partners, providers are not.
SOCIAL_PARTNER_CATEGORIES = (ParticipantCategory.SOCIAL_PARTNER, ParticipantCategory.VOLUNTEER)


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", "участвует"
    LEFT = "left", "вышел из реестра"


class ParticipantQuerySet(RegistryQuerySet):
    def scope_filter(self, scope):
        # A participant sees its own participation; an УСЗН those of its territory's
        # organisations, whichever resource centre keeps the registry.
        visible = super().scope_filter(scope) | Q(organisation_id=scope.organisation_id)
        if scope.role == Role.USZN and scope.territory_id:
            visible |= Q(organisation__territory_id=scope.territory_id)
        return visible

    def search_q(self, text):
        return super().search_q(text) | search_q(text, "organisation") | Q(organisation__inn=text)

    def active_between(self, start, end):
        """Participants taking part at some time between two dates (both included)."""
        return self.filter(joined_on__lte=end).filter(
            Q(left_on__isnull=True) | Q(left_on__gte=start)
        )


class Participant(RegistryRecord):
    """REG-1: an organisation taking part in a direction, in the RC's registry of participants."""

    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="направление",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="registry_participations",
        verbose_name="участник",
    )
    category = models.CharField("категория", max_length=32, choices=ParticipantCategory.choices)
    participation_form = models.CharField(
        "форма участия",
        max_length=255,
        help_text="Например: соисполнитель «дорожной карты», стажировочная площадка, "
        "участник методического объединения.",
    )
    joined_on = models.DateField("дата включения")
    agreement_number = models.CharField("номер соглашения", max_length=64, blank=True)
    agreement_date = models.DateField("дата соглашения", null=True, blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=ParticipantStatus.choices, default=ParticipantStatus.ACTIVE
    )
    left_on = models.DateField("дата выхода", null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()
    registry_slug = "participants"
    search_fields = ("participation_form", "agreement_number", "note")

    class Meta:
        verbose_name = "участник реестра"
        verbose_name_plural = "реестр участников"
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "direction", "organisation"],
                name="participant_unique_per_registry",
                violation_error_message="Эта организация уже есть в реестре участников "
                "этого ресурсного центра по этому направлению.",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "direction", "status"], name="participant_registry"),
            models.Index(fields=["direction", "joined_on"], name="participant_direction_joined"),
            # KPI 6.6 for one RC and one direction.
            models.Index(
                fields=["owner", "direction", "joined_on"], name="participant_owner_dir_joined"
            ),
            SearchIndex(name="participant_search"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.get_category_display().lower()}"

    def clean(self):
        errors = {}
        if self.owner_id and self.owner_id == self.organisation_id:
            errors["organisation"] = "Организация не может быть участником собственного реестра."
        if self.status == ParticipantStatus.LEFT and not self.left_on:
            errors["left_on"] = "Укажите дату выхода из реестра."
        if self.status == ParticipantStatus.ACTIVE and self.left_on:
            errors["left_on"] = "У участника, который участвует, не бывает даты выхода."
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            errors["left_on"] = "Дата выхода раньше даты включения."
        if self.agreement_date and not self.agreement_number:
            errors["agreement_number"] = "Укажите номер соглашения."
        if errors:
            raise ValidationError(errors)


# --- REG-4: normative legal acts ------------------------------------------------------------


class ActLevel(models.TextChoices):
    FEDERAL = "federal", "федеральный"
    REGIONAL = "regional", "региональный"
    MUNICIPAL = "municipal", "муниципальный"
    LOCAL = "local", "локальный (учреждения)"


class ActKind(models.TextChoices):
    CODE = "code", "Кодекс"
    LAW = "law", "Закон"
    EDICT = "edict", "Указ"
    RESOLUTION = "resolution", "Постановление"
    ORDER = "order", "Приказ"
    DIRECTIVE = "directive", "Распоряжение"
    REGULATION = "regulation", "Положение"
    LETTER = "letter", "Письмо"
    OTHER = "other", "Иной акт"


class ActStatus(models.TextChoices):
    IN_FORCE = "in_force", "действует"
    REPEALED = "repealed", "утратил силу"


class LegalActQuerySet(RegistryQuerySet):
    def search_q(self, text):
        return super().search_q(text) | Q(number=text)

    def in_level_order(self):
        """Federal, regional, municipal, local; the newest first within a level."""
        rank = models.Case(
            *(models.When(level=level, then=index) for index, level in enumerate(ActLevel)),
            output_field=models.IntegerField(),
        )
        return self.alias(level_rank=rank).order_by("level_rank", "-adopted_on", "id")


class LegalAct(RegistryRecord):
    """REG-4: a normative legal act in the RC's registry (003 roadmap item 1)."""

    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="направление",
        help_text="Пусто — акт относится ко всем направлениям.",
    )
    level = models.CharField("уровень", max_length=16, choices=ActLevel.choices)
    kind = models.CharField("вид акта", max_length=16, choices=ActKind.choices)
    number = models.CharField("номер", max_length=64)
    adopted_on = models.DateField("дата")
    title = models.CharField("наименование", max_length=1000)
    issuer = models.CharField("кем принят", max_length=255, blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=ActStatus.choices, default=ActStatus.IN_FORCE
    )
    repealed_on = models.DateField("утратил силу с", null=True, blank=True)
    url = models.URLField("ссылка", max_length=500, blank=True)

    objects = LegalActQuerySet.as_manager()
    registry_slug = "acts"
    search_fields = ("title", "number", "issuer", "note")

    class Meta:
        verbose_name = "нормативный правовой акт"
        verbose_name_plural = "реестр нормативных правовых актов"
        ordering = ["level", "-adopted_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "level", "kind", "number", "adopted_on"],
                name="legal_act_unique_per_registry",
                violation_error_message="Акт этого уровня и вида с таким номером и датой уже "
                "есть в реестре этого ресурсного центра.",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "direction"], name="legal_act_registry"),
            SearchIndex(name="legal_act_search"),
        ]

    def __str__(self):
        return self.citation

    @property
    def citation(self) -> str:
        """«Федеральный закон от 28.12.2013 № 442-ФЗ «Об основах …»», as the seeds cite acts."""
        kind = self.get_kind_display()
        if self.level == ActLevel.FEDERAL and self.kind == ActKind.LAW:
            kind = "Федеральный закон"
        return f"{kind} от {self.adopted_on:%d.%m.%Y} № {self.number} «{self.title}»"

    def clean(self):
        if self.status == ActStatus.REPEALED and not self.repealed_on:
            raise ValidationError({"repealed_on": "Укажите дату, с которой акт утратил силу."})
        if self.status == ActStatus.IN_FORCE and self.repealed_on:
            raise ValidationError({"repealed_on": "У действующего акта нет даты утраты силы."})
        if self.repealed_on and self.adopted_on and self.repealed_on < self.adopted_on:
            raise ValidationError({"repealed_on": "Дата утраты силы раньше даты принятия."})


# --- REG-5: technologies and articles -----------------------------------------------------


class TechnologyStatus(models.TextChoices):
    IN_USE = "in_use", "применяется"
    DISCONTINUED = "discontinued", "не применяется"


class Technology(RegistryRecord):
    """REG-5: an innovative technology or method in use (003:3.3 «реестр инновационных
    технологий и методик»)."""

    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="направление",
    )
    title = models.CharField("наименование", max_length=500)
    description = models.TextField("описание", blank=True)
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="организация-автор",
    )
    target_group = models.CharField("целевая группа", max_length=500, blank=True)
    introduced_year = models.PositiveSmallIntegerField("год внедрения", null=True, blank=True)
    used_where = models.TextField("где применяется", blank=True)
    status = models.CharField(
        "статус", max_length=16, choices=TechnologyStatus.choices, default=TechnologyStatus.IN_USE
    )

    objects = RegistryQuerySet.as_manager()
    registry_slug = "technologies"
    search_fields = ("title", "description", "target_group", "used_where", "note")

    class Meta:
        verbose_name = "инновационная технология (методика)"
        verbose_name_plural = "реестр инновационных технологий и методик"
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "title"],
                name="technology_unique_per_registry",
                violation_error_message="Технология с таким наименованием уже есть в реестре "
                "этого ресурсного центра.",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "direction"], name="technology_registry"),
            SearchIndex(name="technology_search"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        year = timezone.localdate().year
        if self.introduced_year is not None and not 1950 <= self.introduced_year <= year + 1:
            raise ValidationError({"introduced_year": f"Год внедрения — от 1950 до {year + 1}."})


class Article(RegistryRecord):
    """REG-5: an article «из опыта работы» (003 roadmap item 7)."""

    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="направление",
    )
    title = models.CharField("название", max_length=500)
    authors = models.CharField("авторы", max_length=500)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="организация авторов",
    )
    publication = models.CharField(
        "где опубликована", max_length=500, help_text="Журнал, сборник или сайт."
    )
    published_on = models.DateField("дата публикации")
    url = models.URLField("ссылка", max_length=500, blank=True)

    objects = RegistryQuerySet.as_manager()
    registry_slug = "articles"
    search_fields = ("title", "authors", "publication", "note")

    class Meta:
        verbose_name = "статья «Из опыта работы»"
        verbose_name_plural = "реестр статей «Из опыта работы»"
        ordering = ["-published_on", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "title", "publication", "published_on"],
                name="article_unique_per_registry",
                violation_error_message="Статья с таким названием, изданием и датой уже есть "
                "в реестре этого ресурсного центра.",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "direction"], name="article_registry"),
            SearchIndex(name="article_search"),
        ]

    def __str__(self):
        return self.title


# --- REG-6: the social practices matrix -------------------------------------------------------


class PracticeStatus(models.TextChoices):
    """004 appendix 4: a practice in an institution is planned, being implemented or done."""

    NOT_IMPLEMENTED = "not_implemented", "не внедряется"
    PLANNED = "planned", "планируется"
    IMPLEMENTING = "implementing", "внедряется"
    IMPLEMENTED = "implemented", "внедрена"


class SocialPracticeQuerySet(RegistryQuerySet):
    def scope_filter(self, scope):
        # An institution sees the practices it is listed for in the matrix.
        listed = PracticeCell.objects.filter(institution_id=scope.organisation_id)
        return super().scope_filter(scope) | Q(pk__in=listed.values("practice_id"))


class SocialPractice(RegistryRecord):
    """REG-6: a social practice of the matrix (a column of practice × institution)."""

    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="направление",
    )
    programme = models.CharField(
        "программа (комплекс мер)",
        max_length=500,
        blank=True,
        help_text="Если практика внедряется не по направлению, а по программе.",
    )
    number = models.PositiveSmallIntegerField("№ п/п", default=1)
    title = models.CharField("наименование практики", max_length=500)
    description = models.TextField("описание", blank=True)
    basis = models.CharField(
        "основание", max_length=500, blank=True, help_text="Например, приказ о внедрении."
    )

    objects = SocialPracticeQuerySet.as_manager()
    registry_slug = "practices"
    search_fields = ("title", "description", "programme", "basis", "note")

    class Meta:
        verbose_name = "социальная практика"
        verbose_name_plural = "матрица внедрения социальных практик"
        ordering = ["owner_id", "number", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "title"],
                name="practice_unique_per_registry",
                violation_error_message="Практика с таким наименованием уже есть в матрице "
                "этого ресурсного центра.",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "number"], name="practice_registry"),
            SearchIndex(name="social_practice_search"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.direction_id and not self.programme.strip():
            raise ValidationError(
                {"programme": "Укажите направление или программу, по которой внедряется практика."}
            )


class PracticeCellQuerySet(DirectionRecordQuerySet):
    record_organisation_path = "practice__owner"
    record_direction_path = "practice__direction"

    def scope_filter(self, scope):
        visible = record_q(
            scope,
            organisation_path=self.record_organisation_path,
            direction_path=self.record_direction_path,
        ) | Q(institution_id=scope.organisation_id)
        if scope.role == Role.USZN and scope.territory_id:
            visible |= Q(institution__territory_id=scope.territory_id)
        return visible


class PracticeCell(models.Model):
    """REG-6: a cell of the matrix — one practice in one institution, with its status."""

    practice = models.ForeignKey(
        SocialPractice, on_delete=models.CASCADE, related_name="cells", verbose_name="практика"
    )
    institution = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="practice_cells",
        verbose_name="учреждение",
    )
    status = models.CharField(
        "статус",
        max_length=16,
        choices=PracticeStatus.choices,
        default=PracticeStatus.NOT_IMPLEMENTED,
    )
    started_on = models.DateField("дата начала", null=True, blank=True)
    note = models.CharField("примечание", max_length=500, blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="изменил",
    )
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    objects = PracticeCellQuerySet.as_manager()

    class Meta:
        verbose_name = "внедрение практики в учреждении"
        verbose_name_plural = "внедрение практик в учреждениях"
        ordering = ["practice_id", "institution__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "institution"],
                name="practice_cell_unique",
                violation_error_message="Это учреждение уже есть в матрице этой практики.",
            )
        ]
        indexes = [models.Index(fields=["institution", "status"], name="practice_cell_inst")]

    def __str__(self):
        return f"{self.practice} — {self.institution}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("registries:practice_cell_history", args=[self.pk])

    def clean(self):
        if self.status == PracticeStatus.NOT_IMPLEMENTED and self.started_on:
            raise ValidationError(
                {"started_on": "У практики, которая не внедряется, нет даты начала."}
            )
