"""Reads of the registries. Every page, export and API list gets its queryset here.

The selectors of a user's view start from ``Model.objects.visible_to(who)``. Four selectors
serve other apps and take an organisation instead of a user:

* ``registry_counts`` — KPI 6.5 (reporting);
* ``social_partner_count`` — KPI 6.6 (reporting);
* ``public_registry_items`` and ``public_legal_acts`` — the public page of an RC (``public``
  app); they return only records marked public.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from resurs.coordination.registries.models import (
    SOCIAL_PARTNER_CATEGORIES,
    ActStatus,
    Article,
    LegalAct,
    Participant,
    ParticipantStatus,
    PracticeCell,
    PracticeStatus,
    SocialPractice,
    Technology,
)
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.organisations.models import Organisation
from resurs.kernel.search import search_q


@dataclass(frozen=True)
class RegistryFilter:
    """The filters every registry list has (SPEC §2: search, direction, territory,
    organisation, status, year) and the public flag."""

    text: str = ""
    direction_id: int | None = None
    territory_id: int | None = None
    owner_id: int | None = None
    status: str = ""
    year: int | None = None
    is_public: bool | None = None
    # «Внесено в реестр» within these dates (both included): the KPI 6.5 drill-down.
    registered_from: datetime.date | None = None
    registered_to: datetime.date | None = None
    # Participants only: a category, or PARTNERS — the categories KPI 6.6 counts …
    category: str = ""
    # … and taking part at some time between these dates (``active_between``).
    active_from: datetime.date | None = None
    active_to: datetime.date | None = None


# The participants' category filter value meaning SOCIAL_PARTNER_CATEGORIES (KPI 6.6).
PARTNERS = "partners"


def _registered(queryset, filters: RegistryFilter):
    if filters.registered_from:
        queryset = queryset.filter(registered_on__gte=filters.registered_from)
    if filters.registered_to:
        queryset = queryset.filter(registered_on__lte=filters.registered_to)
    return queryset


def _common(queryset, filters: RegistryFilter, *, territory_path: str = "owner__territory"):
    queryset = _registered(queryset.search(filters.text), filters)
    if filters.owner_id:
        queryset = queryset.filter(owner_id=filters.owner_id)
    if filters.territory_id and territory_path:
        queryset = queryset.filter(**{f"{territory_path}_id": filters.territory_id})
    if filters.is_public is not None:
        queryset = queryset.filter(is_public=filters.is_public)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset


# --- REG-1 -------------------------------------------------------------------------------------


def participants_visible_to(who, filters: RegistryFilter | None = None):
    """REG-1: the registry of participants as ``who`` may see it; territory is the
    participant's."""
    filters = filters or RegistryFilter()
    queryset = _common(
        Participant.objects.visible_to(who), filters, territory_path="organisation__territory"
    )
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.year:
        queryset = queryset.filter(joined_on__year=filters.year)
    if filters.category == PARTNERS:
        queryset = queryset.filter(category__in=SOCIAL_PARTNER_CATEGORIES)
    elif filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.active_from or filters.active_to:
        queryset = queryset.active_between(
            filters.active_from or datetime.date.min, filters.active_to or datetime.date.max
        )
    return queryset.select_related("owner", "direction", "organisation__territory").order_by(
        "organisation__name", "id"
    )


# --- REG-4 -------------------------------------------------------------------------------------


def legal_acts_visible_to(who, filters: RegistryFilter | None = None):
    """REG-4: acts; an act without a direction belongs to every direction's filter."""
    filters = filters or RegistryFilter()
    queryset = _common(LegalAct.objects.visible_to(who), filters)
    if filters.direction_id:
        queryset = queryset.filter(Q(direction_id=filters.direction_id) | Q(direction__isnull=True))
    if filters.year:
        queryset = queryset.filter(adopted_on__year=filters.year)
    return queryset.select_related("owner", "direction").in_level_order()


# --- REG-5 -------------------------------------------------------------------------------------


def technologies_visible_to(who, filters: RegistryFilter | None = None):
    filters = filters or RegistryFilter()
    queryset = _common(Technology.objects.visible_to(who), filters)
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.year:
        queryset = queryset.filter(introduced_year=filters.year)
    return queryset.select_related("owner", "direction", "author_organisation").order_by(
        "title", "id"
    )


def articles_visible_to(who, filters: RegistryFilter | None = None):
    filters = filters or RegistryFilter()
    queryset = _common(Article.objects.visible_to(who), filters)
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    if filters.year:
        queryset = queryset.filter(published_on__year=filters.year)
    return queryset.select_related("owner", "direction", "organisation").order_by(
        "-published_on", "title", "id"
    )


# --- REG-6 -------------------------------------------------------------------------------------


def practices_visible_to(who, filters: RegistryFilter | None = None):
    """REG-6: practices with the count of institutions per status. Territory, status and
    year are those of the practice's cells (an institution there, a cell with that status,
    a cell started that year)."""
    filters = filters or RegistryFilter()
    queryset = _registered(SocialPractice.objects.visible_to(who).search(filters.text), filters)
    if filters.owner_id:
        queryset = queryset.filter(owner_id=filters.owner_id)
    if filters.is_public is not None:
        queryset = queryset.filter(is_public=filters.is_public)
    if filters.direction_id:
        queryset = queryset.filter(direction_id=filters.direction_id)
    cells = PracticeCell.objects.all()
    if filters.territory_id:
        cells = cells.filter(institution__territory_id=filters.territory_id)
    if filters.status:
        cells = cells.filter(status=filters.status)
    if filters.year:
        cells = cells.filter(started_on__year=filters.year)
    if filters.territory_id or filters.status or filters.year:
        queryset = queryset.filter(pk__in=cells.values("practice_id"))
    counts = {
        f"{status}_count": Count("cells", filter=Q(cells__status=status))
        for status in (PracticeStatus.PLANNED, PracticeStatus.IMPLEMENTING,
                       PracticeStatus.IMPLEMENTED)
    }  # fmt: skip
    return (
        queryset.select_related("owner", "direction")
        .annotate(**counts)
        .order_by("owner__name", "number", "title", "id")
    )


def practice_cells_visible_to(who):
    return PracticeCell.objects.visible_to(who).select_related(
        "practice", "institution__territory", "updated_by"
    )


def practice_cell_for(who, pk) -> PracticeCell:
    return get_object_or_404(practice_cells_visible_to(who), pk=pk)


@dataclass
class MatrixRow:
    institution: Organisation
    cells: list  # one per practice of the matrix: a PracticeCell or None (не внедряется)


@dataclass
class Matrix:
    """REG-6: the practice × institution grid of one owner, as the user may see it."""

    owner: Organisation | None
    owners: list[Organisation]
    practices: list[SocialPractice]
    rows: list[MatrixRow] = field(default_factory=list)
    # Per practice: how many institutions have each status (empty cells not counted).
    totals: list[Counter] = field(default_factory=list)


def practice_matrix(
    who, *, owner_id: int | None = None, territory_id: int | None = None, text: str = ""
) -> Matrix:
    """REG-6: the matrix of the chosen owner (by default the user's own organisation, else
    the first owner the user can see), in three queries."""
    practices = list(
        SocialPractice.objects.visible_to(who)
        .select_related("owner", "direction")
        .order_by("owner__name", "owner_id", "number", "title", "id")
    )
    owners = list({p.owner_id: p.owner for p in practices}.values())
    scope = scope_of(who)
    scope_org = scope.organisation_id if scope is not None else None
    owner = next((o for o in owners if o.pk == owner_id), None)
    if owner is None:  # none chosen, or one the user does not see: the user's own, else the first
        owner = next((o for o in owners if o.pk == scope_org), owners[0] if owners else None)
    practices = [p for p in practices if owner is not None and p.owner_id == owner.pk]
    matrix = Matrix(owner=owner, owners=owners, practices=practices)
    if not practices:
        return matrix
    cells = practice_cells_visible_to(who).filter(practice__in=[p.pk for p in practices])
    if territory_id:
        cells = cells.filter(institution__territory_id=territory_id)
    if (text or "").strip():
        cells = cells.filter(search_q(text, "institution"))
    by_institution: dict[int, dict[int, PracticeCell]] = {}
    institutions: dict[int, Organisation] = {}
    for cell in cells:
        institutions[cell.institution_id] = cell.institution
        by_institution.setdefault(cell.institution_id, {})[cell.practice_id] = cell
    for institution in sorted(institutions.values(), key=lambda o: (str(o).casefold(), o.pk)):
        row_cells = by_institution[institution.pk]
        matrix.rows.append(MatrixRow(institution, [row_cells.get(p.pk) for p in practices]))
    matrix.totals = [
        Counter(row.cells[i].status for row in matrix.rows if row.cells[i] is not None)
        for i in range(len(practices))
    ]
    return matrix


# --- cards and the index ---------------------------------------------------------------------

SELECTORS = {
    Participant: participants_visible_to,
    LegalAct: legal_acts_visible_to,
    Technology: technologies_visible_to,
    Article: articles_visible_to,
    SocialPractice: practices_visible_to,
}


def record_for(who, model, pk):
    """One record's card, or 404 when it does not exist or is out of scope."""
    return get_object_or_404(SELECTORS[model](who), pk=pk)


def registry_sizes(who) -> dict[type, int]:
    """How many records of each registry the user sees (the registries' index page)."""
    return {model: model.objects.visible_to(who).count() for model in SELECTORS}


def owners_of(queryset, *, chosen=None, who=None):
    """The organisations keeping the records of a (scoped) queryset: the «Организация» filter.

    ``chosen`` (the filter's value, as sent) is offered too when ``who`` may see that
    organisation, even without records: a KPI's link to an RC's empty registry then shows
    the empty list instead of an invalid filter."""
    keeps = Q(pk__in=queryset.order_by().values("owner_id").distinct())
    if who is not None and str(chosen or "").isdigit():
        keeps |= Q(pk=int(chosen), pk__in=Organisation.objects.visible_to(who).values("pk"))
    return Organisation.objects.filter(keeps).order_by("name", "id")


def distinct_organisations(participants) -> int:
    """How many organisations a (filtered) list of participants names: an organisation takes
    part in several directions of one registry, KPI 6.6 counts it once."""
    return participants.order_by().values("organisation_id").distinct().count()


def nameable_organisations(who=None):
    """Organisations a record may name (a participant, an author, an institution of the
    matrix): the whole directory of the user's region (``who``; all regions without it).

    Naming an organisation is how it joins a direction's registry, so the choice is not
    limited to the organisations already in an RC's scope (the registry of providers is
    public anyway, 442-ФЗ art. 25); a region is data, so another region's are not offered.
    """
    queryset = Organisation.objects.filter(is_active=True).order_by("name", "id")
    return queryset.in_region_of(who) if who is not None else queryset


# --- KPI 6.5 and 6.6 (reporting) ---------------------------------------------------------------

REGISTRY_COUNT_KEYS = {
    "participants": "Участники",
    "legal_acts": "Нормативные правовые акты",
    "technologies": "Инновационные технологии и методики",
    "articles": "Статьи «Из опыта работы»",
    "social_practices": "Социальные практики",
}


def registry_counts(
    *,
    organisation,
    direction=None,
    period_start: datetime.date,
    period_end: datetime.date,
) -> dict[str, int]:
    """KPI 6.5 «сформированность информационно-методической базы» (000:6.5): the records
    of the organisation's registries added in the period (by «внесено в реестр», both
    ends included), by kind — keys of REGISTRY_COUNT_KEYS.

    With a direction, records of that direction (and acts for all directions); without,
    every direction. Methodological products and best practices are counted by the
    methodology app.
    """
    period = {"registered_on__gte": period_start, "registered_on__lte": period_end}
    by_direction = Q()
    acts_direction = Q()
    if direction is not None:
        by_direction = Q(direction=direction)
        acts_direction = Q(direction=direction) | Q(direction__isnull=True)
    mine = {"owner": organisation, **period}
    return {
        "participants": Participant.objects.filter(by_direction, **mine).count(),
        "legal_acts": LegalAct.objects.filter(acts_direction, **mine).count(),
        "technologies": Technology.objects.filter(by_direction, **mine).count(),
        "articles": Article.objects.filter(by_direction, **mine).count(),
        "social_practices": SocialPractice.objects.filter(by_direction, **mine).count(),
    }


def social_partner_count(
    *,
    organisation,
    direction=None,
    period_start: datetime.date,
    period_end: datetime.date,
) -> int:
    """KPI 6.6 «количество социальных партнёров» (000:6.6): distinct organisations in the
    RC's registry of participants, of the partner categories (SOCIAL_PARTNER_CATEGORIES),
    that took part at some time in the period — included on or before its last day and
    not left before its first day. Pass the same date twice for the count on a date.
    """
    queryset = Participant.objects.filter(
        owner=organisation, category__in=SOCIAL_PARTNER_CATEGORIES
    ).active_between(period_start, period_end)
    if direction is not None:
        queryset = queryset.filter(direction=direction)
    return queryset.values("organisation_id").distinct().count()


# --- the public page of an RC (EVT-5) ---------------------------------------------------------


@dataclass(frozen=True)
class PublicRegistryItem:
    """One public record of an RC's registries, as the public page shows it."""

    kind: str  # "participant", "technology", "article", "social_practice"
    kind_label: str
    title: str
    date: datetime.date | None
    year: int | None
    summary: str
    url: str | None  # an external link (an article's), never a page behind the login


@dataclass(frozen=True)
class PublicLegalAct:
    level: str  # ActLevel label
    kind: str  # ActKind label
    number: str
    date: datetime.date
    title: str
    issuer: str
    in_force: bool
    repealed_on: datetime.date | None
    url: str | None
    citation: str  # «Закон от 28.12.2013 № 442-ФЗ «…»»


def public_registry_items(organisation) -> list[PublicRegistryItem]:
    """EVT-5: the RC's public records of every registry of this app except acts (those are
    the normative base, see ``public_legal_acts``): participants, technologies, articles,
    social practices — in that order, the newest first within a kind. Four queries."""
    items: list[PublicRegistryItem] = []
    participants = (
        Participant.objects.filter(
            owner=organisation, is_public=True, status=ParticipantStatus.ACTIVE
        )
        .select_related("organisation", "direction")
        .order_by("-joined_on", "id")
    )
    items.extend(
        PublicRegistryItem(
            kind="participant",
            kind_label=p.get_category_display(),
            title=p.organisation.name,
            date=p.joined_on,
            year=p.joined_on.year,
            summary=f"{p.participation_form}. Направление: {p.direction.short_name}.",
            url=p.organisation.website or None,
        )
        for p in participants
    )
    technologies = Technology.objects.filter(owner=organisation, is_public=True).order_by(
        "-introduced_year", "title", "id"
    )
    items.extend(
        PublicRegistryItem(
            kind="technology",
            kind_label="Инновационная технология (методика)",
            title=t.title,
            date=None,
            year=t.introduced_year,
            summary=" ".join(
                part
                for part in (
                    t.description,
                    f"Целевая группа: {t.target_group}." if t.target_group else "",
                )
                if part
            ),
            url=None,
        )
        for t in technologies
    )
    articles = Article.objects.filter(owner=organisation, is_public=True).order_by(
        "-published_on", "title", "id"
    )
    items.extend(
        PublicRegistryItem(
            kind="article",
            kind_label="Статья «Из опыта работы»",
            title=a.title,
            date=a.published_on,
            year=a.published_on.year,
            summary=f"{a.authors}. {a.publication}.",
            url=a.url or None,
        )
        for a in articles
    )
    practices = (
        SocialPractice.objects.filter(owner=organisation, is_public=True)
        .annotate(
            implemented=Count("cells", filter=Q(cells__status=PracticeStatus.IMPLEMENTED)),
            in_progress=Count(
                "cells",
                filter=Q(cells__status__in=[PracticeStatus.PLANNED, PracticeStatus.IMPLEMENTING]),
            ),
        )
        .order_by("number", "title", "id")
    )
    items.extend(
        PublicRegistryItem(
            kind="social_practice",
            kind_label="Социальная практика",
            title=p.title,
            date=None,
            year=None,
            summary=" ".join(
                part
                for part in (
                    p.description,
                    f"Внедрена в учреждениях: {p.implemented}; внедряется или планируется: "
                    f"{p.in_progress}.",
                )
                if part
            ),
            url=None,
        )
        for p in practices
    )
    return items


def public_legal_acts(organisation) -> list[PublicLegalAct]:
    """EVT-5: the RC's normative base — its public acts, federal to local, newest first."""
    acts = LegalAct.objects.filter(owner=organisation, is_public=True).in_level_order()
    return [
        PublicLegalAct(
            level=act.get_level_display(),
            kind=act.get_kind_display(),
            number=act.number,
            date=act.adopted_on,
            title=act.title,
            issuer=act.issuer,
            in_force=act.status == ActStatus.IN_FORCE,
            repealed_on=act.repealed_on,
            url=act.url or None,
            citation=act.citation,
        )
        for act in acts
    ]
