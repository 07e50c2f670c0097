"""EVT-5: the public section of a resource centre — its page, materials and visitors' questions.

The page and everything on it are public once published; the staff side (editing, the inbox of
questions) is scoped by `PageScopedQuerySet`: the RC's own staff (role «Ресурсный центр» of the
page's organisation), the Department and the administrator. Visitors' questions carry personal
data (name, e-mail), so even the other region-wide role (the methodological centre) does not see
them (152-FZ: the least data to the fewest people).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from resurs.coordination.public.slugs import validate_page_slug
from resurs.coordination.public.uploads import validate_logo_file
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope, ScopedQuerySet, scope_of
from resurs.kernel.organisations.models import Organisation

QUESTION_MAX_LENGTH = 4000
# Who keeps every public section of the region and reads every visitor's question.
REGION_KEEPER_ROLES = frozenset({Role.DEPARTMENT, Role.ADMINISTRATOR})


class PageScopedQuerySet(ScopedQuerySet):
    """Staff-side scope of the public section: the RC's own page, or all for the Department.

    ``page_organisation_path`` names the page's organisation from the model.
    """

    page_organisation_path = "organisation"

    def visible_to(self, who):
        scope = scope_of(who)
        if scope is None:
            return self.none()
        if scope.role in REGION_KEEPER_ROLES:
            return self.all()
        return self.filter(self.scope_filter(scope))

    def scope_filter(self, scope: Scope) -> Q:
        if scope.role == Role.RESOURCE_CENTRE:
            return Q(**{f"{self.page_organisation_path}_id": scope.organisation_id})
        return Q(pk__in=[])


class PublicPageQuerySet(PageScopedQuerySet):
    page_organisation_path = "organisation"

    def published(self):
        return self.filter(is_published=True)


class PublicPage(models.Model):
    """EVT-5 (000:6.1, 003:2.2.7): the public page of one resource centre at /centres/<slug>/."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.PROTECT,
        related_name="public_page",
        verbose_name="учреждение",
    )
    slug = models.CharField(
        "адрес страницы",
        max_length=80,
        unique=True,
        validators=[validate_page_slug],
        # Help texts are printed as text (escaped): no markup here.
        help_text="Латинские строчные буквы, цифры и дефисы между словами: последняя часть "
        "адреса открытой страницы центра.",
        error_messages={"unique": "Этот адрес уже занят страницей другого центра."},
    )
    about = models.TextField("о ресурсном центре", blank=True)
    contacts = models.TextField("контакты", blank=True)
    logo = models.FileField(
        "логотип (символика)",
        upload_to="public/logos/%Y/",
        blank=True,
        validators=[validate_logo_file],
        help_text="Изображение PNG или JPEG (000:1.5: символика ресурсного центра).",
    )
    is_published = models.BooleanField("опубликована", default=False)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("обновлена", auto_now=True)

    objects = PublicPageQuerySet.as_manager()

    class Meta:
        verbose_name = "открытый раздел ресурсного центра"
        verbose_name_plural = "открытые разделы ресурсных центров"
        ordering = ["organisation__name", "id"]

    def __str__(self):
        return f"Открытый раздел: {self.organisation}"

    def get_absolute_url(self):
        return reverse("public:page", args=[self.slug])

    def get_manage_url(self):
        return reverse("public:manage_page", args=[self.pk])


class Audience(models.TextChoices):
    PARENTS = "parents", "Родителям"
    SPECIALISTS = "specialists", "Специалистам"


class PublicMaterialQuerySet(PageScopedQuerySet):
    page_organisation_path = "page__organisation"

    def public(self):
        return self.filter(is_public=True, page__is_published=True)


class PublicMaterial(models.Model):
    """EVT-5: a material for parents or for specialists (003 roadmap items 8, 10, 11)."""

    page = models.ForeignKey(
        PublicPage, on_delete=models.CASCADE, related_name="materials", verbose_name="страница"
    )
    audience = models.CharField("для кого", max_length=16, choices=Audience.choices)
    title = models.CharField("заголовок", max_length=300)
    text = models.TextField("текст", blank=True)
    link = models.URLField("ссылка", blank=True, help_text="Видеоролик, статья на сайте и т. п.")
    is_public = models.BooleanField("показывать на странице", default=True)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects = PublicMaterialQuerySet.as_manager()

    class Meta:
        verbose_name = "материал открытого раздела"
        verbose_name_plural = "материалы открытого раздела"
        ordering = ["audience", "-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:material_edit", args=[self.pk])

    def attachments_editable_by(self, scope) -> bool:
        """Files of a material are kept by whoever keeps the page."""
        from resurs.coordination.public.permissions import can_edit_page

        return can_edit_page(scope, self.page.organisation)


class QuestionStatus(models.TextChoices):
    NEW = "new", "Новый"
    ANSWERED = "answered", "Отвечен"
    CLOSED = "closed", "Закрыт без ответа"


class QuestionQuerySet(PageScopedQuerySet):
    page_organisation_path = "page__organisation"

    def published(self):
        return self.filter(
            is_published=True, status=QuestionStatus.ANSWERED, page__is_published=True
        )


class Question(models.Model):
    """EVT-5: a visitor's question to a resource centre, its answer and its publication.

    The visitor's name and e-mail are optional (an anonymous question is allowed); the IP is
    kept only as a keyed hash, for the rate limit.
    """

    page = models.ForeignKey(
        PublicPage, on_delete=models.PROTECT, related_name="questions", verbose_name="страница"
    )
    author_name = models.CharField("имя посетителя", max_length=150, blank=True)
    author_email = models.EmailField("электронная почта посетителя", blank=True)
    text = models.TextField("вопрос", max_length=QUESTION_MAX_LENGTH)
    consent_at = models.DateTimeField("согласие на обработку персональных данных дано")
    consent_text = models.TextField("текст согласия, показанный посетителю", blank=True)
    may_publish = models.BooleanField("посетитель разрешил публикацию вопроса", default=False)
    publish_name = models.BooleanField("посетитель разрешил указать имя", default=False)
    status = models.CharField(
        "состояние", max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.NEW
    )
    answer = models.TextField("ответ", blank=True)
    answered_at = models.DateTimeField("дата ответа", null=True, blank=True)
    answered_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ответил",
    )
    emailed_at = models.DateTimeField("ответ отправлен по почте", null=True, blank=True)
    public_text = models.TextField(
        "вопрос для публикации",
        blank=True,
        help_text="Текст вопроса на странице; уберите из него сведения о посетителе.",
    )
    is_published = models.BooleanField("опубликован на странице", default=False)
    published_at = models.DateTimeField("опубликован", null=True, blank=True)
    ip_hash = models.CharField("хеш адреса отправителя", max_length=64, editable=False)
    version = models.PositiveIntegerField("версия", default=1)
    created_at = models.DateTimeField("получен", auto_now_add=True)
    updated_at = models.DateTimeField("изменён", auto_now=True)

    objects = QuestionQuerySet.as_manager()
    # The visitor's personal data never goes into the audit trail (it says only whether a
    # name or an e-mail was left), the hash of the address not at all.
    audit_redacted_fields = frozenset({"author_name", "author_email"})
    audit_omitted_fields = frozenset({"ip_hash"})

    class Meta:
        verbose_name = "вопрос посетителя"
        verbose_name_plural = "вопросы посетителей"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["page", "status"], name="question_page_status"),
            models.Index(fields=["ip_hash", "created_at"], name="question_ip_created"),
        ]

    def __str__(self):
        # No personal data here: the string goes to the audit trail and to page titles.
        return f"Вопрос № {self.pk}" if self.pk else "Новый вопрос"

    def get_absolute_url(self):
        return reverse("public:question_detail", args=[self.pk])

    def clean(self):
        if self.is_published and self.status != QuestionStatus.ANSWERED:
            raise ValidationError("Опубликовать можно только вопрос с ответом.")

    @property
    def public_author(self) -> str:
        """The name shown with a published question: only with the visitor's agreement."""
        return self.author_name if self.publish_name and self.author_name else ""

    @property
    def shown_text(self) -> str:
        return self.public_text or self.text
