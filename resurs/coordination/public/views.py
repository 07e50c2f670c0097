"""EVT-5: the public section — visitors' pages (no login, no JavaScript) and the staff side.

Visitor pages render ``public/visitor_base.html``: no staff menu and no scripts, so that every
page and the question form work in a browser with JavaScript off. Staff pages extend the
ordinary ``base.html``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.public import antispam, permissions, selectors, services
from resurs.coordination.public.forms import (
    AnswerForm,
    MaterialForm,
    PageForm,
    PublishForm,
    QuestionFilterForm,
    QuestionForm,
)
from resurs.coordination.public.models import REGION_KEEPER_ROLES, PublicPage
from resurs.coordination.public.slugs import transliterate
from resurs.coordination.public.uploads import image_content_type
from resurs.kernel.audit.models import AuditAction
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
MANAGE_CRUMB = ("Открытый раздел", "/centres/manage/")
INBOX_CRUMB = ("Вопросы посетителей", "/centres/inbox/")
PAGE_TABS = (("page", "Страница"), ("materials", "Материалы"), ("history", "История изменений"))


# --- the visitor's side ---------------------------------------------------------------------


def _page_for_visitor(request, slug) -> tuple[PublicPage, bool]:
    """(page, preview): a published page for anyone; an unpublished one only as a preview
    for those who keep it, and a 404 for everybody else."""
    try:
        return selectors.published_page(slug), False
    except Http404:
        if getattr(request, "scope", None) is None:
            raise
        return get_object_or_404(selectors.pages_visible_to(request), slug=slug), True


def index(request):
    pages = list(selectors.published_pages())
    return render(
        request,
        "public/index.html",
        {
            "title": "Открытые разделы ресурсных центров",
            # A centre whose status ended keeps its page, but is not listed as a centre.
            "pages": [p for p in pages if p.organisation.active_statuses],
            "former_pages": [p for p in pages if not p.organisation.active_statuses],
        },
    )


def page(request, slug):
    centre_page, preview = _page_for_visitor(request, slug)
    organisation = centre_page.organisation
    materials = selectors.public_materials(centre_page)
    context = {
        "title": str(organisation),
        "page": centre_page,
        "preview": preview,
        "organisation": organisation,
        "direction": selectors.centre_direction(organisation),
        "heads": selectors.centre_heads(organisation),
        "documents": selectors.centre_documents(organisation),
        "parents_materials": materials["parents"],
        "specialists_materials": materials["specialists"],
        "questions": selectors.published_questions(centre_page),
        **selectors.page_sections(organisation),
    }
    return render(request, "public/page.html", context)


@require_http_methods(["GET", "POST"])
def ask(request, slug):
    centre_page, preview = _page_for_visitor(request, slug)
    form = QuestionForm(request.POST or None, centre=centre_page.organisation.name)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_submit(
                page=centre_page,
                text=data["text"],
                address=antispam.client_address(request),
                consent=data["consent"],
                consent_text=str(form.fields["consent"].help_text),
                author_name=data["author_name"],
                author_email=data["author_email"],
                may_publish=data["may_publish"],
                publish_name=data["publish_name"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            # POST/redirect/GET: a reload of the thank-you page sends nothing again.
            return redirect("public:thanks", slug=centre_page.slug)
    return render(
        request,
        "public/ask.html",
        {
            "title": f"Вопрос специалистам: {centre_page.organisation}",
            "page": centre_page,
            "preview": preview,
            "form": form,
            "honeypot": form[antispam.HONEYPOT_FIELD],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def thanks(request, slug):
    centre_page, preview = _page_for_visitor(request, slug)
    return render(
        request,
        "public/thanks.html",
        {"title": "Спасибо за вопрос", "page": centre_page, "preview": preview},
    )


def logo(request, slug):
    centre_page, _preview = _page_for_visitor(request, slug)
    if not centre_page.logo:
        raise Http404
    return FileResponse(
        centre_page.logo.open("rb"), content_type=image_content_type(centre_page.logo.name)
    )


def document_file(request, slug, document_pk):
    centre_page, _preview = _page_for_visitor(request, slug)
    version = selectors.public_document_version(centre_page, document_pk)
    return FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name or version.file.name.rsplit("/", 1)[-1],
    )


def material_file(request, slug, attachment_pk):
    centre_page, _preview = _page_for_visitor(request, slug)
    attachment = selectors.public_material_file(centre_page, attachment_pk)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


# --- the staff side: the page and its materials -----------------------------------------------


def _require_section(request):
    if not permissions.uses_public_section(request.scope):
        raise PermissionDenied


@login_required
def manage(request):
    """The centres whose public section the user keeps; an RC goes straight to its own."""
    _require_section(request)
    centres = list(selectors.centres_for_pages(request))
    keeps_one = request.scope.role not in REGION_KEEPER_ROLES and len(centres) == 1
    if keeps_one:
        centre = centres[0]
        page = getattr(centre, "public_page", None)
        if page is not None:
            return redirect(page.get_manage_url())
        return redirect("public:page_create", organisation_pk=centre.pk)
    return render(
        request,
        "public/manage.html",
        {
            "title": "Открытые разделы ресурсных центров",
            "breadcrumbs": [(MANAGE_CRUMB[0], None)],
            "centres": centres,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def page_create(request, organisation_pk):
    _require_section(request)
    organisation = get_object_or_404(
        selectors.centres_for_pages(request).filter(public_page__isnull=True), pk=organisation_pk
    )
    if not permissions.can_edit_page(request.scope, organisation):
        raise PermissionDenied
    initial = {"slug": transliterate(organisation.short_name or organisation.name)}
    form = PageForm(
        request.POST or None,
        request.FILES or None,
        instance=PublicPage(organisation=organisation),
        initial=initial,
    )

    def write(data):
        fields = dict(data)
        fields.pop("version", None)
        return services.page_create(by=request.membership, organisation=organisation, **fields)

    done = _submit(
        request,
        form,
        write,
        success="Открытый раздел создан.",
        target=lambda created: created.get_manage_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Открытый раздел: {organisation}",
        breadcrumbs=[MANAGE_CRUMB, (str(organisation), None)],
        cancel_url=reverse("public:manage"),
        multipart=True,
        submit="Создать раздел",
    )


@login_required
def manage_page(request, pk):
    centre_page = selectors.page_for(request, pk)
    tab = request.GET.get("tab", "page")
    if tab not in dict(PAGE_TABS):
        tab = "page"
    can_edit = permissions.can_edit_page(request.scope, centre_page.organisation)
    context = {
        "title": str(centre_page),
        "breadcrumbs": [MANAGE_CRUMB, (str(centre_page.organisation), None)],
        "page": centre_page,
        "tabs": PAGE_TABS,
        "tab": tab,
        "can_edit": can_edit,
    }
    if tab == "materials":
        context["materials"] = selectors.materials_of(request, centre_page)
    elif tab == "history":
        context["history"] = history_of(centre_page)
    else:
        context["kpi_published"], context["kpi_updated_at"] = selectors.public_page_status(
            centre_page.organisation
        )
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "card-tab":
        return render(request, "public/manage_page.html#tab", context)
    return render(request, "public/manage_page.html", context)


def _editable_page(request, pk) -> PublicPage:
    centre_page = selectors.page_for(request, pk)
    if not permissions.can_edit_page(request.scope, centre_page.organisation):
        raise PermissionDenied
    return centre_page


@login_required
@require_http_methods(["GET", "POST"])
def page_edit(request, pk):
    centre_page = _editable_page(request, pk)
    form = PageForm(request.POST or None, request.FILES or None, instance=centre_page)

    def write(data):
        fields = dict(data)
        version = fields.pop("version", None)
        return services.page_update(
            by=request.membership, page=centre_page, expected_version=version, **fields
        )

    done = _submit(
        request,
        form,
        write,
        success="Страница сохранена.",
        target=lambda saved: saved.get_manage_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {centre_page}",
        breadcrumbs=[
            MANAGE_CRUMB,
            (str(centre_page.organisation), centre_page.get_manage_url()),
            ("Изменение", None),
        ],
        cancel_url=centre_page.get_manage_url(),
        multipart=True,
    )


def _materials_url(centre_page) -> str:
    return f"{centre_page.get_manage_url()}?tab=materials"


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request, pk):
    centre_page = _editable_page(request, pk)
    form = MaterialForm(request.POST or None)

    def write(data):
        fields = dict(data)
        fields.pop("version", None)
        return services.material_create(by=request.membership, page=centre_page, **fields)

    done = _submit(
        request,
        form,
        write,
        success="Материал добавлен. Прикрепите к нему файлы, если нужно.",
        target=lambda material: material.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый материал",
        breadcrumbs=[
            MANAGE_CRUMB,
            (str(centre_page.organisation), _materials_url(centre_page)),
            ("Новый материал", None),
        ],
        cancel_url=_materials_url(centre_page),
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_edit(request, pk):
    material = selectors.material_for(request, pk)
    centre_page = material.page
    if not permissions.can_edit_page(request.scope, centre_page.organisation):
        raise PermissionDenied
    form = MaterialForm(request.POST or None, instance=material)

    def write(data):
        fields = dict(data)
        version = fields.pop("version", None)
        return services.material_update(
            by=request.membership, material=material, expected_version=version, **fields
        )

    done = _submit(
        request,
        form,
        write,
        success="Материал сохранён.",
        target=_materials_url(centre_page),
    )
    if done:
        return done
    return render(
        request,
        "public/material_form.html",
        {
            "title": f"Материал: {material.title}",
            "breadcrumbs": [
                MANAGE_CRUMB,
                (str(centre_page.organisation), _materials_url(centre_page)),
                (material.title, None),
            ],
            "form": form,
            "material": material,
            "cancel_url": _materials_url(centre_page),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def material_delete(request, pk):
    material = selectors.material_for(request, pk)
    centre_page = material.page
    if not permissions.can_edit_page(request.scope, centre_page.organisation):
        raise PermissionDenied
    services.material_delete(by=request.membership, material=material)
    messages.success(request, "Материал удалён.")
    return redirect(_materials_url(centre_page))


# --- the staff side: the inbox of questions ---------------------------------------------------


def _question_filters(form: QuestionFilterForm) -> selectors.QuestionFilter:
    if not form.is_valid():
        return selectors.QuestionFilter()
    centre = form.cleaned_data.get("centre")
    return selectors.QuestionFilter(
        state=form.cleaned_data.get("state") or "", page_id=centre.pk if centre else None
    )


@login_required
def inbox(request):
    _require_section(request)
    pages = None
    if request.scope.role in REGION_KEEPER_ROLES:
        pages = selectors.pages_visible_to(request).order_by("organisation__name")
    form = QuestionFilterForm(request.GET or None, pages=pages)
    questions = selectors.questions_visible_to(request, _question_filters(form))
    page_obj = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "title": "Вопросы посетителей",
        "breadcrumbs": [(INBOX_CRUMB[0], None)],
        "filter_form": form if form.is_bound else QuestionFilterForm(pages=pages),
        "page_obj": page_obj,
        "counts": selectors.question_counts(request),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results":
        return render(request, "public/inbox.html#results", context)
    return render(request, "public/inbox.html", context)


def _question_context(request, question, **forms):
    can_answer = permissions.can_answer_questions(request.scope, question.page.organisation)
    return {
        "title": f"{question} — {question.page.organisation}",
        "breadcrumbs": [INBOX_CRUMB, (str(question), None)],
        "question": question,
        "can_answer": can_answer,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "publish_form": forms.get("publish_form")
        or PublishForm(initial={"public_text": question.public_text or question.text}),
        # Views of the visitor's data are in the audit log; the card shows the changes.
        "history": history_of(question).exclude(action=AuditAction.VIEW),
    }


@login_required
def question_detail(request, pk):
    question = selectors.question_for(request, pk)
    services.question_viewed(by=request.membership, question=question)
    return render(request, "public/question.html", _question_context(request, question))


def _question_write(request, pk, form_class, form_key, write, success):
    """Runs an inbox action; a broken rule is shown on the card above everything else, and
    whatever the specialist typed stays in its form."""
    question = selectors.question_for(request, pk)
    if not permissions.can_answer_questions(request.scope, question.page.organisation):
        raise PermissionDenied
    form = form_class(request.POST) if form_class else None
    action_error = ""
    if form is None or form.is_valid():
        try:
            saved = write(question, form.cleaned_data if form else {})
        except DomainError as exc:
            action_error = str(exc)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(question.get_absolute_url())
    context = _question_context(request, question, **({form_key: form} if form else {}))
    context["action_error"] = action_error
    return render(request, "public/question.html", context, status=400)


@login_required
@require_POST
def question_answer(request, pk):
    return _question_write(
        request,
        pk,
        AnswerForm,
        "answer_form",
        lambda question, data: services.question_answer(
            by=request.membership, question=question, answer=data["answer"]
        ),
        lambda question: (
            "Ответ сохранён и отправлен посетителю на электронную почту."
            if question.author_email
            else "Ответ сохранён. Посетитель не оставил почту: опубликуйте ответ, если он разрешил."
        ),
    )


@login_required
@require_POST
def question_publish(request, pk):
    return _question_write(
        request,
        pk,
        PublishForm,
        "publish_form",
        lambda question, data: services.question_publish(
            by=request.membership, question=question, public_text=data["public_text"]
        ),
        "Вопрос с ответом опубликован на странице центра.",
    )


@login_required
@require_POST
def question_unpublish(request, pk):
    return _question_write(
        request,
        pk,
        None,
        "",
        lambda question, data: services.question_publish(
            by=request.membership, question=question, publish=False
        ),
        "Вопрос снят с публикации.",
    )


@login_required
@require_POST
def question_close(request, pk):
    return _question_write(
        request,
        pk,
        None,
        "",
        lambda question, data: services.question_close(by=request.membership, question=question),
        "Вопрос закрыт без ответа.",
    )
