"""Methodology pages — best practices and their replication (REG-3)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from resurs.coordination.methodology import exporters, permissions, selectors
from resurs.coordination.methodology.forms import (
    AnalysisForm,
    PracticeFilterForm,
    PracticeForm,
    ReplicationForm,
)
from resurs.coordination.methodology.importers import PracticeImporter
from resurs.coordination.methodology.services import practices, replications
from resurs.coordination.methodology.views.common import (
    PAGE_SIZE,
    PRACTICE_TABS,
    PRACTICES_TITLE,
    _fields,
    _import_url,
    _is_fragment,
    _practices_crumb,
    _tab,
    _transition,
)
from resurs.kernel.audit.services import history_of
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit

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
