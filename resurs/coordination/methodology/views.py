"""Pages of the methodology registries (REG-2, REG-3) and of the expert council.

Querysets come from `selectors` (scoped), writes from `services`; who sees which button is
decided by `permissions`, the same rules the services enforce.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.methodology import exporters, permissions, selectors
from resurs.coordination.methodology.forms import (
    AnalysisForm,
    CouncilForm,
    ImplementationForm,
    PracticeFilterForm,
    PracticeForm,
    ProductFilterForm,
    ProductForm,
    ReplicationForm,
    ResubmitForm,
    StartReviewForm,
    VerdictForm,
)
from resurs.coordination.methodology.importers import PracticeImporter, ProductImporter
from resurs.coordination.methodology.models import ExpertCouncil, Implementation, ProductState
from resurs.coordination.methodology.services import practices, products, replications, reviews
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50
PRODUCTS_TITLE = "Методические продукты"
PRACTICES_TITLE = "Лучшие практики"
COUNCIL_TITLE = "Экспертный совет"
PRODUCT_TABS = (
    ("details", "Сведения"),
    ("reviews", "Экспертиза"),
    ("implementation", "Внедрение"),
    ("files", "Файлы"),
    ("history", "История изменений"),
)
PRACTICE_TABS = (
    ("details", "Сведения"),
    ("analysis", "Анализ ресурсного центра"),
    ("replication", "Тиражирование"),
    ("files", "Файлы"),
    ("history", "История изменений"),
)


def _products_crumb():
    return (PRODUCTS_TITLE, reverse("methodology:product_list"))


def _practices_crumb():
    return (PRACTICES_TITLE, reverse("methodology:practice_list"))


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _transition(request, write, *, success: str, target: str):
    """A one-click transition (a POST button on a card): a broken rule becomes a message."""
    try:
        write()
    except (DomainError, ValidationError) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, success)
    return redirect(target)


def _tab(request, tabs) -> str:
    tab = request.GET.get("tab", "details")
    return tab if tab in dict(tabs) else "details"


def _is_fragment(request, target: str) -> bool:
    return bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == target


def _fields(data: dict) -> dict:
    fields = dict(data)
    fields.pop("version", None)
    return fields


def _import_url(importer) -> str:
    return f"{reverse('exchange:import_list')}?importer={importer.name}"


# --- REG-2 methodological products ----------------------------------------------------------


@login_required
def product_list(request):
    form = ProductFilterForm(request.GET or None, scope=request.scope)
    queryset = selectors.products_visible_to(request, form.registry_filter())
    context = {
        "title": PRODUCTS_TITLE,
        "breadcrumbs": [(PRODUCTS_TITLE, None)],
        "filter_form": form if form.is_bound else ProductFilterForm(scope=request.scope),
        "page_obj": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_create": permissions.can_create_product(request.scope),
        "can_import": ProductImporter.allows(request.scope),
        "import_url": _import_url(ProductImporter),
    }
    if _is_fragment(request, "results"):
        return render(request, "methodology/product_list.html#results", context)
    return render(request, "methodology/product_list.html", context)


@login_required
def product_export(request):
    """REG-2: the registry as the user sees it (same filters) in XLSX."""
    form = ProductFilterForm(request.GET or None, scope=request.scope)
    return exporters.products_xlsx(
        selectors.products_visible_to(request, form.registry_filter()), request.scope
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request):
    if not permissions.can_create_product(request.scope):
        raise PermissionDenied
    form = ProductForm(request.POST or None, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: products.product_create(by=request.membership, **_fields(data)),
        success="Продукт внесён в реестр как черновик.",
        target=lambda product: product.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новый методический продукт",
        breadcrumbs=[_products_crumb(), ("Новый продукт", None)],
        cancel_url=reverse("methodology:product_list"),
    )


def _product_crumbs(product, title=None):
    if title is None:
        return [_products_crumb(), (product.title, None)]
    return [_products_crumb(), (product.title, product.get_absolute_url()), (title, None)]


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    product = selectors.product_for(request, pk)
    if not permissions.can_edit_product(request.scope, product):
        raise PermissionDenied
    form = ProductForm(request.POST or None, instance=product, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: products.product_update(
            by=request.membership,
            product=product,
            expected_version=data.get("version"),
            **_fields(data),
        ),
        success="Изменения сохранены.",
        target=product.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {product.title}",
        breadcrumbs=_product_crumbs(product, "Изменение"),
        cancel_url=product.get_absolute_url(),
    )


@login_required
def product_detail(request, pk):
    product = selectors.product_for(request, pk)
    scope = request.scope
    tab = _tab(request, PRODUCT_TABS)
    context = {
        "product": product,
        "title": product.title,
        "breadcrumbs": _product_crumbs(product),
        "tabs": PRODUCT_TABS,
        "tab": tab,
        "can_edit": permissions.can_edit_product(scope, product),
        "can_submit": permissions.can_submit_product(scope, product),
        "can_resubmit": permissions.can_resubmit_product(scope, product),
        "can_start_review": permissions.can_start_review(scope, product),
        "can_manage": permissions.can_manage_product(scope, product),
        "can_add_implementation": permissions.can_add_implementation(scope, product),
        "pending_review": selectors.pending_review_of(product, request.user),
    }
    if tab == "reviews":
        context["rounds"] = selectors.rounds_of(product)
    elif tab == "implementation":
        context["implementations"] = selectors.implementations_of(product)
    elif tab == "files":
        context["files_editable"] = product.attachments_editable_by(scope)
    elif tab == "history":
        context["history"] = history_of(product)
    elif product.state in (ProductState.RETURNED, ProductState.REJECTED):
        rounds = selectors.rounds_of(product)
        context["last_round"] = rounds[0] if rounds else None
    if _is_fragment(request, "card-tab"):
        return render(request, "methodology/product_detail.html#tab", context)
    return render(request, "methodology/product_detail.html", context)


@login_required
@require_POST
def product_submit(request, pk):
    product = selectors.product_for(request, pk)
    if not permissions.can_manage_product(request.scope, product):
        raise PermissionDenied
    return _transition(
        request,
        lambda: products.product_submit(by=request.membership, product=product),
        success="Продукт направлен в экспертный совет.",
        target=product.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_resubmit(request, pk):
    product = selectors.product_for(request, pk)
    if not permissions.can_resubmit_product(request.scope, product):
        raise PermissionDenied
    form = ResubmitForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: products.product_resubmit(
            by=request.membership, product=product, note=data["note"]
        ),
        success="Доработанный продукт направлен в экспертный совет.",
        target=product.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Повторное направление: {product.title}",
        breadcrumbs=_product_crumbs(product, "Повторное направление"),
        cancel_url=product.get_absolute_url(),
        submit="Направить в экспертный совет",
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_start_review(request, pk):
    product = selectors.product_for(request, pk)
    if not permissions.can_start_review(request.scope, product):
        raise PermissionDenied
    form = StartReviewForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: reviews.product_start_review(
            by=request.membership,
            product=product,
            council=data["council"],
            reviewers=list(data["reviewers"]),
        ),
        success="Эксперты назначены, продукт на экспертизе.",
        target=product.get_absolute_url() + "?tab=reviews",
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Экспертиза: {product.title}",
        breadcrumbs=_product_crumbs(product, "Назначение экспертов"),
        cancel_url=product.get_absolute_url(),
        submit="Начать экспертизу",
    )


@login_required
@require_http_methods(["GET", "POST"])
def product_verdict(request, pk):
    product = selectors.product_for(request, pk)
    review = selectors.pending_review_of(product, request.user)
    if review is None:
        raise PermissionDenied(
            "Заключение даёт эксперт, назначенный на рассмотрение этого продукта."
        )
    form = VerdictForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: reviews.product_record_verdict(by=request.membership, product=product, **data),
        success="Заключение записано.",
        target=product.get_absolute_url() + "?tab=reviews",
    )
    if done:
        return done
    return render(
        request,
        "methodology/verdict.html",
        {
            "title": f"Заключение эксперта: {product.title}",
            "breadcrumbs": _product_crumbs(product, "Заключение эксперта"),
            "product": product,
            "review": review,
            "rounds": selectors.rounds_of(product),
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def product_publish(request, pk):
    product = selectors.product_for(request, pk)
    if not permissions.can_manage_product(request.scope, product):
        raise PermissionDenied
    public = request.POST.get("is_public") == "1"
    return _transition(
        request,
        lambda: products.product_set_public(
            by=request.membership, product=product, is_public=public
        ),
        success="Продукт будет показан в открытом разделе."
        if public
        else "Продукт убран из открытого раздела.",
        target=product.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def implementation_add(request, pk):
    product = selectors.product_for(request, pk)
    if not permissions.can_add_implementation(request.scope, product):
        raise PermissionDenied
    form = ImplementationForm(request.POST or None, scope=request.scope)
    target = product.get_absolute_url() + "?tab=implementation"
    done = _submit(
        request,
        form,
        lambda data: products.implementation_add(by=request.membership, product=product, **data),
        success="Внедрение отмечено.",
        target=target,
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Внедрение: {product.title}",
        breadcrumbs=_product_crumbs(product, "Внедрение"),
        cancel_url=target,
    )


@login_required
@require_POST
def implementation_remove(request, pk):
    implementation = get_object_or_404(
        Implementation.objects.visible_to(request).select_related("product"), pk=pk
    )
    product = implementation.product
    if not permissions.can_manage_product(request.scope, product):
        raise PermissionDenied
    return _transition(
        request,
        lambda: products.implementation_remove(
            by=request.membership, implementation=implementation
        ),
        success="Отметка о внедрении удалена.",
        target=product.get_absolute_url() + "?tab=implementation",
    )


# --- the expert council ---------------------------------------------------------------------


@login_required
def council_list(request):
    if not permissions.can_view_council(request.scope):
        raise PermissionDenied
    return render(
        request,
        "methodology/council_list.html",
        {
            "title": COUNCIL_TITLE,
            "breadcrumbs": [(COUNCIL_TITLE, None)],
            "councils": selectors.councils(),
            "can_edit": permissions.can_manage_council(request.scope),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, pk=None):
    if not permissions.can_manage_council(request.scope):
        raise PermissionDenied
    council = selectors.council_for(pk) if pk else ExpertCouncil()
    form = CouncilForm(request.POST or None, instance=council)

    def write(data):
        fields = _fields(data)
        members = list(fields.pop("members"))
        return reviews.council_save(
            by=request.membership,
            council=council,
            members=members,
            expected_version=data.get("version"),
            **fields,
        )

    list_url = reverse("methodology:council_list")
    done = _submit(request, form, write, success="Экспертный совет сохранён.", target=list_url)
    title = f"Изменение: {council}" if pk else "Новый экспертный совет"
    return done or _form_page(
        request,
        form=form,
        title=title,
        breadcrumbs=[(COUNCIL_TITLE, list_url), (title, None)],
        cancel_url=list_url,
    )


# --- REG-3 best practices -------------------------------------------------------------------


@login_required
def practice_list(request):
    form = PracticeFilterForm(request.GET or None, scope=request.scope)
    queryset = selectors.practices_visible_to(request, form.registry_filter())
    context = {
        "title": PRACTICES_TITLE,
        "breadcrumbs": [(PRACTICES_TITLE, None)],
        "filter_form": form if form.is_bound else PracticeFilterForm(scope=request.scope),
        "page_obj": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_create": permissions.can_create_practice(request.scope),
        "can_import": PracticeImporter.allows(request.scope),
        "import_url": _import_url(PracticeImporter),
    }
    if _is_fragment(request, "results"):
        return render(request, "methodology/practice_list.html#results", context)
    return render(request, "methodology/practice_list.html", context)


@login_required
def practice_export(request):
    """REG-3: the registry of best practices as the user sees it, in XLSX."""
    form = PracticeFilterForm(request.GET or None, scope=request.scope)
    return exporters.practices_xlsx(
        selectors.practices_visible_to(request, form.registry_filter()), request.scope
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_create(request):
    if not permissions.can_create_practice(request.scope):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: practices.practice_create(by=request.membership, **_fields(data)),
        success="Практика сохранена как черновик. Направьте её в ресурсный центр.",
        target=lambda practice: practice.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новая практика",
        breadcrumbs=[_practices_crumb(), ("Новая практика", None)],
        cancel_url=reverse("methodology:practice_list"),
    )


def _practice_crumbs(practice, title=None):
    if title is None:
        return [_practices_crumb(), (practice.title, None)]
    return [_practices_crumb(), (practice.title, practice.get_absolute_url()), (title, None)]


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = selectors.practice_for(request, pk)
    if not permissions.can_edit_practice(request.scope, practice):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, instance=practice, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: practices.practice_update(
            by=request.membership,
            practice=practice,
            expected_version=data.get("version"),
            **_fields(data),
        ),
        success="Изменения сохранены.",
        target=practice.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {practice.title}",
        breadcrumbs=_practice_crumbs(practice, "Изменение"),
        cancel_url=practice.get_absolute_url(),
    )


@login_required
def practice_detail(request, pk):
    practice = selectors.practice_for(request, pk)
    scope = request.scope
    tab = _tab(request, PRACTICE_TABS)
    context = {
        "practice": practice,
        "title": practice.title,
        "breadcrumbs": _practice_crumbs(practice),
        "tabs": PRACTICE_TABS,
        "tab": tab,
        "can_edit": permissions.can_edit_practice(scope, practice),
        "can_propose": permissions.can_propose_practice(scope, practice),
        "can_analyse": permissions.can_analyse_practice(scope, practice),
        "can_submit": permissions.can_submit_practice(scope, practice),
        "can_replicate": permissions.can_record_replication(scope, practice),
        "can_publish": permissions.can_set_practice_public(scope, practice),
    }
    if tab == "replication":
        context["replications"] = selectors.replications_of(practice)
    elif tab == "files":
        context["files_editable"] = practice.attachments_editable_by(scope)
    elif tab == "history":
        context["history"] = history_of(practice)
    if _is_fragment(request, "card-tab"):
        return render(request, "methodology/practice_detail.html#tab", context)
    return render(request, "methodology/practice_detail.html", context)


@login_required
@require_POST
def practice_propose(request, pk):
    practice = selectors.practice_for(request, pk)
    if not permissions.can_manage_practice(request.scope, practice):
        raise PermissionDenied
    return _transition(
        request,
        lambda: practices.practice_propose(by=request.membership, practice=practice),
        success="Практика направлена в ресурсный центр направления.",
        target=practice.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_analyse(request, pk):
    practice = selectors.practice_for(request, pk)
    if not permissions.can_analyse_practice(request.scope, practice):
        raise PermissionDenied
    form = AnalysisForm(request.POST or None)
    done = _submit(
        request,
        form,
        lambda data: practices.practice_analyse(by=request.membership, practice=practice, **data),
        success="Анализ практики сохранён.",
        target=practice.get_absolute_url() + "?tab=analysis",
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Анализ практики: {practice.title}",
        breadcrumbs=_practice_crumbs(practice, "Анализ"),
        cancel_url=practice.get_absolute_url(),
        submit="Сохранить анализ",
    )


@login_required
@require_POST
def practice_submit(request, pk):
    practice = selectors.practice_for(request, pk)
    if not permissions.analyses_direction(request.scope, practice):
        raise PermissionDenied
    return _transition(
        request,
        lambda: practices.practice_submit(by=request.membership, practice=practice),
        success="Практика направлена в методический центр для тиражирования.",
        target=practice.get_absolute_url(),
    )


@login_required
@require_POST
def practice_publish(request, pk):
    practice = selectors.practice_for(request, pk)
    if not permissions.can_set_practice_public(request.scope, practice):
        raise PermissionDenied
    public = request.POST.get("is_public") == "1"
    return _transition(
        request,
        lambda: practices.practice_set_public(
            by=request.membership, practice=practice, is_public=public
        ),
        success="Практика будет показана в открытом разделе."
        if public
        else "Практика убрана из открытого раздела.",
        target=practice.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def replication_add(request, pk):
    practice = selectors.practice_for(request, pk)
    if not permissions.can_record_replication(request.scope, practice):
        raise PermissionDenied
    form = ReplicationForm(request.POST or None, scope=request.scope)
    target = practice.get_absolute_url() + "?tab=replication"
    done = _submit(
        request,
        form,
        lambda data: replications.replication_add(by=request.membership, practice=practice, **data),
        success="Тиражирование отмечено.",
        target=target,
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Тиражирование: {practice.title}",
        breadcrumbs=_practice_crumbs(practice, "Тиражирование"),
        cancel_url=target,
    )
