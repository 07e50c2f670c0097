"""Methodology pages — the expert council."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from resurs.coordination.methodology import permissions, selectors
from resurs.coordination.methodology.forms import (
    CouncilForm,
)
from resurs.coordination.methodology.models import ExpertCouncil
from resurs.coordination.methodology.services import reviews
from resurs.coordination.methodology.views.common import (
    COUNCIL_TITLE,
    _fields,
)
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit

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
