"""Providers' proposals to a roadmap and the versions of an agreed roadmap."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from resurs.coordination.roadmaps.models.roadmap import Roadmap, roadmap_q
from resurs.coordination.roadmaps.models.structure import Item, RoadmapChildQuerySet, Section
from resurs.kernel.accounts.roles import INSTITUTION_STAFF_ROLES
from resurs.kernel.accounts.scoping import Scope, ScopedQuerySet


class ProposalState(models.TextChoices):
    NEW = "new", "на рассмотрении"
    ACCEPTED = "accepted", "принято в план"
    DECLINED = "declined", "отклонено"


class ProposalQuerySet(ScopedQuerySet):
    def scope_filter(self, scope: Scope) -> Q:
        """A provider's staff see their institution's proposals; the others see the
        proposals to the roadmaps they see."""
        own = Q(organisation_id=scope.organisation_id)
        if scope.role in INSTITUTION_STAFF_ROLES:
            return own
        return own | roadmap_q(scope, "roadmap")


class Proposal(models.Model):
    """MAP-3 (001:2.4.3): a provider's proposal to an RC's roadmap."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="proposals", verbose_name="дорожная карта"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="roadmap_proposals",
        verbose_name="организация",
    )
    text = models.TextField("предложение")
    suggested_name = models.TextField("предлагаемое мероприятие", blank=True)
    suggested_timeframe = models.CharField("предлагаемый срок", max_length=500, blank=True)
    suggested_section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="раздел",
    )
    state = models.CharField(
        "состояние", max_length=16, choices=ProposalState.choices, default=ProposalState.NEW
    )
    decision_note = models.TextField("ответ ресурсного центра", blank=True)
    item = models.ForeignKey(
        Item,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="мероприятие плана",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="автор",
    )
    decided_at = models.DateTimeField("рассмотрено", null=True, blank=True)
    created_at = models.DateTimeField("направлено", auto_now_add=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = "предложение в дорожную карту"
        verbose_name_plural = "предложения в дорожную карту"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Предложение {self.organisation}: {(self.suggested_name or self.text)[:80]}"

    def get_absolute_url(self):
        return reverse("roadmaps:detail", args=[self.roadmap_id]) + "?tab=proposals"

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.NEW


class RoadmapVersionQuerySet(RoadmapChildQuerySet):
    roadmap_path = "roadmap"


class RoadmapVersion(models.Model):
    """MAP-3: the plan as the Department agreed it, frozen as JSON (see `roadmaps.versions`)."""

    roadmap = models.ForeignKey(
        Roadmap, on_delete=models.CASCADE, related_name="versions", verbose_name="дорожная карта"
    )
    number = models.PositiveIntegerField("версия")
    content = models.JSONField("разделы и мероприятия")
    agreed_at = models.DateTimeField("согласована")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="согласовал",
    )

    objects = RoadmapVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "согласованная версия дорожной карты"
        verbose_name_plural = "согласованные версии дорожных карт"
        ordering = ["roadmap_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="roadmap_version_unique")
        ]

    def __str__(self):
        return f"Версия {self.number} от {timezone.localtime(self.agreed_at):%d.%m.%Y}"
