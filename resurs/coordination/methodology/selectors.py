"""Reads of the methodology registries. Every page, export and API list gets its queryset here,
starting from ``visible_to``; the public section and KPI 6.5 have their own named reads."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from resurs.coordination.methodology.models import (
    ExpertCouncil,
    Implementation,
    Practice,
    PracticeState,
    Product,
    ProductKind,
    ProductState,
    Replication,
    Review,
    ReviewRound,
)
from resurs.coordination.methodology.permissions import COUNCIL_MEMBER_ROLES
from resurs.kernel.accounts.models import can_sign_in
from resurs.kernel.organisations.models import Organisation, ResourceCentreStatus


@dataclass(frozen=True)
class RegistryFilter:
    """The filters of both registries' lists, exports and API lists."""

    text: str = ""
    kind: str = ""
    state: str = ""
    direction_id: int | None = None
    territory_id: int | None = None
    organisation_id: int | None = None
    year: int | None = None
    is_public: bool | None = None
    # Products only: the RC keeping the registry (not the author), and the expert council's
    # decision within these dates, both included — the KPI 6.5 drill-down.
    keeper_id: int | None = None
    decided_from: datetime.date | None = None
    decided_to: datetime.date | None = None


# --- REG-2 methodological products ----------------------------------------------------------


def products_visible_to(who, filters: RegistryFilter | None = None):
    """REG-2: the registry as ``who`` may see it, filtered, with what the list shows."""
    filters = filters or RegistryFilter()
    queryset = Product.objects.visible_to(who).search(filters.text)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.territory_id:
        queryset = queryset.filter(
            Q(organisation__territory_id=filters.territory_id)
            | Q(author_organisation__territory_id=filters.territory_id)
        )
    if filters.organisation_id:
        queryset = queryset.filter(
            Q(organisation_id=filters.organisation_id)
            | Q(author_organisation_id=filters.organisation_id)
        )
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.is_public is not None:
        queryset = queryset.filter(is_public=filters.is_public)
    if filters.keeper_id:
        queryset = queryset.filter(organisation_id=filters.keeper_id)
    if filters.decided_from:
        start, _end = _bounds(filters.decided_from, filters.decided_from)
        queryset = queryset.filter(decided_at__gte=start)
    if filters.decided_to:
        _start, end = _bounds(filters.decided_to, filters.decided_to)
        queryset = queryset.filter(decided_at__lt=end)
    return queryset.with_listing().order_by("-year", "title", "id")


def product_for(who, pk) -> Product:
    """One product's card, or 404 when it does not exist or is out of scope."""
    queryset = Product.objects.visible_to(who).select_related(
        "organisation__territory", "author_organisation__territory", "direction"
    )
    return get_object_or_404(queryset, pk=pk)


def rounds_of(product: Product) -> list[ReviewRound]:
    """Every review round of a product, newest first, with its experts' verdicts."""
    reviews = Review.objects.select_related("reviewer").order_by("id")
    return list(
        ReviewRound.objects.filter(product=product)
        .select_related("council", "started_by")
        .prefetch_related(Prefetch("reviews", queryset=reviews))
        .order_by("-number")
    )


def pending_review_of(product: Product, user) -> Review | None:
    """The review this user still owes on the product's current round, if any."""
    if product.state != ProductState.UNDER_REVIEW or user is None:
        return None
    return (
        Review.objects.pending()
        .filter(round__product=product, reviewer=user)
        .select_related("round")
        .first()
    )


def implementations_of(product: Product):
    return Implementation.objects.filter(product=product).select_related("organisation__territory")


def reviews_awaiting(who, user):
    """Products waiting for this expert's verdict (the reviewer's queue)."""
    return (
        Review.objects.visible_to(who)
        .pending()
        .filter(reviewer=user, round__product__state=ProductState.UNDER_REVIEW)
        .select_related("round__product")
        .order_by("round__started_at", "id")
    )


def resource_centres(who=None):
    """Organisations that keep (or kept) a direction's registry: every RC status holder."""
    queryset = Organisation.objects.visible_to(who) if who is not None else Organisation.objects
    return queryset.filter(pk__in=ResourceCentreStatus.objects.values("organisation_id")).order_by(
        "name", "id"
    )


def rc_pairs(organisation_ids) -> set[tuple[int, int]]:
    """(organisation, direction) of every RC status of these organisations, in one query."""
    return set(
        ResourceCentreStatus.objects.filter(organisation_id__in=list(organisation_ids))
        .values_list("organisation_id", "direction_id")
        .distinct()
    )


# --- the expert council ---------------------------------------------------------------------


def councils():
    """The councils with their members (configuration of the region, not scoped)."""
    members = get_user_model().objects.order_by("last_name", "first_name", "username")
    return ExpertCouncil.objects.prefetch_related(Prefetch("members", queryset=members))


def active_councils():
    return councils().filter(is_active=True)


def council_for(pk) -> ExpertCouncil:
    return get_object_or_404(councils(), pk=pk)


def eligible_experts():
    """Who may sit on the council: users with an active Department or methodical-centre role."""
    return (
        get_user_model()
        .objects.filter(
            can_sign_in(),
            memberships__is_active=True,
            memberships__role__in=COUNCIL_MEMBER_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def council_members(councils_qs):
    """The members of these councils, as the candidates for a review's experts."""
    return (
        get_user_model()
        .objects.filter(can_sign_in(), expert_councils__in=councils_qs)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# --- REG-3 best practices -------------------------------------------------------------------


def practices_visible_to(who, filters: RegistryFilter | None = None):
    """REG-3: the registry of best practices as ``who`` may see it, filtered."""
    filters = filters or RegistryFilter()
    queryset = Practice.objects.visible_to(who).search(filters.text)
    if filters.state:
        queryset = queryset.filter(state=filters.state)
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.territory_id:
        queryset = queryset.filter(organisation__territory_id=filters.territory_id)
    if filters.organisation_id:
        queryset = queryset.filter(organisation_id=filters.organisation_id)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.is_public is not None:
        queryset = queryset.filter(is_public=filters.is_public)
    return queryset.with_listing().order_by("-year", "title", "id")


def practice_for(who, pk) -> Practice:
    queryset = Practice.objects.visible_to(who).select_related(
        "organisation__territory", "direction", "analysed_by", "analysed_by_organisation"
    )
    return get_object_or_404(queryset, pk=pk)


def replications_of(practice: Practice):
    return Replication.objects.filter(practice=practice).select_related("organisation__territory")


def practices_awaiting_analysis(who):
    """Practices proposed to the RC of ``who``'s direction and not yet analysed."""
    return (
        Practice.objects.visible_to(who)
        .filter(state=PracticeState.PROPOSED)
        .select_related("organisation")
        .order_by("proposed_at", "id")
    )


# --- KPI 6.5 and the public section ---------------------------------------------------------


def _bounds(period_start: datetime.date, period_end: datetime.date):
    """The period's days as aware datetimes [start, end) in the current time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period_start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        period_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def _approved_between(start, end) -> Q:
    return Q(state=ProductState.APPROVED, decided_at__gte=start, decided_at__lt=end)


def products_approved_count(
    *, organisation, direction, period_start: datetime.date, period_end: datetime.date
) -> int:
    """``methodology_counts(...)["products_approved"]`` alone, in one COUNT (the KPI
    recount of every centre asks only for this number)."""
    start, end = _bounds(period_start, period_end)
    return Product.objects.filter(
        _approved_between(start, end), organisation=organisation, direction=direction
    ).count()


def methodology_counts(
    *, organisation, direction, period_start: datetime.date, period_end: datetime.date
) -> dict[str, int]:
    """REP-5 KPI 6.5 «сформированность информационно-методической базы»: what the registries
    of an RC's direction gained in a period (both dates included), in four queries.

    * ``products_added``, ``products_added_<kind>`` — products entered in the RC's registry;
    * ``products_sent`` — products sent to the expert council (the last sending counts);
    * ``products_approved``, ``products_approved_<kind>`` — recommended for implementation;
    * ``implementations`` — institutions that began to use the RC's products;
    * ``practices_proposed`` — best practices of the direction proposed to the RC;
    * ``practices_recommended`` — practices the RC recommended for replication;
    * ``practices_submitted`` — practices it submitted to the methodical centre;
    * ``replications`` — institutions that replicated the direction's practices.
    """
    start, end = _bounds(period_start, period_end)
    added = Q(created_at__gte=start, created_at__lt=end)
    approved = _approved_between(start, end)
    aggregates = {
        "products_added": Count("pk", filter=added),
        "products_sent": Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end)),
        "products_approved": Count("pk", filter=approved),
    }
    for kind in ProductKind:
        aggregates[f"products_added_{kind.value}"] = Count("pk", filter=added & Q(kind=kind))
        aggregates[f"products_approved_{kind.value}"] = Count("pk", filter=approved & Q(kind=kind))
    counts = Product.objects.filter(organisation=organisation, direction=direction).aggregate(
        **aggregates
    )
    counts["implementations"] = Implementation.objects.filter(
        product__organisation=organisation,
        product__direction=direction,
        started_on__gte=period_start,
        started_on__lte=period_end,
    ).count()
    analysed_here = Q(analysed_by_organisation=organisation)
    counts.update(
        Practice.objects.filter(direction=direction).aggregate(
            practices_proposed=Count("pk", filter=Q(proposed_at__gte=start, proposed_at__lt=end)),
            practices_recommended=Count(
                "pk",
                filter=analysed_here
                & Q(analysis_verdict="recommended", analysed_at__gte=start, analysed_at__lt=end),
            ),
            practices_submitted=Count(
                "pk", filter=analysed_here & Q(submitted_at__gte=start, submitted_at__lt=end)
            ),
        )
    )
    counts["replications"] = Replication.objects.filter(
        practice__direction=direction,
        started_on__gte=period_start,
        started_on__lte=period_end,
    ).count()
    return counts


@dataclass(frozen=True)
class PublicItem:
    """One registry item of an RC's public page (EVT-5)."""

    kind: str  # the kind's label: «Программа», «Лучшая практика»
    title: str
    year: int
    summary: str
    url: str | None  # where the material is published, when it is


def public_methodology_items(organisation) -> list[PublicItem]:
    """EVT-5: the RC's registry items marked public — its products recommended for
    implementation and the best practices it recommended — for a page without login.

    Deliberately not scoped: only items their keepers marked public and that passed the
    expert council (products) or the RC's analysis (practices) are returned.
    """
    products = Product.objects.filter(
        organisation=organisation, is_public=True, state=ProductState.APPROVED
    ).only("kind", "title", "year", "annotation", "link")
    practices = Practice.objects.filter(
        Q(analysed_by_organisation=organisation) | Q(organisation=organisation),
        is_public=True,
        state__in=[PracticeState.RECOMMENDED, PracticeState.SUBMITTED],
    ).only("title", "year", "description", "link")
    items = [
        PublicItem(p.get_kind_display(), p.title, p.year, p.annotation, p.link or None)
        for p in products.order_by("-year", "title", "id")
    ]
    items.extend(
        PublicItem("Лучшая практика", p.title, p.year, p.description, p.link or None)
        for p in practices.order_by("-year", "title", "id")
    )
    return items
