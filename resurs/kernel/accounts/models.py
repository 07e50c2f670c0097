import hashlib
import secrets
from typing import cast

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from resurs.kernel.accounts.roles import ROLE_ORGANISATION_KIND, Role
from resurs.kernel.accounts.scoping import Scope


def can_sign_in() -> Q:
    """Users a picker of people offers: active ones with a usable password. An account without
    one (the demo's placeholder staff, «Сотрудник …») cannot act, so it is never offered."""
    return Q(is_active=True) & ~Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)


class User(AbstractUser):
    """A person who signs in. What they may see comes from their memberships."""

    patronymic = models.CharField("отчество", max_length=150, blank=True)
    phone = models.CharField(
        "телефон", max_length=32, blank=True, help_text="Для SMS-уведомлений (X-5)."
    )

    class Meta:
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p)


class SignInThrottle(models.Model):
    """Failed sign-ins of one login name from one network address.

    The lockout counts per (name, address) pair, so that a stranger who types someone's name
    with wrong passwords stops only himself; the name is kept as a hash (people type passwords
    into the name field), and unknown names are counted exactly like real ones.
    """

    username_hash = models.CharField("имя пользователя (хеш)", max_length=64)
    source = models.CharField("адрес", max_length=45)
    failures = models.PositiveSmallIntegerField("неудачных попыток подряд", default=0)
    last_failure_at = models.DateTimeField("последняя неудачная попытка", db_index=True)
    locked_until = models.DateTimeField("вход приостановлен до", null=True, blank=True)

    class Meta:
        verbose_name = "счётчик неудачных входов"
        verbose_name_plural = "счётчики неудачных входов"
        ordering = ["-last_failure_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["username_hash", "source"], name="signin_throttle_name_source"
            )
        ]

    def __str__(self):
        return f"{self.source}: {self.failures}"

    @staticmethod
    def hash_username(username: str) -> str:
        return hashlib.sha256(username.strip().casefold().encode()).hexdigest()

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())


class Membership(models.Model):
    """A user's role in one organisation, with the territory and direction it covers."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name="пользователь"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name="организация",
    )
    role = models.CharField("роль", max_length=32, choices=Role.choices)
    territory = models.ForeignKey(
        "organisations.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="территория",
        help_text="По умолчанию — территория организации.",
    )
    direction = models.ForeignKey(
        "organisations.Direction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="приоритетное направление",
    )
    position = models.CharField("должность", max_length=255, blank=True)
    is_active = models.BooleanField("действует", default=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)

    class Meta:
        verbose_name = "членство (роль в организации)"
        verbose_name_plural = "членства (роли в организациях)"
        ordering = ["user_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "direction"],
                condition=Q(direction__isnull=False),
                name="membership_unique_role_direction",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=Q(direction__isnull=True),
                name="membership_unique_role",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} — {self.organisation}"

    def clean(self):
        kind = self.organisation.kind if self.organisation_id else None
        required_kind = ROLE_ORGANISATION_KIND.get(self.role)
        if required_kind and kind != required_kind:
            organisation_model = cast(
                type[models.Model], self._meta.get_field("organisation").related_model
            )
            kinds = cast(models.Field, organisation_model._meta.get_field("kind"))
            raise ValidationError(
                {
                    "organisation": f"Роль «{self.get_role_display()}» требует организацию вида "
                    f"«{dict(kinds.flatchoices)[required_kind]}»."
                }
            )
        if self.role == Role.RESOURCE_CENTRE and not self.direction_id:
            raise ValidationError(
                {"direction": "Для роли «Ресурсный центр» укажите приоритетное направление."}
            )

    @property
    def effective_territory_id(self):
        return self.territory_id or self.organisation.territory_id

    @property
    def scope(self) -> Scope:
        """What this membership may see (accounts.scoping)."""
        return Scope.of(self)


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def for_raw(self, raw: str):
        return self.active().filter(key_hash=_hash_token(raw))


class ApiToken(models.Model):
    """X-4: a personal token for integrations; only its hash is kept."""

    PREFIX = "rsr_"

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="api_tokens", verbose_name="роль"
    )
    name = models.CharField("назначение", max_length=120)
    key_prefix = models.CharField("начало ключа", max_length=16)
    key_hash = models.CharField("хеш ключа", max_length=64, unique=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее использование", null=True, blank=True)
    revoked_at = models.DateTimeField("отозван", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API-токен"
        verbose_name_plural = "API-токены"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @classmethod
    def new_raw_key(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)

    @staticmethod
    def hash_key(raw: str) -> str:
        return _hash_token(raw)
