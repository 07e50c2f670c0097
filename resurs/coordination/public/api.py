"""X-4 / EVT-5: the public section through the API.

Published pages and published questions and answers are open to anyone (``auth=None``), like
the pages themselves. The inbox of questions needs a token and follows the inbox's scope: the
centre's own RC staff and the Department.
"""

from datetime import date, datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from resurs.coordination.public import selectors, services
from resurs.kernel.organisations.api import Page

router = Router(tags=["Открытый раздел"])


# --- open to anyone -------------------------------------------------------------------------


class PublicPageOut(Schema):
    slug: str
    organisation_id: int
    organisation: str
    url: str
    logo_url: str | None
    about: str
    contacts: str
    directions: list[str]
    updated_at: datetime

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_logo_url(obj):
        return reverse("public:logo", args=[obj.slug]) if obj.logo else None

    @staticmethod
    def resolve_directions(obj):
        statuses = getattr(obj.organisation, "active_statuses", None)
        if statuses is None:
            statuses = selectors.centre_direction(obj.organisation).statuses
        return [status.direction.name for status in statuses]


class PublicFileOut(Schema):
    title: str
    url: str
    size: int


class MaterialOut(Schema):
    id: int
    audience: str
    title: str
    text: str
    link: str
    files: list[PublicFileOut]


class DocumentOut(Schema):
    id: int
    kind: str
    title: str
    version: int
    approved_on: date
    url: str


class PublicPageDetailOut(PublicPageOut):
    documents: list[DocumentOut]
    materials: list[MaterialOut] = Field(alias="material_list")


class PublishedQuestionOut(Schema):
    id: int
    question: str = Field(alias="shown_text")
    author: str = Field(alias="public_author")
    answer: str
    answered_at: datetime | None
    published_at: datetime | None


def _page_detail(page):
    """The page with what its detail shows: documents and materials with file links."""
    materials = selectors.public_materials(page)
    page.documents = [
        {
            "id": document.pk,
            "kind": document.get_kind_display(),
            "title": document.title,
            "version": document.latest_version.number,
            "approved_on": document.latest_version.approved_on,
            "url": reverse("public:document_file", args=[page.slug, document.pk]),
        }
        for document in selectors.centre_documents(page.organisation)
    ]
    page.material_list = [
        {
            "id": material.pk,
            "audience": material.audience,
            "title": material.title,
            "text": material.text,
            "link": material.link,
            "files": [
                {
                    "title": str(attachment),
                    "url": reverse("public:material_file", args=[page.slug, attachment.pk]),
                    "size": attachment.size,
                }
                for attachment in material.file_list
            ],
        }
        for audience_materials in materials.values()
        for material in audience_materials
    ]
    return page


@router.get("/pages", response=list[PublicPageOut], auth=None, summary="Опубликованные страницы РЦ")
@paginate(Page)
def page_list(request):
    return selectors.published_pages()


@router.get(
    "/pages/{slug}", response=PublicPageDetailOut, auth=None, summary="Страница ресурсного центра"
)
def page_detail(request, slug: str):
    return _page_detail(selectors.published_page(slug))


@router.get(
    "/pages/{slug}/questions",
    response=list[PublishedQuestionOut],
    auth=None,
    summary="Опубликованные вопросы и ответы",
)
@paginate(Page)
def published_question_list(request, slug: str):
    return selectors.published_questions(selectors.published_page(slug))


# --- the inbox (token) ----------------------------------------------------------------------


class QuestionListOut(Schema):
    """A row of the inbox: no personal data (the card has it, and its reading is logged)."""

    id: int
    page_id: int
    centre: str
    created_at: datetime
    text: str
    status: str
    has_email: bool
    may_publish: bool
    is_published: bool
    answered_at: datetime | None

    @staticmethod
    def resolve_centre(obj):
        return str(obj.page.organisation)

    @staticmethod
    def resolve_has_email(obj):
        return bool(obj.author_email)


class QuestionOut(QuestionListOut):
    author_name: str
    author_email: str
    consent_at: datetime
    publish_name: bool
    answer: str
    emailed_at: datetime | None
    public_text: str
    published_at: datetime | None
    version: int


class QuestionFilterIn(Schema):
    state: Literal["new", "answered", "published", "closed"] | None = None
    page_id: int | None = None


class QuestionAnswerIn(Schema):
    answer: str = Field(min_length=1, max_length=20000)


class PublishIn(Schema):
    public_text: str | None = Field(
        None, max_length=4000, description="Текст вопроса для страницы; пусто — исходный"
    )


@router.get("/questions", response=list[QuestionListOut], summary="Вопросы посетителей")
@paginate(Page)
def question_list(request, filters: Query[QuestionFilterIn]):
    return selectors.questions_visible_to(
        request.scope,
        selectors.QuestionFilter(state=filters.state or "", page_id=filters.page_id),
    )


@router.get("/questions/{int:pk}", response=QuestionOut, summary="Вопрос посетителя")
def question_detail(request, pk: int):
    question = selectors.question_for(request.scope, pk)
    services.question_viewed(by=request.membership, question=question)
    return question


@router.post("/questions/{int:pk}/answer", response=QuestionOut, summary="Ответить на вопрос")
def question_answer(request, pk: int, payload: QuestionAnswerIn):
    question = selectors.question_for(request.scope, pk)
    return services.question_answer(by=request.membership, question=question, answer=payload.answer)


@router.post(
    "/questions/{int:pk}/publish", response=QuestionOut, summary="Опубликовать вопрос с ответом"
)
def question_publish(request, pk: int, payload: PublishIn):
    question = selectors.question_for(request.scope, pk)
    return services.question_publish(
        by=request.membership, question=question, public_text=payload.public_text
    )


@router.post("/questions/{int:pk}/unpublish", response=QuestionOut, summary="Снять с публикации")
def question_unpublish(request, pk: int):
    question = selectors.question_for(request.scope, pk)
    return services.question_publish(by=request.membership, question=question, publish=False)


@router.post("/questions/{int:pk}/close", response=QuestionOut, summary="Закрыть без ответа")
def question_close(request, pk: int):
    question = selectors.question_for(request.scope, pk)
    return services.question_close(by=request.membership, question=question)
