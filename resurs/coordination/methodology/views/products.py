"""Methodology pages — methodological products, their expert review and implementations (REG-2)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.methodology import exporters, permissions, selectors
from resurs.coordination.methodology.forms import (
    ImplementationForm,
    ProductFilterForm,
    ProductForm,
    ResubmitForm,
    StartReviewForm,
    VerdictForm,
)
from resurs.coordination.methodology.importers import ProductImporter
from resurs.coordination.methodology.models import Implementation, ProductState
from resurs.coordination.methodology.services import products, reviews
from resurs.coordination.methodology.views.common import (
    PAGE_SIZE,
    PRODUCT_TABS,
    PRODUCTS_TITLE,
    _fields,
    _import_url,
    _is_fragment,
    _products_crumb,
    _tab,
    _transition,
)
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit

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
