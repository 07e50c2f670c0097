"""Pages around the data bank: the head's duplicates queue, the access log of the
institution, and what the region-wide roles see — a card only after stating a reason, and
counts without names (SPEC §0, X-3)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from resurs.casework.citizens import duplicates as duplicate_queue
from resurs.casework.citizens import forms, permissions, selectors
from resurs.casework.citizens.accesslog import open_with_reason
from resurs.casework.citizens.identity import snils_digits
from resurs.casework.citizens.models import DuplicateDecision, DuplicateLink, Person
from resurs.kernel.writes.errors import DomainError

PAGE_SIZE = 50


@login_required
def duplicates(request):
    """SOC-4: the head's queue of likely duplicates of the unit, and the decisions taken."""
    if not permissions.can_decide_duplicates(request.scope):
        raise PermissionDenied
    decided = (
        DuplicateLink.objects.visible_to(request)
        .filter(undone_at__isnull=True)
        .select_related("first", "second", "decided_by")[:100]
    )
    return render(
        request,
        "citizens/duplicates.html",
        {
            "title": "Возможные дубликаты карточек",
            "breadcrumbs": [("Дубликаты", None)],
            "pairs": duplicate_queue.queue(request),
            "decided": list(decided),
            "decisions": DuplicateDecision,
        },
    )


@login_required
@require_POST
def duplicate_decide(request):
    visible = Person.objects.visible_to(request)
    first = get_object_or_404(visible, pk=_int(request.POST.get("first")))
    second = get_object_or_404(visible, pk=_int(request.POST.get("second")))
    try:
        duplicate_queue.decide(
            by=request.membership,
            first=first,
            second=second,
            decision=request.POST.get("decision", ""),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Решение принято; обе карточки сохранены.")
    return redirect("citizens:duplicates")


@login_required
@require_POST
def duplicate_undo(request, pk):
    link = get_object_or_404(DuplicateLink.objects.visible_to(request), pk=pk)
    try:
        duplicate_queue.undo(by=request.membership, link=link)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Решение отменено: пара вернулась в очередь.")
    return redirect("citizens:duplicates")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
def access_log(request):
    """X-3: «Журнал доступа к персональным данным» of the institution (provider role) or the
    unit (head); openings by region-wide roles show their stated reason."""
    if not permissions.can_read_access_log(request.scope):
        raise PermissionDenied
    form = forms.AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = selectors.access_log(
        request,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        role=filters.get("role") or "",
    )
    return render(
        request,
        "citizens/access_log.html",
        {
            "title": "Журнал доступа к персональным данным",
            "breadcrumbs": [("Журнал доступа", None)],
            "filter_form": form,
            "page_obj": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def reasoned_access(request):
    """SPEC §0: a region-wide user finds a person by the whole СНИЛС (POSTed) and states a
    reason; then the card opens (and every opening is logged with the reason)."""
    if not permissions.can_open_with_reason(request.scope):
        raise PermissionDenied
    form = forms.ReasonSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = selectors.find_for_reason(snils_digits(form.cleaned_data["snils"]))
        if person is None:
            form.add_error("snils", "Гражданин с таким СНИЛС в банке данных не найден.")
        else:
            try:
                open_with_reason(
                    by=request.membership, person=person, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                form.add_error("reason", str(exc))
            else:
                messages.info(request, "Доступ открыт; основание записано в журнал доступа.")
                return redirect(person.get_absolute_url())
    return render(
        request,
        "citizens/reasoned_access.html",
        {
            "title": "Доступ к карточке по основанию",
            "breadcrumbs": [("Доступ по основанию", None)],
            "form": form,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def statistics(request):
    """Counts of persons by target group per institution, for the region-wide roles: no
    names, no cards."""
    if not permissions.can_open_with_reason(request.scope):
        raise PermissionDenied
    return render(
        request,
        "citizens/statistics.html",
        {
            "title": "Банк данных: численность по целевым группам",
            "breadcrumbs": [("Численность по целевым группам", None)],
            "rows": selectors.counts_by_group(),
        },
    )
