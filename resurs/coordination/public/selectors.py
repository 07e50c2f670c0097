"""Reads of the public section (EVT-5).

Two kinds of reads live here. The staff side (page editing, the inbox) starts from
``visible_to(who)`` like every other selector. The visitor side has no user at all: its gate
is publication — a page that is not published does not exist for a visitor (404), and what
the page shows (the centre's documents, statuses, materials, answers) is read only through a
published page.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from resurs.coordination.events import selectors as events_selectors
from resurs.coordination.methodology import selectors as methodology_selectors
from resurs.coordination.public.models import (
    REGION_KEEPER_ROLES,
    Audience,
    PublicMaterial,
    PublicPage,
    Question,
    QuestionStatus,
)
from resurs.coordination.registries import selectors as registries_selectors
from resurs.kernel.accounts.scoping import scope_of
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.organisations.models import (
    Appointment,
    AppointmentKind,
    LocalDocument,
    LocalDocumentVersion,
    Organisation,
    ResourceCentreStatus,
)

UPCOMING_EVENTS_LIMIT = 10


# --- the visitor's side ---------------------------------------------------------------------


def published_pages():
    """The index of /centres/: every published page with the directions in force."""
    active = ResourceCentreStatus.objects.active().select_related("direction")
    return (
        PublicPage.objects.published()
        .select_related("organisation__territory")
        .prefetch_related(
            Prefetch("organisation__rc_statuses", queryset=active, to_attr="active_statuses")
        )
        .order_by("organisation__name", "id")
    )


def published_page(slug: str) -> PublicPage:
    """One published page by its address; 404 for an unknown or unpublished one."""
    return get_object_or_404(
        PublicPage.objects.published().select_related("organisation__territory"), slug=slug
    )


@dataclass(frozen=True)
class CentreDirection:
    """What the page says about the centre's priority direction (ORG-3)."""

    statuses: list  # statuses in force
    last_ended: ResourceCentreStatus | None  # when none is in force: the latest one


def centre_direction(organisation: Organisation) -> CentreDirection:
    statuses = list(
        ResourceCentreStatus.objects.filter(organisation=organisation)
        .select_related("direction")
        .order_by("-valid_from", "-id")
    )
    in_force = [status for status in statuses if status.is_in_force]
    return CentreDirection(
        statuses=in_force, last_ended=None if in_force or not statuses else statuses[0]
    )


def centre_heads(organisation: Organisation) -> list[Appointment]:
    """The RC head the page names: the current appointment on the organisation's card (ORG-4),
    the one source for both pages."""
    return list(
        Appointment.objects.current()
        .filter(organisation=organisation, kind=AppointmentKind.RC_HEAD)
        .select_related("direction")
        .order_by("direction__number", "id")
    )


def centre_documents(organisation: Organisation) -> list[LocalDocument]:
    """ORG-5 on the page: the centre's local documents, each with its latest version only."""
    latest_first = LocalDocumentVersion.objects.order_by("-number").only(
        "id", "document_id", "number", "approved_on", "approval_order", "original_name", "file"
    )
    documents = list(
        LocalDocument.objects.filter(organisation=organisation)
        .select_related("direction")
        .prefetch_related(Prefetch("versions", queryset=latest_first, to_attr="version_list"))
    )
    for document in documents:
        document.latest_version = document.version_list[0] if document.version_list else None
    return [document for document in documents if document.latest_version is not None]


def public_document_version(page: PublicPage, document_pk: int) -> LocalDocumentVersion:
    """The file behind a document link of a published page: the latest version, or 404."""
    document = get_object_or_404(
        LocalDocument.objects.filter(organisation_id=page.organisation_id), pk=document_pk
    )
    version = document.versions.order_by("-number").first()
    if version is None or not version.file:
        raise Http404
    return version


def _with_files(materials: list[PublicMaterial]) -> list[PublicMaterial]:
    """Attaches ``file_list`` to each material in one query."""
    by_material: dict[int, list] = {material.pk: [] for material in materials}
    if by_material:
        content_type = ContentType.objects.get_for_model(PublicMaterial)
        for attachment in Attachment.objects.filter(
            content_type=content_type, object_id__in=list(by_material)
        ).order_by("uploaded_at", "id"):
            by_material[attachment.object_id].append(attachment)
    for material in materials:
        material.file_list = by_material[material.pk]
    return materials


def public_materials(page: PublicPage) -> dict[str, list[PublicMaterial]]:
    """Materials for parents and for specialists shown on a published page."""
    materials = _with_files(list(PublicMaterial.objects.public().filter(page=page)))
    return {
        audience: [material for material in materials if material.audience == audience]
        for audience in Audience.values
    }


def public_material_file(page: PublicPage, attachment_pk: int) -> Attachment:
    """A file of a public material of a published page; 404 for anything else."""
    content_type = ContentType.objects.get_for_model(PublicMaterial)
    public_ids = PublicMaterial.objects.public().filter(page=page).values("pk")
    return get_object_or_404(
        Attachment.objects.filter(content_type=content_type, object_id__in=public_ids),
        pk=attachment_pk,
    )


def published_questions(page: PublicPage):
    """Questions and answers a published page shows, newest first."""
    return (
        Question.objects.published()
        .filter(page=page)
        .only(
            "id",
            "page_id",
            "text",
            "public_text",
            "answer",
            "author_name",
            "publish_name",
            "published_at",
            "answered_at",
            "status",
            "is_published",
        )  # fmt: skip
        .order_by("-published_at", "-id")
    )


def page_sections(organisation: Organisation) -> dict[str, list]:
    """What the other apps publish for a centre: its normative base (REG-4), registry items
    (REG-1, REG-3..REG-6), methodological products and practices (REG-2, REG-3) and upcoming
    events (EVT-1). Each app decides what is public; the page only shows it."""
    return {
        "legal_acts": registries_selectors.public_legal_acts(organisation),
        "registry_items": registries_selectors.public_registry_items(organisation),
        "methodology_items": methodology_selectors.public_methodology_items(organisation),
        "events": events_selectors.public_upcoming_events(
            organisation, limit=UPCOMING_EVENTS_LIMIT
        ),
    }


def public_page_status(organisation) -> tuple[bool, datetime | None]:
    """KPI 6.1 (000:6.1): does the centre have a published public section, and when did
    what it shows last change? ``(False, None)`` when there is no published page."""
    organisation_id = getattr(organisation, "pk", organisation)
    row = (
        PublicPage.objects.filter(organisation_id=organisation_id, is_published=True)
        .values_list("updated_at", flat=True)
        .first()
    )
    return (row is not None, row)


# --- the staff side -------------------------------------------------------------------------


def pages_visible_to(who):
    return PublicPage.objects.visible_to(who).select_related("organisation")


def page_for(who, pk) -> PublicPage:
    return get_object_or_404(pages_visible_to(who), pk=pk)


def centres_for_pages(who):
    """Institutions with a resource-centre status (now or before) whose public section the
    user keeps, each with its page (or none yet) and the count of new questions."""
    scope = scope_of(who)
    if scope is None:
        return Organisation.objects.none()
    queryset = Organisation.objects.visible_to(scope).filter(
        Exists(ResourceCentreStatus.objects.filter(organisation_id=OuterRef("pk")))
    )
    if scope.role not in REGION_KEEPER_ROLES:
        queryset = queryset.filter(pk=scope.organisation_id)
    return queryset.select_related("public_page").order_by("name", "id")


def materials_of(who, page: PublicPage):
    return _with_files(
        list(PublicMaterial.objects.visible_to(who).filter(page=page).order_by("audience", "id"))
    )


def material_for(who, pk) -> PublicMaterial:
    return get_object_or_404(
        PublicMaterial.objects.visible_to(who).select_related("page__organisation"), pk=pk
    )


@dataclass(frozen=True)
class QuestionFilter:
    state: str = ""  # "", "new", "answered", "published", "closed"
    page_id: int | None = None


QUESTION_STATES = (
    ("new", "Новые"),
    ("answered", "Отвеченные"),
    ("published", "Опубликованные"),
    ("closed", "Закрытые без ответа"),
)


def questions_visible_to(who, filters: QuestionFilter | None = None):
    """The inbox: questions to the user's centre (or to every centre for the Department)."""
    filters = filters or QuestionFilter()
    queryset = Question.objects.visible_to(who).select_related("page__organisation")
    if filters.state == "new":
        queryset = queryset.filter(status=QuestionStatus.NEW)
    elif filters.state == "answered":
        queryset = queryset.filter(status=QuestionStatus.ANSWERED)
    elif filters.state == "published":
        queryset = queryset.filter(is_published=True)
    elif filters.state == "closed":
        queryset = queryset.filter(status=QuestionStatus.CLOSED)
    if filters.page_id:
        queryset = queryset.filter(page_id=filters.page_id)
    return queryset.defer("ip_hash").order_by("-created_at", "-id")


def question_for(who, pk) -> Question:
    return get_object_or_404(
        Question.objects.visible_to(who).select_related("page__organisation", "answered_by"),
        pk=pk,
    )


def new_question_counts(who) -> list[tuple[PublicPage, int]]:
    """Per page, the questions waiting for an answer (the home page's «Требует внимания»)."""
    counts = (
        Question.objects.visible_to(who)
        .filter(status=QuestionStatus.NEW)
        .values("page_id")
        .annotate(n=Count("id"))
    )
    by_page = {row["page_id"]: row["n"] for row in counts}
    if not by_page:
        return []
    pages = PublicPage.objects.filter(pk__in=list(by_page)).select_related("organisation")
    return [(page, by_page[page.pk]) for page in pages]


def question_counts(who) -> dict[str, int]:
    """How many questions each filter of the inbox holds (one query)."""
    return Question.objects.visible_to(who).aggregate(
        new=Count("id", filter=Q(status=QuestionStatus.NEW)),
        answered=Count("id", filter=Q(status=QuestionStatus.ANSWERED)),
        published=Count("id", filter=Q(is_published=True)),
        closed=Count("id", filter=Q(status=QuestionStatus.CLOSED)),
    )
