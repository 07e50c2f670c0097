"""Writes of the public section (EVT-5). Views, the API, the demo and tasks all call these."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from resurs.coordination.public import antispam, permissions, tasks
from resurs.coordination.public.models import (
    QUESTION_MAX_LENGTH,
    PublicMaterial,
    PublicPage,
    Question,
    QuestionStatus,
)
from resurs.kernel.attachments.models import Attachment
from resurs.kernel.attachments.services import attachment_remove
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import record, snapshot
from resurs.kernel.organisations.models import Organisation, ResourceCentreStatus
from resurs.kernel.writes import (
    acting,
    assign,
    audit,
    enqueue_on_commit,
    locked,
    require,
    save_with_version,
)
from resurs.kernel.writes.errors import DomainError

PAGE_FIELDS = ("slug", "about", "contacts", "logo", "is_published")
MATERIAL_FIELDS = ("audience", "title", "text", "link", "is_public")
VISITOR = "посетитель"


def _touch(page: PublicPage) -> None:
    """The page's «обновлена» moves with any change of what it shows (KPI 6.1: current)."""
    PublicPage.objects.filter(pk=page.pk).update(updated_at=timezone.now())


def _check_publishable(page: PublicPage) -> None:
    if page.is_published and not page.about.strip():
        raise DomainError(
            "Перед публикацией заполните раздел «О ресурсном центре»: "
            "пустая страница посетителю ничего не скажет."
        )


def _check_resource_centre(organisation: Organisation) -> None:
    if not ResourceCentreStatus.objects.filter(organisation=organisation).exists():
        raise DomainError(
            "Открытый раздел ведёт учреждение со статусом ресурсного центра, "
            f"а у «{organisation}» такого статуса нет."
        )


@transaction.atomic
def page_create(
    *,
    by,
    organisation: Organisation,
    slug: str,
    about: str = "",
    contacts: str = "",
    logo=None,
    is_published: bool = False,
) -> PublicPage:
    """EVT-5: open the public section of a resource centre (one page per institution)."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_page(scope, organisation))
    _check_resource_centre(organisation)
    if PublicPage.objects.filter(organisation=organisation).exists():
        raise DomainError(f"У «{organisation}» открытый раздел уже есть.")
    page = PublicPage(
        organisation=organisation,
        slug=slug.strip(),
        about=about,
        contacts=contacts,
        is_published=is_published,
    )
    if logo:
        page.logo = logo
    page.full_clean()
    _check_publishable(page)
    page.save()
    audit(by, page, AuditAction.CREATE, parent=organisation)
    return page


@transaction.atomic
def page_update(*, by, page: PublicPage, expected_version: int | None, **fields) -> PublicPage:
    """EVT-5: change the page — about, contacts, address, logo, publication."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_page(scope, page.organisation))
    before = snapshot(locked(page))
    for name, value in fields.items():
        if name not in PAGE_FIELDS:
            raise DomainError(f"Поле «{name}» нельзя изменить.")
        if name == "logo" and value is None:
            continue  # no new file chosen: the logo stays
        if name == "logo" and value is False:
            value = ""  # «очистить»: the page goes without a logo
        setattr(page, name, value.strip() if name == "slug" else value)
    page.full_clean()
    _check_publishable(page)
    save_with_version(
        page,
        expected_version=expected_version,
        fields=[*PAGE_FIELDS, "updated_at"],
        label="страницу",
    )
    audit(by, page, AuditAction.UPDATE, before=before, parent=page.organisation)
    return page


@transaction.atomic
def material_create(
    *,
    by,
    page: PublicPage,
    audience: str,
    title: str,
    text: str = "",
    link: str = "",
    is_public: bool = True,
) -> PublicMaterial:
    """EVT-5: a material for parents or for specialists on the centre's page."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_page(scope, page.organisation))
    material = PublicMaterial(
        page=page, audience=audience, title=title.strip(), text=text, link=link, is_public=is_public
    )
    material.full_clean()
    material.save()
    _touch(page)
    audit(by, material, AuditAction.CREATE, parent=page)
    return material


@transaction.atomic
def material_update(
    *, by, material: PublicMaterial, expected_version: int | None, **fields
) -> PublicMaterial:
    """EVT-5: correct a material or hide it from the page."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_page(scope, material.page.organisation))
    before = snapshot(locked(material))
    assign(material, fields, MATERIAL_FIELDS)
    material.title = material.title.strip()
    material.full_clean()
    save_with_version(
        material,
        expected_version=expected_version,
        fields=[*MATERIAL_FIELDS, "updated_at"],
        label="материал",
    )
    _touch(material.page)
    audit(by, material, AuditAction.UPDATE, before=before, parent=material.page)
    return material


@transaction.atomic
def material_delete(*, by, material: PublicMaterial) -> None:
    """EVT-5: remove a material with its files."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(permissions.can_edit_page(scope, material.page.organisation))
    page = material.page
    for attachment in Attachment.objects.of(material):
        attachment_remove(by=by, attachment=attachment)
    audit(by, material, AuditAction.DELETE, before=snapshot(material), parent=page)
    material.delete()
    _touch(page)


@transaction.atomic
def question_submit(
    *,
    page: PublicPage,
    text: str,
    address: str,
    consent: bool,
    consent_text: str = "",
    author_name: str = "",
    author_email: str = "",
    may_publish: bool = False,
    publish_name: bool = False,
) -> Question:
    """EVT-5: a visitor asks a centre a question, optionally anonymously.

    The consent to the processing of personal data (152-FZ art. 9) is required; one address
    may send at most ``antispam.QUESTIONS_PER_WINDOW`` questions an hour.
    """
    if not page.is_published:
        raise DomainError("Эта страница не опубликована: вопрос задать нельзя.")
    if not consent:
        raise DomainError("Без согласия на обработку персональных данных вопрос не принимается.")
    text = text.strip()
    if not text:
        raise DomainError("Напишите вопрос.")
    if len(text) > QUESTION_MAX_LENGTH:
        raise DomainError(
            f"Вопрос слишком длинный: не более {QUESTION_MAX_LENGTH} знаков, у вас {len(text)}."
        )
    hashed = antispam.address_hash(address)
    since = timezone.now() - antispam.RATE_WINDOW
    if (
        Question.objects.filter(ip_hash=hashed, created_at__gte=since).count()
        >= antispam.QUESTIONS_PER_WINDOW
    ):
        raise DomainError(
            f"С вашего адреса уже отправлено {antispam.QUESTIONS_PER_WINDOW} вопросов за "
            "последний час. Пожалуйста, повторите позже или позвоните в центр."
        )
    question = Question(
        page=page,
        text=text,
        author_name=author_name.strip(),
        author_email=author_email.strip(),
        consent_at=timezone.now(),
        consent_text=consent_text,
        may_publish=may_publish,
        publish_name=publish_name and may_publish,
        ip_hash=hashed,
    )
    question.full_clean()
    question.save()
    record(
        by=None,
        role=VISITOR,
        instance=question,
        action=AuditAction.CREATE,
        after=snapshot(question),
        parent=page,
    )
    return question


def _question_for_change(by, question: Question) -> Question:
    """The question re-read under its row lock, once the user is allowed to handle it."""
    _user, scope, _role = acting(by)
    if by is not None:
        require(
            permissions.can_answer_questions(scope, question.page.organisation),
            "Отвечать на вопросы может ресурсный центр, которому задан вопрос, или Департамент.",
        )
    return locked(question)


@transaction.atomic
def question_answer(*, by, question: Question, answer: str) -> Question:
    """EVT-5: a specialist answers; the answer is e-mailed to the visitor if they left an
    address (in the background, see tasks.email_answer)."""
    question = _question_for_change(by, question)
    if question.status != QuestionStatus.NEW:
        raise DomainError(
            "На этот вопрос уже ответили или он закрыт "
            f"(состояние: {question.get_status_display()})."
        )
    answer = answer.strip()
    if not answer:
        raise DomainError("Напишите ответ.")
    before = snapshot(question)
    question.answer = answer
    question.status = QuestionStatus.ANSWERED
    question.answered_at = timezone.now()
    question.answered_by = acting(by)[0]
    question.version += 1
    question.full_clean()
    question.save()
    audit(by, question, AuditAction.UPDATE, before=before, parent=question.page)
    if question.author_email:
        # Queued once the answer commits: a worker never e-mails an answer that rolled back.
        enqueue_on_commit(tasks.email_answer, question.pk)
    return question


@transaction.atomic
def question_publish(
    *, by, question: Question, publish: bool = True, public_text: str | None = None
) -> Question:
    """EVT-5: show (or hide) an answered question with its answer on the centre's page.

    Only with the visitor's agreement; the wording shown may be edited to remove personal
    details, and the visitor's name is shown only if they agreed to it.
    """
    question = _question_for_change(by, question)
    before = snapshot(question)
    if publish:
        if question.status != QuestionStatus.ANSWERED:
            raise DomainError("Опубликовать можно только вопрос, на который дан ответ.")
        if not question.may_publish:
            raise DomainError(
                "Посетитель не разрешил публиковать свой вопрос: ответ отправлен только ему."
            )
        if public_text is not None:
            question.public_text = public_text.strip()
        question.is_published = True
        question.published_at = question.published_at or timezone.now()
    else:
        question.is_published = False
        question.published_at = None
    question.version += 1
    question.full_clean()
    question.save()
    _touch(question.page)
    audit(by, question, AuditAction.UPDATE, before=before, parent=question.page)
    return question


@transaction.atomic
def question_close(*, by, question: Question) -> Question:
    """EVT-5: close a question without an answer (spam, a duplicate, an empty text)."""
    question = _question_for_change(by, question)
    if question.status != QuestionStatus.NEW:
        raise DomainError("Закрыть можно только новый вопрос.")
    before = snapshot(question)
    question.status = QuestionStatus.CLOSED
    question.version += 1
    question.save()
    audit(by, question, AuditAction.UPDATE, before=before, parent=question.page)
    return question


def question_viewed(*, by, question: Question) -> None:
    """X-3 (152-FZ): a staff member opened a question carrying a visitor's name or e-mail."""
    if by is None or not (question.author_name or question.author_email):
        return
    record(
        by=by.user,
        role=by.get_role_display(),
        instance=question,
        action=AuditAction.VIEW,
        parent=question.page,
    )


ANSWER_SUBJECT = "Ответ на ваш вопрос — {centre}"
ANSWER_BODY = """{greeting}

Вы задали вопрос ресурсному центру «{centre}»:

{question}

Ответ специалиста:

{answer}

Письмо отправлено автоматически, отвечать на него не нужно.
"""


def question_email_answer(*, question_id: int) -> bool:
    """EVT-5: e-mail the answer to the visitor (run by tasks.email_answer). Sends once."""
    question = (
        Question.objects.select_related("page__organisation")
        .filter(pk=question_id, status=QuestionStatus.ANSWERED, emailed_at__isnull=True)
        .exclude(author_email="")
        .first()
    )
    if question is None:
        return False
    centre = str(question.page.organisation)
    send_mail(
        ANSWER_SUBJECT.format(centre=centre),
        ANSWER_BODY.format(
            greeting=f"Здравствуйте, {question.author_name}!"
            if question.author_name
            else "Здравствуйте!",
            centre=centre,
            question=question.text,
            answer=question.answer,
        ),
        settings.DEFAULT_FROM_EMAIL,
        [question.author_email],
    )
    Question.objects.filter(pk=question.pk).update(emailed_at=timezone.now())
    return True
