from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from resurs.kernel.attachments.uploads import validate_document_file
from resurs.kernel.organisations.scoping import OrganisationScopedQuerySet
from resurs.kernel.organisations.validators import is_valid_inn, validate_inn, validate_ogrn
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet


class Region(models.Model):
    """A subject of the Russian Federation whose social services run on this installation."""

    code = models.CharField("код региона", max_length=8, unique=True)
    name = models.CharField("наименование", max_length=255)
    timezone = models.CharField("часовой пояс", max_length=64, default="Asia/Yekaterinburg")

    class Meta:
        verbose_name = "регион"
        verbose_name_plural = "регионы"
        ordering = ["code"]

    def __str__(self):
        return self.name


class TerritoryKind(models.TextChoices):
    CITY_OKRUG = "city_okrug", "городской округ"
    MUNICIPAL_DISTRICT = "municipal_district", "муниципальный район"
    MUNICIPAL_OKRUG = "municipal_okrug", "муниципальный округ"


def region_of(who):
    """The region of ``who``'s organisation, as a subquery (no query of its own)."""
    from resurs.kernel.accounts.scoping import scope_of

    scope = scope_of(who)
    own = (
        Organisation.objects.filter(pk=scope.organisation_id)
        if scope is not None
        else Organisation.objects.none()
    )
    return Subquery(own.values("territory__region_id")[:1])


class TerritoryQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(region=region)

    def in_region_of(self, who):
        """The municipalities of ``who``'s region: a region is data, its pickers and filters
        show the user's own (another region's records stay readable where they are shown)."""
        return self.filter(region_id=region_of(who))


class Territory(models.Model):
    """A municipality (ORG-1: every organisation belongs to one)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="territories", verbose_name="регион"
    )
    name = models.CharField("наименование", max_length=255)
    kind = models.CharField("вид", max_length=32, choices=TerritoryKind.choices)
    oktmo = models.CharField("код ОКТМО", max_length=11, blank=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "территория (муниципальное образование)"
        verbose_name_plural = "территории (муниципальные образования)"
        ordering = ["region_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="territory_unique_name")
        ]

    def __str__(self):
        return self.name


class Direction(models.Model):
    """ORG-2: a priority direction of social-service coordination."""

    number = models.PositiveSmallIntegerField("номер", unique=True)
    name = models.CharField("наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=120)
    is_active = models.BooleanField("действует", default=True)
    source = models.CharField("основание", max_length=255, blank=True)

    class Meta:
        verbose_name = "приоритетное направление"
        verbose_name_plural = "приоритетные направления"
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.short_name}"


class OrganisationKind(models.TextChoices):
    DEPARTMENT = "department", "Департамент"
    METHODICAL_CENTRE = "methodical_centre", "Методический центр"
    USZN = "uszn", "Управление социальной защиты населения (УСЗН)"
    STATE_INSTITUTION = "state_institution", "Государственное учреждение"
    NON_STATE_PROVIDER = "non_state_provider", "Негосударственный поставщик"
    SOCIAL_PARTNER = "social_partner", "Социальный партнёр"
    INTERAGENCY = "interagency", "Организация другого ведомства"
    VOLUNTEER = "volunteer", "Добровольцы (волонтёры)"


PROVIDER_KINDS = (OrganisationKind.STATE_INSTITUTION, OrganisationKind.NON_STATE_PROVIDER)
# Organisations a provider works with but does not report about: seen on their territory.
PARTNER_KINDS = (
    OrganisationKind.SOCIAL_PARTNER,
    OrganisationKind.INTERAGENCY,
    OrganisationKind.VOLUNTEER,
)


class LegalForm(models.TextChoices):
    GOVERNMENT_BODY = "government_body", "Орган государственной власти"
    BUDGET = "budget", "Бюджетное учреждение"
    TREASURY = "treasury", "Казённое учреждение"
    AUTONOMOUS = "autonomous", "Автономное учреждение"
    NKO = "nko", "Некоммерческая организация"
    SO_NKO = "so_nko", "Социально ориентированная НКО"
    COMMERCIAL = "commercial", "Коммерческая организация"
    ENTREPRENEUR = "entrepreneur", "Индивидуальный предприниматель"
    PERSON = "person", "Физическое лицо"


class Sector(models.TextChoices):
    SOCIAL = "social", "Социальная защита"
    EDUCATION = "education", "Образование"
    HEALTH = "health", "Здравоохранение"
    CULTURE = "culture", "Культура"
    SPORT = "sport", "Физическая культура и спорт"
    EMPLOYMENT = "employment", "Центр занятости"
    POLICE = "police", "Органы внутренних дел"
    GUARDIANSHIP = "guardianship", "Опека и попечительство"
    MINORS_COMMISSION = "minors_commission", "Комиссия по делам несовершеннолетних"
    OTHER = "other", "Иное"


class OrganisationQuerySet(SearchQuerySet, OrganisationScopedQuerySet):  # type: ignore[override]
    organisation_path = ""

    def with_listing(self):
        """What lists and the API show: territory and ``direction_list`` in fixed queries.

        The search text and timestamps are never shown, and deferring them keeps the sort
        of a deep page narrow.
        """
        directions = Prefetch(
            "directions",
            queryset=Direction.objects.only("id", "number", "name", "short_name"),
            to_attr="direction_list",
        )
        return (
            self.select_related("territory")
            .defer("search_text", "created_at", "updated_at")
            .prefetch_related(directions)
        )

    def search_q(self, text: str) -> Q:
        return super().search_q(text) | Q(inn=text) | Q(ogrn=text)

    def in_region_of(self, who):
        """The organisations of ``who``'s region (see `TerritoryQuerySet.in_region_of`)."""
        return self.filter(territory__region_id=region_of(who))


class Organisation(Searchable):
    """ORG-1: an organisation of the directory."""

    name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=255, blank=True)
    kind = models.CharField("вид организации", max_length=32, choices=OrganisationKind.choices)
    legal_form = models.CharField(
        "организационно-правовая форма", max_length=32, choices=LegalForm.choices
    )
    sector = models.CharField(
        "ведомство (сфера)", max_length=32, choices=Sector.choices, default=Sector.SOCIAL
    )
    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="organisations", verbose_name="территория"
    )
    directions = models.ManyToManyField(
        Direction,
        blank=True,
        related_name="organisations",
        verbose_name="приоритетные направления",
    )
    inn = models.CharField("ИНН", max_length=12, blank=True, validators=[validate_inn])
    ogrn = models.CharField("ОГРН / ОГРНИП", max_length=15, blank=True, validators=[validate_ogrn])
    address = models.CharField("адрес", max_length=500, blank=True)
    phone = models.CharField("телефон", max_length=64, blank=True)
    email = models.EmailField("электронная почта", blank=True)
    website = models.URLField("сайт", blank=True)
    head_name = models.CharField("руководитель", max_length=255, blank=True)
    is_active = models.BooleanField("действует", default=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    search_fields = ("name", "short_name", "head_name")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["inn"],
                condition=~Q(inn=""),
                name="organisation_unique_inn",
                violation_error_message="Организация с таким ИНН уже есть в справочнике.",
            )
        ]
        indexes = [
            models.Index(fields=["kind", "territory"], name="organisation_kind_territory"),
            # The directory's order: a page is read from the index instead of a full sort.
            models.Index(fields=["name", "id"], name="organisation_name_id"),
            SearchIndex(name="organisation_search"),
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])

    def clean(self):
        if self.kind in (OrganisationKind.STATE_INSTITUTION, OrganisationKind.DEPARTMENT) and (
            self.legal_form
            in (LegalForm.NKO, LegalForm.SO_NKO, LegalForm.COMMERCIAL, LegalForm.ENTREPRENEUR)
        ):
            raise ValidationError(
                {"legal_form": "Государственная организация не может иметь эту форму."}
            )
        if self.kind == OrganisationKind.NON_STATE_PROVIDER and self.legal_form in (
            LegalForm.BUDGET,
            LegalForm.TREASURY,
            LegalForm.AUTONOMOUS,
            LegalForm.GOVERNMENT_BODY,
        ):
            raise ValidationError(
                {"legal_form": "Негосударственный поставщик не может быть учреждением."}
            )
        # An ИНН the field's validator refused already has its message: one is enough.
        if not (self.inn and is_valid_inn(self.inn)):
            return
        if self.legal_form in (LegalForm.ENTREPRENEUR, LegalForm.PERSON):
            if len(self.inn) != 12:
                raise ValidationError({"inn": "ИНН индивидуального предпринимателя — 12 цифр."})
        elif len(self.inn) != 10:
            raise ValidationError({"inn": "ИНН организации — 10 цифр."})


class RCStatusState(models.TextChoices):
    ACTIVE = "active", "действует"
    REPLACED = "replaced", "заменён новым приказом"
    REPEALED = "repealed", "отменён"


class ResourceCentreStatusQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def active(self, on=None):
        """Statuses in force on a date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(state=RCStatusState.ACTIVE, valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class ResourceCentreStatus(models.Model):
    """ORG-3: the resource-centre status of an institution for one direction."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="rc_statuses",
        verbose_name="учреждение",
    )
    direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, related_name="rc_statuses", verbose_name="направление"
    )
    order_number = models.CharField("номер приказа Департамента", max_length=64)
    order_date = models.DateField("дата приказа")
    order_file = models.FileField(
        "файл приказа",
        upload_to="orders/%Y/",
        blank=True,
        validators=[validate_document_file],
    )
    valid_from = models.DateField("действует с")
    valid_to = models.DateField("действует по", null=True, blank=True)
    state = models.CharField(
        "состояние", max_length=16, choices=RCStatusState.choices, default=RCStatusState.ACTIVE
    )
    ended_on = models.DateField("прекращён с", null=True, blank=True)
    end_order_number = models.CharField("номер приказа о прекращении", max_length=64, blank=True)
    end_order_date = models.DateField("дата приказа о прекращении", null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name="заменён статусом",
    )
    note = models.TextField("примечание", blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = ResourceCentreStatusQuerySet.as_manager()

    class Meta:
        verbose_name = "статус ресурсного центра"
        verbose_name_plural = "статусы ресурсных центров"
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["organisation", "state"], name="rcstatus_org_state")]

    def __str__(self):
        return (
            f"РЦ «{self.direction.short_name}» — приказ № {self.order_number} "
            f"от {self.order_date:%d.%m.%Y}"
        )

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Дата окончания раньше даты начала."})
        if self.organisation_id and self.organisation.kind != OrganisationKind.STATE_INSTITUTION:
            raise ValidationError(
                {
                    "organisation": "Статус ресурсного центра присваивается "
                    "государственному учреждению."
                }
            )

    @property
    def is_in_force(self) -> bool:
        today = timezone.localdate()
        return (
            self.state == RCStatusState.ACTIVE
            and self.valid_from <= today
            and (self.valid_to is None or self.valid_to >= today)
        )


class AppointmentKind(models.TextChoices):
    RC_HEAD = "rc_head", "Руководитель ресурсного центра"
    ORGANISATION = "organisation", "Ответственный за организацию деятельности"
    COORDINATION = "coordination", "Ответственный за координацию"
    CONTROL = "control", "Ответственный за контроль"
    REPORTING = "reporting", "Ответственный за отчётность в Департамент"
    INTERACTION = "interaction", "Ответственный за взаимодействие с ресурсным центром"
    PROVIDER_REPORTING = "provider_reporting", "Ответственный за представление отчётности"


class AppointmentQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class Appointment(models.Model):
    """ORG-4: a person appointed by an organisation's order to a responsibility."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name="организация",
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="направление",
    )
    kind = models.CharField("назначение", max_length=32, choices=AppointmentKind.choices)
    person_name = models.CharField("ФИО", max_length=255)
    position = models.CharField("должность", max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name="пользователь системы",
    )
    duties = models.TextField("обязанности", blank=True)
    order_number = models.CharField("номер приказа", max_length=64)
    order_date = models.DateField("дата приказа")
    valid_from = models.DateField("с")
    valid_to = models.DateField("по", null=True, blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = "назначение ответственного"
        verbose_name_plural = "назначения ответственных"
        ordering = ["-valid_from", "kind", "id"]
        indexes = [models.Index(fields=["organisation", "valid_to"], name="appointment_org_to")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.person_name}"

    def clean(self):
        # Without a valid start date (rejected by its own field) there is nothing to compare.
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Дата окончания раньше даты начала."})

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.valid_from <= today and (self.valid_to is None or self.valid_to >= today)


class LocalDocumentKind(models.TextChoices):
    ORDER = "order", "Приказ"
    REGULATION = "regulation", "Положение"
    ALGORITHM = "algorithm", "Алгоритм взаимодействия"
    ROADMAP = "roadmap", "План мероприятий («дорожная карта»)"


class LocalDocumentQuerySet(OrganisationScopedQuerySet):
    organisation_path = "organisation"


class LocalDocument(models.Model):
    """ORG-5: a local document of an RC, kept with all its versions."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="local_documents",
        verbose_name="организация",
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="направление",
    )
    kind = models.CharField("вид документа", max_length=16, choices=LocalDocumentKind.choices)
    title = models.CharField("наименование", max_length=500)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    objects = LocalDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "локальный документ"
        verbose_name_plural = "локальные документы"
        ordering = ["kind", "title", "id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.organisation_id]) + "?tab=documents"

    def attachments_editable_by(self, scope) -> bool:
        """Annexes of a local document are kept by its organisation (ORG-5)."""
        from resurs.kernel.organisations.permissions import can_manage_own_records

        return can_manage_own_records(scope, self.organisation)


class LocalDocumentVersionQuerySet(OrganisationScopedQuerySet):
    organisation_path = "document__organisation"


class LocalDocumentVersion(models.Model):
    document = models.ForeignKey(
        LocalDocument, on_delete=models.CASCADE, related_name="versions", verbose_name="документ"
    )
    number = models.PositiveIntegerField("версия")
    approved_on = models.DateField("дата утверждения")
    approval_order = models.CharField("утверждён приказом №", max_length=64, blank=True)
    file = models.FileField(
        "файл", upload_to="local-documents/%Y/", validators=[validate_document_file]
    )
    original_name = models.CharField("имя файла", max_length=255, blank=True)
    note = models.CharField("что изменено", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="загрузил",
    )
    created_at = models.DateTimeField("загружено", auto_now_add=True)

    objects = LocalDocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "версия локального документа"
        verbose_name_plural = "версии локальных документов"
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="localdoc_unique_version")
        ]

    def __str__(self):
        return f"{self.document.title}, версия {self.number}"
