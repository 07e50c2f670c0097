"""EVT-4: publications: list, XLSX export, card, creating and editing."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from resurs.coordination.events import forms, permissions, selectors, services
from resurs.coordination.events.views.common import (
    PUBLICATIONS_CRUMB,
    is_fragment,
    own_organisation,
    paginate,
    without_version,
)
from resurs.kernel import documents
from resurs.kernel.audit.services import history_of
from resurs.kernel.russian import shorten
from resurs.kernel.ui.pages import form_page as _form_page
from resurs.kernel.ui.pages import submit as _submit


@login_required
def publication_list(request):
    form = forms.PublicationFilterForm(request.GET or None, who=request)
    context = {
        "title": "Публикации",
        "breadcrumbs": [("Публикации", None)],
        "filter_form": form,
        "page_obj": paginate(request, selectors.publications_visible_to(request, form.filters())),
        "can_create": permissions.can_create(request.scope),
    }
    if is_fragment(request, "results"):
        return render(request, "events/publications.html#results", context)
    return render(request, "events/publications.html", context)


PUBLICATION_EXPORT_COLUMNS = (
    ("Дата", 12),
    ("Канал", 18),
    ("Заголовок", 60),
    ("Издание, площадка", 30),
    ("СМИ", 6),
    ("Ссылка", 40),
    ("Организация", 40),
    ("Направление", 30),
    ("Пункт медиаплана", 50),
)


@login_required
def publication_export(request):
    form = forms.PublicationFilterForm(request.GET or None, who=request)
    rows = (
        (
            p.published_on,
            p.get_channel_display(),
            p.title,
            p.outlet,
            "да" if p.is_mass_media else "",
            p.link,
            str(p.organisation),
            str(p.direction or ""),
            str(p.plan_item or ""),
        )
        for p in selectors.publications_visible_to(request, form.filters()).iterator(
            chunk_size=2000
        )
    )
    return documents.render(
        documents.Document(
            filename="publications",
            title="Публикации",
            columns=PUBLICATION_EXPORT_COLUMNS,
            rows=rows,
        ),
        "xlsx",
    )


def _publication_initial(request) -> dict:
    """«Внести публикацию» from a media-plan item or an event card pre-selects them."""
    initial = {}
    for name in ("plan_item", "event"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def publication_create(request):
    if not permissions.can_create(request.scope):
        raise PermissionDenied
    form = forms.PublicationForm(
        request.POST or None, scope=request.scope, initial=_publication_initial(request)
    )

    def write(data):
        fields = without_version(data)
        organisation = own_organisation(request, fields)
        # Unticked «в СМИ» on a new record: the channel decides (a newspaper is mass media).
        is_mass_media = fields.pop("is_mass_media") or None
        return services.publication_create(
            by=request.membership,
            organisation=organisation,
            is_mass_media=is_mass_media,
            **fields,
        )

    done = _submit(
        request,
        form,
        write,
        success="Публикация внесена.",
        target=lambda publication: publication.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title="Новая публикация",
        breadcrumbs=[PUBLICATIONS_CRUMB, ("Новая публикация", None)],
        cancel_url=reverse("events:publication_list"),
    )


@login_required
def publication_detail(request, pk):
    publication = selectors.publication_for(request, pk)
    return render(
        request,
        "events/publication_detail.html",
        {
            "publication": publication,
            "title": publication.title,
            "breadcrumbs": [PUBLICATIONS_CRUMB, (publication.title, None)],
            "can_edit": permissions.can_keep_records(request.scope, publication.organisation_id),
            "history": history_of(publication),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request, pk):
    publication = selectors.publication_for(request, pk)
    if not permissions.can_keep_records(request.scope, publication.organisation_id):
        raise PermissionDenied
    form = forms.PublicationForm(request.POST or None, instance=publication, scope=request.scope)
    done = _submit(
        request,
        form,
        lambda data: services.publication_update(
            by=request.membership,
            publication=publication,
            expected_version=data.get("version"),
            **without_version(data),
        ),
        success="Изменения сохранены.",
        target=publication.get_absolute_url(),
    )
    return done or _form_page(
        request,
        form=form,
        title=f"Изменение: {shorten(publication.title, 80)}",
        breadcrumbs=[
            PUBLICATIONS_CRUMB,
            (publication.title, publication.get_absolute_url()),
            ("Изменение", None),
        ],
        cancel_url=publication.get_absolute_url(),
    )
