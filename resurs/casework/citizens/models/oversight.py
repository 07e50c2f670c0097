"""Oversight of the data bank: duplicate links, reasoned access of region-wide roles and
the access log of every opening of a card."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from resurs.casework.citizens.models.people import Family, Person
from resurs.casework.citizens.models.records import AboutQuerySet
from resurs.kernel.accounts.scoping import Scope


class DuplicateDecision(models.TextChoices):
    LINKED = "linked", "одно лицо: карточки связаны"
    DISTINCT = "distinct", "разные лица"


class DuplicateLinkQuerySet(AboutQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        visible = Person.objects.visible_to(scope)
        return Q(first__in=visible) | Q(second__in=visible)


class DuplicateLink(models.Model):
    """A decision on two cards that look like one person: linked (never merged or destroyed:
    both histories stay) or distinct. A link can be undone (``undone_at``)."""

    first = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name="карточка 1"
    )
    second = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name="карточка 2"
    )
    decision = models.CharField("решение", max_length=12, choices=DuplicateDecision)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="решил",
    )
    decided_at = models.DateTimeField("решено", auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отменил",
    )
    undone_at = models.DateTimeField("отменено", null=True, blank=True)

    all_records = models.Manager()
    objects = DuplicateLinkQuerySet.as_manager()

    audit_redacted_fields = frozenset({"first", "second"})

    class Meta:
        verbose_name = "решение о дубликате"
        verbose_name_plural = "решения о дубликатах"
        default_manager_name = "all_records"
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="duplicate_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: № {self.first_id} и № {self.second_id}"


class ReasonedAccessQuerySet(models.QuerySet):
    def open_for(self, scope: Scope):
        return self.filter(membership_id=scope.membership_id, expires_at__gt=timezone.now())


class ReasonedAccess(models.Model):
    """A region-wide user's opening of one person's or family's records, with the stated
    reason (SPEC §0): valid until ``expires_at``; logged and shown to the institution."""

    membership = models.ForeignKey(
        "accounts.Membership", on_delete=models.CASCADE, related_name="+", verbose_name="роль"
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="гражданин",
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="семья",
    )
    reason = models.TextField("основание доступа")
    opened_at = models.DateTimeField("открыт", default=timezone.now)
    expires_at = models.DateTimeField("действует до")

    objects = ReasonedAccessQuerySet.as_manager()

    class Meta:
        verbose_name = "доступ с указанием основания"
        verbose_name_plural = "доступы с указанием основания"
        ordering = ["-opened_at"]

    def __str__(self):
        return f"Доступ {self.membership} с {self.opened_at:%d.%m.%Y %H:%M}"


class AccessChannel(models.TextChoices):
    UI = "ui", "веб-интерфейс"
    API = "api", "API"
    EXPORT = "export", "выгрузка"


class AccessLogQuerySet(models.QuerySet):
    def shown_to(self, scope: Scope):
        """The access log of the records an institution holds: its provider role (the
        institution's head) sees all of it, a unit head that of the unit; the region-wide
        roles see the entries they made themselves."""
        from resurs.casework.units.models import staff_units

        if scope.role == "provider":
            return self.filter(holder_id=scope.organisation_id)
        if scope.role == "head":
            return self.filter(holder_id=scope.organisation_id, unit_id__in=staff_units(scope))
        return self.filter(membership_id=scope.membership_id)


class AccessLogEntry(models.Model):
    """X-3, 152-FZ: one opening of a record with personal data — who, when, which record,
    under which role, with which stated reason. Names no person in clear: the record by its
    kind and id."""

    at = models.DateTimeField("когда", default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="кто"
    )
    membership = models.ForeignKey(
        "accounts.Membership",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="роль",
    )
    role = models.CharField("роль", max_length=64)
    viewer_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="организация просмотревшего",
    )
    record_type = models.CharField("вид записи", max_length=64)
    record_label = models.CharField("запись", max_length=120)
    record_id = models.PositiveBigIntegerField("номер записи")
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="гражданин",
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="семья",
    )
    holder = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="учреждение, ведущее запись",
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отделение",
    )
    channel = models.CharField(
        "канал", max_length=8, choices=AccessChannel, default=AccessChannel.UI
    )
    reason = models.TextField("основание (для региональных ролей)", blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = "запись журнала доступа к персональным данным"
        verbose_name_plural = "журнал доступа к персональным данным"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["holder", "-at"], name="access_log_holder")]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.record_label}"
